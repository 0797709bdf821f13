import { randomUUID } from 'node:crypto';
import type { BacklogView, ConfigOptions, IdeaAnswer, ProjectChoice } from '../contract/ideas';
import type {
  CapturePayload,
  DecidePayload,
  EvidenceAddPayload,
  EvidenceRemovePayload,
  VotePayload
} from '../contract/ideas';
import { pageAccess, requirePageEdit, requirePageView } from '../platform/confluence';
import { ConflictError, ForbiddenError, InvalidInputError, PlatformError } from '../platform/errors';
import { jiraAsUser, type JiraClient, type JiraProjectMeta } from '../platform/jira';
import { ideasJiraAsUser, type IdeasJira } from '../platform/jira-ideas';
import type { MacroInstance } from '../platform/macro';
import { macroChannel, publishChange } from '../platform/realtime';
import type { CallerContext } from '../platform/resolvers';
import { requireStorable, type Store } from '../platform/store';
import { todayFor } from '../capacity/today';
import {
  ideaView,
  sortIdeas,
  type IdeaRecords,
  type IdeaView,
  type ExperimentIssueState
} from './domain/backlog';
import { backlogJql, checkConfig, memberJql, type IdeasConfig } from './domain/config';
import { MAX_EVIDENCE_PER_IDEA, safeLink } from './domain/evidence';
import { decisionsToPrune } from './domain/review';
import { effectiveStageMap } from './domain/stages';
import {
  experimentStates,
  fetchIdeas,
  IdeaFieldIds,
  issueTypeIn,
  MAX_IDEAS,
  searchIdeaIds
} from './jira-reads';
import { KEYS, loadIdeaRecords, loadInstanceRecords, RECORD_HEADROOM_BYTES } from './records';

/**
 * The idea backlog's use cases behind the macro's resolvers (docs/architecture.md rules 4–7):
 * reading needs view permission on the page the macro is on, every write needs edit permission
 * there, and creating Jira issues needs Create issues in the project, all asked as the caller.
 * Jira is read as the caller, so the backlog shows only the ideas they may browse. Each write
 * publishes a notice on the instance's realtime channel; the pages re-read through `view`.
 */

export interface IdeasDeps {
  store: Store;
  jira: JiraClient;
  ideasJira: IdeasJira;
  now: () => Date;
}

export const ideasDeps = (store: Store): IdeasDeps => ({
  store,
  jira: jiraAsUser(),
  ideasJira: ideasJiraAsUser(),
  now: () => new Date()
});

export type Instance = MacroInstance;

/** The macro's settings, parsed; a macro not set up yet cannot take writes. */
function readyConfig(inst: Instance): IdeasConfig {
  const checked = checkConfig(inst.config);
  if (checked.ok) return checked.config;
  if (checked.field === null)
    throw new InvalidInputError(
      'config.projectId: this idea backlog is not set up yet; choose its Jira project in the macro settings',
      'config.projectId'
    );
  throw new InvalidInputError(checked.message, checked.field);
}

/** The project as the caller sees it; one they cannot browse is refused without saying if it exists. */
async function projectMeta(jira: JiraClient, projectId: string): Promise<JiraProjectMeta> {
  try {
    return await jira.getProjectMeta(projectId);
  } catch (error) {
    if (error instanceof PlatformError && (error.kind === 'not-found' || error.kind === 'forbidden'))
      throw new ForbiddenError(`Missing the BROWSE_PROJECTS permission on project ${projectId}`);
    throw error;
  }
}

async function canCreateIn(jira: JiraClient, projectId: string): Promise<boolean> {
  const permissions = await jira.myPermissions(['CREATE_ISSUES'], { projectId });
  return permissions.CREATE_ISSUES === true;
}

export async function requireCreate(jira: JiraClient, projectId: string): Promise<void> {
  if (!(await canCreateIn(jira, projectId)))
    throw new ForbiddenError(`Missing the CREATE_ISSUES permission on project ${projectId}`);
}

/**
 * Before an administrator runs Tandem's set-up, the project has no Strategic Idea or Experiment
 * type: teams keep ideas and experiments as tasks labelled `idea` / `experiment` (the demo's
 * story). Capture and experiments then create the project's Task, with those labels, so they land
 * in a backlog filtered on the label and are adopted as they are once the types exist.
 */
