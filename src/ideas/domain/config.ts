import { z } from 'zod';
import { SCORING_MODELS } from './scoring';
import { STAGES } from './stages';
import { DEFAULT_CADENCE_DAYS, MAX_CADENCE_DAYS, MIN_CADENCE_DAYS } from './review';
import { lazySchema } from '../../contract/lazy-schema';

/**
 * The macro's settings (its config dialog's `view.submit({ config })`): the Jira project whose
 * Strategic Ideas it shows (and where quick capture creates them), an optional JQL filter that
 * replaces the project's default query, the scoring model, the review cadence and the mapping of
 * the project's statuses onto the stages. Forge stores it with the macro on the page, so anyone
 * who edits the page can change it: it is parsed like any other untrusted input.
 */

export const MAX_JQL_CHARS = 1000;

export const IdeasConfigSchema = lazySchema(() =>
  z.strictObject({
    projectId: z.string().regex(/^[0-9]{1,18}$/, 'must be a numeric Jira project id'),
    jql: z
      .string()
      .trim()
      .max(MAX_JQL_CHARS, `must be at most ${MAX_JQL_CHARS} characters`)
      .nullable()
      .default(null)
      .transform((value) => (value === '' ? null : value)),
    model: z.enum(SCORING_MODELS).default('ICE'),
    cadenceDays: z.number().int().min(MIN_CADENCE_DAYS).max(MAX_CADENCE_DAYS).default(DEFAULT_CADENCE_DAYS),
    stageMap: z
      .record(z.string().regex(/^[0-9]{1,18}$/, 'must be a numeric status id'), z.enum(STAGES))
      .default({})
      .refine((map) => Object.keys(map).length <= 200, 'maps at most 200 statuses')
  })
);

export type IdeasConfig = z.infer<typeof IdeasConfigSchema>;
export type IdeasConfigInput = z.input<typeof IdeasConfigSchema>;

export type ConfigCheck =
  | { ok: true; config: IdeasConfig }
  | { ok: false; field: string; message: string }
  | { ok: false; field: null; message: 'unconfigured' };

/** A macro just inserted has an empty config: that is "not set up yet", not an error. */
export function checkConfig(raw: Record<string, unknown>): ConfigCheck {
  if (Object.keys(raw).length === 0 || raw.projectId === undefined)
    return { ok: false, field: null, message: 'unconfigured' };
  const parsed = IdeasConfigSchema.safeParse(raw);
  if (parsed.success) return { ok: true, config: parsed.data };
  const issue = parsed.error.issues[0];
  const path =
    issue?.code === 'unrecognized_keys' ? [...issue.path, issue.keys[0] ?? ''] : (issue?.path ?? []);
  const field = ['config', ...path.map(String)].join('.');
  return { ok: false, field, message: `${field}: ${issue?.message ?? 'invalid'}` };
}

/** JQL value quoting: backslash first, then the quote (preview/backend/JQL.md). */
export function jqlString(value: string): string {
  return `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

/**
 * The backlog's filter: the configured JQL as written (its ORDER BY dropped: the backlog sorts by
 * score), else the project's Strategic Ideas (every issue of the project when the site has no
 * such type yet).
 */
export function backlogFilter(config: IdeasConfig, ideaType: string | null): string {
  const filter = config.jql
    ?.replace(/\s+ORDER\s+BY\s[\s\S]*$/i, '')
    .replace(/^\s*ORDER\s+BY\s[\s\S]*$/i, '')
    .trim();
  if (filter) return `(${filter})`;
  const type = ideaType ? ` AND issuetype = ${jqlString(ideaType)}` : '';
  return `project = ${config.projectId}${type}`;
}

export function backlogJql(config: IdeasConfig, ideaType: string | null): string {
  return `${backlogFilter(config, ideaType)} ORDER BY created DESC`;
}

/** Whether one issue is in the backlog, asked of Jira with the backlog's own filter. */
export function memberJql(config: IdeasConfig, ideaType: string | null, issueId: string): string {
  if (!/^[0-9]{1,18}$/.test(issueId)) throw new RangeError('not an issue id');
  return `${backlogFilter(config, ideaType)} AND id = ${issueId}`;
}
