import type { Stage } from './stages';

/**
 * Review cadence and review-mode decisions. An idea still open (captured, reviewing or parked)
 * that nobody reviewed within the cadence is flagged; a decision, dated, resets the flag.
 */

export const DECISIONS = ['keep', 'park', 'drop', 'experiment'] as const;
export type Decision = (typeof DECISIONS)[number];

/** Where each decision puts the idea. "keep" keeps it under review. */
export const DECISION_STAGE: Record<Decision, Stage> = {
  keep: 'reviewing',
  park: 'parked',
  drop: 'dropped',
  experiment: 'experiment'
};

export const MIN_CADENCE_DAYS = 1;
export const MAX_CADENCE_DAYS = 365;
export const DEFAULT_CADENCE_DAYS = 14;

/** Stages that wait for a decision; an experiment, an adopted or a dropped idea does not. */
const REVIEWABLE: ReadonlySet<Stage> = new Set<Stage>(['captured', 'reviewing', 'parked']);

export interface DecisionRecord {
  decision: Decision;
  at: string;
  by: string;
  note: string;
}

const DAY_MS = 24 * 60 * 60 * 1000;

export interface ReviewState {
  flagged: boolean;
  /** The last decision's date, or null when the idea was never reviewed. */
  lastReviewedAt: string | null;
  /** Whole days since the last review (or since creation when never reviewed). */
  daysSinceReview: number;
}

export function reviewState(input: {
  stage: Stage;
  createdAt: string;
  decisions: readonly DecisionRecord[];
  cadenceDays: number;
  now: Date;
}): ReviewState {
  const last = latestDecision(input.decisions);
  const since = last?.at ?? input.createdAt;
  const days = Math.max(0, Math.floor((input.now.getTime() - Date.parse(since)) / DAY_MS));
  return {
    flagged: REVIEWABLE.has(input.stage) && days >= input.cadenceDays,
    lastReviewedAt: last?.at ?? null,
    daysSinceReview: days
  };
}

export function latestDecision(decisions: readonly DecisionRecord[]): DecisionRecord | null {
  let latest: DecisionRecord | null = null;
  for (const d of decisions) if (!latest || Date.parse(d.at) >= Date.parse(latest.at)) latest = d;
  return latest;
}

/**
 * Retention of the decision history: the last DECISIONS_KEPT per idea, and none older than
 * DECISION_RETENTION_DAYS (two years: two full planning cycles back, enough to see why an idea
 * was parked; older reasoning is stale). The latest decision is always kept: it sets the stage.
 */
export const DECISIONS_KEPT = 20;
export const DECISION_RETENTION_DAYS = 730;

export function decisionsToPrune<T extends { at: string }>(decisions: readonly T[], now: Date): T[] {
  const sorted = [...decisions].sort((a, b) => Date.parse(b.at) - Date.parse(a.at));
  const cutoff = now.getTime() - DECISION_RETENTION_DAYS * DAY_MS;
  return sorted.filter((d, index) => index > 0 && (index >= DECISIONS_KEPT || Date.parse(d.at) < cutoff));
}
