import type { Language, ProjectSchemeStatus, ProvisioningRun } from '../contract/provisioning';
import { PlatformError } from '../platform/errors';
import type { JiraClient, JiraField, JiraIssueType } from '../platform/jira';
import type { Enqueue } from '../platform/queue';
import type { Store } from '../platform/store';
import { FIELDS, FIELD_TYPES, ISSUE_TYPES, type FieldSpec, type IssueTypeSpec } from './domain/catalogue';
import { decideField, decideIssueType, missingOptions, normaliseName, type Decision } from './domain/plan';
import { ItemRecordSchema, InstallRecordSchema, KEYS, RunSchema, type ItemRecord } from './records';

/**
 * The provisioning job: creates or adopts the shared issue types and fields, then adds the
 * types to the chosen projects' issue type schemes. Every step records its outcome before
 * the next starts, so a run that stops half-way resumes where it stopped, and running it
 * again changes nothing.
 */

export interface ProvisioningDeps {
  jira: JiraClient;
  store: Store;
  enqueue: Enqueue;
  now: () => Date;
}

export const MAX_ATTEMPTS = 6;
/** Jira answers 403 to a new app for a few minutes after install while its user is set up. */
export const INSTALL_GRACE_MS = 15 * 60 * 1000;
const LOCK_TTL_SECONDS = 900;
const MAX_DELAY_SECONDS = 900;

export type JobOutcome = 'done' | 'failed' | 'rescheduled' | 'stale' | 'busy';

