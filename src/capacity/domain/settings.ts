import { z } from 'zod';
import { isIsoDate, toDay } from './calendar';
import { both, formatNumber, formatPercent, type Lang, type LocalisedText } from './messages';
import { lazySchema } from '../../contract/lazy-schema';

/** Forge KVS refuses values over 240 KiB; the settings are one value, so the boundary checks this first. */
export const MAX_SETTINGS_BYTES = 240 * 1024;

export const LANE_KINDS = ['dedicated', 'run', 'experiments'] as const;
export type LaneKind = (typeof LANE_KINDS)[number];

/**
 * Lane colours are names from the Atlassian accent palette, never free CSS: the UI maps each to a
 * design token so lanes follow light and dark themes.
 */
export const LANE_COLOURS = [
  'blue',
  'teal',
  'green',
  'lime',
  'yellow',
  'orange',
  'red',
  'magenta',
  'purple',
  'gray'
] as const;
export type LaneColour = (typeof LANE_COLOURS)[number];

export function laneColourToken(colour: LaneColour): string {
  return `color.background.accent.${colour}.subtler`;
}

export const RULE_FIELDS = ['epic', 'label', 'component', 'issueType'] as const;
export type RuleField = (typeof RULE_FIELDS)[number];

/** The 5–10 % band of seed 000, for both the configured share and the share actually delivered. */
export const EXPERIMENTS_BAND = { min: 0.05, max: 0.1 } as const;
export const DEFAULT_PERSON_WIP_LIMIT = 3;
export const DEFAULT_FUTURE_OPS_HOURS = 2;

const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const isoDate = lazySchema(() => z.string().refine(isIsoDate, { message: 'isoDate' }));
const accountId = lazySchema(() => z.string().min(1).max(128));

const laneSchema = lazySchema(() =>
  z.strictObject({
    id: z.string().min(1).max(64).regex(SLUG, 'slug'),
    name: z.string().trim().min(1).max(80),
    kind: z.enum(LANE_KINDS),
    /** The lane's project manager (seed 004's dedicated PM); null while nobody is named. */
    owner: accountId.nullable().default(null),
    /** A dedicated lane is temporary: outside [start, end] its people's shares go back to the pool. */
    start: isoDate.nullable().default(null),
    end: isoDate.nullable().default(null),
    wipLimit: z.number().int().min(1).max(1000).nullable().default(null),
    colour: z.enum(LANE_COLOURS).default('blue')
  })
);

const personSchema = lazySchema(() =>
  z.strictObject({
    accountId,
    hoursPerWeek: z.number().min(0).max(80),
    /** Lane id → fraction of the person's available hours dedicated to that lane (0.5 = 50 %). */
    shares: z.record(z.string().max(64), z.number().min(0).max(1)).default({}),
    wipLimit: z.number().int().min(1).max(100).default(DEFAULT_PERSON_WIP_LIMIT)
  })
);

const timeOffSchema = lazySchema(() =>
  z.strictObject({
    accountId,
    start: isoDate,
    end: isoDate,
    /** Only the afternoon of `start` is off. */
    startHalfDay: z.boolean().default(false),
    /** Only the morning of `end` is off. */
    endHalfDay: z.boolean().default(false)
  })
);

const ruleSchema = lazySchema(() =>
  z.strictObject({
    field: z.enum(RULE_FIELDS),
    value: z.string().trim().min(1).max(255),
    lane: z.string().min(1).max(64)
  })
);

const periodSchema = lazySchema(() =>
  z.discriminatedUnion('kind', [
    z.strictObject({ kind: z.literal('week') }),
    z.strictObject({ kind: z.literal('sprint'), weeks: z.number().int().min(1).max(8), anchor: isoDate })
  ])
);

const estimateSchema = lazySchema(() =>
  z.discriminatedUnion('unit', [
    z.strictObject({ unit: z.literal('time') }),
    z.strictObject({ unit: z.literal('storyPoints'), hoursPerPoint: z.number().positive().max(1000) })
  ])
);

