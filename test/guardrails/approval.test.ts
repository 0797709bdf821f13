import {
  addMonths,
  approveApproval,
  bindingHash,
  canonicalJson,
  definitionHash,
  evaluateDefinition,
  mayGoLive,
  reconcileApproval,
  rejectApproval,
  requestApproval,
  type ApprovalRecord,
  type PageDefinition,
  type Policy
} from '../../src/guardrails/domain';
import { policy, withFields } from '../support/page-definitions';

const PRIVACY = 'tandem-privacy-reviewers';
const DPO = 'tandem-data-protection-officer';
const now = new Date('2026-11-25T10:00:00Z');

const t2Page = () =>
  withFields([
    { name: 'email', label: 'Email' },
    { name: 'dob', label: 'Date de naissance' }
  ]);
const t3Page = () =>
  withFields(
    [
      { name: 'email', label: 'Email' },
      { name: 'iban', label: 'IBAN' }
    ],
    {
      retentionMonths: 12,
      legalBasis: 'contract',
      explicitConsentText: "J'accepte la collecte de mes coordonnées bancaires.",
      dpiaCompleted: true
    }
  );

function subject(page: PageDefinition, usingPolicy: Policy = policy) {
  return { definitionHash: definitionHash(page), evaluation: evaluateDefinition(page, usingPolicy) };
}

function requested(page: PageDefinition, requester = 'alice'): ApprovalRecord {
  const result = requestApproval(null, { subject: subject(page), requester, reporter: 'rita', now }, policy);
  if (!result.ok) throw new Error(result.error.message);
  return result.record;
}

function approved(page: PageDefinition): ApprovalRecord {
  const result = approveApproval(
    requested(page),
    { subject: subject(page), approver: 'bob', approverGroups: [PRIVACY, DPO], now },
    policy
  );
  if (!result.ok) throw new Error(result.error.message);
  return result.record;
}

describe('canonical JSON and hashes', () => {
  it('sorts keys at every depth and keeps array order', () => {
    expect(canonicalJson({ b: 1, a: { d: [3, { z: 1, y: 2 }], c: null } })).toBe(
      '{"a":{"c":null,"d":[3,{"y":2,"z":1}]},"b":1}'
    );
    expect(definitionHash({ a: 1, b: 2 })).toBe(definitionHash({ b: 2, a: 1 }));
    expect(definitionHash({ a: [1, 2] })).not.toBe(definitionHash({ a: [2, 1] }));
    expect(definitionHash({ a: 1 })).toMatch(/^[0-9a-f]{64}$/);
  });

  it('binds to the policy version too', () => {
    expect(bindingHash({ a: 1 }, 'v1')).not.toBe(bindingHash({ a: 1 }, 'v2'));
  });
});

