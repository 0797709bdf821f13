import { z } from 'zod';
import { LANGUAGES } from '../contract/language';
import type { ProvisioningRun } from '../contract/provisioning';
import { lazySchema } from '../contract/lazy-schema';

export { KEYS } from './record-keys';

/** What provisioning keeps in KVS: one record per catalogue item, the current run, a lock. */

export const ItemRecordSchema = lazySchema(() =>
  z.object({
    key: z.string(),
    kind: z.enum(['issueType', 'field']),
    /** `creating`: a create was sent and its answer not seen; the next run checks by name. */
    state: z.enum(['creating', 'created', 'adopted', 'failed']),
    jiraId: z.string().optional(),
    jiraName: z.string().optional(),
    intendedName: z.string().optional(),
    error: z.string().optional(),
    updatedAt: z.string()
  })
);
export type ItemRecord = z.infer<typeof ItemRecordSchema>;

const ProjectStatusSchema = lazySchema(() =>
  z.object({
    projectId: z.string(),
    projectKey: z.string().optional(),
    projectName: z.string().optional(),
    state: z.enum(['pending', 'done', 'failed', 'not-applicable']),
    reason: z.string().optional()
  })
);

export const RunSchema: z.ZodType<ProvisioningRun> = lazySchema(() =>
  z.object({
    status: z.enum(['idle', 'queued', 'running', 'waiting-retry', 'done', 'failed']),
    runId: z.string().optional(),
    language: z.enum(LANGUAGES),
    projectIds: z.array(z.string()),
    requestedBy: z.string().optional(),
    requestedAt: z.string().optional(),
    startedAt: z.string().optional(),
    finishedAt: z.string().optional(),
    attempts: z.number(),
    nextAttemptAt: z.string().optional(),
    lastError: z.string().optional(),
    projects: z.array(ProjectStatusSchema)
  })
);

export const InstallRecordSchema = lazySchema(() => z.object({ installedAt: z.string() }));

export const IDLE_RUN: ProvisioningRun = {
  status: 'idle',
  language: 'en',
  projectIds: [],
  attempts: 0,
  projects: []
};

export const LockSchema = lazySchema(() => z.object({ runId: z.string() }));

/** Longer than a queue delay (15 min) plus a worker's 15-minute limit would ever explain. */
export const ABANDONED_AFTER_MS = 20 * 60 * 1000;

/**
 * An active run nobody is working on: running without the worker's lock (the worker was
 * killed), or queued / waiting for a retry that is long overdue.
 */
export function isAbandoned(run: ProvisioningRun, locked: boolean, now: number): boolean {
  if (run.status === 'running') return !locked;
  const due = run.status === 'waiting-retry' ? run.nextAttemptAt : run.requestedAt;
  return due !== undefined && now - Date.parse(due) > ABANDONED_AFTER_MS;
}
