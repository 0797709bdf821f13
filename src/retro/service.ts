import { randomUUID } from 'node:crypto';
import type { RetroBoardAnswer, RetroPerson } from '../contract/retro';
import { ConflictError, ForbiddenError, InvalidInputError } from '../platform/errors';
import type { CallerContext } from '../platform/resolvers';
import { requireStorable, type Store } from '../platform/store';
import {
  allowedIn,
  initialState,
  movePhase,
  phasesFor,
  setFacilitators,
  type RetroOperation,
  type RetroState
} from './domain/phases';
import { boardView, checkGroup, freeVoteSlot, type CardRecord, type VoteRecord } from './domain/board';
import { columnsOf, type RetroConfig, type RetroPhase } from './domain/model';
import { energyAudit, showAndTellAgenda } from './domain/modes';
import type { ActionRecord } from './domain/actions';
import { ActionSchema, CardSchema, PARTS, RECORD_HEADROOM_BYTES, StateSchema, VoteSchema } from './records';

/**
 * The retro's use cases over KVS. Every card, vote and action is its own record, written by one
 * person under its own key, so concurrent adds, moves and votes all land; the state (phase,
 * facilitators) changes only through a claimed version. Permission checks happen before (the
 * resolver asks Confluence as the caller); `scope.canEdit` is what it answered.
 */

export interface RetroScope {
  store: Store;
  /** Full storage key of a record of this macro instance. */
  key: (...parts: string[]) => string;
  caller: CallerContext;
  canEdit: boolean;
  config: RetroConfig;
  channel: string;
  /** Best-effort live update to everyone on the page; never throws. */
  publish: (payload: Record<string, unknown>) => Promise<void>;
  now: () => Date;
  /** Display names of account ids (null: anonymous board, nobody named). */
  people: (accountIds: readonly string[]) => Promise<Record<string, RetroPerson>>;
}

export interface Loaded {
  state: RetroState | undefined;
  cards: CardRecord[];
  votes: VoteRecord[];
  actions: ActionRecord[];
}

const prefix = (scope: RetroScope, parts: readonly string[]) => `${scope.key(...parts)}:`;

export async function load(scope: RetroScope): Promise<Loaded> {
  const [state, cards, votes, actions] = await Promise.all([
    scope.store.get(scope.key(...PARTS.state), StateSchema),
    scope.store.listByPrefix(prefix(scope, PARTS.cards), CardSchema, 5000),
    scope.store.listByPrefix(prefix(scope, PARTS.votes), VoteSchema, 20000),
    scope.store.listByPrefix(prefix(scope, PARTS.actions), ActionSchema, 1000)
  ]);
  return {
    state,
    cards: cards.map((c) => c.value),
    votes: votes.map((v) => v.value),
    actions: actions.map((a) => a.value)
  };
}

export const phaseOf = (state: RetroState | undefined): RetroPhase => state?.phase ?? 'review';

export async function boardAnswer(scope: RetroScope, loaded?: Loaded): Promise<RetroBoardAnswer> {
  const data = loaded ?? (await load(scope));
  const phase = phaseOf(data.state);
  const me = scope.caller.accountId;
  const board = boardView(scope.config, columnsOf(scope.config), phase, data.cards, data.votes, me);
  const facilitators = data.state?.facilitators ?? [];
  const named = new Set<string>([...facilitators, ...data.actions.map((a) => a.owner)]);
  for (const card of board.cards) if (card.author) named.add(card.author);
  const mode = scope.config.mode;
  // Anonymous energy audits still list the work, never who rated it.
  const visibleCards = data.cards.filter((c) => board.cards.some((v) => v.id === c.id));
  return {
    phase,
    version: data.state?.version ?? 0,
    facilitators,
    me: { accountId: me, facilitator: facilitators.includes(me), canEdit: scope.canEdit },
    board,
    people: await scope.people([...named]),
    energy: mode === 'energy-audit' ? energyAudit(visibleCards) : null,
    agenda:
      mode === 'show-and-tell' && (phase === 'discuss' || phase === 'done')
        ? showAndTellAgenda(data.cards, data.votes, scope.config.timeBoxMinutes)
        : null,
    channel: scope.channel
  };
}

function requireEdit(scope: RetroScope): void {
  if (!scope.canEdit) throw new ForbiddenError('Only people who can edit this page can change the retro');
}

function requirePhase(operation: RetroOperation, phase: RetroPhase): void {
  if (!allowedIn(operation, phase)) {
    const allowed = phasesFor(operation).join(', ');
    throw new InvalidInputError(
      `phase: the retro is in the "${phase}" phase; this can only be done in the "${allowed}" phase`,
      'phase'
    );
  }
}

function requireColumn(scope: RetroScope, column: string): void {
  if (!columnsOf(scope.config).some((c) => c.id === column))
    throw new InvalidInputError(`column: this retro has no column "${column}"`, 'column');
}

