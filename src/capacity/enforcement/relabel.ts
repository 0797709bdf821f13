import { z } from 'zod';
import type { RelabelProgress } from '../../contract/capacity';
import { PlatformError } from '../../platform/errors';
import { CAPACITY_STORE_KEYS, RelabelProgressSchema } from '../settings-store';
import { defaultCapacityDeps, describeError, ENFORCEMENT_KEYS, type CapacityEnforcementDeps } from './deps';
import { LANE_PROPERTY_KEY, lanePropertyOf, sameLaneProperty } from './lane-property';
import { lazySchema } from '../../contract/lazy-schema';

/**
 * The relabel job: after a settings save that changed lanes or rules, every issue of the project
 * gets its `tandemLane` copy recomputed. It pages through the project's issues (lane fields and
 * the current copy in one search page), writes only the copies that differ, and records progress
 * (RelabelProgress, shown on the settings page) and its cursor after each page, so a crash or a
 * time-out resumes where it stopped. A newer save supersedes a running job: the job compares its
 * version with the newest one recorded before each page and stops when it is no longer the newest.
 *
 * Jira's bulk property endpoint (PUT /rest/api/3/issue/properties/{propertyKey}) sets one value on
 * many issues, but it answers with an asynchronous task to poll; per-issue PUTs of the copies that
 * really changed, a few at a time, keep progress exact and each write idempotent.
 */

const CursorSchema = lazySchema(() =>
  z.object({
    version: z.string(),
    nextPageToken: z.string().optional(),
    processed: z.number(),
    changed: z.number(),
    /** Consecutive failed deliveries; reset by a page that succeeds. */
    failures: z.number()
  })
);
type Cursor = z.infer<typeof CursorSchema>;

export const RelabelJobSchema = lazySchema(() =>
  z.object({
    projectId: z.string().regex(/^[0-9]{1,18}$/),
    version: z.string().min(1).max(100)
  })
);

export interface RelabelOptions {
  /** Stop starting pages after this long and queue the rest (the function has 900 s). */
  budgetMs: number;
  pageSize: number;
  /** Property writes in flight at once. */
  concurrency: number;
  /** Failed deliveries in a row before the run is marked failed. */
  maxFailures: number;
  retryDelaySeconds: number;
}

export const DEFAULT_RELABEL_OPTIONS: RelabelOptions = {
  budgetMs: 12 * 60 * 1000,
  pageSize: 100,
  concurrency: 5,
  maxFailures: 5,
  retryDelaySeconds: 60
};

/**
 * Called by the settings save when lanes or rules changed: records that the project has lanes
 * (the trigger's cheap check), marks `version` as the newest run (superseding any older one) and
 * queues it.
 */
export async function enqueueRelabel(
  projectId: string,
  version: string,
  deps: CapacityEnforcementDeps = defaultCapacityDeps
): Promise<RelabelProgress> {
  const job = RelabelJobSchema.parse({ projectId, version });
  const now = deps.now().toISOString();
  const previous = await deps.store.get(ENFORCEMENT_KEYS.relabel(projectId), NewestSchema);
  const progress: RelabelProgress = { status: 'queued', version, processed: 0, changed: 0, startedAt: now };
  const stale =
    previous && previous.version !== version
      ? [
          ENFORCEMENT_KEYS.relabelRun(projectId, previous.version),
          ENFORCEMENT_KEYS.relabelCursor(projectId, previous.version)
        ]
      : [];
  await deps.store.transact({
    set: [
      { key: ENFORCEMENT_KEYS.hasLanes(projectId), value: { at: now } },
      { key: ENFORCEMENT_KEYS.relabel(projectId), value: { version, queuedAt: now } },
      { key: ENFORCEMENT_KEYS.relabelRun(projectId, version), value: progress },
      { key: CAPACITY_STORE_KEYS.relabel(projectId), value: progress }
    ],
    delete: [...stale, ENFORCEMENT_KEYS.relabelCursor(projectId, version)]
  });
  await deps.enqueue({ projectId: job.projectId, version: job.version });
  return progress;
}

const NewestSchema = lazySchema(() => z.object({ version: z.string(), queuedAt: z.string() }));

async function newestVersion(
  deps: Pick<CapacityEnforcementDeps, 'store'>,
  projectId: string
): Promise<string | null> {
  return (await deps.store.get(ENFORCEMENT_KEYS.relabel(projectId), NewestSchema))?.version ?? null;
}

/** The newest run's progress, for the settings and project pages. */
export async function relabelProgress(
  projectId: string,
  deps: Pick<CapacityEnforcementDeps, 'store'> = defaultCapacityDeps
): Promise<RelabelProgress | null> {
  const version = await newestVersion(deps, projectId);
  if (version === null) return null;
  return (
    (await deps.store.get(ENFORCEMENT_KEYS.relabelRun(projectId, version), RelabelProgressSchema)) ?? null
  );
}

export type RelabelOutcome = 'done' | 'continued' | 'superseded' | 'retrying' | 'failed' | 'ignored';

async function isNewest(deps: CapacityEnforcementDeps, projectId: string, version: string): Promise<boolean> {
  return (await newestVersion(deps, projectId)) === version;
}

