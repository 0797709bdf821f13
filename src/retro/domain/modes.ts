import type { CardRecord, VoteRecord } from './board';
import { byLaneNullLast } from './figures';

/**
 * The macro's other modes, on the same cards and votes: the energy audit (kinds of work rated
 * energising / neutral / draining), the show-and-tell agenda and the joint working session.
 */

export type EnergyProposal = 'automate' | 'delegate' | 'eliminate';

export interface EnergyItem {
  /** The kind of work as people wrote it (the first spelling seen). */
  work: string;
  cardIds: string[];
  energising: number;
  neutral: number;
  draining: number;
  repetitive: boolean;
  proposal: EnergyProposal | null;
}

const normalise = (text: string) => text.toLocaleLowerCase().replace(/\s+/g, ' ').trim();

/**
 * Cards naming the same kind of work (same words, or grouped together) are one item. Work most
 * raters find draining is proposed for a change: repetitive work is automated; work someone else
 * finds energising is delegated to them; the rest is a candidate for elimination.
 */
export function energyAudit(cards: readonly CardRecord[]): EnergyItem[] {
  const items = new Map<string, EnergyItem>();
  const leadOf = new Map(cards.map((c) => [c.id, c.groupId ?? c.id]));
  const keyOf = (card: CardRecord) => {
    const lead = cards.find((c) => c.id === leadOf.get(card.id));
    return normalise((lead ?? card).text);
  };
  for (const card of [...cards].sort((a, b) => a.createdAt.localeCompare(b.createdAt))) {
    const key = keyOf(card);
    const item = items.get(key) ?? {
      work: card.text,
      cardIds: [],
      energising: 0,
      neutral: 0,
      draining: 0,
      repetitive: false,
      proposal: null
    };
    item.cardIds.push(card.id);
    if (card.column === 'energising') item.energising += 1;
    else if (card.column === 'draining') item.draining += 1;
    else item.neutral += 1;
    item.repetitive ||= card.repetitive === true;
    items.set(key, item);
  }
  for (const item of items.values()) {
    const raters = item.energising + item.neutral + item.draining;
    if (item.draining * 2 <= raters) continue;
    item.proposal = item.repetitive ? 'automate' : item.energising > 0 ? 'delegate' : 'eliminate';
  }
  return [...items.values()].sort(
    (a, b) => Number(b.proposal !== null) - Number(a.proposal !== null) || b.draining - a.draining
  );
}

export interface AgendaSlot {
  cardId: string;
  votes: number;
  minutes: number;
}

/** The shortest slot a topic gets: below that a presenter cannot show anything. */
export const MIN_SLOT_MINUTES = 5;

/**
 * Show-and-tell: topics in vote order, each given a time box in proportion to its votes (every
 * topic at least five minutes) inside the session's length; topics that do not fit get 0 and
 * wait for the next session.
 */
export function showAndTellAgenda(
  cards: readonly CardRecord[],
  votes: readonly VoteRecord[],
  totalMinutes: number
): AgendaSlot[] {
  const tally = new Map<string, number>();
  for (const v of votes) tally.set(v.cardId, (tally.get(v.cardId) ?? 0) + 1);
  const topics = cards
    .filter((c) => c.groupId === null)
    .map((c) => ({
      cardId: c.id,
      createdAt: c.createdAt,
      votes: cards
        .filter((x) => x.id === c.id || x.groupId === c.id)
        .reduce((s, x) => s + (tally.get(x.id) ?? 0), 0)
    }))
    .sort((a, b) => b.votes - a.votes || a.createdAt.localeCompare(b.createdAt));
  const fitting = Math.min(topics.length, Math.floor(totalMinutes / MIN_SLOT_MINUTES));
  const kept = topics.slice(0, fitting);
  const spare = totalMinutes - fitting * MIN_SLOT_MINUTES;
  const weight = kept.reduce((s, t) => s + t.votes + 1, 0);
  const slots = kept.map((t) => ({
    cardId: t.cardId,
    votes: t.votes,
    minutes: MIN_SLOT_MINUTES + (weight > 0 ? Math.floor((spare * (t.votes + 1)) / weight) : 0)
  }));
  return [...slots, ...topics.slice(fitting).map((t) => ({ cardId: t.cardId, votes: t.votes, minutes: 0 }))];
}

/**
 * Presenters rotate: this session's order starts with the person after whoever opened the last
 * one, so the same people do not always go first (or run out of time).
 */
export function presenterRotation(members: readonly string[], sessionIndex: number): string[] {
  if (members.length === 0) return [];
  const start = ((sessionIndex % members.length) + members.length) % members.length;
  return [...members.slice(start), ...members.slice(0, start)];
}

export interface SessionIssue {
  issueKey: string;
  summary: string;
  lane: string | null;
  status: string;
  category: 'new' | 'indeterminate' | 'done';
  due: string | null;
  blocked: boolean;
  decision: boolean;
}

export interface JointSession {
  progress: { lane: string | null; done: number; inProgress: number; todo: number }[];
  blocked: SessionIssue[];
  decisionsDue: SessionIssue[];
}

/**
 * The joint marketing/IT working session, filled from Jira: progress per lane, what is blocked,
 * and decisions due by the end of the period (oldest first).
 */
export function jointSession(issues: readonly SessionIssue[], periodEnd: string | null): JointSession {
  const lanes = new Map<string | null, { done: number; inProgress: number; todo: number }>();
  for (const i of issues) {
    const row = lanes.get(i.lane) ?? { done: 0, inProgress: 0, todo: 0 };
    if (i.category === 'done') row.done += 1;
    else if (i.category === 'indeterminate') row.inProgress += 1;
    else row.todo += 1;
    lanes.set(i.lane, row);
  }
  return {
    progress: [...lanes.entries()]
      .map(([lane, row]) => ({ lane, ...row }))
      .sort((a, b) => byLaneNullLast(a.lane, b.lane)),
    blocked: issues.filter((i) => i.blocked && i.category !== 'done'),
    decisionsDue: issues
      .filter(
        (i) => i.decision && i.category !== 'done' && (periodEnd === null || (i.due ?? '') <= periodEnd)
      )
      .sort((a, b) => (a.due ?? '9999').localeCompare(b.due ?? '9999'))
  };
}
