import { z } from 'zod';
import {
  fieldKindSchema,
  issuesFromZod,
  tierSchema,
  type FieldKind,
  type ParseResult,
  type Tier
} from './definition';

export const TIER_CHECKS = [
  'purpose',
  'privacyNotice',
  'retention',
  'consentNotPreTicked',
  'freeTextNotice',
  'legalBasis',
  'explicitConsent',
  'dpia'
] as const;
export type TierCheck = (typeof TIER_CHECKS)[number];

/** How a page-level problem weighs on the decision; `approval` routes it to the IT reviewers. */
export const PAGE_CHECK_SEVERITIES = ['fix', 'approval', 'block'] as const;
export type PageCheckSeverity = (typeof PAGE_CHECK_SEVERITIES)[number];

const groupIdSchema = z.string().min(1).max(128);

const tierRuleSchema = z.strictObject({
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
});

const domainSchema = z
  .string()
  .min(1)
  .max(253)
  .regex(/^(\*\.)?[a-z0-9-]+(\.[a-z0-9-]+)+$/i, 'expected a host name such as "cdn.example.com"');

/**
 * Scripts that track visitors need their prior consent (CNIL cookie guidelines and recommendation,
 * 2020): analytics, advertising pixels, and tag managers, which load both.
 */
export const TRACKER_CATEGORIES = ['analytics', 'advertising', 'tag_manager'] as const;
export type TrackerCategory = (typeof TRACKER_CATEGORIES)[number];

export const trackerSchema = z.strictObject({
  domain: domainSchema,
  category: z.enum(TRACKER_CATEGORIES)
});
export type Tracker = z.infer<typeof trackerSchema>;

/** The common trackers of marketing pages; a policy may add its own or drop some. */
export const DEFAULT_TRACKERS: ReadonlyArray<Tracker> = [
  // gtag.js (Google Analytics 4, Google Ads) also loads from this host and routes to several tags.
  { domain: 'www.googletagmanager.com', category: 'tag_manager' },
  { domain: 'tags.tiqcdn.com', category: 'tag_manager' },
  { domain: 'assets.adobedtm.com', category: 'tag_manager' },
  { domain: '*.google-analytics.com', category: 'analytics' },
  { domain: 'static.hotjar.com', category: 'analytics' },
  { domain: 'script.hotjar.com', category: 'analytics' },
  { domain: '*.matomo.cloud', category: 'analytics' },
  { domain: 'www.clarity.ms', category: 'analytics' },
  { domain: 'js.hs-analytics.net', category: 'analytics' },
  { domain: 'js.hs-scripts.com', category: 'analytics' },
  { domain: 'cdn.segment.com', category: 'analytics' },
  { domain: 'cdn.mxpnl.com', category: 'analytics' },
  { domain: 'connect.facebook.net', category: 'advertising' },
  { domain: 'snap.licdn.com', category: 'advertising' },
  { domain: 'px.ads.linkedin.com', category: 'advertising' },
  { domain: 'googleads.g.doubleclick.net', category: 'advertising' },
  { domain: 'www.googleadservices.com', category: 'advertising' },
  { domain: 'static.ads-twitter.com', category: 'advertising' },
  { domain: 'analytics.tiktok.com', category: 'advertising' },
  { domain: 'bat.bing.com', category: 'advertising' },
  { domain: 's.pinimg.com', category: 'advertising' },
  { domain: 'sc-static.net', category: 'advertising' },
  { domain: 'cdn.taboola.com', category: 'advertising' }
];

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
});

export type Policy = z.infer<typeof policySchema>;
export type TierRule = z.infer<typeof tierRuleSchema>;
export type ModuleEntry = z.infer<typeof moduleEntrySchema>;

export function parsePolicy(input: unknown): ParseResult<Policy> {
  const result = policySchema.safeParse(input);
  if (result.success) return { ok: true, value: result.data };
  return { ok: false, issues: issuesFromZod(result.error) };
}

const T1_CHECKS: TierCheck[] = [
  'purpose',
  'privacyNotice',
  'retention',
  'consentNotPreTicked',
  'freeTextNotice'
];