export const settingsSchema = lazySchema(() =>
  z.strictObject({
    lanes: z.array(laneSchema).min(1).max(50),
    people: z.array(personSchema).max(500).default([]),
    timeOff: z.array(timeOffSchema).max(5000).default([]),
    rules: z.array(ruleSchema).max(500).default([]),
    period: periodSchema.default({ kind: 'week' }),
    futureOpsHoursPerWeek: z.number().min(0).max(40).default(DEFAULT_FUTURE_OPS_HOURS),
    experimentsShare: z.number().min(EXPERIMENTS_BAND.min).max(EXPERIMENTS_BAND.max).default(0.1),
    estimate: estimateSchema.default({ unit: 'time' })
  })
);

export type CapacitySettings = z.infer<typeof settingsSchema>;
/** What callers may write: defaults (WIP limit 3, 2 h future ops, 10 %, week…) may be left out. */
export type CapacitySettingsInput = z.input<typeof settingsSchema>;
export type PersonInput = NonNullable<CapacitySettingsInput['people']>[number];
export type TimeOffInput = NonNullable<CapacitySettingsInput['timeOff']>[number];
export type Lane = CapacitySettings['lanes'][number];
export type Person = CapacitySettings['people'][number];
export type TimeOff = CapacitySettings['timeOff'][number];
export type LaneRule = CapacitySettings['rules'][number];

export type SettingsIssueCode =
  | 'tooLarge'
  | 'invalidType'
  | 'tooSmall'
  | 'tooBig'
  | 'invalidFormat'
  | 'unknownKey'
  | 'invalidValue'
  | 'invalid'
  | 'runLaneCount'
  | 'experimentsLaneCount'
  | 'alreadyUsed'
  | 'endBeforeStart'
  | 'noSuchLane'
  | 'shareToSharedLane'
  | 'sharesOverFull'
  | 'notInPeople';

export interface SettingsIssue {
  /** JSON path of the offending value, e.g. `people[2].shares` (empty string for the whole value). */
  path: string;
  code: SettingsIssueCode;
  params: Record<string, string | number>;
  message: LocalisedText;
}

export type SettingsResult = { ok: true; value: CapacitySettings } | { ok: false; issues: SettingsIssue[] };

function formatPath(path: ReadonlyArray<PropertyKey>): string {
  let out = '';
  for (const segment of path) {
    if (typeof segment === 'number') out += `[${segment}]`;
    else out += out === '' ? String(segment) : `.${String(segment)}`;
  }
  return out;
}

/** `people[2].shares: sum is 120 %, at most 100 %`, in the user's language. */
export function describeSettingsIssue(issue: SettingsIssue, lang: Lang): string {
  return `${issue.path === '' ? '(root)' : issue.path}: ${issue.message[lang]}`;
}

