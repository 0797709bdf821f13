import { randomUUID } from 'node:crypto';
import {
  SYSTEM_ACTOR,
  type AuditEvent,
  type AuditEventType,
  type GuardrailState
} from '../contract/guardrails';
import { ConflictError, ForbiddenError, InvalidInputError } from '../platform/errors';
import { requireStorable, type Store } from '../platform/store';
// Each domain module by name, never the domain's index: that re-exports the HTML import
// (parse5), which the validator, trigger and sweep bundles must not carry.
import {
  approveApproval,
  reconcileApproval,
  rejectApproval,
  requestApproval,
  type ApprovalRecord,
  type ApprovalResult
} from './domain/approval';
import { parseDefinition, type PageDefinition } from './domain/definition';
import { evaluateDefinition, type Evaluation } from './domain/evaluate';
import { bindingHash, definitionHash } from './domain/hash';
import { DEFAULT_POLICY, type Policy } from './domain/policy';
import { loadIssueState, subjectOf, viewOf, type IssueState } from './issue-state';
import { AuditEventSchema, KEYS, type StoredApproval } from './records';

export { loadIssueState, subjectOf, viewOf, type IssueState } from './issue-state';

/**
 * The guardrail use cases over KVS. Permission checks happen in the resolvers before these run;
 * identities passed in come from Forge's context, never from a payload.
 */

interface EventInput {
  type: AuditEventType;
  actor: string;
  reason?: string;
  snapshot?: boolean;
}

/** Audit events for one transaction, keyed so they sort by time and rank. */
function auditWrites(
  issueId: string,
  subject: { definition: PageDefinition; hash: string; evaluation: Evaluation },
  now: Date,
  events: EventInput[]
): { key: string; value: AuditEvent }[] {
  return events.map((input, rank) => {
    const id = randomUUID();
    const event: AuditEvent = {
      id,
      type: input.type,
      issueId,
      at: now.toISOString(),
      actor: input.actor,
      definitionHash: subject.hash,
      bindingHash: bindingHash(subject.definition, subject.evaluation.policyVersion),
      policyVersion: subject.evaluation.policyVersion,
      tier: subject.evaluation.tier,
      decision: subject.evaluation.decision,
      ...(input.reason !== undefined ? { reason: input.reason } : {}),
      ...(input.snapshot ? { snapshot: subject.definition } : {})
    };
    return { key: KEYS.auditEvent(issueId, now.getTime(), rank, id), value: event };
  });
}

/**
 * How long an unconfirmed revision claim holds. A claim and the transaction that confirms it are
 * two KVS calls (KVS transactions cannot refuse an existing key), so a function that dies between
 * them must not leave the claim behind for good: it lapses after this, well beyond a resolver's
 * 25 s, and the transaction rewrites it without a TTL so a confirmed revision stays claimed.
 */
export const REVISION_CLAIM_TTL_SECONDS = 60;

/**
 * Claims the next approval revision: of two writers that read the same revision only one gets
 * it, the other is refused with CONFLICT, so a record is never overwritten by a stale decision.
 */
async function claimRevision(
  store: Store,
  state: IssueState,
  actor: string,
  now: Date
): Promise<{ revision: number; confirm: { key: string; value: unknown }; release: () => Promise<void> }> {
  const revision = (state.approval?.revision ?? 0) + 1;
  const key = KEYS.approvalRevision(state.issueId, revision);
  const value = { by: actor, at: now.toISOString() };
  const claimed = await store.setIfAbsent(key, value, REVISION_CLAIM_TTL_SECONDS);
  if (!claimed) {
    throw new ConflictError(
      'Someone else changed this approval at the same moment: reload to see their decision.'
    );
  }
  return { revision, confirm: { key, value }, release: () => store.delete(key).catch(() => undefined) };
}

async function writeApproval(
  store: Store,
  state: IssueState,
  actor: string,
  now: Date,
  record: ApprovalRecord,
  extra: { key: string; value: unknown }[]
): Promise<void> {
  const claim = await claimRevision(store, state, actor, now);
  const approval: StoredApproval = { revision: claim.revision, record };
  try {
    await store.transact({
      set: [
        ...extra,
        claim.confirm,
        { key: KEYS.approval(state.issueId), value: approval },
        // Due at once: the next sweep works out the record's next milestone (docs: sweep.ts).
        { key: KEYS.due(now.getTime(), state.issueId), value: { revision: claim.revision } }
      ]
    });
  } catch (error) {
    // Nothing was written: free the revision so the next attempt is not refused until it lapses.
    await claim.release();
    throw error;
  }
}

