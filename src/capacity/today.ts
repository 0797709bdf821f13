import type { IsoDate } from './domain/calendar';

/**
 * Today's date for the user: the server's clock read in their time zone. The zone comes from
 * Forge's context and is not trusted for anything else; an unknown zone falls back to UTC, which
 * is at most one day off.
 */
export function todayFor(now: Date, timezone: string | undefined): IsoDate {
  const format = (timeZone: string) =>
    new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(
      now
    );
  if (timezone) {
    try {
      return format(timezone);
    } catch {
      // RangeError: not an IANA zone name.
    }
  }
  return format('UTC');
}
