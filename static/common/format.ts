/** Dates for display, in the user's language tag and time zone from the host context. */

function formatter(tag: string, timeZone: string | undefined, options: Intl.DateTimeFormatOptions) {
  try {
    return new Intl.DateTimeFormat(tag, { ...options, timeZone });
  } catch {
    // An unknown tag or zone from the host context: the browser's defaults are fine.
    return new Intl.DateTimeFormat(undefined, options);
  }
}

function parse(iso: string | undefined): Date | undefined {
  if (iso === undefined) return undefined;
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? undefined : date;
}

export interface DisplayZone {
  /** BCP 47 tag, e.g. 'fr-FR'. */
  tag: string;
  /** IANA zone; undefined → the browser's. */
  timeZone: string | undefined;
}

/** HH:MM (24 h), or undefined when the timestamp is missing or invalid. */
export function formatTime(iso: string | undefined, zone: DisplayZone): string | undefined {
  const date = parse(iso);
  return (
    date &&
    formatter(zone.tag, zone.timeZone, { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(date)
  );
}

/** Day and time, e.g. "Nov 25, 2026, 10:42 AM" / "25 nov. 2026, 10:42". */
export function formatDateTime(iso: string | undefined, zone: DisplayZone): string | undefined {
  const date = parse(iso);
  return date && formatter(zone.tag, zone.timeZone, { dateStyle: 'medium', timeStyle: 'short' }).format(date);
}
