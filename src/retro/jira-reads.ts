import { loadSettings } from '../capacity/settings-store';
import { addDays } from '../capacity/domain/calendar';
import { KEYS as GUARDRAIL_KEYS, StoredApprovalSchema } from '../guardrails/records';
import { ItemRecordSchema, KEYS as PROVISIONING_KEYS } from '../issue-types/records';
import { jqlString, type RetroJira, type RetroProject, type SearchedIssue } from '../platform/jira-retro';
import type { Store } from '../platform/store';
import { RETRO_ACTION_LABEL, type ActionStatus, type StatusCategory } from './domain/actions';
import { periodFigures, type ApprovalSpan, type PeriodFigures } from './domain/figures';
import type { SessionIssue } from './domain/modes';

/**
 * What the retro reads from Jira, as the caller (so it shows only issues they may see), and from
 * the records the other Tandem capabilities keep (lanes, guardrail approvals).
 */

/** Labels the joint session reads: teams mark blocked work and pending decisions with them. */
export const BLOCKED_LABEL = 'blocked';
export const DECISION_LABEL = 'decision';
/** Work done in the protected "future ops" time carries this label. */
export const FUTURE_OPS_LABEL = 'future-ops';

type Fields = Record<string, unknown>;
const obj = (v: unknown): Fields | null =>
  typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Fields) : null;
const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);

function statusOf(issue: SearchedIssue): { name: string; category: StatusCategory } {
  const status = obj(issue.fields?.status);
  const key = str(obj(status?.statusCategory)?.key);
  const category: StatusCategory =
    key === 'done' ? 'done' : key === 'indeterminate' ? 'indeterminate' : 'new';
  return { name: str(status?.name) ?? '', category };
}

const day = (v: unknown): string | null => (typeof v === 'string' && v.length >= 10 ? v.slice(0, 10) : null);
const labelsOf = (issue: SearchedIssue): string[] =>
  Array.isArray(issue.fields?.labels)
    ? (issue.fields.labels as unknown[]).filter((l): l is string => typeof l === 'string')
    : [];
const laneOf = (issue: SearchedIssue): string | null => str(obj(issue.properties?.tandemLane)?.lane);

/** The Retro Action type's id once the issue types are set up (and the project offers it), else null. */
export async function retroActionType(store: Store, project: RetroProject): Promise<string | null> {
  const record = await store.get(PROVISIONING_KEYS.item('issueType', 'retro-action'), ItemRecordSchema);
  const id =
    record?.jiraId && (record.state === 'created' || record.state === 'adopted') ? record.jiraId : null;
  return id && (project.issueTypes ?? []).some((t) => t.id === id) ? id : null;
}

/** Where an action lands before the types are set up: a Task (or the project's first standard type). */
export function fallbackType(project: RetroProject): string | null {
  const types = (project.issueTypes ?? []).filter((t) => t.subtask !== true);
  return (types.find((t) => t.name === 'Task' || t.name === 'Tâche') ?? types[0])?.id ?? null;
}

/**
 * Retro actions of the project: the open ones (earlier retros' carried over) and this retro's own
 * whatever their status, in one search. An action is found by the `retro-action` label Tandem
 * always sets, or by the Retro Action type once provisioned (for actions people raise by hand).
 */
export async function retroActions(
  jira: RetroJira,
  project: RetroProject,
  typeId: string | null,
  ownIssueIds: readonly string[]
): Promise<ActionStatus[]> {
  const kind = typeId
    ? `(labels = ${jqlString(RETRO_ACTION_LABEL)} OR issuetype = ${typeId})`
    : `labels = ${jqlString(RETRO_ACTION_LABEL)}`;
  const own = ownIssueIds.filter((id) => /^[0-9]{1,18}$/.test(id)).slice(0, 100);
  const scope = own.length
    ? `(statusCategory != Done OR id in (${own.join(', ')}))`
    : 'statusCategory != Done';
  const jql = `project = ${project.id} AND ${kind} AND ${scope} ORDER BY created ASC`;
  const issues = await jira.search(jql, ['summary', 'status', 'assignee', 'duedate'], [], 300);
  return issues.map((issue) => {
    const status = statusOf(issue);
    return {
      issueId: issue.id,
      issueKey: issue.key,
      summary: str(issue.fields?.summary) ?? '',
      status: status.name,
      category: status.category,
      owner: str(obj(issue.fields?.assignee)?.accountId),
      due: day(issue.fields?.duedate)
    };
  });
}

