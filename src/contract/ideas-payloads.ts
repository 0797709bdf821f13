import { z } from 'zod';
import { IdeasConfigSchema } from '../ideas/domain/config';
import { DECISIONS } from '../ideas/domain/review';
import { EVIDENCE_KINDS, IDEA_SOURCES, MAX_SNIPPET_CHARS } from '../ideas/domain/evidence';
import { lazySchema } from './lazy-schema';

/**
 * The idea backlog resolvers' payload schemas, parsed at the boundary (docs/architecture.md
 * rule 4). The page and the macro instance come from Forge's context, never from a payload.
 */

const issueId = lazySchema(() => z.string().regex(/^[0-9]{1,18}$/, 'must be a numeric Jira issue id'));
const text = (max: number) => z.string().trim().max(max, `must be at most ${max} characters`);
const required = (max: number) => text(max).min(1, 'is required');
const isoDay = lazySchema(() =>
  z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date (yyyy-mm-dd)')
    .refine((day) => !Number.isNaN(Date.parse(`${day}T00:00:00Z`)), 'must be a real date')
);

export const ViewPayloadSchema = lazySchema(() => z.strictObject({}));
export const IdeaPayloadSchema = lazySchema(() => z.strictObject({ issueId }));

export const CapturePayloadSchema = lazySchema(() =>
  z.strictObject({
    summary: required(255),
    source: z.enum(IDEA_SOURCES),
    notes: text(5000).default('')
  })
);

export const VotePayloadSchema = lazySchema(() => z.strictObject({ issueId, vote: z.boolean() }));

export const EvidenceAddPayloadSchema = lazySchema(() =>
  z
    .strictObject({
      issueId,
      kind: z.enum(EVIDENCE_KINDS),
      url: text(2000).optional(),
      snippet: text(MAX_SNIPPET_CHARS).optional()
    })
    .superRefine((value, ctx) => {
      const hasUrl = (value.url ?? '') !== '';
      const hasSnippet = (value.snippet ?? '') !== '';
      if (hasUrl === hasSnippet)
        ctx.addIssue({
          code: 'custom',
          path: [hasUrl ? 'snippet' : 'url'],
          message: hasUrl ? 'give a link or a snippet, not both' : 'give a link or a snippet'
        });
    })
);

export const EvidenceRemovePayloadSchema = lazySchema(() =>
  z.strictObject({
    issueId,
    evidenceId: z.string().regex(/^[a-z0-9-]{8,64}$/, 'must be an evidence id')
  })
);

export const DecidePayloadSchema = lazySchema(() =>
  z.strictObject({
    issueId,
    decision: z.enum(DECISIONS).exclude(['experiment']),
    note: text(1000).default('')
  })
);

export const ExperimentPayloadSchema = lazySchema(() =>
  z.strictObject({
    issueId,
    hypothesis: required(2000),
    successMetric: required(255),
    stopDate: isoDay
  })
);

export const OutcomePayloadSchema = lazySchema(() =>
  z.strictObject({
    issueId,
    met: z.boolean(),
    lesson: required(2000)
  })
);

/** The dialog asks for a project's statuses before the config is saved. */
export const ConfigOptionsPayloadSchema = lazySchema(() =>
  z.strictObject({
    projectId: IdeasConfigSchema.shape.projectId.optional(),
    query: text(100).optional()
  })
);

export type ViewPayload = z.infer<typeof ViewPayloadSchema>;
export type IdeaPayload = z.infer<typeof IdeaPayloadSchema>;
export type CapturePayload = z.input<typeof CapturePayloadSchema>;
export type VotePayload = z.infer<typeof VotePayloadSchema>;
export type EvidenceAddPayload = z.input<typeof EvidenceAddPayloadSchema>;
export type EvidenceRemovePayload = z.infer<typeof EvidenceRemovePayloadSchema>;
export type DecidePayload = z.input<typeof DecidePayloadSchema>;
export type ExperimentPayload = z.infer<typeof ExperimentPayloadSchema>;
export type OutcomePayload = z.infer<typeof OutcomePayloadSchema>;
export type ConfigOptionsPayload = z.infer<typeof ConfigOptionsPayloadSchema>;
