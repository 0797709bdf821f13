import { z } from 'zod';
import { AUDIT_EVENT_TYPES, type AuditEvent } from '../contract/guardrails';
import { APPROVAL_STATES, type ApprovalRecord } from './domain/approval';
import { definitionSchema, tierSchema, type PageDefinition } from './domain/definition';
import { DECISIONS } from './domain/evaluate';
import { lazySchema } from '../contract/lazy-schema';

export { KEYS } from './record-keys';

/**
 * What the guardrails keep in KVS per issue (docs/architecture.md rule 6): the definition, the current approval
 * record with a revision number (the optimistic lock every approval write claims), and an
 * append-only audit trail, one key per event, never updated nor deleted.
 */

export interface StoredDefinition {
  definition: PageDefinition;
  hash: string;
  updatedAt: string;
  updatedBy: string;
}

export const StoredDefinitionSchema: z.ZodType<StoredDefinition> = lazySchema(() =>
  z.object({
    definition: definitionSchema,
    hash: z.string(),
    updatedAt: z.string(),
    updatedBy: z.string()
  })
);

const GrantSchema = lazySchema(() => z.object({ group: z.string(), by: z.string(), at: z.string() }));

export const ApprovalRecordSchema = lazySchema(
  () =>
    z.object({
      state: z.enum(APPROVAL_STATES).exclude(['none']),
      definitionHash: z.string(),
      policyVersion: z.string(),
      evaluationSignature: z.string(),
      tier: tierSchema,
      requiredGroups: z.array(z.string()),
      requestedBy: z.string(),
      requestedAt: z.string(),
      reporter: z.string().optional(),
      grants: z.array(GrantSchema),
      decidedBy: z.string().optional(),
      decidedAt: z.string().optional(),
      reason: z.string().optional(),
      expiresAt: z.string().optional(),
      voidReason: z.enum(['definition_changed', 'policy_changed']).optional()
    }) as unknown as z.ZodType<ApprovalRecord>
);

export interface StoredApproval {
  /** Incremented by every write; writing revision n first claims `KEYS.approvalRevision(issue, n)`. */
  revision: number;
  record: ApprovalRecord;
}

export const StoredApprovalSchema: z.ZodType<StoredApproval> = lazySchema(() =>
  z.object({
    revision: z.number().int().min(1),
    record: ApprovalRecordSchema
  })
);

export const AuditEventSchema = lazySchema(
  () =>
    z.object({
      id: z.string(),
      type: z.enum(AUDIT_EVENT_TYPES),
      issueId: z.string(),
      at: z.string(),
      actor: z.string(),
      definitionHash: z.string(),
      bindingHash: z.string(),
      policyVersion: z.string(),
      tier: tierSchema,
      decision: z.enum(DECISIONS),
      reason: z.string().optional(),
      snapshot: definitionSchema.optional()
    }) as unknown as z.ZodType<AuditEvent>
);

export const DueEntrySchema = lazySchema(() =>
  z.object({
    revision: z.number().int().min(0),
    /** For a closed record with no date of its own (voided): when the sweep first saw it closed. */
    closedAt: z.number().optional()
  })
);

export const RevisionClaimSchema = lazySchema(() => z.object({ by: z.string(), at: z.string() }));
