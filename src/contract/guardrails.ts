// Type-only imports from the modules that define them, not the domain's index: the index
// re-exports the hashing module (node:crypto), which the browser build must never see.
import type { ApprovalRecord, ApprovalState } from '../guardrails/domain/approval';
import type { PageDefinition, PageDefinitionInput, Tier } from '../guardrails/domain/definition';
import type { Decision, Evaluation } from '../guardrails/domain/evaluate';

/** Resolver keys and payload/result types of the guardrail issue panel. */
export const GUARDRAIL_KEYS = {
  get: 'guardrails/get',
  save: 'guardrails/save',
  requestApproval: 'guardrails/request-approval',
  decide: 'guardrails/decide',
  audit: 'guardrails/audit'
} as const;

export interface IssuePayload {
  /** The Jira issue's numeric id. */
  issueId: string;
}

export interface SaveDefinitionPayload extends IssuePayload {
  definition: PageDefinitionInput;
}

export interface DecidePayload extends IssuePayload {
  decision: 'approve' | 'reject';
  reason?: string;
}

export interface ApprovalView {
  /** Computed now: a change to the definition voids it, the clock expires it. */
  state: ApprovalState;
  record: ApprovalRecord | null;
  reReviewDue: boolean;
}

export interface GuardrailView {
  issueId: string;
  /** The stored definition; null until someone saves one (an empty page is evaluated then). */
  definition: PageDefinition | null;
  definitionHash: string;
  evaluation: Evaluation;
  approval: ApprovalView;
  /** Whether the page may go live right now: `go`, or a valid approval of exactly this definition. */
  mayGoLive: boolean;
}

export const AUDIT_EVENT_TYPES = [
  'saved',
  'requested',
  'granted',
  'approved',
  'rejected',
  'voided',
  'expired'
] as const;
export type AuditEventType = (typeof AUDIT_EVENT_TYPES)[number];

/** One append-only entry of an issue's audit trail. */
export interface AuditEvent {
  id: string;
  type: AuditEventType;
  issueId: string;
  at: string;
  /** Who caused it (the caller from Forge's context). */
  actor: string;
  definitionHash: string;
  /** SHA-256 of the definition and the policy version together. */
  bindingHash: string;
  policyVersion: string;
  tier: Tier;
  decision: Decision;
  reason?: string;
  /** The definition as approved or rejected, so the trail shows what was vouched for. */
  snapshot?: PageDefinition;
}

export interface AuditPage {
  /** Newest first. */
  events: AuditEvent[];
}