/**
 * Room a stored definition needs beside it: the largest record that carries it is a decision's
 * audit event (ids, hashes, and a reason of up to 2,000 characters, 4 bytes each at worst).
 */
const DEFINITION_ENVELOPE_BYTES = 16 * 1024;

/**
 * Parses a definition from a payload; the error names the field path under `definition`. A
 * definition too large to store is refused here, before anything is written.
 */
export function parseDefinitionPayload(input: unknown): PageDefinition {
  const parsed = parseDefinition(input);
  if (parsed.ok) {
    requireStorable(parsed.value, 'definition', DEFINITION_ENVELOPE_BYTES);
    return parsed.value;
  }
  const issue = parsed.issues[0];
  const field = issue && issue.path !== '' ? `definition.${issue.path}` : 'definition';
  throw new InvalidInputError(`${field}: ${issue?.message ?? 'invalid definition'}`, field);
}

export async function saveDefinition(
  store: Store,
  issueId: string,
  definition: PageDefinition,
  actor: string,
  now: Date,
  policy: Policy = DEFAULT_POLICY
): Promise<GuardrailState> {
  const before = await loadIssueState(store, issueId, policy);
  const hash = definitionHash(definition);
  if (before.stored && before.stored.hash === hash) return viewOf(before, now, policy);
  const after: IssueState = {
    ...before,
    stored: { definition, hash, updatedAt: now.toISOString(), updatedBy: actor },
    definition,
    hash,
    evaluation: evaluateDefinition(definition, policy)
  };
  const definitionWrite = { key: KEYS.definition(issueId), value: after.stored };
  const outcome = reconcileApproval(before.approval?.record ?? null, subjectOf(after), policy, now);
  if (outcome.changed && outcome.record && outcome.state === 'voided') {
    const events = auditWrites(issueId, after, now, [
      { type: 'saved', actor },
      { type: 'voided', actor, reason: outcome.record.voidReason ?? 'definition_changed' }
    ]);
    await writeApproval(store, before, actor, now, outcome.record, [definitionWrite, ...events]);
    return viewOf({ ...after, approval: { revision: 0, record: outcome.record } }, now, policy);
  }
  await store.transact({
    set: [definitionWrite, ...auditWrites(issueId, after, now, [{ type: 'saved', actor }])]
  });
  return viewOf(after, now, policy);
}

function conflictFrom(result: Extract<ApprovalResult, { ok: false }>): Error {
  switch (result.error.code) {
    case 'not_in_approver_group':
    case 'approver_is_requester':
      return new ForbiddenError(result.error.message);
    case 'reason_required':
      return new InvalidInputError(`reason: ${result.error.message}`, 'reason');
    default:
      return new ConflictError(result.error.message);
  }
}

/** Events for a stored record the clock or a change has moved on since it was written. */
function settledEvents(state: IssueState, policy: Policy, now: Date, actor: string): EventInput[] {
  const outcome = reconcileApproval(state.approval?.record ?? null, subjectOf(state), policy, now);
  if (!outcome.changed || !state.approval) return [];
  if (outcome.state === 'voided') {
    return [{ type: 'voided', actor, reason: outcome.record?.voidReason ?? 'definition_changed' }];
  }
  if (outcome.state === 'expired') return [{ type: 'expired', actor }];
  return [];
}

export async function requestApprovalFor(
  store: Store,
  issueId: string,
  requester: string,
  reporter: string | undefined,
  now: Date,
  policy: Policy = DEFAULT_POLICY
): Promise<GuardrailState> {
  const state = await loadIssueState(store, issueId, policy);
  const result = requestApproval(
    state.approval?.record ?? null,
    { subject: subjectOf(state), requester, ...(reporter ? { reporter } : {}), now },
    policy
  );
  if (!result.ok) throw conflictFrom(result);
  const events = auditWrites(issueId, state, now, [
    ...settledEvents(state, policy, now, requester),
    { type: 'requested', actor: requester }
  ]);
  await writeApproval(store, state, requester, now, result.record, events);
  return viewOf({ ...state, approval: { revision: 0, record: result.record } }, now, policy);
}

