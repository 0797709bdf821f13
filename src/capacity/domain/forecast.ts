import { isWorkingDay, mondayOf, nthWorkingDay, workingDayOnOrBefore, workingDaysAfter } from './calendar';
import { HORIZON_DAYS, type CapacityModel } from './capacity';

/** Float sums of hours (0.1 + 0.2) must not push a finish one day later. */
const EPSILON = 1e-9;

/** Rule 9: null when the period offers no hours (the "no capacity" warning, not a division). */
export function periodsToClear(loadHours: number, capacityHours: number): number | null {
  if (loadHours <= EPSILON) return 0;
  if (capacityHours <= EPSILON) return null;
  return Math.ceil(loadHours / capacityHours - EPSILON);
}

export type ClearStatus =
  | { status: 'clear' }
  | { status: 'dated'; day: number }
  | { status: 'noCapacity' }
  | { status: 'beyondHorizon' };

export interface LaneWalk {
  /** Finish day of each issue, in the order given; null for unestimated ones or when no date exists. */
  finishes: Array<number | null>;
  clear: ClearStatus;
}

/**
 * Rule 10. Issues come in rank order with their estimates (null = unestimated). Walk the working days
 * from today; issue i finishes on the first working day whose cumulative capacity reaches the cumulative
 * estimate through i. Once the model is stable every working day adds the same hours, so the rest is
 * computed directly (a 10,000-issue lane costs one pass, whatever its dates).
 */
export function walkLane(
  model: CapacityModel,
  laneIndex: number,
  todayDay: number,
  estimates: ReadonlyArray<number | null>
): LaneWalk {
  const finishes: Array<number | null> = new Array<number | null>(estimates.length).fill(null);
  const lastDay = todayDay + HORIZON_DAYS;
  let next = 0;
  let needed = 0;
  let supplied = 0;
  let day = todayDay;
  let failure: ClearStatus | null = null;
  let lastFinish: number | null = null;

  const skipUnestimated = () => {
    while (next < estimates.length && estimates[next] === null) next++;
  };
  skipUnestimated();

  while (next < estimates.length && day < model.stableFrom && day <= lastDay) {
    if (isWorkingDay(day)) {
      supplied += model.laneOnDay(laneIndex, day);
      while (next < estimates.length) {
        const estimate = estimates[next];
        if (estimate === null || estimate === undefined) {
          next++;
          continue;
        }
        if (supplied + EPSILON < needed + estimate) break;
        needed += estimate;
        finishes[next] = day;
        lastFinish = day;
        next++;
      }
    }
    day++;
  }

  skipUnestimated();
  if (next < estimates.length) {
    const perDay = model.laneOnDay(laneIndex, nthWorkingDay(Math.max(day, model.stableFrom), 1));
    if (day > lastDay) failure = { status: 'beyondHorizon' };
    else if (perDay <= EPSILON) failure = { status: 'noCapacity' };
    else {
      for (; next < estimates.length; next++) {
        const estimate = estimates[next];
        if (estimate === null || estimate === undefined) continue;
        needed += estimate;
        const days = Math.max(1, Math.ceil((needed - supplied) / perDay - EPSILON));
        const finish = nthWorkingDay(day, days);
        if (finish > lastDay) {
          failure = { status: 'beyondHorizon' };
          break;
        }
        finishes[next] = finish;
        lastFinish = finish;
      }
    }
  }
  const clear: ClearStatus =
    failure ?? (lastFinish === null ? { status: 'clear' } : { status: 'dated', day: lastFinish });
  return { finishes, clear };
}

/** Rule 10's flag: working days after the target up to and including the finish (0 = on time). */
export function missedBy(targetDay: number, finishDay: number): number {
  return workingDaysAfter(targetDay, finishDay);
}

/** Rule 11: null when nothing was done in the window (no share to judge). */
export function experimentsShareOf(experimentsDoneHours: number, allDoneHours: number): number | null {
  return allDoneHours <= EPSILON ? null : experimentsDoneHours / allDoneHours;
}

export const MONTE_CARLO_TRIALS = 10_000;
export const THROUGHPUT_WEEKS = 12;
export const MIN_HISTORY_WEEKS = 4;
/** A trial that has not finished after ten years stops counting: the lane is beyond any horizon. */
const MAX_SIMULATED_WEEKS = 520;
export const DEFAULT_SEED = 0x7a4de11;