async function readCard(scope: RetroScope, cardId: string): Promise<CardRecord> {
  const card = await scope.store.get(scope.key(...PARTS.card(cardId)), CardSchema);
  if (!card)
    throw new InvalidInputError('cardId: no such card on this retro (it may have been deleted)', 'cardId');
  return card;
}

async function currentPhase(scope: RetroScope): Promise<RetroPhase> {
  return phaseOf(await scope.store.get(scope.key(...PARTS.state), StateSchema));
}

async function changed(scope: RetroScope, what: 'board' | 'actions' | 'phase'): Promise<RetroBoardAnswer> {
  // The payload says only what changed: clients refetch what they may see (no card text travels).
  await scope.publish({ what, at: scope.now().toISOString() });
  return boardAnswer(scope);
}

export async function addCard(
  scope: RetroScope,
  input: { column: string; text: string; repetitive?: boolean }
): Promise<RetroBoardAnswer> {
  requireEdit(scope);
  requireColumn(scope, input.column);
  requirePhase('addCard', await currentPhase(scope));
  const card: CardRecord = {
    id: randomUUID(),
    column: input.column,
    text: input.text,
    author: scope.caller.accountId,
    createdAt: scope.now().toISOString(),
    groupId: null,
    ...(scope.config.mode === 'energy-audit' ? { repetitive: input.repetitive === true } : {})
  };
  requireStorable(card, 'text', RECORD_HEADROOM_BYTES);
  // A fresh UUID per card: two people adding at once write two keys, never the same one.
  if (!(await scope.store.setIfAbsent(scope.key(...PARTS.card(card.id)), card)))
    throw new ConflictError('The card could not be added; try again');
  return changed(scope, 'board');
}

export async function editCard(
  scope: RetroScope,
  input: { cardId: string; text: string }
): Promise<RetroBoardAnswer> {
  requireEdit(scope);
  requirePhase('editCard', await currentPhase(scope));
  const card = await readCard(scope, input.cardId);
  if (card.author !== scope.caller.accountId) throw new ForbiddenError('Only its author can change a card');
  const next = { ...card, text: input.text };
  requireStorable(next, 'text', RECORD_HEADROOM_BYTES);
  await scope.store.set(scope.key(...PARTS.card(card.id)), next);
  return changed(scope, 'board');
}

/** The author during the add phase; a facilitator at any phase but done (tidying duplicates). */
export async function deleteCard(scope: RetroScope, input: { cardId: string }): Promise<RetroBoardAnswer> {
  requireEdit(scope);
  const state = await scope.store.get(scope.key(...PARTS.state), StateSchema);
  const phase = phaseOf(state);
  const card = await readCard(scope, input.cardId);
  const facilitator = state?.facilitators.includes(scope.caller.accountId) === true;
  const author = card.author === scope.caller.accountId;
  if (!(facilitator && phase !== 'done') && !(author && phase === 'add'))
    throw new ForbiddenError('Only its author (while cards are added) or a facilitator can delete a card');
  const data = await load(scope);
  const followers = data.cards.filter((c) => c.groupId === card.id);
  const votes = data.votes.filter((v) => v.cardId === card.id);
  // Card, its votes and its group's links go together: nothing is left pointing at a deleted card.
  await scope.store.transact({
    delete: [
      scope.key(...PARTS.card(card.id)),
      ...votes.map((v) => scope.key(...PARTS.vote(v.voter, v.slot)))
    ],
    set: followers.map((f) => ({ key: scope.key(...PARTS.card(f.id)), value: { ...f, groupId: null } }))
  });
  return changed(scope, 'board');
}

export async function moveCard(
  scope: RetroScope,
  input: { cardId: string; column?: string; into?: string | null }
): Promise<RetroBoardAnswer> {
  requireEdit(scope);
  requirePhase('group', await currentPhase(scope));
  if (input.column !== undefined) requireColumn(scope, input.column);
  const data = await load(scope);
  const card = data.cards.find((c) => c.id === input.cardId);
  if (!card)
    throw new InvalidInputError('cardId: no such card on this retro (it may have been deleted)', 'cardId');
  let next: CardRecord = { ...card, ...(input.column !== undefined ? { column: input.column } : {}) };
  if (input.into !== undefined) {
    const check = checkGroup(data.cards, card.id, input.into);
    if (!check.ok) throw new InvalidInputError(check.message, check.field);
    const lead = input.into === null ? undefined : data.cards.find((c) => c.id === input.into);
    // A grouped card sits in its lead's column.
    next = { ...next, groupId: input.into, ...(lead ? { column: lead.column } : {}) };
  }
  // Only this card's record is written: moves of other cards at the same moment all land.
  await scope.store.set(scope.key(...PARTS.card(card.id)), next);
  return changed(scope, 'board');
}

