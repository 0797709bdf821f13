import { z } from 'zod';
// Type-only: the domain's schemas parse the definition and the policy after these payload
// schemas, so their errors name the path inside the definition or the policy.
import type { PageDefinitionInput } from '../guardrails/domain/definition';
import type { Policy } from '../guardrails/domain/policy';
import { lazySchema } from './lazy-schema';

/**
 * The guardrail resolvers' payload schemas, parsed at the boundary (docs/architecture.md rule 4).
 * The payload types the UI sends are inferred from them, so UI, resolver and validation cannot
 * drift. static/ imports this module for types only (`import type`): zod stays out of the UI.
 */

const issueId = lazySchema(() => z.string().regex(/^[0-9]{1,18}$/, 'must be a numeric Jira issue id'));

/** The largest page (or JSON definition) the import accepts. */
export const MAX_IMPORT_CHARS = 2 * 1024 * 1024;

const required = lazySchema(() => z.unknown().refine((value) => value !== undefined, 'is required'));

export const IssuePayloadSchema = lazySchema(() => z.strictObject({ issueId }));

export const SaveDefinitionPayloadSchema = lazySchema(() =>
  z.strictObject({ issueId, definition: required })
);

export const DecidePayloadSchema = lazySchema(() =>
  z.strictObject({
    issueId,
    decision: z.enum(['approve', 'reject']),
    reason: z.string().max(2000).optional()
  })
);

export const ImportHtmlPayloadSchema = lazySchema(() =>
  z.strictObject({
    issueId,
    html: z.string().min(1, 'is empty').max(MAX_IMPORT_CHARS, 'is larger than 2 MB')
  })
);

export const PolicySavePayloadSchema = lazySchema(() =>
  z.strictObject({
    policy: required,
    basedOn: z.string().min(1).max(100)
  })
);

export const AuditExportPayloadSchema = lazySchema(() =>
  z.strictObject({
    cursor: z.string().min(1).max(2000).optional()
  })
);

export const EmptyPayloadSchema = lazySchema(() => z.strictObject({}));

export type IssuePayload = z.infer<typeof IssuePayloadSchema>;

export type SaveDefinitionPayload = Omit<z.infer<typeof SaveDefinitionPayloadSchema>, 'definition'> & {
  definition: PageDefinitionInput;
};

export type DecidePayload = z.infer<typeof DecidePayloadSchema>;

/** The page's HTML, or a definition in JSON (text starting with `{`), at most 2 MB. */
export type ImportHtmlPayload = z.infer<typeof ImportHtmlPayloadSchema>;

/**
 * `policy`: the new policy; its `version` is ignored, the server names the version.
 * `basedOn`: the version the editor started from; saving over a newer one is refused (CONFLICT).
 */
export type PolicySavePayload = Omit<z.infer<typeof PolicySavePayloadSchema>, 'policy'> & { policy: Policy };

/** `cursor`: from the previous page's `nextCursor`; absent for the first page. */
export type AuditExportPayload = z.infer<typeof AuditExportPayloadSchema>;