/** mulberry32: tiny, fast and good enough to sample weeks; seeded so every figure is reproducible. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** FNV-1a, so each lane draws its own reproducible sequence from one seed. */
export function hashSeed(seed: number, text: string): number {
  let h = (0x811c9dc5 ^ seed) >>> 0;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

/**
 * Weekly throughput: the 12 complete Monday–Sunday weeks before today's week, oldest first. The lane's
 * history starts at its first week with a resolution; later weeks with none are real zeros.
 */
export function weeklyThroughput(todayDay: number, resolutionDays: ReadonlyArray<number>): number[] {
  const firstMonday = mondayOf(todayDay) - THROUGHPUT_WEEKS * 7;
  const counts = new Array<number>(THROUGHPUT_WEEKS).fill(0);
  for (const day of resolutionDays) {
    const week = Math.floor((day - firstMonday) / 7);
    if (week >= 0 && week < THROUGHPUT_WEEKS) counts[week] = (counts[week] ?? 0) + 1;
  }
  const first = counts.findIndex((count) => count > 0);
  return first < 0 ? [] : counts.slice(first);
}

export type MonteCarloResult =
  | { status: 'nothingOpen'; historyWeeks: number }
  | { status: 'notEnoughHistory'; historyWeeks: number }
  | {
      status: 'forecast';
      historyWeeks: number;
      trials: number;
      /** Weeks to finish in half / 85 % of the trials; null when beyond ten years. */
      p50Weeks: number | null;
      p85Weeks: number | null;
      p50Day: number | null;
      p85Day: number | null;
    };

/** The day a simulated week count lands on: the last working day of the w-th week from today. */
function weekEndDay(todayDay: number, weeks: number): number {
  return Math.max(todayDay, workingDayOnOrBefore(todayDay + weeks * 7 - 1));
}

/** Rule 12: 10,000 trials drawing weeks from the lane's own throughput until its open issues are done. */
export function monteCarlo(
  todayDay: number,
  openCount: number,
  weekly: ReadonlyArray<number>,
  seed: number,
  trials = MONTE_CARLO_TRIALS
): MonteCarloResult {
  const historyWeeks = weekly.length;
  if (historyWeeks < MIN_HISTORY_WEEKS) return { status: 'notEnoughHistory', historyWeeks };
  if (openCount === 0) return { status: 'nothingOpen', historyWeeks };
  const sample = Int32Array.from(weekly);
  // Week counts are bounded, so a counting sort gives the percentiles without sorting 10,000 numbers.
  const histogram = new Int32Array(MAX_SIMULATED_WEEKS + 2);
  const n = sample.length;
  // mulberry32 inlined: this loop runs about a million times for a 10,000-issue project, and a closure
  // call per draw doubled the whole page's compute time.
  let state = seed >>> 0;
  for (let trial = 0; trial < trials; trial++) {
    let remaining = openCount;
    let weeks = 0;
    while (remaining > 0 && weeks <= MAX_SIMULATED_WEEKS) {
      state = (state + 0x6d2b79f5) | 0;
      let t = Math.imul(state ^ (state >>> 15), state | 1);
      t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
      const draw = (t ^ (t >>> 14)) >>> 0;
      remaining -= sample[Math.floor((draw / 4294967296) * n)]!;
      weeks++;
    }
    const bucket = remaining > 0 ? MAX_SIMULATED_WEEKS + 1 : weeks;
    histogram[bucket] = (histogram[bucket] ?? 0) + 1;
  }
  const percentile = (p: number): number | null => {
    const rank = Math.ceil(p * trials);
    let seen = 0;
    for (let weeks = 0; weeks < histogram.length; weeks++) {
      seen += histogram[weeks] ?? 0;
      if (seen >= rank) return weeks > MAX_SIMULATED_WEEKS ? null : weeks;
    }
    return null;
  };
  const p50Weeks = percentile(0.5);
  const p85Weeks = percentile(0.85);
  return {
    status: 'forecast',
    historyWeeks,
    trials,
    p50Weeks,
    p85Weeks,
    p50Day: p50Weeks === null ? null : weekEndDay(todayDay, p50Weeks),
    p85Day: p85Weeks === null ? null : weekEndDay(todayDay, p85Weeks)
  };
}
