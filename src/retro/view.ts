import type { RetroActionView, RetroNotice, RetroView } from '../contract/retro';
import type { RetroJira, RetroProject } from '../platform/jira-retro';
import { carriedOver, isOverdue, type ActionStatus } from './domain/actions';
import type { PeriodFigures } from './domain/figures';
import { defaultDueDate } from './domain/model';
import { jointSession, type JointSession } from './domain/modes';
import { loadFigures, retroActions, retroActionType, sessionIssues } from './jira-reads';
import { boardAnswer, load, type RetroScope } from './service';

/** Today in the caller's time zone (Forge's context), as the date people see on their calendar. */
export function todayFor(now: Date, timeZone: string | undefined): string {
  try {
    return new Intl.DateTimeFormat('en-CA', { timeZone: timeZone ?? 'UTC' }).format(now);
  } catch {
    return now.toISOString().slice(0, 10);
  }
}

/**
 * Everything the macro shows first, in one answer: the board, this retro's actions with their live
 * Jira status, earlier retros' open actions, the period's figures and (joint session) the
 * session's issues. A Jira part that fails leaves a notice, not an empty screen.
 */
export async function retroView(
  scope: RetroScope,
  jira: RetroJira,
  canCreate: (project: RetroProject) => Promise<boolean>
): Promise<RetroView> {
  const loaded = await load(scope);
  const config = scope.config;
  const today = todayFor(scope.now(), scope.caller.timezone);
  const notices: RetroNotice[] = [];
  let project: RetroProject | null = null;
  let statuses: ActionStatus[] = [];
  let figures: PeriodFigures | null = null;
  let joint: JointSession | null = null;
  let canCreateIssues = false;

  if (!config.projectKey) notices.push('no-project');
  else {
    project = await jira.projectByKey(config.projectKey);
    if (!project) notices.push('project-not-visible');
  }
  if (project) {
    const visible = project;
    const period =
      config.periodStart && config.periodEnd ? { start: config.periodStart, end: config.periodEnd } : null;
    if (!period) notices.push('no-period');
    const typeId = await retroActionType(scope.store, visible);
    const [actionsRead, figuresRead, sessionRead, create] = await Promise.allSettled([
      retroActions(
        jira,
        visible,
        typeId,
        loaded.actions.map((a) => a.issueId)
      ),
      period ? loadFigures(jira, scope.store, visible, period) : Promise.resolve(null),
      config.mode === 'joint-session'
        ? sessionIssues(jira, scope.store, visible, config.periodStart ?? null)
        : Promise.resolve(null),
      canCreate(visible)
    ]);
    if (actionsRead.status === 'fulfilled') statuses = actionsRead.value;
    else throw actionsRead.reason;
    if (figuresRead.status === 'fulfilled') figures = figuresRead.value;
    else {
      console.warn(
        'retro figures unavailable',
        figuresRead.reason instanceof Error ? figuresRead.reason.message : figuresRead.reason
      );
      notices.push('figures-unavailable');
    }
    if (sessionRead.status === 'fulfilled' && sessionRead.value)
      joint = jointSession(sessionRead.value, config.periodEnd ?? null);
    canCreateIssues = create.status === 'fulfilled' && create.value;
  }

  const byIssue = new Map(statuses.map((s) => [s.issueId, s]));
  const actions: RetroActionView[] = [...loaded.actions]
    .sort((a, b) => a.createdAt.localeCompare(b.createdAt))
    .map((a) => {
      const live = byIssue.get(a.issueId);
      return {
        id: a.id,
        issueId: a.issueId,
        issueKey: a.issueKey,
        summary: live?.summary ?? a.summary,
        owner: live?.owner ?? a.owner,
        due: live?.due ?? a.due,
        cardId: a.cardId,
        status: live ? { name: live.status, category: live.category } : null,
        overdue: isOverdue(live?.due ?? a.due, live?.category ?? 'new', today)
      };
    });
  const carried = carriedOver(statuses, new Set(loaded.actions.map((a) => a.issueId)), today);
  const board = await boardAnswer(scope, loaded);
  const missing = [...new Set([...carried.map((a) => a.owner), ...actions.map((a) => a.owner)])].filter(
    (id): id is string => id !== null && !(id in board.people)
  );
  const people = missing.length ? { ...board.people, ...(await scope.people(missing)) } : board.people;

  return {
    ...board,
    people,
    config,
    project: project ? { id: project.id, key: project.key, name: project.name } : null,
    today,
    defaultDue: defaultDueDate(config, today),
    actions,
    carriedOver: carried,
    figures,
    joint,
    notices,
    canCreateIssues
  };
}