function creatableTask(
  types: ReadonlyArray<{ id: string; name: string; subtask?: boolean }>
): { id: string; name: string } | null {
  const task = types.find(
    (t) => t.subtask !== true && ['task', 'tâche'].includes(t.name.trim().toLowerCase())
  );
  return task ? { id: task.id, name: task.name } : null;
}

interface BacklogContext {
  config: IdeasConfig;
  meta: JiraProjectMeta;
  /** The Strategic Idea type: it narrows the default query. */
  ideaType: { id: string; name: string } | null;
  /** What quick capture and "turn into experiment" create (see creatableType). */
  captureType: { id: string; name: string } | null;
  experimentType: { id: string; name: string } | null;
}

export async function backlogContext(deps: IdeasDeps, inst: Instance): Promise<BacklogContext> {
  const config = readyConfig(inst);
  const meta = await projectMeta(deps.jira, config.projectId);
  const types = meta.issueTypes ?? [];
  const [ideaType, experimentType] = await Promise.all([
    issueTypeIn(deps.store, types, 'strategic-idea'),
    issueTypeIn(deps.store, types, 'experiment')
  ]);
  const task = creatableTask(types);
  return {
    config,
    meta,
    ideaType,
    captureType: ideaType ?? task,
    experimentType: experimentType ?? task
  };
}

/** The issue must be one of this backlog's ideas: a write never lands on an issue the page does not show. */
async function requireInBacklog(deps: IdeasDeps, ctx: BacklogContext, issueId: string): Promise<void> {
  const found = await searchIdeaIds(deps.jira, memberJql(ctx.config, ctx.ideaType?.name ?? null, issueId), 1);
  if (!found.includes(issueId))
    throw new InvalidInputError(`issueId: issue ${issueId} is not an idea of this backlog`, 'issueId');
}

function viewOf(
  deps: IdeasDeps,
  ctx: BacklogContext,
  caller: CallerContext,
  issue: Parameters<typeof ideaView>[0]['issue'],
  records: IdeaRecords,
  experiment: ExperimentIssueState | null
): IdeaView {
  const now = deps.now();
  return ideaView({
    issue,
    records,
    model: ctx.config.model,
    stageMap: ctx.config.stageMap,
    cadenceDays: ctx.config.cadenceDays,
    caller: caller.accountId,
    now,
    today: todayFor(now, caller.timezone),
    experimentIssue: experiment
  });
}

/** One idea as it now is, after a write. */
export async function ideaAnswer(
  deps: IdeasDeps,
  ctx: BacklogContext,
  inst: Instance,
  caller: CallerContext,
  issueId: string
): Promise<IdeaView> {
  const [issues, { records }] = await Promise.all([
    fetchIdeas(deps.jira, new IdeaFieldIds(deps.jira, deps.store), [issueId]),
    loadIdeaRecords(deps.store, inst, issueId)
  ]);
  const issue = issues[0];
  if (!issue) throw new ForbiddenError(`You cannot browse issue ${issueId}`);
  const states = records.experiment
    ? await experimentStates(deps.jira, [records.experiment.issueId])
    : new Map<string, ExperimentIssueState>();
  return viewOf(
    deps,
    ctx,
    caller,
    issue,
    records,
    records.experiment ? (states.get(records.experiment.issueId) ?? null) : null
  );
}

export function notify(inst: Instance, change: string, issueId: string, by: string): Promise<void> {
  return publishChange(macroChannel('ideas', inst), { change, issueId, by });
}

// ---- reading ---------------------------------------------------------------------------------

