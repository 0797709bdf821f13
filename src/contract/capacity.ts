// Type-only imports from the modules that define them (never the domain's index), so zod and
// the domain's code stay out of the browser bundles.
import type { CapacitySettings } from '../capacity/domain/settings';
import type { BoardView, CellView, PlanView } from '../capacity/domain/views';
import type { LaneDelta } from '../capacity/domain/what-if';

export type {
  CellPayload,
  MovePayload,
  ProjectPayload,
  SettingsSavePayload,
  TimeOffSavePayload,
  UserSearchPayload,
  WhatIfChangeInput,
  WhatIfPayload
} from './capacity-payloads';
export type {
  BoardLaneView,
  BoardView,
  CardView,
  CellView,
  ClearView,
  LaneHeaderView,
  MissedTargetView,
  MonteCarloView,
  PersonView,
  PlanLaneView,
  PlanView,
  WarningView
} from '../capacity/domain/views';
export type { LaneDelta } from '../capacity/domain/what-if';
export type { CapacitySettings, CapacitySettingsInput } from '../capacity/domain/settings';

/**
 * Resolver keys of the "Tandem lanes" project page (board, plan, what-if, card moves) and of
 * the project settings page (lanes, people, time off, rules).
 */
export const CAPACITY_KEYS = {
  /** Board and plan in one answer: what the project page shows first. Browse project. */
  page: 'capacity/page',
  /** "Show more" in one cell of the board. Browse project. */
  cell: 'capacity/cell',
  /** Moves a card to a lane (an override kept in Tandem's storage). Edit issues on that issue. */
  move: 'capacity/move',
  /** Recomputes the plan with people, time off or scope changed; saves nothing. Browse project. */
  whatIf: 'capacity/what-if',
  /** The project's capacity settings and their history. Browse project (editing: project admin). */
  settingsGet: 'capacity/settings-get',
  /** Project administrators (or Jira administrators): a new version of the settings. */
  settingsSave: 'capacity/settings-save',
  /** Anyone who can browse the project: their own time off only. */
  timeOffSave: 'capacity/time-off-save',
  /** People who can be assigned issues in the project, for the people list. */
  userSearch: 'capacity/user-search'
} as const;

export interface ProjectRef {
  id: string;
  key: string;
  name: string;
}

/** The queued job that rewrites the `tandemLane` issue properties after a rule change. */
export interface RelabelProgress {
  status: 'queued' | 'running' | 'done' | 'failed';
  /** Settings version the job labels for. */
  version: string;
  processed: number;
  changed: number;
  startedAt: string;
  finishedAt?: string;
  error?: string;
}

export interface LaneOption {
  id: string;
  name: string;
  kind: CapacitySettings['lanes'][number]['kind'];
}

/** What the project page shows first. `board`/`plan` are null until lanes are set up. */
export interface CapacityPageView {
  project: ProjectRef;
  today: string;
  settingsVersion: string | null;
  /** Project admin or Jira admin: may open the settings page. */
  canConfigure: boolean;
  lanes: LaneOption[];
  board: BoardView | null;
  plan: PlanView | null;
  /** Issues the board counted, and when Jira was read (so people can trust the figures). */
  counted: { issues: number; readAt: string };
  relabel: RelabelProgress | null;
  /**
   * The issues this board was built from, kept an hour for its reader: "show more" and moves send
   * it back and are answered without reading Jira again. Null when it could not be kept.
   */
  snapshot: string | null;
}

/** `snapshot`: the one to send next (a new one when the old had expired and Jira was read again). */
export type CellAnswer = CellView & { offset: number; snapshot: string | null };

export interface WhatIfAnswer {
  plan: PlanView;
  deltas: LaneDelta[];
}

export interface SettingsVersionInfo {
  version: string;
  savedBy: string;
  savedAt: string;
}

export interface SettingsView {
  project: ProjectRef;
  /** The caller (their own time off is editable even when they cannot configure). */
  me: string;
  canConfigure: boolean;
  /** The settings in force; defaults (one run lane) before the first save. */
  settings: CapacitySettings;
  version: string | null;
  history: SettingsVersionInfo[];
  /** For the rule editor: the project's issue types and components. */
  issueTypes: Array<{ id: string; name: string }>;
  components: Array<{ id: string; name: string }>;
  /** Display names of everyone the settings name. */
  people: Record<string, { displayName: string; avatarUrl: string | null }>;
  relabel: RelabelProgress | null;
}

export interface UserOption {
  accountId: string;
  displayName: string;
  avatarUrl: string | null;
}