export function settingsIssueMessage(
  code: SettingsIssueCode,
  params: Record<string, string | number>
): LocalisedText {
  const num = (key: string, lang: Lang) => formatNumber(Number(params[key]), lang, 2);
  const pct = (key: string, lang: Lang) => formatPercent(Number(params[key]), lang);
  switch (code) {
    case 'tooLarge':
      return both((l) =>
        l === 'en'
          ? `the settings take ${num('kib', l)} KiB, at most ${num('max', l)} KiB`
          : `les réglages occupent ${num('kib', l)} Kio, ${num('max', l)} Kio au plus`
      );
    case 'invalidType':
      return both((l) =>
        l === 'en' ? `expected ${String(params.expected)}` : `type attendu : ${String(params.expected)}`
      );
    case 'tooSmall':
      return both((l) =>
        params.origin === 'string'
          ? l === 'en'
            ? 'required'
            : 'obligatoire'
          : params.origin === 'array'
            ? l === 'en'
              ? `at least ${num('minimum', l)} item(s)`
              : `au moins ${num('minimum', l)} élément(s)`
            : l === 'en'
              ? `at least ${num('minimum', l)}`
              : `au moins ${num('minimum', l)}`
      );
    case 'tooBig':
      return both((l) =>
        params.origin === 'string'
          ? l === 'en'
            ? `at most ${num('maximum', l)} characters`
            : `${num('maximum', l)} caractères au plus`
          : params.origin === 'array'
            ? l === 'en'
              ? `at most ${num('maximum', l)} items`
              : `${num('maximum', l)} éléments au plus`
            : l === 'en'
              ? `at most ${num('maximum', l)}`
              : `${num('maximum', l)} au plus`
      );
    case 'invalidFormat':
      if (params.format === 'slug')
        return {
          en: 'lowercase letters, digits and dashes, such as "website-rebuild"',
          fr: 'minuscules, chiffres et tirets, par exemple « refonte-site »'
        };
      return { en: 'expected a date such as 2026-12-01', fr: 'date attendue, par exemple 2026-12-01' };
    case 'unknownKey':
      return both((l) =>
        l === 'en' ? `unknown field "${String(params.key)}"` : `champ inconnu « ${String(params.key)} »`
      );
    case 'invalidValue':
      return both((l) =>
        l === 'en' ? `expected one of ${String(params.values)}` : `valeur attendue : ${String(params.values)}`
      );
    case 'invalid':
      return { en: 'invalid value', fr: 'valeur invalide' };
    case 'runLaneCount':
      return both((l) =>
        l === 'en'
          ? `exactly one run lane, found ${num('count', l)}`
          : `il faut exactement un couloir run, ${num('count', l)} trouvé(s)`
      );
    case 'experimentsLaneCount':
      return both((l) =>
        l === 'en'
          ? `at most one experiments lane, found ${num('count', l)}`
          : `un couloir expérimentations au plus, ${num('count', l)} trouvés`
      );
    case 'alreadyUsed':
      return { en: 'already used', fr: 'déjà utilisé' };
    case 'endBeforeStart':
      return { en: 'end before start', fr: 'fin avant le début' };
    case 'noSuchLane':
      return both((l) =>
        l === 'en' ? `no lane "${String(params.lane)}"` : `aucun couloir « ${String(params.lane)} »`
      );
    case 'shareToSharedLane':
      return {
        en: 'only dedicated lanes take shares; run and experiments share the pool',
        fr: 'seuls les couloirs dédiés reçoivent des parts ; run et expérimentations se partagent le reste'
      };
    case 'sharesOverFull':
      return both((l) =>
        l === 'en'
          ? `sum is ${pct('sum', l)}, at most 100 %`
          : `la somme est de ${pct('sum', l)}, 100 % au plus`
      );
    case 'notInPeople':
      return both((l) =>
        l === 'en'
          ? `${String(params.accountId)} is not in people`
          : `${String(params.accountId)} ne figure pas parmi les personnes`
      );
  }
}

function issue(
  path: ReadonlyArray<PropertyKey>,
  code: SettingsIssueCode,
  params: Record<string, string | number> = {}
): SettingsIssue {
  return { path: formatPath(path), code, params, message: settingsIssueMessage(code, params) };
}

function fromZod(error: z.ZodError): SettingsIssue[] {
  return error.issues.map((zi) => {
    switch (zi.code) {
      case 'invalid_type':
        return issue(zi.path, 'invalidType', { expected: zi.expected });
      case 'too_small':
        return issue(zi.path, 'tooSmall', { minimum: Number(zi.minimum), origin: zi.origin });
      case 'too_big':
        return issue(zi.path, 'tooBig', { maximum: Number(zi.maximum), origin: zi.origin });
      case 'invalid_format':
        return issue(zi.path, 'invalidFormat', { format: zi.message === 'slug' ? 'slug' : zi.format });
      case 'unrecognized_keys':
        return issue(zi.path, 'unknownKey', { key: zi.keys.join(', ') });
      case 'invalid_value':
        return issue(zi.path, 'invalidValue', { values: zi.values.map(String).join(', ') });
      case 'invalid_union':
        return issue(zi.path, 'invalid');
      case 'custom':
        return issue(zi.path, zi.message === 'isoDate' ? 'invalidFormat' : 'invalid', { format: 'date' });
      default:
        return issue(zi.path, 'invalid');
    }
  });
}

