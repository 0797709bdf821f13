import { buildDemoSeed, DEMO_EPOCH } from './demo';
import type { PreviewSeed } from './schema';

/**
 * The demo as it should look on the day the preview seeds it. The demo is written around a fixed
 * "today" (DEMO_EPOCH, a Monday) so tests and diffs are stable, while the Tandem lanes page reads
 * the real clock: seeded as is on a later day, the time off is in the past, nothing was resolved
 * in the current period and every target date has already passed. So the preview moves every
 * date of the seed forward by whole weeks, to the week that contains `now`: weekdays are kept
 * (time off stays on working days, the epoch stays a Monday) and every interval of the story is
 * unchanged. `now` is an input, so a test gets the same seed for the same instant.
 */

const DAY_MS = 24 * 60 * 60 * 1000;
const WEEK_DAYS = 7;

/** Start (00:00 UTC) of the Monday of the week that contains `ms`. */
function mondayOf(ms: number): number {
  const day = Math.floor(ms / DAY_MS);
  // Day 0 (1 January 1970) was a Thursday: +3 makes Monday 0.
  return (day - ((((day + 3) % 7) + 7) % 7)) * DAY_MS;
}

/**
 * Whole weeks from the demo's week to the week of `now` (negative before the epoch). The week
 * turns at the epoch's time of day (Monday 08:00 UTC), so the demo's last updates, an hour before
 * the epoch, are never in the future.
 */
export function demoWeeksUntil(now: number): number {
  const epochTimeOfWeek = DEMO_EPOCH - mondayOf(DEMO_EPOCH);
  return Math.round((mondayOf(now - epochTimeOfWeek) - mondayOf(DEMO_EPOCH)) / (WEEK_DAYS * DAY_MS));
}

const DATE_IN_TEXT = /(?<![0-9])([0-9]{4})-([0-9]{2})-([0-9]{2})(?![0-9])/g;

/**
 * Every calendar date written in `text` (alone, in a date-time, or inside prose such as an
 * experiment's stop date) moved by `days`; anything that is not a real date is left alone.
 */
export function shiftDatesInText(text: string, days: number): string {
  if (days === 0) return text;
  return text.replace(DATE_IN_TEXT, (match: string, y: string, m: string, d: string) => {
    const ms = Date.UTC(Number(y), Number(m) - 1, Number(d));
    const date = new Date(ms);
    if (date.getUTCMonth() !== Number(m) - 1 || date.getUTCDate() !== Number(d)) return match;
    return new Date(ms + days * DAY_MS).toISOString().slice(0, 10);
  });
}

function shiftValue(value: unknown, days: number): unknown {
  if (typeof value === 'string') return shiftDatesInText(value, days);
  if (Array.isArray(value)) return value.map((item) => shiftValue(item, days));
  if (typeof value === 'object' && value !== null)
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, shiftValue(item, days)]));
  return value;
}

/** A copy of `seed` with every date in its values moved by `weeks` weeks; keys are never dates. */
export function shiftSeedWeeks(seed: PreviewSeed, weeks: number): PreviewSeed {
  return shiftValue(seed, weeks * WEEK_DAYS) as PreviewSeed;
}

/** The demo seed with its "today" in the week of `now`. */
export function buildDatedDemoSeed(now: number): PreviewSeed {
  return shiftSeedWeeks(buildDemoSeed(), demoWeeksUntil(now));
}
