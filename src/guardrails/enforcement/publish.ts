import { GUARDRAIL_PROPERTY_KEY } from '../issue-context';
import { z } from 'zod';
import type { GuardrailState } from '../../contract/guardrails';
import type { ApprovalState } from '../domain/approval';
import type { Tier } from '../domain/definition';
import type { Decision } from '../domain/evaluate';
import { defaultDeps, siteLanguage, type EnforcementDeps } from './deps';
import { storedApprovalGuard } from '../record-guards';
import { KEYS } from '../record-keys';
import { currentPolicy } from '../policy-current';
import { decisionNotice, requestedNotice, sendNoticeOnce } from './notifications';
import { lazySchema } from '../../contract/lazy-schema';

/**
 * The JQL-indexed copy of an issue's guardrail state (issue property `tandemGuardrail`, searchable
 * as tandemDecision / tandemApproval / tandemTier). It is for search and boards only: nothing
 * reads it back to decide anything, and any editor can overwrite it, so the issue trigger and the
 * hourly sweep put it back from the app's own records.
 */

export { GUARDRAIL_PROPERTY_KEY };

export interface GuardrailProperty {
  /** `none` until someone describes the page. */
  decision: Decision | 'none';
  approval: ApprovalState;
  tier: Tier;
  mayGoLive: boolean;
  policyVersion: string;
  definitionHash: string;
  /** When Tandem computed this copy; not compared when deciding whether to rewrite it. */
  updatedAt: string;
}

export function propertyOf(state: GuardrailState, now: Date): GuardrailProperty {
  const described = state.definition !== null;
  return {
    decision: described ? state.evaluation.decision : 'none',
    approval: state.approval.state,
    tier: state.evaluation.tier,
    mayGoLive: described && state.mayGoLive,
    policyVersion: state.evaluation.policyVersion,
    definitionHash: state.definitionHash,
    updatedAt: now.toISOString()
  };
}

const COMPARED = ['decision', 'approval', 'tier', 'mayGoLive', 'policyVersion', 'definitionHash'] as const;

/** Whether what is on the issue already says what Tandem's records say (updatedAt aside). */
export function sameProperty(current: unknown, wanted: GuardrailProperty): boolean {
  if (typeof current !== 'object' || current === null || Array.isArray(current)) return false;
  const record = current as Record<string, unknown>;
  const keys = Object.keys(record).filter((key) => key !== 'updatedAt');
  if (keys.length !== COMPARED.length) return false;
  return COMPARED.every((key) => record[key] === wanted[key]);
}

export async function writeProperty(
  deps: EnforcementDeps,
  issueId: string,
  state: GuardrailState
): Promise<void> {
  await deps.jira().setIssueProperty(issueId, GUARDRAIL_PROPERTY_KEY, propertyOf(state, deps.now()));
}

/** Rewrites the copy only when it differs from the records: replaying an event writes nothing. */
export async function syncProperty(
  deps: EnforcementDeps,
  issueId: string,
  state: GuardrailState
): Promise<'written' | 'unchanged'> {
  const wanted = propertyOf(state, deps.now());
  const current = await deps.jira().getIssueProperty(issueId, GUARDRAIL_PROPERTY_KEY);
  if (current && sameProperty(current.value, wanted)) return 'unchanged';
  await deps.jira().setIssueProperty(issueId, GUARDRAIL_PROPERTY_KEY, wanted);
  return 'written';
}

export type GuardrailChangeKind = 'saved' | 'requested' | 'decided';

export interface GuardrailChange {
  kind: GuardrailChangeKind;
  issueId: string;
  state: GuardrailState;
  actor: string;
}

const IssueId = lazySchema(() => z.string().regex(/^[0-9]{1,18}$/));

/**
 * After a successful write: copy the state to the issue property and send the notifications.
 * Never throws (the KVS write is the source of truth; a failed copy is repaired by the trigger and
 * the sweep); logs failures.
 */
export async function publishGuardrailChange(change: GuardrailChange): Promise<void> {
  await publishWith(defaultDeps, change);
}

export async function publishWith(deps: EnforcementDeps, change: GuardrailChange): Promise<void> {
  if (!IssueId.safeParse(change.issueId).success) {
    deps.log(`publish: not an issue id (${String(change.issueId).slice(0, 40)})`);
    return;
  }
  try {
    await writeProperty(deps, change.issueId, change.state);
  } catch (error) {
    deps.log(`issue ${change.issueId}: could not copy the guardrail state to the issue property`, error);
  }
  if (change.kind === 'saved') return;
  try {
    await notifyChange(deps, change);
  } catch (error) {
    deps.log(`issue ${change.issueId}: could not send the ${change.kind} notification`, error);
  }
}

/**
 * The e-mail for a request or a decision, built from the stored approval (the source of truth)
 * and keyed by its revision, so a retried resolver call never sends it twice.
 */
async function notifyChange(deps: EnforcementDeps, change: GuardrailChange): Promise<void> {
  const stored = await deps.store.get(KEYS.approval(change.issueId), storedApprovalGuard);
  if (!stored) return;
  const { record, revision } = stored;
  const lang = await siteLanguage(deps.store);
  if (change.kind === 'requested') {
    if (record.state !== 'requested' || record.grants.length > 0) return;
    const policy = await currentPolicy(deps.store);
    await sendNoticeOnce(deps, { issueId: change.issueId, kind: 'requested', revision }, (issue) =>
      requestedNotice(lang, issue, record, policy)
    );
    return;
  }
  const decided =
    record.state === 'approved' ||
    record.state === 'rejected' ||
    (record.state === 'requested' && record.grants.length > 0);
  if (!decided) return;
  await sendNoticeOnce(deps, { issueId: change.issueId, kind: 'decided', revision }, (issue) =>
    decisionNotice(lang, issue, record)
  );
}
