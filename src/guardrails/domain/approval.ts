import type { Tier } from './definition';
import { evaluationSignature, type Evaluation } from './evaluate';
import type { Policy } from './policy';

export const APPROVAL_STATES = ['none', 'requested', 'approved', 'rejected', 'expired', 'voided'] as const;
export type ApprovalState = (typeof APPROVAL_STATES)[number];

export type VoidReason = 'definition_changed' | 'policy_changed';

export interface ApprovalGrant {
  group: string;
  by: string;
  at: string;
}

/** One approval cycle of one definition; JSON-serialisable so it can be stored as is. */
export interface ApprovalRecord {
  state: Exclude<ApprovalState, 'none'>;
  definitionHash: string;
  policyVersion: string;
  /** Tier and findings the approval vouches for (see `evaluationSignature`). */
  evaluationSignature: string;
  tier: Tier;
  requiredGroups: string[];
  requestedBy: string;
  requestedAt: string;
  /** The reporter: for T3 neither they nor the requester may approve. */
  reporter?: string;
  grants: ApprovalGrant[];
  decidedBy?: string;
  decidedAt?: string;
  reason?: string;
  expiresAt?: string;
  voidReason?: VoidReason;
}

/** What the approval is about right now: the current definition's hash and its evaluation under the current policy. */
export interface ApprovalSubject {
  definitionHash: string;
  evaluation: Evaluation;
}

export type ApprovalErrorCode =
  | 'not_approvable'
  | 'not_needed'
  | 'fix_first'
  | 'already_requested'
  | 'already_approved'
  | 'not_requested'
  | 'not_in_approver_group'
  | 'approver_is_requester'
  | 'reason_required';

export type ApprovalResult =
  { ok: true; record: ApprovalRecord } | { ok: false; error: { code: ApprovalErrorCode; message: string } };

function failure(code: ApprovalErrorCode, message: string): ApprovalResult {
  return { ok: false, error: { code, message } };
}

/** Calendar months in UTC, clamped to the month's last day (31 Jan + 1 month = 28/29 Feb). */
export function addMonths(date: Date, months: number): Date {
  const year = date.getUTCFullYear();
  const month = date.getUTCMonth() + months;
  const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  const day = Math.min(date.getUTCDate(), lastDay);
  return new Date(
    Date.UTC(
      year,
      month,
      day,
      date.getUTCHours(),
      date.getUTCMinutes(),
      date.getUTCSeconds(),
      date.getUTCMilliseconds()
    )
  );
}

export interface ReconcileOutcome {
  record: ApprovalRecord | null;
  state: ApprovalState;
  /** True when the approval is still valid but expires within the policy's reminder window. */
  reReviewDue: boolean;
  /** True when `record` differs from the one passed in and should be stored (and audited). */
  changed: boolean;
}

/**
 * Brings a stored record up to date with the current definition, policy and clock. Any change to the
 * definition voids a pending or granted approval; a new policy voids it only if it changes the
 * definition's tier or findings, otherwise the approval is carried over to the new policy version.
 */
export function reconcileApproval(
  record: ApprovalRecord | null,
  subject: ApprovalSubject,
  policy: Policy,
  now: Date
): ReconcileOutcome {
  if (record === null) return { record: null, state: 'none', reReviewDue: false, changed: false };
  if (record.state !== 'requested' && record.state !== 'approved') {
    return { record, state: record.state, reReviewDue: false, changed: false };
  }
  if (subject.definitionHash !== record.definitionHash) {
    const voided: ApprovalRecord = { ...record, state: 'voided', voidReason: 'definition_changed' };
    return { record: voided, state: 'voided', reReviewDue: false, changed: true };
  }
  let current = record;
  let changed = false;
  const signature = evaluationSignature(subject.evaluation);
  // Defensive: whatever a policy says, prohibited data is never approved.
  if (subject.evaluation.tier === 'T4' || subject.evaluation.decision === 'blocked') {
    const voided: ApprovalRecord = { ...record, state: 'voided', voidReason: 'policy_changed' };
    return { record: voided, state: 'voided', reReviewDue: false, changed: true };
  }
  if (subject.evaluation.policyVersion !== record.policyVersion) {
    if (signature !== record.evaluationSignature) {
      const voided: ApprovalRecord = { ...record, state: 'voided', voidReason: 'policy_changed' };
      return { record: voided, state: 'voided', reReviewDue: false, changed: true };
    }
    current = { ...record, policyVersion: subject.evaluation.policyVersion };
    changed = true;
  }
  if (current.state === 'approved' && current.expiresAt !== undefined) {
    const expiresAt = new Date(current.expiresAt);
    if (now.getTime() >= expiresAt.getTime()) {
      return {
        record: { ...current, state: 'expired' },
        state: 'expired',
        reReviewDue: false,
        changed: true
      };
    }
    const reminderFrom = addMonths(expiresAt, -policy.reReviewReminderMonths);
    return {
      record: current,
      state: 'approved',
      reReviewDue: now.getTime() >= reminderFrom.getTime(),
      changed
    };
  }
  return { record: current, state: current.state, reReviewDue: false, changed };
}

export interface RequestApprovalInput {
  subject: ApprovalSubject;
  requester: string;
  reporter?: string;
  now: Date;
}

