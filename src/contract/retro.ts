// Type-only imports from the modules that define them (never the domain's index), so zod and the
// domain's code stay out of the browser bundles.
import type { FollowedAction, StatusCategory } from '../retro/domain/actions';
import type { BoardView } from '../retro/domain/board';
import type { PeriodFigures } from '../retro/domain/figures';
import type { RetroConfig, RetroPhase } from '../retro/domain/model';
import type { AgendaSlot, EnergyItem, JointSession } from '../retro/domain/modes';

export type {
  AddCardPayload,
  CardPayload,
  ConfigurePayload,
  CreateActionPayload,
  EditCardPayload,
  MoveCardPayload,
  RetroUserSearchPayload,
  SetFacilitatorsPayload,
  SetPhasePayload
} from './retro-payloads';
export type { BoardView, CardView } from '../retro/domain/board';
export type { FollowedAction, StatusCategory } from '../retro/domain/actions';
export type { PeriodFigures } from '../retro/domain/figures';
export type {
  RetroColumn,
  RetroConfig,
  RetroConfigInput,
  RetroFormat,
  RetroMode,
  RetroPhase
} from '../retro/domain/model';
export type {
  AgendaSlot,
  EnergyItem,
  EnergyProposal,
  JointSession,
  SessionIssue
} from '../retro/domain/modes';

/**
 * Resolver keys of the retrospective macro (and its configuration dialog). Reading needs view
 * permission on the page, writing needs edit permission, creating an action needs Create issues in
 * the retro's Jira project — each asked as the caller.
 */
export const RETRO_KEYS = {
  /** Everything the macro shows first: board, actions with live status, carried-over actions, figures. */
  get: 'retro/get',
  /** The board alone (storage only, no Jira search): what a live update refetches. */
  board: 'retro/board',
  /** The configuration dialog's check before `view.submit`; its author becomes the first facilitator. */
  configure: 'retro/configure',
  addCard: 'retro/add-card',
  editCard: 'retro/edit-card',
  deleteCard: 'retro/delete-card',
  moveCard: 'retro/move-card',
  vote: 'retro/vote',
  unvote: 'retro/unvote',
  setPhase: 'retro/set-phase',
  setFacilitators: 'retro/set-facilitators',
  /** A card (or a decision) becomes a Jira issue created as the caller, linked back to the page. */
  createAction: 'retro/create-action',
  /** People who can own an action (assignable in the retro's project). */
  userSearch: 'retro/user-search'
} as const;

export interface RetroPerson {
  displayName: string;
  avatarUrl: string | null;
}

/** What every answer carries: the board as the caller may see it, and who may do what. */
export interface RetroBoardAnswer {
  phase: RetroPhase;
  /** Bumped by phase and facilitator changes; sent back with a phase move. */
  version: number;
  facilitators: string[];
  me: { accountId: string; facilitator: boolean; canEdit: boolean };
  board: BoardView;
  /** Display names of the people the answer names (authors, facilitators, owners). */
  people: Record<string, RetroPerson>;
  energy: EnergyItem[] | null;
  agenda: AgendaSlot[] | null;
  /** The channel live updates arrive on (the macro instance's). */
  channel: string;
}

export interface RetroActionView {
  id: string;
  issueId: string;
  issueKey: string;
  summary: string;
  owner: string;
  due: string;
  cardId: string | null;
  /** Jira's current status; null when the caller can no longer see the issue. */
  status: { name: string; category: StatusCategory } | null;
  overdue: boolean;
}

export interface RetroView extends RetroBoardAnswer {
  config: RetroConfig;
  /** The Jira project the config names, when the caller can see it. */
  project: { id: string; key: string; name: string } | null;
  today: string;
  defaultDue: string;
  actions: RetroActionView[];
  carriedOver: FollowedAction[];
  figures: PeriodFigures | null;
  joint: JointSession | null;
  /** Why some part is empty (no project configured, project not visible…), as codes the UI words. */
  notices: RetroNotice[];
  canCreateIssues: boolean;
}

export type RetroNotice = 'no-project' | 'project-not-visible' | 'no-period' | 'figures-unavailable';

export interface ConfigureAnswer {
  config: RetroConfig;
  facilitators: string[];
}

export interface RetroUserOption {
  accountId: string;
  displayName: string;
  avatarUrl: string | null;
}