/**
 * Records what the clock or a policy change made of an approval (expired, voided) as Tandem
 * itself: the record and its audit event in one write, as for a decision. Answers the new state,
 * or undefined when there was nothing to record or someone else wrote the approval meanwhile
 * (their write records it).
 */
export async function settleApproval(
  store: Store,
  issueId: string,
  now: Date,
  policy: Policy = DEFAULT_POLICY
): Promise<GuardrailState | undefined> {
  const state = await loadIssueState(store, issueId, policy);
  const events = settledEvents(state, policy, now, SYSTEM_ACTOR);
  const outcome = reconcileApproval(state.approval?.record ?? null, subjectOf(state), policy, now);
  if (events.length === 0 || !outcome.record) return undefined;
  try {
    await writeApproval(
      store,
      state,
      SYSTEM_ACTOR,
      now,
      outcome.record,
      auditWrites(issueId, state, now, events)
    );
  } catch (error) {
    if (error instanceof ConflictError) return undefined;
    throw error;
  }
  return viewOf({ ...state, approval: { revision: 0, record: outcome.record } }, now, policy);
}

/** Every approver group the policy names: who may ask to decide at all. */
function policyApproverGroups(policy: Policy): string[] {
  const groups = Object.values(policy.tiers)
    .map((tier) => tier.approverGroup)
    .filter((group): group is string => group !== null);
  return [...new Set([...groups, policy.itApproverGroup])];
}

export async function decideApproval(
  store: Store,
  issueId: string,
  input: { decision: 'approve' | 'reject'; reason?: string },
  approver: string,
  approverGroups: ReadonlyArray<string>,
  now: Date,
  policy: Policy = DEFAULT_POLICY
): Promise<GuardrailState> {
  const state = await loadIssueState(store, issueId, policy);
  const record = state.approval?.record ?? null;
  const needed =
    record?.state === 'requested' ? record.requiredGroups : state.evaluation.approvals.map((a) => a.group);
  const eligible = (needed.length > 0 ? needed : policyApproverGroups(policy)).some((group) =>
    approverGroups.includes(group)
  );
  if (!eligible) {
    throw new ForbiddenError(
      `Only members of ${needed.length > 0 ? needed.join(', ') : 'an approver group'} can decide on this page.`
    );
  }
  const decideInput = { subject: subjectOf(state), approver, approverGroups, now };
  const result =
    input.decision === 'approve'
      ? approveApproval(record, decideInput, policy)
      : rejectApproval(record, { ...decideInput, reason: input.reason ?? '' }, policy);
  if (!result.ok) throw conflictFrom(result);
  const type: AuditEventType =
    result.record.state === 'approved'
      ? 'approved'
      : result.record.state === 'rejected'
        ? 'rejected'
        : 'granted';
  const events = auditWrites(issueId, state, now, [
    {
      type,
      actor: approver,
      snapshot: true,
      ...(result.record.reason !== undefined ? { reason: result.record.reason } : {})
    }
  ]);
  await writeApproval(store, state, approver, now, result.record, events);
  return viewOf({ ...state, approval: { revision: 0, record: result.record } }, now, policy);
}

export async function auditTrail(store: Store, issueId: string, limit = 1000): Promise<AuditEvent[]> {
  const entries = await store.listByPrefix(KEYS.auditPrefix(issueId), AuditEventSchema, limit);
  return entries.sort((a, b) => (a.key < b.key ? 1 : a.key > b.key ? -1 : 0)).map((entry) => entry.value);
}

/** Every issue's audit events, a page at a time in storage order (by issue, then oldest first). */
export async function auditExportPage(
  store: Store,
  cursor: string | undefined,
  limit = 100
): Promise<{ events: AuditEvent[]; nextCursor?: string }> {
  const page = await store.pageByPrefix(KEYS.allAuditPrefix, AuditEventSchema, {
    limit,
    ...(cursor ? { cursor } : {})
  });
  return {
    events: page.items.map((item) => item.value),
    ...(page.nextCursor ? { nextCursor: page.nextCursor } : {})
  };
}