export async function backlogView(
  deps: IdeasDeps,
  inst: Instance,
  caller: CallerContext
): Promise<BacklogView> {
  const access = await pageAccess(inst.pageId, caller.accountId);
  if (!access.canView) throw new ForbiddenError(`You cannot view page ${inst.pageId}`);
  const checked = checkConfig(inst.config);
  if (!checked.ok && checked.field === null) return { state: 'unconfigured', canEdit: access.canEdit };
  const ctx = await backlogContext(deps, inst);
  const fieldIds = new IdeaFieldIds(deps.jira, deps.store);
  const [ids, loaded, canCreate, statuses] = await Promise.all([
    searchIdeaIds(deps.jira, backlogJql(ctx.config, ctx.ideaType?.name ?? null), MAX_IDEAS),
    loadInstanceRecords(deps.store, inst),
    canCreateIn(deps.jira, ctx.config.projectId),
    deps.ideasJira.projectStatuses(ctx.config.projectId)
  ]);
  const issues = await fetchIdeas(deps.jira, fieldIds, ids);
  const experimentIds = issues.flatMap((issue) => {
    const experiment = loaded.byIssue.get(issue.id)?.experiment;
    return experiment ? [experiment.issueId] : [];
  });
  const states =
    experimentIds.length > 0
      ? await experimentStates(deps.jira, experimentIds)
      : new Map<string, ExperimentIssueState>();
  const ideas = sortIdeas(
    issues.map((issue) => {
      const records = loaded.byIssue.get(issue.id) ?? {
        votes: [],
        evidence: [],
        decisions: [],
        experiment: null,
        outcome: null
      };
      return viewOf(
        deps,
        ctx,
        caller,
        issue,
        records,
        records.experiment ? (states.get(records.experiment.issueId) ?? null) : null
      );
    })
  );
  const now = deps.now();
  return {
    state: 'ready',
    project: { id: ctx.meta.id, key: ctx.meta.key, name: ctx.meta.name },
    config: ctx.config,
    model: ctx.config.model,
    cadenceDays: ctx.config.cadenceDays,
    today: todayFor(now, caller.timezone),
    canEdit: access.canEdit,
    canCreate: access.canEdit && canCreate,
    ideas,
    stages: effectiveStageMap(statuses, ctx.config.stageMap),
    ideaTypeFound: ctx.captureType !== null,
    experimentTypeFound: ctx.experimentType !== null,
    channel: macroChannel('ideas', inst),
    readAt: now.toISOString()
  };
}

/** The ideas the export shows: the same backlog, read as the caller. */
export async function exportIdeas(
  deps: IdeasDeps,
  inst: Instance,
  caller: CallerContext
): Promise<{ projectName: string; config: IdeasConfig; ideas: IdeaView[]; today: string } | null> {
  const view = await backlogView(deps, inst, caller);
  if (view.state !== 'ready') return null;
  return { projectName: view.project.name, config: view.config, ideas: view.ideas, today: view.today };
}

export async function configOptions(
  deps: IdeasDeps,
  inst: Instance,
  caller: CallerContext,
  payload: { projectId?: string; query?: string }
): Promise<ConfigOptions> {
  await requirePageView(inst.pageId, caller.accountId);
  const found = await deps.jira.searchProjects({
    ...(payload.query ? { query: payload.query } : {}),
    startAt: 0,
    maxResults: 50
  });
  const projects: ProjectChoice[] = found.projects.map((p) => ({ id: p.id, key: p.key, name: p.name }));
  if (!payload.projectId) return { projects, statuses: [] };
  await projectMeta(deps.jira, payload.projectId);
  const statuses = await deps.ideasJira.projectStatuses(payload.projectId);
  const current = checkConfig(inst.config);
  const map = current.ok && current.config.projectId === payload.projectId ? current.config.stageMap : {};
  return { projects, statuses: effectiveStageMap(statuses, map) };
}

// ---- writes ----------------------------------------------------------------------------------

export async function writeContext(
  deps: IdeasDeps,
  inst: Instance,
  caller: CallerContext,
  issueId: string | null
) {
  await requirePageEdit(inst.pageId, caller.accountId);
  const ctx = await backlogContext(deps, inst);
  if (issueId !== null) await requireInBacklog(deps, ctx, issueId);
  return ctx;
}

export async function capture(
  deps: IdeasDeps,
  inst: Instance,
  caller: CallerContext,
  payload: CapturePayload & { notes: string }
): Promise<IdeaAnswer> {
  const ctx = await writeContext(deps, inst, caller, null);
  await requireCreate(deps.jira, ctx.config.projectId);
  if (!ctx.captureType)
    throw new InvalidInputError(
      `issueType: project ${ctx.meta.key} has no Strategic Idea issue type; a Jira administrator adds it with Tandem's set-up`,
      'issueType'
    );
  const created = await deps.ideasJira.createIssue({
    projectId: ctx.config.projectId,
    issueTypeId: ctx.captureType.id,
    summary: payload.summary,
    description: payload.notes,
    labels: ['idea', `source-${payload.source}`],
    fields: {}
  });
  await notify(inst, 'captured', created.id, caller.accountId);
  return { idea: await ideaAnswer(deps, ctx, inst, caller, created.id) };
}