export function requestApproval(
  previous: ApprovalRecord | null,
  input: RequestApprovalInput,
  policy: Policy
): ApprovalResult {
  const { evaluation } = input.subject;
  if (evaluation.decision === 'blocked' || evaluation.tier === 'T4') {
    return failure('not_approvable', 'This page collects prohibited data and can never be approved.');
  }
  if (evaluation.decision === 'fix') {
    return failure('fix_first', 'Fix the findings marked "fix" before requesting approval.');
  }
  if (evaluation.decision === 'go') {
    return failure('not_needed', 'This page needs no approval: it can go live.');
  }
  const current = reconcileApproval(previous, input.subject, policy, input.now);
  if (current.state === 'requested')
    return failure('already_requested', 'Approval has already been requested.');
  if (current.state === 'approved') return failure('already_approved', 'This version is already approved.');
  const record: ApprovalRecord = {
    state: 'requested',
    definitionHash: input.subject.definitionHash,
    policyVersion: evaluation.policyVersion,
    evaluationSignature: evaluationSignature(evaluation),
    tier: evaluation.tier,
    requiredGroups: evaluation.approvals.map((approval) => approval.group),
    requestedBy: input.requester,
    requestedAt: input.now.toISOString(),
    grants: []
  };
  if (input.reporter !== undefined) record.reporter = input.reporter;
  return { ok: true, record };
}

export interface DecideApprovalInput {
  subject: ApprovalSubject;
  approver: string;
  /** Jira groups the approver belongs to, as checked by the platform layer. */
  approverGroups: ReadonlyArray<string>;
  now: Date;
}

function checkDecider(
  record: ApprovalRecord | null,
  input: DecideApprovalInput,
  policy: Policy
): { ok: true; record: ApprovalRecord; groups: string[] } | { ok: false; result: ApprovalResult } {
  const { evaluation } = input.subject;
  if (evaluation.tier === 'T4' || evaluation.decision === 'blocked') {
    return { ok: false, result: failure('not_approvable', 'Prohibited data can never be approved.') };
  }
  const current = reconcileApproval(record, input.subject, policy, input.now);
  if (current.record === null || current.state !== 'requested') {
    return {
      ok: false,
      result: failure(
        'not_requested',
        current.state === 'voided'
          ? 'The page changed since approval was requested: the request is void; request approval again.'
          : 'No approval request is pending for this version.'
      )
    };
  }
  const pending = current.record;
  // GDPR accountability for sensitive data: a second pair of eyes, never the person asking.
  if (
    pending.tier === 'T3' &&
    (input.approver === pending.requestedBy || input.approver === pending.reporter)
  ) {
    return {
      ok: false,
      result: failure(
        'approver_is_requester',
        'Sensitive data must be approved by someone other than the requester.'
      )
    };
  }
  const granted = new Set(pending.grants.map((grant) => grant.group));
  const groups = pending.requiredGroups.filter(
    (group) => !granted.has(group) && input.approverGroups.includes(group)
  );
  if (groups.length === 0) {
    return {
      ok: false,
      result: failure(
        'not_in_approver_group',
        `Only members of ${pending.requiredGroups.filter((group) => !granted.has(group)).join(', ')} can decide on this request.`
      )
    };
  }
  return { ok: true, record: pending, groups };
}

export function approveApproval(
  record: ApprovalRecord | null,
  input: DecideApprovalInput,
  policy: Policy
): ApprovalResult {
  const checked = checkDecider(record, input, policy);
  if (!checked.ok) return checked.result;
  const at = input.now.toISOString();
  const grants = [
    ...checked.record.grants,
    ...checked.groups.map((group) => ({ group, by: input.approver, at }))
  ];
  const complete = checked.record.requiredGroups.every((group) =>
    grants.some((grant) => grant.group === group)
  );
  if (!complete) return { ok: true, record: { ...checked.record, grants } };
  return {
    ok: true,
    record: {
      ...checked.record,
      grants,
      state: 'approved',
      decidedBy: input.approver,
      decidedAt: at,
      expiresAt: addMonths(input.now, policy.approvalValidityMonths).toISOString()
    }
  };
}

export function rejectApproval(
  record: ApprovalRecord | null,
  input: DecideApprovalInput & { reason: string },
  policy: Policy
): ApprovalResult {
  if (input.reason.trim() === '') return failure('reason_required', 'Say why the request is rejected.');
  const checked = checkDecider(record, input, policy);
  if (!checked.ok) return checked.result;
  return {
    ok: true,
    record: {
      ...checked.record,
      state: 'rejected',
      decidedBy: input.approver,
      decidedAt: input.now.toISOString(),
      reason: input.reason.trim()
    }
  };
}

/** Whether the page may go live: a `go` decision, or a valid approval of exactly this definition. */
export function mayGoLive(
  record: ApprovalRecord | null,
  subject: ApprovalSubject,
  policy: Policy,
  now: Date
): boolean {
  if (subject.evaluation.decision === 'go') return true;
  if (subject.evaluation.decision !== 'approval') return false;
  return reconcileApproval(record, subject, policy, now).state === 'approved';
}

/** The groups whose grant the record still waits for (notices, the sweep's reminders, the validator). */
export function pendingGroups(record: ApprovalRecord): string[] {
  const granted = new Set(record.grants.map((grant) => grant.group));
  return record.requiredGroups.filter((group) => !granted.has(group));
}
