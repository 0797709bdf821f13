/**
 * Calendar arithmetic on ISO dates (`YYYY-MM-DD`). Dates are plain strings at the edges and day
 * numbers (days since 1970-01-01, UTC) inside, so no time zone or daylight-saving shift can move a
 * day: a Forge function in UTC and a browser in Paris compute the same working days.
 */

export type IsoDate = string;

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const MS_PER_DAY = 86_400_000;

const daysInMonth = (year: number, month: number) =>
  month === 2
    ? year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0)
      ? 29
      : 28
    : [4, 6, 9, 11].includes(month)
      ? 30
      : 31;

/** Day number of a valid ISO date, else null. Read by hand: a Date round trip per issue is measurable. */
function parseDay(value: string): number | null {
  const match = ISO_DATE.exec(value);
  if (!match) return null;
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  return Date.UTC(year, month - 1, day) / MS_PER_DAY;
}

/** True for a real calendar date written `YYYY-MM-DD` (rejects 2026-02-30). */
export function isIsoDate(value: string): boolean {
  return parseDay(value) !== null;
}

export function toDay(date: IsoDate): number {
  const day = parseDay(date);
  if (day === null) throw new RangeError(`not an ISO date: ${date}`);
  return day;
}

/**
 * The day of a date coming from Jira: `YYYY-MM-DD`, or a timestamp whose date part is taken as written
 * (`2026-11-30T18:02:11.000+0100` → 2026-11-30). Anything else is null, so one malformed field hides one
 * date instead of failing the whole page.
 */
export function dayOrNull(value: string | null | undefined): number | null {
  if (typeof value !== 'string') return null;
  return parseDay(value.length > 10 && value[10] === 'T' ? value.slice(0, 10) : value);
}

export function fromDay(day: number): IsoDate {
  return new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
}

export function addDays(date: IsoDate, days: number): IsoDate {
  return fromDay(toDay(date) + days);
}

/** 0 = Monday … 6 = Sunday. 1970-01-01 was a Thursday (3). */
export function weekdayOfDay(day: number): number {
  return (((day + 3) % 7) + 7) % 7;
}

export function isWorkingDay(day: number): boolean {
  return weekdayOfDay(day) < 5;
}

export function mondayOf(day: number): number {
  return day - weekdayOfDay(day);
}

/** Working days on or before `day`, counted from a fixed Monday; differences give counts in O(1). */
function workingDaysThrough(day: number): number {
  const monday = mondayOf(day);
  const weeks = Math.floor((monday + 3) / 7);
  return weeks * 5 + Math.min(weekdayOfDay(day) + 1, 5);
}

/** Working days d with from < d ≤ to (0 when to ≤ from). */
export function workingDaysAfter(fromExclusive: number, toInclusive: number): number {
  if (toInclusive <= fromExclusive) return 0;
  return workingDaysThrough(toInclusive) - workingDaysThrough(fromExclusive);
}

/** Working days d with from ≤ d ≤ to. */
export function workingDaysIn(fromInclusive: number, toInclusive: number): number {
  return workingDaysAfter(fromInclusive - 1, toInclusive);
}

/** The n-th working day (n ≥ 1) counting from `start` (start itself counts when it is a working day). */
export function nthWorkingDay(start: number, n: number): number {
  let first = start;
  while (!isWorkingDay(first)) first++;
  const offset = weekdayOfDay(first) + (n - 1);
  return mondayOf(first) + Math.floor(offset / 5) * 7 + (offset % 5);
}

/** The last working day on or before `day`. */
export function workingDayOnOrBefore(day: number): number {
  let d = day;
  while (!isWorkingDay(d)) d--;
  return d;
}

export type PeriodSetting = { kind: 'week' } | { kind: 'sprint'; weeks: number; anchor: IsoDate };

export interface Period {
  /** Index relative to the period containing `today` (0 = current, 1 = next, -1 = previous). */
  index: number;
  start: IsoDate;
  end: IsoDate;
  startDay: number;
  endDay: number;
  workingDays: number;
}

/** Day numbers [start, end] of the period containing `day`. Weeks run Monday to Sunday. */
export function periodBounds(setting: PeriodSetting, day: number): [number, number] {
  if (setting.kind === 'week') {
    const start = mondayOf(day);
    return [start, start + 6];
  }
  const length = setting.weeks * 7;
  const anchor = toDay(setting.anchor);
  const start = anchor + Math.floor((day - anchor) / length) * length;
  return [start, start + length - 1];
}

/** The period `offset` periods after the one containing `today` (negative offsets look back). */
export function periodAt(setting: PeriodSetting, today: IsoDate, offset: number): Period {
  const [currentStart, currentEnd] = periodBounds(setting, toDay(today));
  const length = currentEnd - currentStart + 1;
  const startDay = currentStart + offset * length;
  const endDay = startDay + length - 1;
  return {
    index: offset,
    start: fromDay(startDay),
    end: fromDay(endDay),
    startDay,
    endDay,
    workingDays: workingDaysIn(startDay, endDay)
  };
}