class RetryLater extends Error {
  constructor(readonly failure: PlatformError) {
    super(failure.message);
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export async function loadItemRecords(store: Store): Promise<Map<string, ItemRecord>> {
  const records = await store.listByPrefix(KEYS.itemPrefix, ItemRecordSchema);
  return new Map(records.map(({ value }) => [`${value.kind}:${value.key}`, value]));
}

export async function runProvisioningJob(runId: string, deps: ProvisioningDeps): Promise<JobOutcome> {
  const { store } = deps;
  const run = await store.get(KEYS.run, RunSchema);
  // Events are delivered at least once: a finished or superseded run is left alone.
  if (!run || run.runId !== runId || !['queued', 'waiting-retry', 'running'].includes(run.status)) {
    return 'stale';
  }
  if (!(await store.setIfAbsent(KEYS.lock, { runId }, LOCK_TTL_SECONDS))) return 'busy';
  try {
    return await execute(run, deps);
  } finally {
    await store.delete(KEYS.lock);
  }
}

async function execute(run: ProvisioningRun, deps: ProvisioningDeps): Promise<JobOutcome> {
  const { store, now } = deps;
  const attempt: ProvisioningRun = {
    ...run,
    status: 'running',
    attempts: run.attempts + 1,
    startedAt: run.startedAt ?? now().toISOString()
  };
  delete attempt.nextAttemptAt;
  await store.set(KEYS.run, attempt);

  const install = await store.get(KEYS.install, InstallRecordSchema);
  const inGrace = install ? now().getTime() - Date.parse(install.installedAt) < INSTALL_GRACE_MS : false;

  try {
    const steps = new Steps(deps, attempt.language, inGrace, await loadItemRecords(store));
    const typeIds = await steps.issueTypes();
    await steps.fields();
    const projects = await steps.projects(attempt.projectIds, typeIds);
    const failed = steps.failures > 0 || projects.some((project) => project.state === 'failed');
    const finished: ProvisioningRun = {
      ...attempt,
      status: failed ? 'failed' : 'done',
      finishedAt: now().toISOString(),
      projects
    };
    if (failed)
      finished.lastError = `${steps.failures} item(s) or project(s) could not be set up; see each reason`;
    else delete finished.lastError;
    await store.set(KEYS.run, finished);
    return failed ? 'failed' : 'done';
  } catch (error) {
    const retry = error instanceof RetryLater ? error.failure : undefined;
    let failure: unknown = retry ?? error;
    if (retry && attempt.attempts < MAX_ATTEMPTS) {
      // Forge queues accept delays up to 15 minutes; past that Jira's next answer says how long again.
      const delaySeconds = Math.min(
        MAX_DELAY_SECONDS,
        Math.max(Math.ceil((retry.details.retryAfterMs ?? 0) / 1000), 30 * 2 ** (attempt.attempts - 1))
      );
      const waiting: ProvisioningRun = {
        ...attempt,
        status: 'waiting-retry',
        lastError: retry.message,
        nextAttemptAt: new Date(now().getTime() + delaySeconds * 1000).toISOString()
      };
      await store.set(KEYS.run, waiting);
      try {
        await deps.enqueue({ runId: attempt.runId }, delaySeconds);
        return 'rescheduled';
      } catch (queueError) {
        // Without a queued retry the run would wait forever: say so, the admin can retry.
        failure = queueError;
      }
    }
    await store.set(KEYS.run, {
      ...attempt,
      status: 'failed',
      finishedAt: now().toISOString(),
      lastError: describe(failure)
    });
    return 'failed';
  }
}

class Steps {
  failures = 0;

  constructor(
    private readonly deps: ProvisioningDeps,
    private readonly language: Language,
    private readonly inInstallGrace: boolean,
    private readonly records: Map<string, ItemRecord>
  ) {}

  /** Transient failures stop the run for a later attempt; the rest fail one item only. */
  private classify(error: unknown): string {
    if (error instanceof PlatformError) {
      if (error.retryable || (error.kind === 'forbidden' && this.inInstallGrace)) throw new RetryLater(error);
      return error.message;
    }
    throw error;
  }

  private async save(record: Omit<ItemRecord, 'updatedAt'>): Promise<void> {
    const full: ItemRecord = { ...record, updatedAt: this.deps.now().toISOString() };
    this.records.set(`${record.kind}:${record.key}`, full);
    await this.deps.store.set(KEYS.item(record.kind, record.key), full);
  }

  private async fail(kind: ItemRecord['kind'], key: string, error: unknown): Promise<void> {
    const message = this.classify(error);
    this.failures++;
    const previous = this.records.get(`${kind}:${key}`);
    await this.save({
      key,
      kind,
      state: 'failed',
      error: message,
      ...(previous?.jiraId ? { jiraId: previous.jiraId } : {})
    });
  }

  /** A `creating` record whose intended name now exists was created by us: not an adoption. */
  private resolveDecision(decision: Decision, record: ItemRecord | undefined): ItemRecord['state'] {
    if (decision.action === 'adopt') {
      const ours = record?.state === 'creating' && record.intendedName !== undefined;
      return ours && normaliseName(record.intendedName ?? '') === normaliseName(decision.name)
        ? 'created'
        : 'adopted';
    }
    if (decision.action === 'keep') return record?.state === 'adopted' ? 'adopted' : 'created';
    return 'created';
  }

  async issueTypes(): Promise<Map<string, string>> {
    let existing: JiraIssueType[];
    try {
      existing = await this.deps.jira.listIssueTypes();
    } catch (error) {
      this.classify(error);
      throw error;
    }
    const ids = new Map<string, string>();
    for (const spec of ISSUE_TYPES) {
      const id = await this.issueType(spec, existing);
      if (id) ids.set(spec.key, id);
    }
    return ids;
  }

  private async issueType(spec: IssueTypeSpec, existing: JiraIssueType[]): Promise<string | undefined> {
    const record = this.records.get(`issueType:${spec.key}`);
    const decision = decideIssueType(spec, this.language, existing, record?.jiraId);
    try {
      if (decision.action !== 'create') {
        await this.save({
          key: spec.key,
          kind: 'issueType',
          state: this.resolveDecision(decision, record),
          jiraId: decision.id,
          jiraName: decision.name
        });
        return decision.id;
      }
      await this.save({ key: spec.key, kind: 'issueType', state: 'creating', intendedName: decision.name });
      const created = await this.deps.jira.createIssueType({
        name: decision.name,
        description: spec.descriptions[this.language]
      });
      existing.push(created);
      await this.save({
        key: spec.key,
        kind: 'issueType',
        state: 'created',
        jiraId: created.id,
        jiraName: created.name
      });
      return created.id;
    } catch (error) {
      await this.fail('issueType', spec.key, error);
      return undefined;
    }
  }

  async fields(): Promise<void> {
    let existing: JiraField[];
    try {
      existing = await this.deps.jira.listFields();
    } catch (error) {
      this.classify(error);
      throw error;
    }
    for (const spec of FIELDS) await this.field(spec, existing);
  }

  private async field(spec: FieldSpec, existing: JiraField[]): Promise<void> {
    const record = this.records.get(`field:${spec.key}`);
    const decision = decideField(spec, this.language, existing, record?.jiraId);
    try {
      let id: string;
      let name: string;
      let state: ItemRecord['state'];
      if (decision.action === 'create') {
        await this.save({ key: spec.key, kind: 'field', state: 'creating', intendedName: decision.name });
        const created = await this.deps.jira.createField({
          name: decision.name,
          description: spec.descriptions[this.language],
          type: FIELD_TYPES[spec.fieldType].type,
          searcherKey: FIELD_TYPES[spec.fieldType].searcherKey
        });
        existing.push(created);
        ({ id, name } = created);
        state = 'created';
      } else {
        ({ id, name } = decision);
        state = this.resolveDecision(decision, record);
      }
      // Options and screen placement only for fields Tandem owns; adopted fields stay as the admin set them.
      if (state === 'created') {
        await this.ensureOptions(spec, id);
        await this.deps.jira.addFieldToDefaultScreen(id);
      }
      await this.save({ key: spec.key, kind: 'field', state, jiraId: id, jiraName: name });
    } catch (error) {
      await this.fail('field', spec.key, error);
    }
  }

  private async ensureOptions(spec: FieldSpec, fieldId: string): Promise<void> {
    if (!spec.options?.length) return;
    const contexts = await this.deps.jira.listFieldContexts(fieldId);
    const context = contexts.find((candidate) => candidate.isGlobalContext) ?? contexts[0];
    if (!context) throw new PlatformError('upstream', `Field ${fieldId} has no context to hold its options`);
    const present = await this.deps.jira.listOptions(fieldId, context.id);
    const missing = missingOptions(
      spec,
      this.language,
      present.map((option) => option.value)
    );
    await this.deps.jira.createOptions(fieldId, context.id, missing);
  }

  async projects(projectIds: string[], typeIds: Map<string, string>): Promise<ProjectSchemeStatus[]> {
    if (projectIds.length === 0) return [];
    const wanted = [...typeIds.values()];
    const statuses = new Map<string, ProjectSchemeStatus>();
    for (const projectId of projectIds) {
      try {
        const project = await this.deps.jira.getProject(projectId);
        const base = { projectId, projectKey: project.key, projectName: project.name };
        if (project.style === 'next-gen' || project.simplified === true) {
          statuses.set(projectId, {
            ...base,
            state: 'not-applicable',
            reason: 'Team-managed project: it has no issue type scheme; add the types in its own settings'
          });
        } else {
          statuses.set(projectId, { ...base, state: 'pending' });
        }
      } catch (error) {
        this.failures++;
        statuses.set(projectId, { projectId, state: 'failed', reason: this.classify(error) });
      }
    }
    const pending = [...statuses.values()]
      .filter((status) => status.state === 'pending')
      .map((s) => s.projectId);
    if (pending.length === 0) return projectIds.map((id) => statuses.get(id)!);
    let schemes: Awaited<ReturnType<JiraClient['issueTypeSchemesForProjects']>>;
    try {
      schemes = await this.deps.jira.issueTypeSchemesForProjects(pending);
    } catch (error) {
      const reason = this.classify(error);
      for (const id of pending) statuses.set(id, { ...statuses.get(id)!, state: 'failed', reason });
      this.failures++;
      return projectIds.map((id) => statuses.get(id)!);
    }
    for (const scheme of schemes) {
      const inScheme = scheme.projectIds.filter((id) => pending.includes(id));
      if (inScheme.length === 0) continue;
      try {
        let reason: string;
        if (scheme.isDefault) {
          reason = "Uses Jira's default issue type scheme, which holds every issue type: nothing to add";
        } else {
          const present = new Set(await this.deps.jira.issueTypeIdsInScheme(scheme.schemeId));
          const missing = wanted.filter((id) => !present.has(id));
          await this.deps.jira.addIssueTypesToScheme(scheme.schemeId, missing);
          const sharedWith = scheme.projectIds.length - inScheme.length;
          reason =
            `${missing.length} type(s) added to scheme "${scheme.schemeName}"` +
            (sharedWith > 0 ? `, which ${sharedWith} other project(s) also use` : '');
        }
        for (const id of inScheme) statuses.set(id, { ...statuses.get(id)!, state: 'done', reason });
      } catch (error) {
        const reason = this.classify(error);
        this.failures++;
        for (const id of inScheme) statuses.set(id, { ...statuses.get(id)!, state: 'failed', reason });
      }
    }
    for (const id of pending) {
      const status = statuses.get(id)!;
      if (status.state === 'pending') {
        statuses.set(id, {
          ...status,
          state: 'not-applicable',
          reason: 'Jira reported no issue type scheme for it'
        });
      }
    }
    return projectIds.map((id) => statuses.get(id)!);
  }
}
