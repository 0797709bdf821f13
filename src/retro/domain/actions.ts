import { isIsoDate, toDay, type IsoDate } from '../../capacity/domain/calendar';
import { ACTION_SUMMARY_MAX } from './model';

/**
 * Retro actions are Jira issues (a Retro Action, or a Task labelled `retro-action` before the
 * issue types are set up), so they are followed through where the work is. An action without an
 * owner or a deadline is the one nobody does: both are required.
 */

/** Every retro action carries it: earlier retros' open actions are found by it. */
export const RETRO_ACTION_LABEL = 'retro-action';

export interface ActionRecord {
  id: string;
  issueId: string;
  issueKey: string;
  summary: string;
  owner: string;
  due: IsoDate;
  /** The card it came from, or null for an action raised directly. */
  cardId: string | null;
  createdBy: string;
  createdAt: string;
}

export interface ActionDraft {
  summary: string;
  owner: string | null | undefined;
  due: IsoDate | null | undefined;
}

export type ActionCheck =
  | { ok: true; action: { summary: string; owner: string; due: IsoDate } }
  | { ok: false; field: 'summary' | 'owner' | 'due'; message: string };

/** Checks a draft against the rules; `defaultDue` fills an empty due date. */
export function checkAction(draft: ActionDraft, defaultDue: IsoDate, today: IsoDate): ActionCheck {
  const summary = draft.summary.replace(/\s+/g, ' ').trim();
  if (summary.length === 0) return { ok: false, field: 'summary', message: 'summary: is empty' };
  if (summary.length > ACTION_SUMMARY_MAX)
    return {
      ok: false,
      field: 'summary',
      message: `summary: is longer than ${ACTION_SUMMARY_MAX} characters`
    };
  if (!draft.owner) return { ok: false, field: 'owner', message: 'owner: every action needs an owner' };
  const due = draft.due ?? defaultDue;
  if (!isIsoDate(due)) return { ok: false, field: 'due', message: 'due: must be a date written YYYY-MM-DD' };
  if (toDay(due) < toDay(today)) return { ok: false, field: 'due', message: 'due: is in the past' };
  return { ok: true, action: { summary, owner: draft.owner, due } };
}

export type StatusCategory = 'new' | 'indeterminate' | 'done';

export interface ActionStatus {
  issueId: string;
  issueKey: string;
  summary: string;
  status: string;
  category: StatusCategory;
  owner: string | null;
  due: IsoDate | null;
}

export interface FollowedAction extends ActionStatus {
  overdue: boolean;
}

/**
 * Earlier retros' actions carried over: every one not done yet, oldest due first (the overdue
 * ones are the point of the review), those of this retro left out (they show in its own list).
 */
export function carriedOver(
  open: readonly ActionStatus[],
  ownIssueIds: ReadonlySet<string>,
  today: IsoDate
): FollowedAction[] {
  return open
    .filter((a) => a.category !== 'done' && !ownIssueIds.has(a.issueId))
    .map((a) => ({ ...a, overdue: a.due !== null && toDay(a.due) < toDay(today) }))
    .sort((a, b) => (a.due ?? '9999').localeCompare(b.due ?? '9999') || a.issueKey.localeCompare(b.issueKey));
}

export function isOverdue(due: IsoDate | null, category: StatusCategory, today: IsoDate): boolean {
  return due !== null && category !== 'done' && toDay(due) < toDay(today);
}
