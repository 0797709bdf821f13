import type { DecisionRecord, ReviewState } from './review';
import { DECISION_STAGE, latestDecision, reviewState } from './review';
import type { EvidenceItem, IdeaSource } from './evidence';
import { countByKind, sourceOfLabels } from './evidence';
import type { ExperimentLink, Outcome } from './experiments';
import { experimentEnded, outcomeStage } from './experiments';
import { compareScores, scoreOf, type Score, type ScoreInputs, type ScoringModel } from './scoring';
import {
  currentStage,
  type Stage,
  type StageEvent,
  type StageMap,
  type StatusCategory,
  type StatusRef
} from './stages';

/**
 * The backlog as the macro shows it: each idea with its stage, score, votes, evidence, review
 * flag and experiment, built from the Jira issues and Tandem's records of this macro instance.
 */

export interface IdeaIssue {
  id: string;
  key: string;
  summary: string;
  status: StatusRef;
  /** When the status last changed category (Jira's statuscategorychangedate), if known. */
  statusChangedAt: string | null;
  labels: string[];
  createdAt: string;
  inputs: ScoreInputs;
}

/** The Jira side of an experiment made from an idea, read when the backlog is shown. */
export interface ExperimentIssueState {
  statusName: string;
  statusCategory: StatusCategory;
}

export interface IdeaRecords {
  votes: string[];
  evidence: EvidenceItem[];
  decisions: DecisionRecord[];
  experiment: ExperimentLink | null;
  outcome: Outcome | null;
}

export const EMPTY_RECORDS: IdeaRecords = {
  votes: [],
  evidence: [],
  decisions: [],
  experiment: null,
  outcome: null
};

export interface IdeaView {
  id: string;
  key: string;
  summary: string;
  status: StatusRef;
  stage: Stage;
  /** Whether the stage comes from the Jira status or from Tandem's last decision or outcome. */
  stageFrom: 'status' | 'tandem';
  source: IdeaSource | null;
  createdAt: string;
  ageDays: number;
  inputs: ScoreInputs;
  score: Score;
  votes: number;
  voted: boolean;
  evidence: EvidenceItem[];
  evidenceCount: number;
  evidenceByKind: Partial<Record<EvidenceItem['kind'], number>>;
  review: ReviewState;
  /** Latest first. */
  decisions: DecisionRecord[];
  experiment:
    | (ExperimentLink & { statusName: string | null; statusCategory: StatusCategory | null; ended: boolean })
    | null;
  outcome: Outcome | null;
}

const DAY_MS = 24 * 60 * 60 * 1000;

/** Tandem's latest stage for the idea: the newer of the last decision and the outcome. */
export function recordedStage(records: Pick<IdeaRecords, 'decisions' | 'outcome'>): StageEvent | null {
  const last = latestDecision(records.decisions);
  const fromDecision = last ? { stage: DECISION_STAGE[last.decision], at: last.at } : null;
  const fromOutcome = records.outcome
    ? { stage: outcomeStage(records.outcome), at: records.outcome.at }
    : null;
  if (!fromDecision) return fromOutcome;
  if (!fromOutcome) return fromDecision;
  return Date.parse(fromOutcome.at) >= Date.parse(fromDecision.at) ? fromOutcome : fromDecision;
}

export function ideaView(input: {
  issue: IdeaIssue;
  records: IdeaRecords;
  model: ScoringModel;
  stageMap: StageMap;
  cadenceDays: number;
  caller: string;
  now: Date;
  today: string;
  experimentIssue: ExperimentIssueState | null;
}): IdeaView {
  const { issue, records, now } = input;
  const { stage, from } = currentStage(
    issue.status,
    input.stageMap,
    issue.statusChangedAt,
    recordedStage(records)
  );
  const decisions = [...records.decisions].sort((a, b) => Date.parse(b.at) - Date.parse(a.at));
  const evidence = [...records.evidence].sort((a, b) => Date.parse(a.addedAt) - Date.parse(b.addedAt));
  const experiment = records.experiment
    ? {
        ...records.experiment,
        statusName: input.experimentIssue?.statusName ?? null,
        statusCategory: input.experimentIssue?.statusCategory ?? null,
        ended: experimentEnded(records.experiment, input.experimentIssue?.statusCategory ?? null, input.today)
      }
    : null;
  return {
    id: issue.id,
    key: issue.key,
    summary: issue.summary,
    status: issue.status,
    stage,
    stageFrom: from,
    source: sourceOfLabels(issue.labels),
    createdAt: issue.createdAt,
    ageDays: Math.max(0, Math.floor((now.getTime() - Date.parse(issue.createdAt)) / DAY_MS)),
    inputs: issue.inputs,
    score: scoreOf(input.model, issue.inputs),
    votes: records.votes.length,
    voted: records.votes.includes(input.caller),
    evidence,
    evidenceCount: evidence.length,
    evidenceByKind: countByKind(evidence),
    review: reviewState({
      stage,
      createdAt: issue.createdAt,
      decisions,
      cadenceDays: input.cadenceDays,
      now
    }),
    decisions,
    experiment,
    outcome: records.outcome
  };
}

/** Highest score first; unscored ideas after, most voted first, then newest. */
export function sortIdeas(ideas: readonly IdeaView[]): IdeaView[] {
  return [...ideas].sort(
    (a, b) =>
      compareScores(a.score, b.score) ||
      b.votes - a.votes ||
      Date.parse(b.createdAt) - Date.parse(a.createdAt) ||
      (a.key < b.key ? -1 : a.key > b.key ? 1 : 0)
  );
}
