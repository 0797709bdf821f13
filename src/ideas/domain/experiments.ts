import type { Stage, StatusCategory } from './stages';

/**
 * "Turn into experiment" and what comes back: an experiment made from an idea ends (its issue
 * is done, or its stop date passed); its outcome (success metric met or not) and the lesson
 * learnt show on the idea, which is then adopted or goes back to reviewing (seed 003: tolerate
 * failure, but learn from each one).
 */

export interface ExperimentLink {
  issueId: string;
  issueKey: string;
  hypothesis: string;
  successMetric: string;
  /** yyyy-mm-dd */
  stopDate: string;
  createdAt: string;
  createdBy: string;
}

export interface Outcome {
  met: boolean;
  lesson: string;
  at: string;
  by: string;
}

export function outcomeStage(outcome: Pick<Outcome, 'met'>): Stage {
  return outcome.met ? 'adopted' : 'reviewing';
}

/** An experiment has ended when its issue is done or its stop date is behind us. */
export function experimentEnded(
  experiment: Pick<ExperimentLink, 'stopDate'>,
  statusCategory: StatusCategory | null,
  today: string
): boolean {
  return statusCategory === 'done' || experiment.stopDate < today;
}

/** Experiments are small and bounded: a stop date within this many days of today. */
export const MAX_EXPERIMENT_DAYS = 180;

/**
 * The experiments lane as the capacity settings and analysis see it this period (hours). `null`
 * when the project has no capacity settings or no experiments lane.
 */
export interface LaneFigures {
  capacityHours: number;
  loadHours: number;
  unestimatedCount: number;
}

export type HeadroomWarning =
  | { code: 'noExperimentsLane' }
  | { code: 'noHeadroom'; capacityHours: number; loadHours: number }
  | { code: 'unestimatedWork'; count: number; headroomHours: number };

export interface Headroom {
  /** Hours left in the experiments lane this period, null when there is no lane to measure. */
  headroomHours: number | null;
  warning: HeadroomWarning | null;
}

const round1 = (value: number) => Math.round(value * 10) / 10;

/**
 * Headroom = the lane's capacity this period minus its open estimated load (capacity's own
 * figures, docs/capacity.md). No headroom warns; unestimated work warns too, since its hours are
 * unknown and the headroom may be smaller than shown.
 */
export function experimentsHeadroom(lane: LaneFigures | null): Headroom {
  if (!lane) return { headroomHours: null, warning: { code: 'noExperimentsLane' } };
  const headroom = round1(lane.capacityHours - lane.loadHours);
  if (headroom <= 0)
    return {
      headroomHours: headroom,
      warning: {
        code: 'noHeadroom',
        capacityHours: round1(lane.capacityHours),
        loadHours: round1(lane.loadHours)
      }
    };
  if (lane.unestimatedCount > 0)
    return {
      headroomHours: headroom,
      warning: { code: 'unestimatedWork', count: lane.unestimatedCount, headroomHours: headroom }
    };
  return { headroomHours: headroom, warning: null };
}
