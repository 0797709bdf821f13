/**
 * What the policy editor needs from the domain, imported from the modules that define it (the
 * domain's index pulls node:crypto and parse5, which the browser build must never see).
 */
import type { z } from 'zod';
import {
  formatPath,
  FIELD_KINDS,
  TIERS,
  type FieldKind,
  type Tier
} from '../../../../src/guardrails/domain/definition';
import { KIND_NAMES, TIER_NAMES } from '../../../../src/guardrails/domain/messages';
import {
  moduleEntrySchema,
  PAGE_CHECK_SEVERITIES,
  policySchema,
  TIER_CHECKS,
  TRACKER_CATEGORIES,
  type ModuleEntry,
  type Tracker,
  type TrackerCategory,
  type PageCheckSeverity,
  type Policy,
  type TierCheck,
  type TierRule
} from '../../../../src/guardrails/domain/policy';
import { getLocale, t, type PlainKey } from '../../../common/i18n';

export {
  FIELD_KINDS,
  PAGE_CHECK_SEVERITIES,
  TIER_CHECKS,
  TIERS,
  TRACKER_CATEGORIES,
  moduleEntrySchema,
  policySchema
};
export type {
  FieldKind,
  ModuleEntry,
  PageCheckSeverity,
  Policy,
  Tier,
  TierCheck,
  TierRule,
  Tracker,
  TrackerCategory
};

export const TRACKER_LABEL: Record<TrackerCategory, PlainKey> = {
  analytics: 'policy.trackers.analytics',
  advertising: 'policy.trackers.advertising',
  tag_manager: 'policy.trackers.tag_manager'
};

/**
 * The policy's trackers with `host` marked as `category` (or unmarked): one entry per exact host;
 * entries for other hosts, wildcards included, are kept as they are.
 */
export function withTracker(
  trackers: readonly Tracker[],
  host: string,
  category: TrackerCategory | undefined
): Tracker[] {
  const others = trackers.filter((tracker) => tracker.domain !== host);
  return category === undefined ? others : [...others, { domain: host, category }];
}

export type PageCheck = keyof Policy['pageChecks'];
export const PAGE_CHECKS: readonly PageCheck[] = [
  'unknownModule',
  'retiredModule',
  'scriptOutsideAllowList',
  'embedOutsideAllowList'
];

export type DomainList = keyof Policy['allowedDomains'];

export const CHECK_LABEL: Record<TierCheck, PlainKey> = {
  purpose: 'policy.check.purpose',
  privacyNotice: 'policy.check.privacyNotice',
  retention: 'policy.check.retention',
  consentNotPreTicked: 'policy.check.consentNotPreTicked',
  freeTextNotice: 'policy.check.freeTextNotice',
  legalBasis: 'policy.check.legalBasis',
  explicitConsent: 'policy.check.explicitConsent',
  dpia: 'policy.check.dpia'
};

export const PAGE_CHECK_LABEL: Record<PageCheck, PlainKey> = {
  unknownModule: 'policy.pageChecks.unknownModule',
  retiredModule: 'policy.pageChecks.retiredModule',
  scriptOutsideAllowList: 'policy.pageChecks.scriptOutsideAllowList',
  embedOutsideAllowList: 'policy.pageChecks.embedOutsideAllowList'
};

export const SEVERITY_LABEL: Record<PageCheckSeverity, PlainKey> = {
  fix: 'policy.severity.fix',
  approval: 'policy.severity.approval',
  block: 'policy.severity.block'
};

export const DOMAIN_LIST_LABEL: Record<DomainList, PlainKey> = {
  scripts: 'policy.domains.scripts',
  embeds: 'policy.domains.embeds'
};

const TIER_FIELD_LABEL: Record<keyof TierRule, PlainKey> = {
  checks: 'policy.tiers.col.checks',
  approverGroup: 'policy.tiers.col.group',
  approverGroupId: 'policy.tiers.col.group',
  approvalSlaHours: 'policy.tiers.col.sla',
  maxRetentionMonths: 'policy.tiers.col.retention'
};

const TOP_FIELD_LABEL: Partial<Record<string, PlainKey>> = {
  unplacedFieldTier: 'policy.unplaced.label',
  itApproverGroup: 'policy.it.group',
  itApprovalSlaHours: 'policy.it.sla',
  approvalValidityMonths: 'policy.validity.months',
  reReviewReminderMonths: 'policy.validity.reminder',
  moduleLibrary: 'policy.modules.heading'
};

export function kindName(kind: FieldKind): string {
  return KIND_NAMES[kind][getLocale()];
}

export function tierName(tier: Tier): string {
  return TIER_NAMES[tier][getLocale()];
}

export function tierOption(tier: Tier): string {
  return t('policy.tierOption', { tier, name: tierName(tier) });
}

const isTier = (value: string | undefined): value is Tier => TIERS.some((tier) => tier === value);
const isKind = (value: string | undefined): value is FieldKind => FIELD_KINDS.some((kind) => kind === value);

/**
 * The label the editor shows for a field path such as `tiers.T3.approverGroup`, `kindTiers.email`,
 * `allowedDomains.scripts[2]` or `moduleLibrary[4].version` (also with the server's `policy.` prefix).
 */
