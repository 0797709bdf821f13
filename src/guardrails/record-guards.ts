import {
  array,
  bool,
  exhaustiveRecord,
  guard,
  nullable,
  num,
  object,
  oneOf,
  optional,
  refine,
  str,
  withDefault,
  type Check,
  type Guard
} from '../platform/guard';
import { APPROVAL_STATES, type ApprovalRecord } from './domain/approval';
import {
  DEFAULT_TRACKERS,
  HOST_PATTERN,
  PAGE_CHECK_SEVERITIES,
  TIER_CHECKS,
  TRACKER_CATEGORIES
} from './domain/default-policy';
import type { PageDefinition } from './domain/definition';
import { AUDIENCES, FIELD_KINDS, LEGAL_BASES, TIERS } from './domain/kinds';
import type { Policy } from './domain/policy';
import type { StoredPolicy } from './policy-current';
import type { StoredApproval, StoredDefinition } from './records';

/**
 * The guardrail's stored records as the workflow validator reads them — definition, approval,
 * policy in force — checked without zod, so the validator's bundle does not carry it. Each guard
 * mirrors a zod schema (domain/definition.ts, domain/policy.ts, records.ts, policy-store.ts) and
 * test/guardrails/record-guards.test.ts runs both over the same fixtures: same refusals, same value.
 * A change to one of those schemas fails that test until the guard follows.
 */

// Bounded lengths, as in domain/definition.ts.
const shortText = str({ max: 500 });
const longText = str({ max: 20_000 });

const field = object(
  {
    name: str({ min: 1, max: 200 }),
    kind: optional(oneOf(FIELD_KINDS)),
    label: optional(shortText),
    placeholder: optional(shortText),
    required: withDefault(bool, () => false),
    inputType: withDefault(str({ max: 40 }), () => 'text'),
    autocomplete: optional(str({ max: 200 })),
    hidden: withDefault(bool, () => false),
    options: optional(array(shortText, { max: 500 })),
    notice: optional(shortText)
  },
  'strict'
);

const consent = object(
  {
    id: str({ min: 1, max: 200 }),
    purpose: shortText,
    preTicked: withDefault(bool, () => false),
    text: optional(longText)
  },
  'strict'
);

const thirdParty = refine(
  object(
    {
      url: optional(str({ min: 1, max: 2000 })),
      inline: optional(longText),
      tags: optional(array(shortText, { max: 200 }))
    },
    'strict'
  ),
  (item) => (item.url === undefined) !== (item.inline === undefined),
  'give exactly one of "url" or "inline"'
);

const pageLevelSettings = {
  purpose: optional(shortText),
  privacyNoticeUrl: optional(str({ max: 2000 })),
  retentionMonths: optional(num({ int: true, min: 0, max: 1200 }))
};

const form = object(
  {
    id: str({ min: 1, max: 200 }),
    fields: array(field, { max: 500 }),
    consents: withDefault(array(consent, { max: 50 }), () => []),
    ...pageLevelSettings
  },
  'strict'
);

const moduleRef = object({ id: str({ min: 1, max: 200 }), version: str({ min: 1, max: 50 }) }, 'strict');

const definition = object(
  {
    schemaVersion: withDefault(oneOf([1]), () => 1 as const),
    title: optional(shortText),
    ...pageLevelSettings,
    audience: withDefault(oneOf(AUDIENCES), () => 'general' as const),
    legalBasis: optional(oneOf(LEGAL_BASES)),
    explicitConsentText: optional(longText),
    dpiaCompleted: optional(bool),
    consentManagementPlatform: optional(str({ trim: true, min: 1, max: 100 })),
    modules: withDefault(array(moduleRef, { max: 200 }), () => []),
    forms: withDefault(array(form, { max: 50 }), () => []),
    scripts: withDefault(array(thirdParty, { max: 200 }), () => []),
    embeds: withDefault(array(thirdParty, { max: 200 }), () => [])
  },
  'strict'
) as Check<PageDefinition>;

/** A page definition, as `definitionSchema` (domain/definition.ts) parses it. */
export const definitionGuard: Guard<PageDefinition> = guard(definition);

export const storedDefinitionGuard: Guard<StoredDefinition> = guard(
  object({ definition, hash: str(), updatedAt: str(), updatedBy: str() })
);

const approvalRecord = object({
  state: oneOf(APPROVAL_STATES.filter((state) => state !== 'none')),
  definitionHash: str(),
  policyVersion: str(),
  evaluationSignature: str(),
  tier: oneOf(TIERS),
  requiredGroups: array(str()),
  requestedBy: str(),
  requestedAt: str(),
  reporter: optional(str()),
  grants: array(object({ group: str(), by: str(), at: str() })),
  decidedBy: optional(str()),
  decidedAt: optional(str()),
  reason: optional(str()),
  expiresAt: optional(str()),
  voidReason: optional(oneOf(['definition_changed', 'policy_changed']))
}) as Check<ApprovalRecord>;

export const storedApprovalGuard: Guard<StoredApproval> = guard(
  object({ revision: num({ int: true, min: 1 }), record: approvalRecord })
);

const positiveInt = num({ int: true, positive: true });

const tierRule = object(
  {
    checks: array(oneOf(TIER_CHECKS)),
    approverGroup: nullable(str({ min: 1, max: 255 })),
    approverGroupId: optional(nullable(str({ min: 1, max: 128 }))),
    approvalSlaHours: nullable(positiveInt),
    maxRetentionMonths: nullable(positiveInt)
  },
  'strict'
);

const host = str({ min: 1, max: 253, pattern: HOST_PATTERN });
const severity = oneOf(PAGE_CHECK_SEVERITIES);
const tracker = object({ domain: host, category: oneOf(TRACKER_CATEGORIES) }, 'strict');

const policy = object(
  {
    version: str({ min: 1, max: 100 }),
    kindTiers: exhaustiveRecord(FIELD_KINDS, oneOf(TIERS)),
    tiers: object({ T0: tierRule, T1: tierRule, T2: tierRule, T3: tierRule, T4: tierRule }, 'strict'),
    unplacedFieldTier: oneOf(TIERS),
    itApproverGroup: str({ min: 1, max: 255 }),
    itApproverGroupId: optional(str({ min: 1, max: 128 })),
    itApprovalSlaHours: positiveInt,
    pageChecks: object(
      {
        unknownModule: severity,
        retiredModule: severity,
        scriptOutsideAllowList: severity,
        embedOutsideAllowList: severity
      },
      'strict'
    ),
    allowedDomains: object(
      { scripts: array(host, { max: 1000 }), embeds: array(host, { max: 1000 }) },
      'strict'
    ),
    moduleLibrary: array(
      object(
        {
          id: str({ min: 1, max: 200 }),
          version: str({ min: 1, max: 50 }),
          status: oneOf(['approved', 'retired'])
        },
        'strict'
      ),
      { max: 5000 }
    ),
    trackers: withDefault(array(tracker, { max: 1000 }), () => DEFAULT_TRACKERS.map((item) => ({ ...item }))),
    approvalValidityMonths: num({ int: true, positive: true, max: 120 }),
    reReviewReminderMonths: num({ int: true, min: 0, max: 12 })
  },
  'strict'
) as Check<Policy>;

/** A policy, as `policySchema` (domain/policy.ts) parses it. */
export const policyGuard: Guard<Policy> = guard(policy);

export const storedPolicyGuard: Guard<StoredPolicy> = guard(
  object({ number: num({ int: true, min: 1 }), policy, savedAt: str(), savedBy: str() })
);