describe('approval state machine', () => {
  it('goes none → requested → approved, naming the groups to approve', () => {
    const page = t2Page();
    expect(reconcileApproval(null, subject(page), policy, now).state).toBe('none');
    const record = requested(page);
    expect(record).toMatchObject({
      state: 'requested',
      requiredGroups: [PRIVACY],
      tier: 'T2',
      requestedBy: 'alice'
    });
    const done = approveApproval(
      record,
      { subject: subject(page), approver: 'bob', approverGroups: [PRIVACY], now },
      policy
    );
    expect(done.ok && done.record).toMatchObject({
      state: 'approved',
      decidedBy: 'bob',
      expiresAt: '2027-11-25T10:00:00.000Z'
    });
    expect(mayGoLive(done.ok ? done.record : null, subject(page), policy, now)).toBe(true);
  });

  it('refuses approvers outside the required group and rejections without a reason', () => {
    const page = t2Page();
    const record = requested(page);
    const outsider = approveApproval(
      record,
      { subject: subject(page), approver: 'eve', approverGroups: ['jira-users'], now },
      policy
    );
    expect(outsider).toMatchObject({ ok: false, error: { code: 'not_in_approver_group' } });
    const noReason = rejectApproval(
      record,
      { subject: subject(page), approver: 'bob', approverGroups: [PRIVACY], now, reason: ' ' },
      policy
    );
    expect(noReason).toMatchObject({ ok: false, error: { code: 'reason_required' } });
    const rejected = rejectApproval(
      record,
      {
        subject: subject(page),
        approver: 'bob',
        approverGroups: [PRIVACY],
        now,
        reason: 'Remove the date of birth'
      },
      policy
    );
    expect(rejected.ok && rejected.record).toMatchObject({
      state: 'rejected',
      reason: 'Remove the date of birth'
    });
    expect(mayGoLive(rejected.ok ? rejected.record : null, subject(page), policy, now)).toBe(false);
  });

  it('for T3, never lets the requester or the reporter approve', () => {
    const page = t3Page();
    const record = requested(page, 'dana');
    for (const approver of ['dana', 'rita']) {
      const result = approveApproval(
        record,
        { subject: subject(page), approver, approverGroups: [DPO], now },
        policy
      );
      expect(result).toMatchObject({ ok: false, error: { code: 'approver_is_requester' } });
    }
    const other = approveApproval(
      record,
      { subject: subject(page), approver: 'olga', approverGroups: [DPO], now },
      policy
    );
    expect(other.ok && other.record.state).toBe('approved');
  });

  it('lets a T2 requester who is also a reviewer approve (the second pair of eyes is a T3 rule)', () => {
    const page = t2Page();
    const result = approveApproval(
      requested(page, 'bob'),
      { subject: subject(page), approver: 'bob', approverGroups: [PRIVACY], now },
      policy
    );
    expect(result.ok).toBe(true);
  });

  it('refuses requests for pages that need a fix, need nothing, or are blocked', () => {
    const needsFix = withFields([{ name: 'dob', label: 'Date de naissance' }], {
      retentionMonths: undefined
    });
    const fine = withFields([{ name: 'email', label: 'Email' }]);
    const blocked = withFields([{ name: 'pwd', label: 'Mot de passe' }]);
    const ask = (page: PageDefinition) =>
      requestApproval(null, { subject: subject(page), requester: 'alice', now }, policy);
    expect(ask(needsFix)).toMatchObject({ ok: false, error: { code: 'fix_first' } });
    expect(ask(fine)).toMatchObject({ ok: false, error: { code: 'not_needed' } });
    expect(ask(blocked)).toMatchObject({ ok: false, error: { code: 'not_approvable' } });
  });

  it('voids an approval when the definition changes', () => {
    const page = t2Page();
    const record = approved(page);
    const changed = t2Page();
    changed.forms[0]?.fields.push({
      name: 'city',
      label: 'Ville',
      required: false,
      inputType: 'text',
      hidden: false
    });
    const outcome = reconcileApproval(record, subject(changed), policy, now);
    expect(outcome).toMatchObject({
      state: 'voided',
      changed: true,
      record: { voidReason: 'definition_changed' }
    });
    expect(mayGoLive(record, subject(changed), policy, now)).toBe(false);
  });

  it('keeps an approval across a policy change that leaves tier and findings alone, and voids it otherwise', () => {
    const page = t2Page();
    const record = approved(page);
    const cosmetic: Policy = {
      ...policy,
      version: 'v2',
      allowedDomains: { ...policy.allowedDomains, embeds: ['player.vimeo.com'] }
    };
    const kept = reconcileApproval(record, subject(page, cosmetic), cosmetic, now);
    expect(kept).toMatchObject({ state: 'approved', changed: true, record: { policyVersion: 'v2' } });

    const stricter: Policy = {
      ...policy,
      version: 'v3',
      kindTiers: { ...policy.kindTiers, date_of_birth: 'T3' }
    };
    const voided = reconcileApproval(record, subject(page, stricter), stricter, now);
    expect(voided).toMatchObject({ state: 'voided', record: { voidReason: 'policy_changed' } });
  });

  it('expires after 12 months with a re-review reminder from one month before', () => {
    const page = t2Page();
    const record = approved(page);
    const at = (iso: string) => reconcileApproval(record, subject(page), policy, new Date(iso));
    expect(at('2027-10-24T10:00:00Z')).toMatchObject({ state: 'approved', reReviewDue: false });
    expect(at('2027-10-25T10:00:00Z')).toMatchObject({ state: 'approved', reReviewDue: true });
    expect(at('2027-11-25T10:00:00Z')).toMatchObject({ state: 'expired', changed: true });
    expect(mayGoLive(record, subject(page), policy, new Date('2027-12-01T00:00:00Z'))).toBe(false);
  });

  it('allows a new request after rejection, expiry or voiding', () => {
    const page = t2Page();
    const expired = { ...approved(page), state: 'expired' as const };
    const again = requestApproval(expired, { subject: subject(page), requester: 'alice', now }, policy);
    expect(again.ok && again.record.state).toBe('requested');
    expect(
      requestApproval(requested(page), { subject: subject(page), requester: 'alice', now }, policy)
    ).toMatchObject({
      ok: false,
      error: { code: 'already_requested' }
    });
  });

  it('adds calendar months in UTC, clamping to the end of short months', () => {
    expect(addMonths(new Date('2026-01-31T12:00:00Z'), 1).toISOString()).toBe('2026-02-28T12:00:00.000Z');
    expect(addMonths(new Date('2027-12-15T00:00:00Z'), -1).toISOString()).toBe('2027-11-15T00:00:00.000Z');
  });
});
