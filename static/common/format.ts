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

/** A number in the user's language: "1,234.5" / "1 234,5" (French groups with a narrow no-break space). */
export function formatNumber(
  value: number,
  zone: Pick<DisplayZone, 'tag'>,
  options?: Intl.NumberFormatOptions
): string {
  try {
    return new Intl.NumberFormat(zone.tag, options).format(value);
  } catch {
    return new Intl.NumberFormat(undefined, options).format(value);
  }
}

/** The CLDR plural category of a count in the user's language (French: 0 and 1 are "one"). */
export function pluralCategory(count: number, zone: Pick<DisplayZone, 'tag'>): Intl.LDMLPluralRule {
  try {
    return new Intl.PluralRules(zone.tag).select(count);
  } catch {
    return new Intl.PluralRules(undefined).select(count);
  }
}

/** Picks the message for a count: `forms.one` / `forms.other` (and any other category given). */
export function plural<T>(
  count: number,
  zone: Pick<DisplayZone, 'tag'>,
  forms: Partial<Record<Intl.LDMLPluralRule, T>> & { other: T }
): T {
  return forms[pluralCategory(count, zone)] ?? forms.other;
}

const RELATIVE_UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ['year', 365 * 24 * 3600 * 1000],
  ['month', 30 * 24 * 3600 * 1000],
  ['week', 7 * 24 * 3600 * 1000],
  ['day', 24 * 3600 * 1000],
  ['hour', 3600 * 1000],
  ['minute', 60 * 1000],
  ['second', 1000]
];

/** "in 3 days" / "dans 3 jours", "2 hours ago" / "il y a 2 heures": the largest whole unit. */
export function formatRelative(
  iso: string | undefined,
  now: Date,
  zone: Pick<DisplayZone, 'tag'>
): string | undefined {
  const date = parse(iso);
  if (!date) return undefined;
  const diff = date.getTime() - now.getTime();
  const [unit, size] = RELATIVE_UNITS.find(([, ms]) => Math.abs(diff) >= ms) ?? ['second', 1000];
  let rtf: Intl.RelativeTimeFormat;
  try {
    rtf = new Intl.RelativeTimeFormat(zone.tag, { numeric: 'auto' });
  } catch {
    rtf = new Intl.RelativeTimeFormat(undefined, { numeric: 'auto' });
  }
  return rtf.format(Math.round(diff / size), unit);
}

/** A duration in hours as the user's language writes it: "36 hours" / "36 heures", "1.5 hours" / "1,5 heure". */
export function formatHours(hours: number, zone: Pick<DisplayZone, 'tag'>): string {
  return formatNumber(hours, zone, {
    style: 'unit',
    unit: 'hour',
    unitDisplay: 'long',
    maximumFractionDigits: 1
  });
}