/** Size of the settings as stored (UTF-8 JSON). */
export function settingsSize(value: unknown): number {
  return new TextEncoder().encode(JSON.stringify(value) ?? '').length;
}

const sameName = (name: string) => name.trim().toLocaleLowerCase('en');

/** Rules that span fields: one run lane, unique ids and names, shares ≤ 100 %, known lanes and people. */
export function crossCheckSettings(settings: CapacitySettings): SettingsIssue[] {
  const issues: SettingsIssue[] = [];
  const lanes = new Map(settings.lanes.map((lane) => [lane.id, lane]));

  const runCount = settings.lanes.filter((lane) => lane.kind === 'run').length;
  if (runCount !== 1) issues.push(issue(['lanes'], 'runLaneCount', { count: runCount }));
  const experimentsCount = settings.lanes.filter((lane) => lane.kind === 'experiments').length;
  if (experimentsCount > 1)
    issues.push(issue(['lanes'], 'experimentsLaneCount', { count: experimentsCount }));

  const ids = new Set<string>();
  const names = new Set<string>();
  settings.lanes.forEach((lane, i) => {
    if (ids.has(lane.id)) issues.push(issue(['lanes', i, 'id'], 'alreadyUsed'));
    ids.add(lane.id);
    if (names.has(sameName(lane.name))) issues.push(issue(['lanes', i, 'name'], 'alreadyUsed'));
    names.add(sameName(lane.name));
    if (lane.start !== null && lane.end !== null && toDay(lane.end) < toDay(lane.start))
      issues.push(issue(['lanes', i], 'endBeforeStart'));
  });

  const people = new Set<string>();
  settings.people.forEach((person, i) => {
    if (people.has(person.accountId)) issues.push(issue(['people', i, 'accountId'], 'alreadyUsed'));
    people.add(person.accountId);
    let sum = 0;
    for (const [laneId, share] of Object.entries(person.shares)) {
      const lane = lanes.get(laneId);
      if (!lane) issues.push(issue(['people', i, 'shares', laneId], 'noSuchLane', { lane: laneId }));
      else if (lane.kind !== 'dedicated')
        issues.push(issue(['people', i, 'shares', laneId], 'shareToSharedLane'));
      sum += share;
    }
    // Tolerates binary rounding of shares typed as percentages (0.7 + 0.2 + 0.1).
    if (sum > 1 + 1e-9) issues.push(issue(['people', i, 'shares'], 'sharesOverFull', { sum }));
  });

  settings.timeOff.forEach((entry, i) => {
    if (toDay(entry.end) < toDay(entry.start)) issues.push(issue(['timeOff', i], 'endBeforeStart'));
    if (!people.has(entry.accountId))
      issues.push(issue(['timeOff', i, 'accountId'], 'notInPeople', { accountId: entry.accountId }));
  });

  settings.rules.forEach((rule, i) => {
    if (!lanes.has(rule.lane)) issues.push(issue(['rules', i, 'lane'], 'noSuchLane', { lane: rule.lane }));
  });
  return issues;
}

/** The boundary's single check: size, shape, then cross-field rules. Nothing partial is returned. */
export function parseSettings(input: unknown): SettingsResult {
  const size = settingsSize(input);
  if (size > MAX_SETTINGS_BYTES)
    return {
      ok: false,
      issues: [issue([], 'tooLarge', { kib: size / 1024, max: MAX_SETTINGS_BYTES / 1024 })]
    };
  const parsed = settingsSchema.safeParse(input);
  if (!parsed.success) return { ok: false, issues: fromZod(parsed.error) };
  const issues = crossCheckSettings(parsed.data);
  return issues.length === 0 ? { ok: true, value: parsed.data } : { ok: false, issues };
}