/** The period's figures (docs: README "Retrospective macro"). Reads are bounded: 200 issues each. */
export async function loadFigures(
  jira: RetroJira,
  store: Store,
  project: RetroProject,
  period: { start: string; end: string }
): Promise<PeriodFigures> {
  const after = addDays(period.end, 1);
  const within = (field: string) =>
    `${field} >= ${jqlString(period.start)} AND ${field} < ${jqlString(after)}`;
  const [done, approved, experiments, settings] = await Promise.all([
    jira.search(
      `project = ${project.id} AND ${within('resolved')}`,
      ['resolutiondate', 'labels', 'timeoriginalestimate'],
      ['tandemLane']
    ),
    jira.search(`project = ${project.id} AND tandemApproval IS NOT EMPTY`, ['summary'], []),
    jira.search(
      `project = ${project.id} AND tandemLaneKind = experiments AND (${within('created')} OR ${within('resolved')})`,
      ['summary', 'created', 'resolutiondate', 'status'],
      []
    ),
    loadSettings(store, project.id)
  ]);
  const laneNames = new Map((settings?.settings.lanes ?? []).map((lane) => [lane.id, lane.name]));
  const approvals: ApprovalSpan[] = [];
  // Tandem's own approval records, not the issue property (a copy anyone who edits can overwrite).
  const records = await Promise.all(
    approved.map((i) => store.get(GUARDRAIL_KEYS.approval(i.id), StoredApprovalSchema))
  );
  approved.forEach((issue, index) => {
    const record = records[index]?.record;
    if (!record) return;
    const decided = record.state === 'approved' || record.state === 'rejected';
    approvals.push({
      issueKey: issue.key,
      requestedAt: record.requestedAt,
      decidedAt: decided ? (record.decidedAt ?? null) : null
    });
  });
  const futureOpsHours =
    done
      .filter((i) => labelsOf(i).includes(FUTURE_OPS_LABEL))
      .reduce(
        (sum, i) =>
          sum + (typeof i.fields?.timeoriginalestimate === 'number' ? i.fields.timeoriginalestimate : 0),
        0
      ) / 3600;
  return periodFigures(
    period,
    done.map((i) => {
      const lane = laneOf(i);
      return { lane: lane ? (laneNames.get(lane) ?? lane) : null, resolved: day(i.fields?.resolutiondate) };
    }),
    approvals,
    experiments.map((i) => {
      const status = statusOf(i);
      return {
        issueKey: i.key,
        summary: str(i.fields?.summary) ?? '',
        created: day(i.fields?.created) ?? period.start,
        resolved: day(i.fields?.resolutiondate),
        outcome: status.category === 'done' ? status.name : null
      };
    }),
    settings
      ? {
          hoursPerWeek: settings.settings.futureOpsHoursPerWeek,
          people: settings.settings.people.length,
          loggedHours: futureOpsHours
        }
      : null
  );
}

/** The joint session's issues: open work and what was resolved since the period began. */
export async function sessionIssues(
  jira: RetroJira,
  store: Store,
  project: RetroProject,
  periodStart: string | null
): Promise<SessionIssue[]> {
  const since = periodStart ? ` OR resolved >= ${jqlString(periodStart)}` : '';
  const [issues, settings] = await Promise.all([
    jira.search(
      `project = ${project.id} AND (statusCategory != Done${since}) ORDER BY created ASC`,
      ['summary', 'status', 'labels', 'duedate'],
      ['tandemLane']
    ),
    loadSettings(store, project.id)
  ]);
  const laneNames = new Map((settings?.settings.lanes ?? []).map((lane) => [lane.id, lane.name]));
  return issues.map((issue) => {
    const status = statusOf(issue);
    const labels = labelsOf(issue);
    const lane = laneOf(issue);
    return {
      issueKey: issue.key,
      summary: str(issue.fields?.summary) ?? '',
      lane: lane ? (laneNames.get(lane) ?? lane) : null,
      status: status.name,
      category: status.category,
      due: day(issue.fields?.duedate),
      blocked: labels.includes(BLOCKED_LABEL),
      decision: labels.includes(DECISION_LABEL)
    };
  });
}