const DEFAULT_KIND_TIERS: Record<FieldKind, Tier> = {
  rating: 'T0',
  choice: 'T0',
  technical: 'T0',
  name: 'T1',
  email: 'T1',
  phone: 'T1',
  company: 'T1',
  job_title: 'T1',
  country: 'T1',
  city: 'T1',
  gender: 'T1',
  marketing_opt_in: 'T1',
  reference: 'T1',
  household: 'T1',
  free_text: 'T1',
  date_of_birth: 'T2',
  age: 'T2',
  postal_address: 'T2',
  coarse_location: 'T2',
  ip_address: 'T2',
  device_id: 'T2',
  file_upload: 'T2',
  photo: 'T2',
  nationality: 'T2',
  health: 'T3',
  racial_ethnic_origin: 'T3',
  political_opinion: 'T3',
  religion: 'T3',
  trade_union: 'T3',
  genetic: 'T3',
  biometric: 'T3',
  sex_life_orientation: 'T3',
  criminal_record: 'T3',
  child_data: 'T3',
  government_id: 'T3',
  bank_details: 'T3',
  salary: 'T3',
  precise_location: 'T3',
  payment_card: 'T4',
  card_security_code: 'T4',
  pin: 'T4',
  password: 'T4',
  api_token: 'T4',
  one_time_code: 'T4'
};

/**
 * The default policy follows the tier table of QUALITY.md: T1 retention ≤ 36 months is the CNIL
 * benchmark for prospect data (référentiel « gestion commerciale »), T3 retention ≤ 12 months, T3 needs
 * the data-protection officer, T4 is never approvable (PCI DSS keeps card data with a payment processor).
 */
export const DEFAULT_POLICY: Policy = {
  version: 'default-2026-12',
  kindTiers: DEFAULT_KIND_TIERS,
  tiers: {
    T0: { checks: [], approverGroup: null, approvalSlaHours: null, maxRetentionMonths: null },
    T1: { checks: T1_CHECKS, approverGroup: null, approvalSlaHours: null, maxRetentionMonths: 36 },
    T2: {
      checks: T1_CHECKS,
      approverGroup: 'tandem-privacy-reviewers',
      approvalSlaHours: 48,
      maxRetentionMonths: 36
    },
    T3: {
      checks: [...T1_CHECKS, 'legalBasis', 'explicitConsent', 'dpia'],
      approverGroup: 'tandem-data-protection-officer',
      approvalSlaHours: 120,
      maxRetentionMonths: 12
    },
    T4: { checks: [], approverGroup: null, approvalSlaHours: null, maxRetentionMonths: null }
  },
  unplacedFieldTier: 'T1',
  itApproverGroup: 'tandem-it-reviewers',
  itApprovalSlaHours: 48,
  pageChecks: {
    unknownModule: 'approval',
    retiredModule: 'fix',
    scriptOutsideAllowList: 'approval',
    embedOutsideAllowList: 'approval'
  },
  allowedDomains: {
    scripts: [
      '*.atlassian.net',
      'www.googletagmanager.com',
      'js.hsforms.net',
      'www.google.com',
      'www.gstatic.com'
    ],
    embeds: ['www.youtube-nocookie.com', 'player.vimeo.com', 'www.google.com']
  },
  moduleLibrary: [
    { id: 'hero', version: '2.1.0', status: 'approved' },
    { id: 'hero', version: '1.4.0', status: 'retired' },
    { id: 'feature-grid', version: '1.2.0', status: 'approved' },
    { id: 'testimonials', version: '1.0.3', status: 'approved' },
    { id: 'lead-form', version: '3.0.0', status: 'approved' },
    { id: 'lead-form', version: '2.2.0', status: 'retired' },
    { id: 'event-registration', version: '1.1.0', status: 'approved' },
    { id: 'video', version: '1.0.0', status: 'approved' },
    { id: 'footer', version: '1.5.0', status: 'approved' }
  ],
  trackers: DEFAULT_TRACKERS.map((tracker) => ({ ...tracker })),
  approvalValidityMonths: 12,
  reReviewReminderMonths: 1
};

export function kindTier(policy: Policy, kind: FieldKind): Tier {
  return policy.kindTiers[kind];
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
