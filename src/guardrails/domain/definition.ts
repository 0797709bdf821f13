import { z } from 'zod';
import { AUDIENCES, FIELD_KINDS, LEGAL_BASES, TIERS } from './kinds';
import { lazySchema } from '../../contract/lazy-schema';

export {
  AUDIENCES,
  FIELD_KINDS,
  LEGAL_BASES,
  TIERS,
  maxTier,
  tierRank,
  type Audience,
  type FieldKind,
  type LegalBasis,
  type Tier
} from './kinds';

export const fieldKindSchema = lazySchema(() => z.enum(FIELD_KINDS));
export const tierSchema = lazySchema(() => z.enum(TIERS));

// Bounded lengths keep a hostile definition from turning classification into a CPU sink.
const shortText = lazySchema(() => z.string().max(500));
const longText = lazySchema(() => z.string().max(20_000));

export const fieldSchema = lazySchema(() =>
  z.strictObject({
    name: z.string().min(1).max(200),
    kind: fieldKindSchema.optional(),
    label: shortText.optional(),
    placeholder: shortText.optional(),
    required: z.boolean().default(false),
    inputType: z.string().max(40).default('text'),
    autocomplete: z.string().max(200).optional(),
    hidden: z.boolean().default(false),
    /** Answer choices of a select/radio group: they can reveal a special category on their own (CJEU C-184/20). */
    options: z.array(shortText).max(500).optional(),
    /** Help text shown to visitors; for free text it carries the "do not share sensitive data" notice. */
    notice: shortText.optional()
  })
);

export const consentSchema = lazySchema(() =>
  z.strictObject({
    id: z.string().min(1).max(200),
    purpose: shortText,
    preTicked: z.boolean().default(false),
    text: longText.optional()
  })
);

export const thirdPartySchema = lazySchema(() =>
  z
    .strictObject({
      url: z.string().min(1).max(2000).optional(),
      inline: longText.optional(),
      /** For a tag manager: the tags it loads, listed by the page's owner so reviewers can see them. */
      tags: z.array(shortText).max(200).optional()
    })
    .refine((item) => (item.url === undefined) !== (item.inline === undefined), {
      message: 'give exactly one of "url" or "inline"'
    })
);

/** Built per use, like the schemas around it (lazySchema): a plain object of schemas would be built at load. */
const pageLevelSettings = () => ({
  purpose: shortText.optional(),
  privacyNoticeUrl: z.string().max(2000).optional(),
  retentionMonths: z.number().int().min(0).max(1200).optional()
});

export const formSchema = lazySchema(() =>
  z.strictObject({
    id: z.string().min(1).max(200),
    fields: z.array(fieldSchema).max(500),
    consents: z.array(consentSchema).max(50).default([]),
    ...pageLevelSettings()
  })
);

export const moduleRefSchema = lazySchema(() =>
  z.strictObject({
    id: z.string().min(1).max(200),
    version: z.string().min(1).max(50)
  })
);

export const definitionSchema = lazySchema(() =>
  z.strictObject({
    schemaVersion: z.literal(1).default(1),
    title: shortText.optional(),
    ...pageLevelSettings(),
    audience: z.enum(AUDIENCES).default('general'),
    legalBasis: z.enum(LEGAL_BASES).optional(),
    explicitConsentText: longText.optional(),
    dpiaCompleted: z.boolean().optional(),
    /**
     * The consent-management platform that holds trackers back until the visitor consents (e.g.
     * "Axeptio"); absent when the page has none. Optional without default, so the hash of a definition
     * written before this key existed does not change.
     */
    consentManagementPlatform: z.string().trim().min(1).max(100).optional(),
    modules: z.array(moduleRefSchema).max(200).default([]),
    forms: z.array(formSchema).max(50).default([]),
    scripts: z.array(thirdPartySchema).max(200).default([]),
    embeds: z.array(thirdPartySchema).max(200).default([])
  })
);

export type FieldDefinition = z.infer<typeof fieldSchema>;
export type ConsentDefinition = z.infer<typeof consentSchema>;
export type ThirdPartyResource = z.infer<typeof thirdPartySchema>;
export type FormDefinition = z.infer<typeof formSchema>;
export type ModuleRef = z.infer<typeof moduleRefSchema>;
export type PageDefinition = z.infer<typeof definitionSchema>;
/** What callers may write: defaults (required, hidden, consents, modules…) may be left out. */
export type PageDefinitionInput = z.input<typeof definitionSchema>;

export interface SchemaIssue {
  /** JSON path of the offending value, e.g. `forms[0].fields[2].name` (empty string for the root). */
  path: string;
  message: string;
}

export type ParseResult<T> = { ok: true; value: T } | { ok: false; issues: SchemaIssue[] };

export function formatPath(path: ReadonlyArray<PropertyKey>): string {
  let out = '';
  for (const segment of path) {
    if (typeof segment === 'number') out += `[${segment}]`;
    else out += out === '' ? String(segment) : `.${String(segment)}`;
  }
  return out;
}

export function issuesFromZod(error: z.ZodError): SchemaIssue[] {
  return error.issues.map((issue) => ({ path: formatPath(issue.path), message: issue.message }));
}

export function describeIssues(issues: ReadonlyArray<SchemaIssue>): string {
  return issues.map((issue) => `${issue.path === '' ? '(root)' : issue.path}: ${issue.message}`).join('; ');
}

export function parseDefinition(input: unknown): ParseResult<PageDefinition> {
  const result = definitionSchema.safeParse(input);
  if (result.success) return { ok: true, value: result.data };
  return { ok: false, issues: issuesFromZod(result.error) };
}
