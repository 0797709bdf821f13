// Type-only imports from the modules that define them (never the domain's index), so zod and
// the domain's code stay out of the browser bundles.
import type { IdeaView } from '../ideas/domain/backlog';
import type { IdeasConfig } from '../ideas/domain/config';
import type { Headroom } from '../ideas/domain/experiments';
import type { ScoringModel } from '../ideas/domain/scoring';
import type { Stage, StatusRef } from '../ideas/domain/stages';

export type {
  CapturePayload,
  ConfigOptionsPayload,
  DecidePayload,
  EvidenceAddPayload,
  EvidenceRemovePayload,
  ExperimentPayload,
  IdeaPayload,
  OutcomePayload,
  ViewPayload,
  VotePayload
} from './ideas-payloads';
export type { IdeaView, IdeaRecords } from '../ideas/domain/backlog';
export type { IdeasConfig, IdeasConfigInput } from '../ideas/domain/config';
export type { DecisionRecord, Decision, ReviewState } from '../ideas/domain/review';
export type { EvidenceItem, EvidenceKind, IdeaSource } from '../ideas/domain/evidence';
export type { ExperimentLink, Headroom, HeadroomWarning, Outcome } from '../ideas/domain/experiments';
export type { Score, ScoreInput, ScoreInputs, ScoringModel } from '../ideas/domain/scoring';
export type { Stage, StatusCategory, StatusRef } from '../ideas/domain/stages';

/**
 * Resolver keys of the idea backlog macro and its config dialog (IDEA_BACKLOG_KEYS). Reading
 * needs view permission on the page; every write needs edit permission on the page; creating
 * Jira issues also needs Create issues in the project, all asked as the caller.
 */
export const IDEAS_KEYS = {
  /** The backlog: ideas with scores, stages, votes, evidence, review flags. View the page. */
  view: 'ideas/view',
  /** Quick capture: a Strategic Idea issue created as the caller. Edit the page, Create issues. */
  capture: 'ideas/capture',
  /** The caller's vote on an idea, set or withdrawn. Edit the page. */
  vote: 'ideas/vote',
  evidenceAdd: 'ideas/evidence-add',
  evidenceRemove: 'ideas/evidence-remove',
  /** A review-mode decision (keep, park, drop, experiment), dated; resets the review flag. */
  decide: 'ideas/decide',
  /** What "turn into experiment" needs first: the experiments lane's headroom. View the page. */
  experimentCheck: 'ideas/experiment-check',
  /** Creates the linked Experiment issue and records the decision. Edit the page, Create issues. */
  experiment: 'ideas/experiment',
  /** An ended experiment's outcome and lesson, back on its idea. Edit the page. */
  outcome: 'ideas/outcome',
  /** The config dialog's choices: projects and the chosen project's statuses. View the page. */
  configOptions: 'ideas/config-options'
} as const;

export interface ProjectChoice {
  id: string;
  key: string;
  name: string;
}

export interface StageMapping extends StatusRef {
  stage: Stage;
  /** Set in the macro's settings (else the default from the status category). */
  configured: boolean;
}

/** What the macro shows first. `setup` explains why there is no backlog yet (not configured). */
export type BacklogView =
  | {
      state: 'unconfigured';
      canEdit: boolean;
    }
  | {
      state: 'ready';
      project: ProjectChoice;
      config: IdeasConfig;
      model: ScoringModel;
      cadenceDays: number;
      today: string;
      canEdit: boolean;
      /** Create issues in the project: quick capture and "turn into experiment". */
      canCreate: boolean;
      ideas: IdeaView[];
      stages: StageMapping[];
      /**
       * Whether quick capture and "turn into experiment" have a type to create: Strategic Idea and
       * Experiment, or before Tandem's set-up the project's Task labelled `idea` / `experiment`.
       */
      ideaTypeFound: boolean;
      experimentTypeFound: boolean;
      /** The realtime channel the page listens on for others' changes. */
      channel: string;
      readAt: string;
    };

export interface ExperimentCheck {
  headroom: Headroom;
  /** yyyy-mm-dd: the latest stop date accepted. */
  latestStopDate: string;
  today: string;
}

export interface ExperimentCreated {
  idea: IdeaView;
  experimentKey: string;
  /** False when Jira refused the idea → experiment link (the experiment is still recorded). */
  linked: boolean;
  headroom: Headroom;
}

export interface ConfigOptions {
  projects: ProjectChoice[];
  statuses: StageMapping[];
}

/** Answer of every write on one idea: the idea as it now is. */
export interface IdeaAnswer {
  idea: IdeaView;
}
