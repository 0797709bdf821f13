import type { RetroColumn, RetroConfig, RetroPhase } from './model';

/**
 * Cards, groups and votes, and what each person sees of them. Each card and each vote is its own
 * stored record (written by one person, keyed by its own id), so people adding, moving and voting
 * at the same moment never overwrite each other; the board is assembled from them here.
 */

export interface CardRecord {
  id: string;
  column: string;
  text: string;
  /** Kept even on anonymous retros so authors can edit their own cards; never sent to others then. */
  author: string;
  createdAt: string;
  /** The card this one is grouped under (a group is led by its first card), or null. */
  groupId: string | null;
  /** Energy audit: the kind of work comes back every week or month. */
  repetitive?: boolean;
}

/** One vote = one slot of the voter's allowance (`slot` < votes per person), so a limit holds under races. */
export interface VoteRecord {
  voter: string;
  slot: number;
  cardId: string;
}

export interface CardView {
  id: string;
  column: string;
  text: string;
  mine: boolean;
  /** Null when the retro is anonymous (and for one's own cards, which say `mine`). */
  author: string | null;
  groupId: string | null;
  repetitive: boolean;
  /** Votes on the card (on its group when it leads one); null while voting is still going on. */
  votes: number | null;
  myVotes: number;
}

export interface BoardView {
  columns: RetroColumn[];
  cards: CardView[];
  /** Cards of others not shown yet (the add phase of a named retro), per column. */
  hiddenCounts: Record<string, number>;
  votes: { perPerson: number; used: number; left: number };
}

/**
 * During the add phase people write without being swayed: on a named retro others' cards are
 * hidden (only counted); on an anonymous one they are shown, without author. Votes are secret
 * until the vote phase is over, so the first voters do not steer the rest.
 */
export function boardView(
  config: RetroConfig,
  columns: RetroColumn[],
  phase: RetroPhase,
  cards: readonly CardRecord[],
  votes: readonly VoteRecord[],
  viewer: string
): BoardView {
  const columnIds = new Set(columns.map((c) => c.id));
  const hiddenCounts: Record<string, number> = {};
  const tally = new Map<string, number>();
  const mineTally = new Map<string, number>();
  const live = new Set(cards.map((c) => c.id));
  for (const vote of votes) {
    if (!live.has(vote.cardId)) continue;
    tally.set(vote.cardId, (tally.get(vote.cardId) ?? 0) + 1);
    if (vote.voter === viewer) mineTally.set(vote.cardId, (mineTally.get(vote.cardId) ?? 0) + 1);
  }
  const votesVisible = phase === 'discuss' || phase === 'done';
  const groupTotal = (lead: string) =>
    cards
      .filter((c) => c.id === lead || c.groupId === lead)
      .reduce((sum, c) => sum + (tally.get(c.id) ?? 0), 0);
  const shown: CardView[] = [];
  for (const card of [...cards].sort(byCreation)) {
    // A card whose column the editor removed from the configuration stays visible in the first column.
    const column = columnIds.has(card.column) ? card.column : (columns[0]?.id ?? card.column);
    const mine = card.author === viewer;
    if (phase === 'add' && !mine && !config.anonymous) {
      hiddenCounts[column] = (hiddenCounts[column] ?? 0) + 1;
      continue;
    }
    shown.push({
      id: card.id,
      column,
      text: card.text,
      mine,
      author: config.anonymous || mine ? null : card.author,
      groupId: card.groupId,
      repetitive: card.repetitive === true,
      votes: votesVisible ? (card.groupId === null ? groupTotal(card.id) : (tally.get(card.id) ?? 0)) : null,
      myVotes: mineTally.get(card.id) ?? 0
    });
  }
  const used = votes.filter((v) => v.voter === viewer && live.has(v.cardId)).length;
  return {
    columns,
    cards: shown,
    hiddenCounts,
    votes: { perPerson: config.votesPerPerson, used, left: Math.max(0, config.votesPerPerson - used) }
  };
}

const byCreation = (a: CardRecord, b: CardRecord) =>
  a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : a.id < b.id ? -1 : 1;

/**
 * The slot a new vote takes: the lowest free one below the allowance, or null when every slot is
 * used. The caller claims it with a write that fails if the slot is taken (then asks again).
 */
export function freeVoteSlot(votes: readonly VoteRecord[], voter: string, perPerson: number): number | null {
  const taken = new Set(votes.filter((v) => v.voter === voter).map((v) => v.slot));
  for (let slot = 0; slot < perPerson; slot += 1) if (!taken.has(slot)) return slot;
  return null;
}

export type GroupCheck = { ok: true } | { ok: false; field: string; message: string };

/**
 * Grouping is one level deep: a card joins a lead card (one not itself grouped) in the same column,
 * and a card that leads a group cannot join another (its followers would be orphaned).
 */
export function checkGroup(cards: readonly CardRecord[], cardId: string, into: string | null): GroupCheck {
  const card = cards.find((c) => c.id === cardId);
  if (!card) return { ok: false, field: 'cardId', message: 'cardId: no such card on this retro' };
  if (into === null) return { ok: true };
  if (into === cardId)
    return { ok: false, field: 'into', message: 'into: a card cannot be grouped under itself' };
  const lead = cards.find((c) => c.id === into);
  if (!lead) return { ok: false, field: 'into', message: 'into: no such card on this retro' };
  if (lead.groupId !== null)
    return {
      ok: false,
      field: 'into',
      message: 'into: that card is itself in a group; group under its lead card'
    };
  if (cards.some((c) => c.groupId === cardId))
    return {
      ok: false,
      field: 'cardId',
      message: 'cardId: this card leads a group; ungroup its cards first'
    };
  return { ok: true };
}
