import { isWorkingDay, toDay, type Period } from './calendar';
import { type CapacitySettings } from './settings';

/** Forecasts look at most this far ahead; time off beyond it cannot change a figure anyone reads. */
export const HORIZON_DAYS = 3653;
/** Time off further back than this is never needed (4 periods of at most 8 weeks, plus margin). */
const LOOKBACK_DAYS = 400;

export interface DayCapacity {
  /** Hours offered to each lane, in `settings.lanes` order (rules 5–7). */
  lanes: Float64Array;
  /** Hours of protected future-ops time (rule 3), never offered to a lane. */
  protectedHours: number;
  /** People's gross hours (rule 2). */
  grossHours: number;
}

export interface PersonHours {
  days: number;
  gross: number;
  protected: number;
  available: number;
}

interface PersonRates {
  accountId: string;
  gross: number;
  protected: number;
  available: number;
  /** [lane index, share] for each dedicated share. */
  shares: Array<[number, number]>;
  off: Map<number, number>;
}

/**
 * Rules 1–7 for any day, built once per computation. From `stableFrom` on, no time off starts or ends
 * and no dedicated lane opens or closes, so every working day offers the same hours: forecasts use
 * that to jump ahead instead of walking day by day.
 */
export class CapacityModel {
  readonly stableFrom: number;
  private readonly people: PersonRates[];
  private readonly laneWindows: Array<[number, number] | null>;
  private readonly experimentsIndex: number;
  private readonly runIndex: number;
  private readonly cache = new Map<number, DayCapacity>();

  constructor(
    readonly settings: CapacitySettings,
    today: string,
    options: { ignoreTimeOff?: boolean } = {}
  ) {
    const todayDay = toDay(today);
    const windowStart = todayDay - LOOKBACK_DAYS;
    const windowEnd = todayDay + HORIZON_DAYS;
    const laneIndex = new Map(settings.lanes.map((lane, i) => [lane.id, i]));
    this.experimentsIndex = settings.lanes.findIndex((lane) => lane.kind === 'experiments');
    this.runIndex = settings.lanes.findIndex((lane) => lane.kind === 'run');
    let stable = windowStart;

    this.laneWindows = settings.lanes.map((lane) => {
      if (lane.kind !== 'dedicated' || (lane.start === null && lane.end === null)) return null;
      const from = lane.start === null ? -Infinity : toDay(lane.start);
      const to = lane.end === null ? Infinity : toDay(lane.end);
      if (Number.isFinite(from)) stable = Math.max(stable, from);
      if (Number.isFinite(to)) stable = Math.max(stable, to + 1);
      return [from, to];
    });

    this.people = settings.people.map((person) => {
      // Protected time never exceeds what the person works, so available hours are never negative.
      const protectedWeek = Math.min(settings.futureOpsHoursPerWeek, person.hoursPerWeek);
      const shares: Array<[number, number]> = [];
      for (const [laneId, share] of Object.entries(person.shares)) {
        const index = laneIndex.get(laneId);
        if (index !== undefined && settings.lanes[index]?.kind === 'dedicated' && share > 0)
          shares.push([index, share]);
      }
      return {
        accountId: person.accountId,
        gross: person.hoursPerWeek / 5,
        protected: protectedWeek / 5,
        available: (person.hoursPerWeek - protectedWeek) / 5,
        shares,
        off: new Map()
      };
    });

    if (!options.ignoreTimeOff) {
      const byAccount = new Map(this.people.map((p) => [p.accountId, p]));
      for (const entry of settings.timeOff) {
        const person = byAccount.get(entry.accountId);
        if (!person) continue;
        const start = toDay(entry.start);
        const end = toDay(entry.end);
        for (let day = Math.max(start, windowStart); day <= Math.min(end, windowEnd); day++) {
          if (!isWorkingDay(day)) continue;
          const half = (day === start && entry.startHalfDay) || (day === end && entry.endHalfDay);
          person.off.set(day, Math.min(1, (person.off.get(day) ?? 0) + (half ? 0.5 : 1)));
        }
        if (end >= windowStart && start <= windowEnd) stable = Math.max(stable, Math.min(end, windowEnd) + 1);
      }
    }
    this.stableFrom = stable;
  }

  private laneOpen(index: number, day: number): boolean {
    const window = this.laneWindows[index];
    return window === undefined || window === null || (day >= window[0] && day <= window[1]);
  }

  /** Rule 1 for one day: the fraction of the day person p works (0 on weekends and days off). */
  private dayFraction(person: PersonRates, day: number): number {
    if (!isWorkingDay(day)) return 0;
    return 1 - (person.off.get(day) ?? 0);
  }

  onDay(day: number): DayCapacity {
    const cached = this.cache.get(day);
    if (cached) return cached;
    const lanes = new Float64Array(this.settings.lanes.length);
    let pool = 0;
    let protectedHours = 0;
    let grossHours = 0;
    for (const person of this.people) {
      const fraction = this.dayFraction(person, day);
      if (fraction === 0) continue;
      const available = person.available * fraction;
      grossHours += person.gross * fraction;
      protectedHours += person.protected * fraction;
      let dedicated = 0;
      for (const [index, share] of person.shares) {
        if (!this.laneOpen(index, day)) continue;
        lanes[index] = (lanes[index] ?? 0) + share * available;
        dedicated += share;
      }
      pool += Math.max(0, 1 - dedicated) * available;
    }
    const experiments = this.experimentsIndex >= 0 ? this.settings.experimentsShare * pool : 0;
    if (this.experimentsIndex >= 0) lanes[this.experimentsIndex] = experiments;
    if (this.runIndex >= 0) lanes[this.runIndex] = pool - experiments;
    const result = { lanes, protectedHours, grossHours };
    if (this.cache.size < 20_000) this.cache.set(day, result);
    return result;
  }

  laneOnDay(laneIndex: number, day: number): number {
    return this.onDay(day).lanes[laneIndex] ?? 0;
  }

  /** Totals over days [fromDay, toDay]. */
  between(fromDay: number, toDay: number): DayCapacity {
    const lanes = new Float64Array(this.settings.lanes.length);
    let protectedHours = 0;
    let grossHours = 0;
    for (let day = fromDay; day <= toDay; day++) {
      if (!isWorkingDay(day)) continue;
      const one = this.onDay(day);
      for (let i = 0; i < lanes.length; i++) lanes[i] = (lanes[i] ?? 0) + (one.lanes[i] ?? 0);
      protectedHours += one.protectedHours;
      grossHours += one.grossHours;
    }
    return { lanes, protectedHours, grossHours };
  }

  inPeriod(period: Period): DayCapacity {
    return this.between(period.startDay, period.endDay);
  }

  /** Rules 1–4 for one person over days [fromDay, toDay]; null for someone not in the settings. */
  personBetween(accountId: string, fromDay: number, toDay: number): PersonHours | null {
    const person = this.people.find((p) => p.accountId === accountId);
    if (!person) return null;
    let days = 0;
    for (let day = fromDay; day <= toDay; day++) days += this.dayFraction(person, day);
    return {
      days,
      gross: person.gross * days,
      protected: person.protected * days,
      available: person.available * days
    };
  }
}
