import { RETRO_PHASES, type RetroPhase } from './model';

/**
 * Who moves the retro along and what each phase lets people do. The facilitator is the person who
 * inserted the macro (the first editor who configured or moved it) or anyone a facilitator names.
 */

export interface RetroState {
  phase: RetroPhase;
  facilitators: string[];
  /** Bumped by every phase or facilitator change: a move based on an older state is refused. */
  version: number;
  /** The last moves, newest last, capped at PHASE_HISTORY_LIMIT (the retention rule). */
  history: { from: RetroPhase; to: RetroPhase; by: string; at: string }[];
}

/** How many phase moves a retro keeps: enough to see how the session went, bounded in size. */
export const PHASE_HISTORY_LIMIT = 50;
export const FACILITATORS_MAX = 10;

export function initialState(firstFacilitator: string): RetroState {
  return { phase: 'review', facilitators: [firstFacilitator], version: 1, history: [] };
}

export type RetroOperation = 'addCard' | 'editCard' | 'group' | 'vote' | 'createAction';

/** The one phase each operation belongs to; anything else is refused with the phase named. */
const PHASE_OF: Record<RetroOperation, readonly RetroPhase[]> = {
  addCard: ['add'],
  editCard: ['add'],
  group: ['group'],
  vote: ['vote'],
  createAction: ['discuss']
};

export function allowedIn(operation: RetroOperation, phase: RetroPhase): boolean {
  return PHASE_OF[operation].includes(phase);
}

/** The phases where `operation` is allowed, for the refusal's message. */
export function phasesFor(operation: RetroOperation): readonly RetroPhase[] {
  return PHASE_OF[operation];
}

export type PhaseMove =
  | { ok: true; state: RetroState }
  | { ok: false; reason: 'not-facilitator' | 'not-adjacent' | 'stale'; field: string };

/**
 * One step forward or back (back: a facilitator who moved too early), only by a facilitator and
 * only from the state the caller saw, so two facilitators clicking at once do not skip a phase.
 */
export function movePhase(
  state: RetroState,
  to: RetroPhase,
  by: string,
  basedOn: number,
  at: string
): PhaseMove {
  if (!state.facilitators.includes(by)) return { ok: false, reason: 'not-facilitator', field: 'phase' };
  if (basedOn !== state.version) return { ok: false, reason: 'stale', field: 'basedOn' };
  const from = RETRO_PHASES.indexOf(state.phase);
  const target = RETRO_PHASES.indexOf(to);
  if (Math.abs(target - from) !== 1) return { ok: false, reason: 'not-adjacent', field: 'phase' };
  const history = [...state.history, { from: state.phase, to, by, at }].slice(-PHASE_HISTORY_LIMIT);
  return { ok: true, state: { ...state, phase: to, version: state.version + 1, history } };
}

export type FacilitatorChange =
  | { ok: true; state: RetroState }
  | { ok: false; reason: 'not-facilitator' | 'empty' | 'too-many' | 'stale'; field: string };

/** A facilitator names the facilitators; the list never ends up empty. */
export function setFacilitators(
  state: RetroState,
  accountIds: readonly string[],
  by: string,
  basedOn: number
): FacilitatorChange {
  if (!state.facilitators.includes(by))
    return { ok: false, reason: 'not-facilitator', field: 'facilitators' };
  if (basedOn !== state.version) return { ok: false, reason: 'stale', field: 'basedOn' };
  const unique = [...new Set(accountIds)];
  if (unique.length === 0) return { ok: false, reason: 'empty', field: 'facilitators' };
  if (unique.length > FACILITATORS_MAX) return { ok: false, reason: 'too-many', field: 'facilitators' };
  return { ok: true, state: { ...state, facilitators: unique, version: state.version + 1 } };
}