export async function vote(
  deps: IdeasDeps,
  inst: Instance,
  caller: CallerContext,
  payload: VotePayload
): Promise<IdeaAnswer> {
  const ctx = await writeContext(deps, inst, caller, payload.issueId);
  const key = KEYS.vote(inst, payload.issueId, caller.accountId);
  if (payload.vote) {
    const record = { t: 'vote' as const, accountId: caller.accountId, at: deps.now().toISOString() };
    requireStorable(record, 'vote', 0);
    await deps.store.set(key, record);
  } else await deps.store.delete(key);
  await notify(inst, 'vote', payload.issueId, caller.accountId);
  return { idea: await ideaAnswer(deps, ctx, inst, caller, payload.issueId) };
}

export async function addEvidence(
  deps: IdeasDeps,
  inst: Instance,
  caller: CallerContext,
  payload: EvidenceAddPayload
): Promise<IdeaAnswer> {
  const url = payload.url ? safeLink(payload.url) : null;
  if (payload.url && url === null) throw new InvalidInputError('url: must be an http or https link', 'url');
  const ctx = await writeContext(deps, inst, caller, payload.issueId);
  const { records } = await loadIdeaRecords(deps.store, inst, payload.issueId);
  if (records.evidence.length >= MAX_EVIDENCE_PER_IDEA)
    throw new InvalidInputError(
      `issueId: an idea keeps at most ${MAX_EVIDENCE_PER_IDEA} pieces of evidence; remove one first`,
      'issueId'
    );
  const id = randomUUID();
  const record = {
    t: 'evidence' as const,
    id,
    kind: payload.kind,
    url,
    snippet: url === null ? (payload.snippet ?? null) : null,
    addedBy: caller.accountId,
    addedAt: deps.now().toISOString()
  };
  requireStorable(record, url === null ? 'snippet' : 'url', RECORD_HEADROOM_BYTES);
  if (!(await deps.store.setIfAbsent(KEYS.evidence(inst, payload.issueId, id), record)))
    throw new ConflictError('This evidence was already added');
  await notify(inst, 'evidence', payload.issueId, caller.accountId);
  return { idea: await ideaAnswer(deps, ctx, inst, caller, payload.issueId) };
}

export async function removeEvidence(
  deps: IdeasDeps,
  inst: Instance,
  caller: CallerContext,
  payload: EvidenceRemovePayload
): Promise<IdeaAnswer> {
  const ctx = await writeContext(deps, inst, caller, payload.issueId);
  const { records } = await loadIdeaRecords(deps.store, inst, payload.issueId);
  if (!records.evidence.some((item) => item.id === payload.evidenceId))
    throw new InvalidInputError(`evidenceId: no evidence ${payload.evidenceId} on this idea`, 'evidenceId');
  await deps.store.delete(KEYS.evidence(inst, payload.issueId, payload.evidenceId));
  await notify(inst, 'evidence', payload.issueId, caller.accountId);
  return { idea: await ideaAnswer(deps, ctx, inst, caller, payload.issueId) };
}

/** A decision record and the history it pushes out (retention), written together. */
export async function recordDecision(
  deps: IdeasDeps,
  inst: Instance,
  issueId: string,
  decision: { decision: 'keep' | 'park' | 'drop' | 'experiment'; note: string; by: string; at: string },
  extra: { key: string; value: unknown }[] = []
): Promise<void> {
  const { decisionKeys } = await loadIdeaRecords(deps.store, inst, issueId);
  const id = `${decision.at.replace(/[^0-9]/g, '')}-${randomUUID().slice(0, 8)}`;
  const record = { t: 'decision' as const, id, ...decision };
  requireStorable(record, 'note', RECORD_HEADROOM_BYTES);
  const pruned = decisionsToPrune([...decisionKeys, { key: '', at: decision.at }], deps.now()).filter(
    (d) => d.key !== ''
  );
  await deps.store.transact({
    set: [{ key: KEYS.decision(inst, issueId, id), value: record }, ...extra],
    delete: pruned.map((d) => d.key)
  });
}

export async function decide(
  deps: IdeasDeps,
  inst: Instance,
  caller: CallerContext,
  payload: DecidePayload & { note: string }
): Promise<IdeaAnswer> {
  const ctx = await writeContext(deps, inst, caller, payload.issueId);
  await recordDecision(deps, inst, payload.issueId, {
    decision: payload.decision,
    note: payload.note,
    by: caller.accountId,
    at: deps.now().toISOString()
  });
  await notify(inst, 'decision', payload.issueId, caller.accountId);
  return { idea: await ideaAnswer(deps, ctx, inst, caller, payload.issueId) };
}
