import { randomUUID } from 'node:crypto';
import type Resolver from '@forge/resolver';
import {
  ACTIVE_STATUSES,
  PROVISIONING_KEYS,
  type ProjectsPage,
  type ProvisioningOverview,
  type ProvisioningRun
} from '../contract/provisioning';
import {
  OverviewPayloadSchema,
  ProjectsPayloadSchema,
  StartProvisioningPayloadSchema
} from '../contract/provisioning-payloads';
import { requireJiraAdmin } from '../platform/auth';
import { jiraAsUser } from '../platform/jira';
import { QUEUES, queueFor } from '../platform/queue';
import { defineResolver } from '../platform/resolvers';
import { forgeStore } from '../platform/store';
import { buildOverview } from './overview';
import { loadItemRecords } from './provisioning';
import { IDLE_RUN, KEYS, LockSchema, RunSchema, isAbandoned } from './records';

const PROJECT_PAGE_SIZE = 25;

/** Every provisioning resolver is for Jira administrators only (docs/architecture.md rule 7). */
export function registerProvisioningResolvers(resolver: Resolver): void {
  defineResolver(
    resolver,
    PROVISIONING_KEYS.overview,
    OverviewPayloadSchema,
    async (): Promise<ProvisioningOverview> => {
      await requireJiraAdmin();
      const jira = jiraAsUser();
      const [records, run, types, fields] = await Promise.all([
        loadItemRecords(forgeStore),
        forgeStore.get(KEYS.run, RunSchema),
        jira.listIssueTypes(),
        jira.listFields()
      ]);
      return buildOverview(records, run ?? IDLE_RUN, { types, fields });
    }
  );

  defineResolver(
    resolver,
    PROVISIONING_KEYS.projects,
    ProjectsPayloadSchema,
    async (payload): Promise<ProjectsPage> => {
      await requireJiraAdmin();
      const startAt = payload.startAt ?? 0;
      const page = await jiraAsUser().searchProjects({
        startAt,
        maxResults: PROJECT_PAGE_SIZE,
        ...(payload.query ? { query: payload.query } : {})
      });
      return {
        startAt,
        isLast: page.isLast,
        projects: page.projects.map((project) => ({
          id: project.id,
          key: project.key,
          name: project.name,
          style: project.style === 'next-gen' || project.simplified === true ? 'next-gen' : 'classic'
        }))
      };
    }
  );

  defineResolver(
    resolver,
    PROVISIONING_KEYS.start,
    StartProvisioningPayloadSchema,
    async (payload, caller): Promise<ProvisioningRun> => {
      await requireJiraAdmin();
      const current = await forgeStore.get(KEYS.run, RunSchema);
      // A second click while a run is in flight joins it instead of starting a rival job,
      // unless that run was abandoned (its worker died, its retry never came).
      if (current && ACTIVE_STATUSES.has(current.status)) {
        const lock = await forgeStore.get(KEYS.lock, LockSchema);
        if (!isAbandoned(current, lock !== undefined, Date.now())) return current;
      }
      const run: ProvisioningRun = {
        status: 'queued',
        runId: randomUUID(),
        language: payload.language,
        projectIds: payload.projectIds,
        requestedBy: caller.accountId,
        requestedAt: new Date().toISOString(),
        attempts: 0,
        projects: payload.projectIds.map((projectId) => ({ projectId, state: 'pending' }))
      };
      await forgeStore.set(KEYS.run, run);
      try {
        await queueFor(QUEUES.provisioning)({ runId: run.runId });
      } catch (error) {
        const failed: ProvisioningRun = {
          ...run,
          status: 'failed',
          lastError: error instanceof Error ? error.message : String(error)
        };
        await forgeStore.set(KEYS.run, failed);
        throw error;
      }
      return run;
    }
  );
}
