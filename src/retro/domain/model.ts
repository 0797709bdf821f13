import { z } from 'zod';
import { isIsoDate, toDay, fromDay, type IsoDate } from '../../capacity/domain/calendar';
import { lazySchema } from '../../contract/lazy-schema';

/**
 * The retrospective macro's vocabulary: modes, formats and their columns, phases, and the macro
 * configuration. The configuration is plain JSON any page editor can change (Confluence stores it
 * in the page), so it only ever holds settings: cards, votes, actions and the facilitators live in
 * the app's storage, written by resolvers that check the caller.
 */

export const RETRO_MODES = ['retro', 'energy-audit', 'show-and-tell', 'joint-session'] as const;
export type RetroMode = (typeof RETRO_MODES)[number];

export const RETRO_FORMATS = ['worked-didnt-improve', 'start-stop-continue', 'four-ls', 'custom'] as const;
export type RetroFormat = (typeof RETRO_FORMATS)[number];

/** Phases in the order the facilitator moves them; the facilitator moves one step at a time. */
export const RETRO_PHASES = ['review', 'add', 'group', 'vote', 'discuss', 'done'] as const;
export type RetroPhase = (typeof RETRO_PHASES)[number];

/** Built-in column ids; the UI translates them. Custom columns carry their own label. */
export const FORMAT_COLUMNS: Record<Exclude<RetroFormat, 'custom'>, readonly string[]> = {
  'worked-didnt-improve': ['worked', 'didnt', 'improve'],
  'start-stop-continue': ['start', 'stop', 'continue'],
  'four-ls': ['liked', 'learned', 'lacked', 'longed']
};

/** The other modes have their own columns whatever the format says. */
export const MODE_COLUMNS: Record<Exclude<RetroMode, 'retro'>, readonly string[]> = {
  'energy-audit': ['energising', 'neutral', 'draining'],
  'show-and-tell': ['topics'],
  'joint-session': ['progress', 'blockers', 'decisions']
};

export interface RetroColumn {
  id: string;
  /** Only custom columns: the label the editor typed (user text, rendered as text). */
  label?: string;
}

const isoDate = lazySchema(() => z.string().refine(isIsoDate, 'must be a date written YYYY-MM-DD'));
const label = lazySchema(() => z.string().trim().min(1, 'is empty').max(60, 'is longer than 60 characters'));

export const RetroConfigSchema = lazySchema(() =>
  z
    .object({
      title: z.string().trim().max(200, 'is longer than 200 characters').default(''),
      mode: z.enum(RETRO_MODES).default('retro'),
      teams: z.array(label).max(10, 'has more than 10 teams').default([]),
      /** The Jira project whose actions, figures and earlier retros the macro reads. */
      projectKey: z
        .string()
        .regex(/^[A-Z][A-Z0-9_]{0,9}$/, 'must be a Jira project key (capital letters and digits)')
        .optional(),
      periodStart: isoDate.optional(),
      periodEnd: isoDate.optional(),
      /** Default due date of actions; without it, the period's length after its end. */
      nextRetro: isoDate.optional(),
      format: z.enum(RETRO_FORMATS).default('worked-didnt-improve'),
      columns: z
        .array(label)
        .min(1, 'needs at least one column')
        .max(8, 'has more than 8 columns')
        .optional(),
      votesPerPerson: z.number().int().min(1).max(20).default(5),
      anonymous: z.boolean().default(false),
      /** Show-and-tell: minutes for the whole agenda, split across topics by votes. */
      timeBoxMinutes: z.number().int().min(5).max(480).default(60)
    })
    .superRefine((config, ctx) => {
      if (config.format === 'custom' && config.mode === 'retro' && !config.columns)
        ctx.addIssue({ code: 'custom', path: ['columns'], message: 'is required with the custom format' });
      if (config.periodStart && config.periodEnd && toDay(config.periodEnd) < toDay(config.periodStart))
        ctx.addIssue({ code: 'custom', path: ['periodEnd'], message: 'is before the start of the period' });
    })
);

export type RetroConfig = z.output<typeof RetroConfigSchema>;
export type RetroConfigInput = z.input<typeof RetroConfigSchema>;

/** Outcome of reading a configuration: the first problem names its field (`config.votesPerPerson`). */
export type ConfigParse = { ok: true; config: RetroConfig } | { ok: false; field: string; message: string };

export function parseConfig(raw: unknown): ConfigParse {
  const parsed = RetroConfigSchema.safeParse(raw ?? {});
  if (parsed.success) return { ok: true, config: parsed.data };
  const issue = parsed.error.issues[0];
  const path = ['config', ...(issue?.path ?? []).map(String)].join('.');
  return { ok: false, field: path, message: `${path}: ${issue?.message ?? 'is not valid'}` };
}

export function columnsOf(config: RetroConfig): RetroColumn[] {
  if (config.mode !== 'retro') return MODE_COLUMNS[config.mode].map((id) => ({ id }));
  if (config.format === 'custom')
    return (config.columns ?? []).map((text, index) => ({ id: `c${index + 1}`, label: text }));
  return FORMAT_COLUMNS[config.format].map((id) => ({ id }));
}

/**
 * The default due date of an action: the next retro. Without a date for it, the next retro is
 * taken to be one period after this one (a monthly retro's actions are due at next month's), and
 * without a period, four weeks after today.
 */
export function defaultDueDate(config: RetroConfig, today: IsoDate): IsoDate {
  if (config.nextRetro && toDay(config.nextRetro) >= toDay(today)) return config.nextRetro;
  if (config.periodStart && config.periodEnd) {
    const length = toDay(config.periodEnd) - toDay(config.periodStart) + 1;
    let due = toDay(config.periodEnd) + length;
    while (due < toDay(today)) due += length;
    return fromDay(due);
  }
  return fromDay(toDay(today) + 28);
}

export const CARD_TEXT_MAX = 500;
export const ACTION_SUMMARY_MAX = 255;
