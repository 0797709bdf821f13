import { LANGUAGES } from '../contract/language';
import type { ProvisioningRun } from '../contract/provisioning';
import { array, guard, num, object, oneOf, optional, str, type Guard } from '../platform/guard';
import type { ItemRecord } from './records';

/**
 * Provisioning's records as the workflow validator reads them (which issue types are Tandem's, the
 * site's language), checked without zod. Each guard mirrors the zod schema of the same name in
 * records.ts; test/guardrails/record-guards.test.ts holds them to it.
 */

export const itemRecordGuard: Guard<ItemRecord> = guard(
  object({
    key: str(),
    kind: oneOf(['issueType', 'field']),
    state: oneOf(['creating', 'created', 'adopted', 'failed']),
    jiraId: optional(str()),
    jiraName: optional(str()),
    intendedName: optional(str()),
    error: optional(str()),
    updatedAt: str()
  })
);

const projectStatus = object({
  projectId: str(),
  projectKey: optional(str()),
  projectName: optional(str()),
  state: oneOf(['pending', 'done', 'failed', 'not-applicable']),
  reason: optional(str())
});

export const runGuard: Guard<ProvisioningRun> = guard(
  object({
    status: oneOf(['idle', 'queued', 'running', 'waiting-retry', 'done', 'failed']),
    runId: optional(str()),
    language: oneOf(LANGUAGES),
    projectIds: array(str()),
    requestedBy: optional(str()),
    requestedAt: optional(str()),
    startedAt: optional(str()),
    finishedAt: optional(str()),
    attempts: num(),
    nextAttemptAt: optional(str()),
    lastError: optional(str()),
    projects: array(projectStatus)
  })
);
