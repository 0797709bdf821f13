import { z } from 'zod';
import {
  DEFAULT_TRACKERS,
  HOST_PATTERN,
  PAGE_CHECK_SEVERITIES,
  TIER_CHECKS,
  TRACKER_CATEGORIES
} from './default-policy';
import { fieldKindSchema, issuesFromZod, tierSchema, type ParseResult } from './definition';

export {
  DEFAULT_POLICY,
  DEFAULT_TRACKERS,
  HOST_PATTERN,
  PAGE_CHECK_SEVERITIES,
  TIER_CHECKS,
  TRACKER_CATEGORIES,
  kindTier,
  type PageCheckSeverity,
  type TierCheck,
  type TrackerCategory
} from './default-policy';

const tierRuleSchema = z.strictObject({
  checks: z.array(z.enum(TIER_CHECKS)),
  /** Jira group whose members may approve this tier; null means no approval is needed. */
  approverGroup: z.string().min(1).max(255).nullable(),
  approvalSlaHours: z.number().int().positive().nullable(),
  maxRetentionMonths: z.number().int().positive().nullable()
});

const domainSchema = z
  .string()
  .min(1)
  .max(253)
  .regex(HOST_PATTERN, 'expected a host name such as "cdn.example.com"');

export const trackerSchema = z.strictObject({
  domain: domainSchema,
  category: z.enum(TRACKER_CATEGORIES)
});
export type Tracker = z.infer<typeof trackerSchema>;

export const moduleEntrySchema = z.strictObject({
  id: z.string().min(1).max(200),
  version: z.string().min(1).max(50),
  status: z.enum(['approved', 'retired'])
});

export const policySchema = z.strictObject({
  version: z.string().min(1).max(100),
  kindTiers: z.record(fieldKindSchema, tierSchema),
  tiers: z.strictObject({
    T0: tierRuleSchema,
    T1: tierRuleSchema,
    T2: tierRuleSchema,
    T3: tierRuleSchema,
    T4: tierRuleSchema
  }),
  /** Tier given to a field the classifier cannot place (the requester is asked to pick its kind). */
  unplacedFieldTier: tierSchema,
  itApproverGroup: z.string().min(1).max(255),
  itApprovalSlaHours: z.number().int().positive(),
  pageChecks: z.strictObject({
    unknownModule: z.enum(PAGE_CHECK_SEVERITIES),
    retiredModule: z.enum(PAGE_CHECK_SEVERITIES),
    scriptOutsideAllowList: z.enum(PAGE_CHECK_SEVERITIES),
    embedOutsideAllowList: z.enum(PAGE_CHECK_SEVERITIES)
  }),
  allowedDomains: z.strictObject({
    scripts: z.array(domainSchema).max(1000),
    embeds: z.array(domainSchema).max(1000)
  }),
  moduleLibrary: z.array(moduleEntrySchema).max(5000),
  /** Which script hosts are trackers. Policies stored before this key existed get the defaults. */
  trackers: z
    .array(trackerSchema)
    .max(1000)
    .default(() => DEFAULT_TRACKERS.map((tracker) => ({ ...tracker }))),
  approvalValidityMonths: z.number().int().positive().max(120),
  reReviewReminderMonths: z.number().int().min(0).max(12)
});

export type Policy = z.infer<typeof policySchema>;
export type TierRule = z.infer<typeof tierRuleSchema>;
export type ModuleEntry = z.infer<typeof moduleEntrySchema>;

export function parsePolicy(input: unknown): ParseResult<Policy> {
  const result = policySchema.safeParse(input);
  if (result.success) return { ok: true, value: result.data };
  return { ok: false, issues: issuesFromZod(result.error) };
}
