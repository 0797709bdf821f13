import { z } from 'zod';
import {
  DEFAULT_TRACKERS,
  HOST_PATTERN,
  PAGE_CHECK_SEVERITIES,
  TIER_CHECKS,
  TRACKER_CATEGORIES
} from './default-policy';
import { fieldKindSchema, issuesFromZod, tierSchema, type ParseResult } from './definition';
import { lazySchema } from '../../contract/lazy-schema';

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

const groupIdSchema = lazySchema(() => z.string().min(1).max(128));

const tierRuleSchema = lazySchema(() =>
  z.strictObject({
    checks: z.array(z.enum(TIER_CHECKS)),
    /** Jira group whose members may approve this tier; null means no approval is needed. */
    approverGroup: z.string().min(1).max(255).nullable(),
    /**
     * The group's id in Jira: membership is checked by id, since admins can rename groups. Absent in
     * policies saved before ids were stored (and in hand-written CLI policies): it is looked up by name.
     */
    approverGroupId: groupIdSchema.nullable().optional(),
    approvalSlaHours: z.number().int().positive().nullable(),
    maxRetentionMonths: z.number().int().positive().nullable()
  })
);

const domainSchema = lazySchema(() =>
  z.string().min(1).max(253).regex(HOST_PATTERN, 'expected a host name such as "cdn.example.com"')
);

export const trackerSchema = lazySchema(() =>
  z.strictObject({
    domain: domainSchema,
    category: z.enum(TRACKER_CATEGORIES)
  })
);
export type Tracker = z.infer<typeof trackerSchema>;

export const moduleEntrySchema = lazySchema(() =>
  z.strictObject({
    id: z.string().min(1).max(200),
    version: z.string().min(1).max(50),
    status: z.enum(['approved', 'retired'])
  })
);

export const policySchema = lazySchema(() =>
  z.strictObject({
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
    itApproverGroupId: groupIdSchema.optional(),
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
  })
);

export type Policy = z.infer<typeof policySchema>;
export type TierRule = z.infer<typeof tierRuleSchema>;
export type ModuleEntry = z.infer<typeof moduleEntrySchema>;

export function parsePolicy(input: unknown): ParseResult<Policy> {
  const result = policySchema.safeParse(input);
  if (result.success) return { ok: true, value: result.data };
  return { ok: false, issues: issuesFromZod(result.error) };
}

/** One place in the policy that names an approver group: its path, its name and its id once known. */
export interface PolicyGroupRef {
  path: string;
  name: string;
  id: string | undefined;
}

export function policyGroupRefs(policy: Policy): PolicyGroupRef[] {
  const refs: PolicyGroupRef[] = [];
  for (const tier of ['T0', 'T1', 'T2', 'T3', 'T4'] as const) {
    const rule = policy.tiers[tier];
    if (rule.approverGroup !== null) {
      refs.push({
        path: `tiers.${tier}.approverGroup`,
        name: rule.approverGroup,
        id: rule.approverGroupId ?? undefined
      });
    }
  }
  refs.push({ path: 'itApproverGroup', name: policy.itApproverGroup, id: policy.itApproverGroupId });
  return refs;
}

/**
 * The policy with the ids of `idsByName` filled in where it names a group without an id. A group
 * already carrying an id keeps it: that id is the group, whatever it is called today.
 */
export function withGroupIds(policy: Policy, idsByName: ReadonlyMap<string, string>): Policy {
  const fill = (name: string | null, id: string | null | undefined): string | null | undefined =>
    id ?? (name === null ? id : (idsByName.get(name) ?? id));
  const tiers = { ...policy.tiers };
  for (const tier of ['T0', 'T1', 'T2', 'T3', 'T4'] as const) {
    const rule = tiers[tier];
    const id = fill(rule.approverGroup, rule.approverGroupId);
    if (id !== rule.approverGroupId) tiers[tier] = { ...rule, approverGroupId: id };
  }
  const itId = fill(policy.itApproverGroup, policy.itApproverGroupId) ?? undefined;
  return { ...policy, tiers, ...(itId !== undefined ? { itApproverGroupId: itId } : {}) };
}

/**
 * The policy's approver groups (by the names the policy and its approval records use) that the
 * caller belongs to, matched by group id only. A group the policy names without a known id matches
 * nobody: an unresolved name never lets anyone decide.
 */
export function approverGroupsHeld(policy: Policy, callerGroupIds: ReadonlyArray<string>): string[] {
  const held = new Set<string>();
  for (const ref of policyGroupRefs(policy)) {
    if (ref.id !== undefined && callerGroupIds.includes(ref.id)) held.add(ref.name);
  }
  return [...held];
}
