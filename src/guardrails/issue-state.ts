import type { ApprovalView, GuardrailState } from '../contract/guardrails';
import type { Store } from '../platform/store';
import { mayGoLive, reconcileApproval, type ApprovalSubject } from './domain/approval';
import { DEFAULT_POLICY } from './domain/default-policy';
import type { PageDefinition } from './domain/definition';
import { evaluatePage, type Evaluation } from './domain/evaluate';
import { definitionHash } from './domain/hash';
import type { Policy } from './domain/policy';
import { definitionGuard, storedApprovalGuard, storedDefinitionGuard } from './record-guards';
import { KEYS } from './record-keys';
import type { StoredApproval, StoredDefinition } from './records';

/**
 * An issue's guardrail state as read from KVS and shown (panel, JQL copy, validator), apart from
 * the use cases that write it (service.ts): the workflow validator loads this without zod or
 * node:crypto's UUIDs, its records checked by hand-written guards (record-guards.ts).
 */

export interface IssueState {
  issueId: string;
  stored: StoredDefinition | undefined;
  definition: PageDefinition;
  hash: string;
  evaluation: Evaluation;
  approval: StoredApproval | undefined;
}

const EMPTY_DEFINITION: PageDefinition = definitionGuard.parse({});

export function subjectOf(state: Pick<IssueState, 'hash' | 'evaluation'>): ApprovalSubject {
  return { definitionHash: state.hash, evaluation: state.evaluation };
}

export async function loadIssueState(
  store: Store,
  issueId: string,
  policy: Policy = DEFAULT_POLICY
): Promise<IssueState> {
  const [stored, approval] = await Promise.all([
    store.get(KEYS.definition(issueId), storedDefinitionGuard),
    store.get(KEYS.approval(issueId), storedApprovalGuard)
  ]);
  const definition = stored?.definition ?? EMPTY_DEFINITION;
  return {
    issueId,
    stored,
    definition,
    // Recomputed, never read back: a record changed outside Tandem cannot keep an approval valid.
    hash: definitionHash(definition),
    // Nobody described the page: "describe it first", never the go an empty definition would get,
    // so the panel, the JQL copy and the validator say the same.
    evaluation: evaluatePage(stored?.definition, policy),
    approval
  };
}

export function viewOf(state: IssueState, now: Date, policy: Policy = DEFAULT_POLICY): GuardrailState {
  const record = state.approval?.record ?? null;
  const outcome = reconcileApproval(record, subjectOf(state), policy, now);
  const approval: ApprovalView = {
    state: outcome.state,
    record: outcome.record,
    reReviewDue: outcome.reReviewDue
  };
  return {
    issueId: state.issueId,
    definition: state.stored ? state.definition : null,
    definitionHash: state.hash,
    evaluation: state.evaluation,
    approval,
    mayGoLive: mayGoLive(record, subjectOf(state), policy, now)
  };
}