async function inBatches<T>(items: T[], size: number, run: (item: T) => Promise<void>): Promise<void> {
  for (let i = 0; i < items.length; i += size) await Promise.all(items.slice(i, i + size).map(run));
}

/**
 * The pages read progress from the capacity store's own key (CAPACITY_STORE_KEYS.relabel); the
 * newest run copies its record there. The check and the copy are two calls, so a superseded run
 * may at worst show its figures until the newest run's next page: the record it copies is its
 * own, and the job's decisions never read the copy.
 */
async function showProgress(
  deps: CapacityEnforcementDeps,
  projectId: string,
  version: string,
  progress: RelabelProgress
): Promise<void> {
  if (await isNewest(deps, projectId, version))
    await deps.store.set(CAPACITY_STORE_KEYS.relabel(projectId), progress);
}

export function createRelabelWorker(
  deps: CapacityEnforcementDeps = defaultCapacityDeps,
  options: RelabelOptions = DEFAULT_RELABEL_OPTIONS
): (event: unknown) => Promise<RelabelOutcome> {
  return async (event) => {
    const body = (event as { body?: unknown } | undefined)?.body ?? event;
    const parsed = RelabelJobSchema.safeParse(body);
    if (!parsed.success) {
      deps.log('relabel: not a relabel job');
      return 'ignored';
    }
    const { projectId, version } = parsed.data;
    const started = Date.now();
    const progressKey = ENFORCEMENT_KEYS.relabelRun(projectId, version);
    const cursorKey = ENFORCEMENT_KEYS.relabelCursor(projectId, version);

    const first = await relabelProgress(projectId, deps);
    if (first?.version !== version) return 'superseded';
    if (first.status === 'done' || first.status === 'failed') return 'ignored';

    const stored = await deps.store.get(cursorKey, CursorSchema);
    let cursor: Cursor =
      stored?.version === version ? stored : { version, processed: 0, changed: 0, failures: 0 };
    const record = (patch: Partial<RelabelProgress>): RelabelProgress => ({
      ...first,
      status: 'running',
      processed: cursor.processed,
      changed: cursor.changed,
      ...patch
    });

    try {
      const lanes = await deps.lanes.load(projectId);
      if (!lanes) throw new Error(`project ${projectId} has no capacity settings`);
      const jira = deps.jira();
      await deps.store.set(progressKey, record({}));
      await showProgress(deps, projectId, version, record({}));
      for (let pages = 0; ; pages++) {
        // At least one page per delivery, so a run always moves forward.
        if (pages > 0 && Date.now() - started >= options.budgetMs) {
          await deps.enqueue({ projectId, version });
          return 'continued';
        }
        if (!(await isNewest(deps, projectId, version))) return 'superseded';
        const page = await jira.laneIssuePage({
          projectId,
          propertyKey: LANE_PROPERTY_KEY,
          pageSize: options.pageSize,
          ...(cursor.nextPageToken ? { nextPageToken: cursor.nextPageToken } : {})
        });
        let changed = 0;
        const writes = page.issues.flatMap((issue) => {
          const wanted = lanePropertyOf(issue, lanes);
          return sameLaneProperty(issue.property, wanted) ? [] : [{ id: issue.id, wanted }];
        });
        await inBatches(writes, options.concurrency, async ({ id, wanted }) => {
          await jira.setIssueProperty(id, LANE_PROPERTY_KEY, wanted);
          changed++;
        });
        const { nextPageToken: _previous, ...rest } = cursor;
        cursor = {
          ...rest,
          processed: cursor.processed + page.issues.length,
          changed: cursor.changed + changed,
          failures: 0,
          ...(page.nextPageToken ? { nextPageToken: page.nextPageToken } : {})
        };
        if (!page.nextPageToken) {
          const done = record({ status: 'done', finishedAt: deps.now().toISOString() });
          await deps.store.transact({ set: [{ key: progressKey, value: done }], delete: [cursorKey] });
          await showProgress(deps, projectId, version, done);
          return 'done';
        }
        await deps.store.transact({
          set: [
            { key: cursorKey, value: cursor },
            { key: progressKey, value: record({}) }
          ]
        });
        await showProgress(deps, projectId, version, record({}));
      }
    } catch (error) {
      deps.log(`relabel of project ${projectId} (version ${version}) stopped`, error);
      const failures = cursor.failures + 1;
      const retryable = !(error instanceof PlatformError) || error.retryable;
      if (!(await isNewest(deps, projectId, version).catch(() => false))) return 'superseded';
      if (retryable && failures < options.maxFailures) {
        cursor = { ...cursor, failures };
        await deps.store.set(cursorKey, cursor);
        await deps.store.set(progressKey, record({ error: describeError(error) }));
        await showProgress(deps, projectId, version, record({ error: describeError(error) }));
        await deps.enqueue({ projectId, version }, options.retryDelaySeconds);
        return 'retrying';
      }
      const failed = record({
        status: 'failed',
        finishedAt: deps.now().toISOString(),
        error: describeError(error)
      });
      await deps.store.set(progressKey, failed);
      await showProgress(deps, projectId, version, failed);
      return 'failed';
    }
  };
}