export function fieldLabel(rawPath: string, policy?: Policy): string {
  const path = rawPath.replace(/^policy\.?/, '');
  const parts = path.split(/[.[\]]+/).filter((part) => part !== '');
  const [head, second, third] = parts;
  if (head === 'tiers' && isTier(second)) {
    const key = third === undefined ? undefined : TIER_FIELD_LABEL[third as keyof TierRule];
    return key === undefined ? second : t('policy.field.tier', { tier: second, field: t(key) });
  }
  if (head === 'kindTiers' && isKind(second)) return t('policy.field.kindTier', { kind: kindName(second) });
  if (head === 'pageChecks' && second !== undefined && second in PAGE_CHECK_LABEL) {
    return t(PAGE_CHECK_LABEL[second as PageCheck]);
  }
  if (head === 'allowedDomains' && (second === 'scripts' || second === 'embeds')) {
    const list = t(DOMAIN_LIST_LABEL[second]);
    const index = third === undefined ? NaN : Number(third);
    const host = Number.isInteger(index) ? policy?.allowedDomains[second][index] : undefined;
    return host === undefined ? list : t('policy.field.listItem', { list, item: host });
  }
  if (head === 'moduleLibrary' && second !== undefined && /^\d+$/.test(second)) {
    const entry = policy?.moduleLibrary[Number(second)];
    const list = t('policy.modules.heading');
    return entry === undefined
      ? list
      : t('policy.field.listItem', { list, item: `${entry.id} ${entry.version}` });
  }
  const key = head === undefined ? undefined : TOP_FIELD_LABEL[head];
  return key === undefined ? path || t('policy.field.whole') : t(key);
}

export interface FieldProblem {
  /** Path inside the policy, e.g. `tiers.T2.approvalSlaHours`. */
  path: string;
  message: string;
}

function problemText(issue: z.core.$ZodIssue): string {
  if (issue.code === 'too_small') {
    if (issue.origin === 'string') return t('policy.problem.required');
    return t('policy.problem.min', { min: String(issue.minimum) });
  }
  if (issue.code === 'too_big') {
    if (issue.origin === 'string') return t('policy.problem.tooLong', { max: String(issue.maximum) });
    if (issue.origin === 'array') return t('policy.problem.tooMany', { max: String(issue.maximum) });
    return t('policy.problem.max', { max: String(issue.maximum) });
  }
  if (issue.code === 'invalid_format') return t('policy.problem.host');
  if (issue.code === 'invalid_type' && (issue.expected === 'number' || issue.expected === 'int')) {
    return t('policy.problem.wholeNumber');
  }
  return t('policy.problem.invalid');
}

/**
 * Everything wrong with a draft, field by field: the domain's own schema (the one the resolver
 * applies) plus what only makes sense together (a reminder before the approval expires, no
 * module version listed twice).
 */
export function validatePolicy(draft: Policy): FieldProblem[] {
  const parsed = policySchema.safeParse(draft);
  const problems: FieldProblem[] = parsed.success
    ? []
    : parsed.error.issues.map((issue) => ({ path: formatPath(issue.path), message: problemText(issue) }));
  const has = (path: string) => problems.some((problem) => problem.path === path);
  if (
    !has('reReviewReminderMonths') &&
    !has('approvalValidityMonths') &&
    draft.reReviewReminderMonths >= draft.approvalValidityMonths
  ) {
    problems.push({ path: 'reReviewReminderMonths', message: t('policy.problem.reminderAfterExpiry') });
  }
  const seen = new Set<string>();
  draft.moduleLibrary.forEach((entry, index) => {
    const key = `${entry.id}\u0000${entry.version}`;
    if (seen.has(key))
      problems.push({ path: `moduleLibrary[${index}]`, message: t('policy.modules.duplicate') });
    seen.add(key);
  });
  return problems;
}

/** What is saved: group names trimmed, an empty group meaning "no approval". */
export function normalise(draft: Policy): Policy {
  const group = (value: string | null) => (value === null || value.trim() === '' ? null : value.trim());
  const tiers = Object.fromEntries(
    TIERS.map((tier) => [
      tier,
      { ...draft.tiers[tier], approverGroup: group(draft.tiers[tier].approverGroup) }
    ])
  ) as Policy['tiers'];
  return { ...draft, tiers, itApproverGroup: draft.itApproverGroup.trim() };
}

/** A host typed or pasted as a URL (`https://cdn.example.com/x.js`) becomes its host name. */
export function hostOf(input: string): string {
  const trimmed = input.trim();
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(trimmed)) {
    try {
      return new URL(trimmed).hostname.toLowerCase();
    } catch {
      return trimmed.toLowerCase();
    }
  }
  return trimmed.toLowerCase();
}

/** The schema's own host check (`cdn.example.com`, `*.example.com`). */
export function isHost(host: string): boolean {
  return policySchema.shape.allowedDomains.shape.scripts.element.safeParse(host).success;
}

export function samePolicy(a: Policy, b: Policy): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}