/** Phase claims are kept a day: long enough for any two racing moves, not forever. */
const CLAIM_TTL_SECONDS = 24 * 60 * 60;

/** How often a vote retries when another vote of the same person took the slot first. */
const VOTE_ATTEMPTS = 25;

export async function vote(scope: RetroScope, input: { cardId: string }): Promise<RetroBoardAnswer> {
  requireEdit(scope);
  requirePhase('vote', await currentPhase(scope));
  await readCard(scope, input.cardId);
  const voter = scope.caller.accountId;
  for (let attempt = 0; attempt < VOTE_ATTEMPTS; attempt += 1) {
    const mine = await scope.store.listByPrefix(prefix(scope, PARTS.votesOf(voter)), VoteSchema, 100);
    const slot = freeVoteSlot(
      mine.map((v) => v.value),
      voter,
      scope.config.votesPerPerson
    );
    if (slot === null)
      throw new InvalidInputError(
        `cardId: you have used all ${scope.config.votesPerPerson} of your votes; remove one first`,
        'cardId'
      );
    const record: VoteRecord = { voter, slot, cardId: input.cardId };
    // Write-if-absent on the slot: two votes of one person racing cannot both take the last slot.
    if (await scope.store.setIfAbsent(scope.key(...PARTS.vote(voter, slot)), record))
      return changed(scope, 'board');
  }
  throw new ConflictError('Your vote could not be recorded; try again');
}

export async function unvote(scope: RetroScope, input: { cardId: string }): Promise<RetroBoardAnswer> {
  requireEdit(scope);
  requirePhase('vote', await currentPhase(scope));
  const voter = scope.caller.accountId;
  const mine = await scope.store.listByPrefix(prefix(scope, PARTS.votesOf(voter)), VoteSchema, 100);
  const hit = mine.find((v) => v.value.cardId === input.cardId);
  if (!hit) throw new InvalidInputError('cardId: you have no vote on this card', 'cardId');
  await scope.store.delete(hit.key);
  return changed(scope, 'board');
}

/**
 * The first editor who configures or starts the retro becomes its facilitator (Confluence does not
 * tell an app who inserted a macro; the configuration dialog's author is the closest fact).
 */
export async function ensureState(scope: RetroScope): Promise<RetroState> {
  const key = scope.key(...PARTS.state);
  const existing = await scope.store.get(key, StateSchema);
  if (existing) return existing;
  requireEdit(scope);
  await scope.store.setIfAbsent(key, initialState(scope.caller.accountId));
  const state = await scope.store.get(key, StateSchema);
  if (!state) throw new ConflictError('The retro could not be started; try again');
  return state;
}

async function writeState(scope: RetroScope, next: RetroState): Promise<void> {
  requireStorable(next, 'phase', RECORD_HEADROOM_BYTES);
  // A claim only has to outlive the race it settles: it expires after a day (retention).
  const claimed = await scope.store.setIfAbsent(
    scope.key(...PARTS.claim(next.version)),
    { by: scope.caller.accountId, at: scope.now().toISOString() },
    CLAIM_TTL_SECONDS
  );
  if (!claimed) throw new ConflictError('basedOn: someone moved the retro at the same moment; reload');
  await scope.store.set(scope.key(...PARTS.state), next);
}

export async function setPhase(
  scope: RetroScope,
  input: { phase: RetroPhase; basedOn: number }
): Promise<RetroBoardAnswer> {
  requireEdit(scope);
  const state = await ensureState(scope);
  const result = movePhase(
    state,
    input.phase,
    scope.caller.accountId,
    input.basedOn,
    scope.now().toISOString()
  );
  if (!result.ok) {
    if (result.reason === 'not-facilitator')
      throw new ForbiddenError('Only a facilitator can move the retro to another phase');
    if (result.reason === 'stale')
      throw new ConflictError('basedOn: the retro moved on since you loaded it; reload');
    throw new InvalidInputError(
      `phase: the retro is in the "${state.phase}" phase and moves one step at a time, not to "${input.phase}"`,
      'phase'
    );
  }
  await writeState(scope, result.state);
  return changed(scope, 'phase');
}

export async function changeFacilitators(
  scope: RetroScope,
  input: { accountIds: string[]; basedOn: number }
): Promise<RetroBoardAnswer> {
  requireEdit(scope);
  const state = await ensureState(scope);
  const result = setFacilitators(state, input.accountIds, scope.caller.accountId, input.basedOn);
  if (!result.ok) {
    if (result.reason === 'not-facilitator')
      throw new ForbiddenError('Only a facilitator can name facilitators');
    if (result.reason === 'stale')
      throw new ConflictError('basedOn: the retro changed since you loaded it; reload');
    throw new InvalidInputError('accountIds: between 1 and 10 facilitators', 'accountIds');
  }
  await writeState(scope, result.state);
  return changed(scope, 'phase');
}
