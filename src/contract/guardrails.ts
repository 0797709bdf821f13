// Type-only imports from the modules that define them, not the domain's index: the index
// re-exports the hashing module (node:crypto), which the browser build must never see.
import type { ApprovalRecord, ApprovalState } from '../guardrails/domain/approval';
import type { PageDefinition, Tier } from '../guardrails/domain/definition';
import type { Decision, Evaluation, Finding } from '../guardrails/domain/evaluate';
import type { Policy } from '../guardrails/domain/policy';

// The payload types are inferred from the resolvers' schemas; a type-only re-export keeps zod
// out of every bundle that imports the keys.
export type {
  AuditExportPayload,
  DecidePayload,
  ImportHtmlPayload,
  IssuePayload,
  PolicySavePayload,
  SaveDefinitionPayload
} from './guardrail-payloads';

/** Resolver keys and payload/result types of the guardrail issue panel and the admin page's policy. */
export const GUARDRAIL_KEYS = {
  get: 'guardrails/get',
  save: 'guardrails/save',
  requestApproval: 'guardrails/request-approval',
  decide: 'guardrails/decide',
  audit: 'guardrails/audit',
  /** Parses a page's HTML (or a JSON definition) into a definition and evaluates it; stores nothing. */
  importHtml: 'guardrails/import-html',
  /** Jira administrators only: the site's policy, its version history and the module library. */
  policyGet: 'guardrails/policy-get',
  policySave: 'guardrails/policy-save',
  /** Jira administrators only: every issue's audit events, a page at a time. */
  auditExport: 'guardrails/audit-export'
} as const;

export interface ImportHtmlResult {
  definition: PageDefinition;
  evaluation: Evaluation;
  /** Problems with the page's own declarations (e.g. a non-numeric data-retention-months). */
  findings: Finding[];
}

export interface ApprovalView {
  /** Computed now: a change to the definition voids it, the clock expires it. */
  state: ApprovalState;
  record: ApprovalRecord | null;
  reReviewDue: boolean;
}

/** What the panel must know about the issue it sits on. */
export interface IssueGuardrailContext {
  issueKey: string;
  issueTypeName: string;
  /**
   * Whether the guardrail applies: a Landing Page or Web Form (the types Tandem set up or adopted,
   * or their catalogue names), or an issue whose type changed after Tandem saw it as a page (it
   * keeps its guardrail, as the workflow validator keeps blocking it).
   */
  isGuardrailType: boolean;
  /** The guardrail applies only because the issue was a page before its type changed. */
  keptAfterTypeChange: boolean;
  projectKey: string;
  /** Team-managed projects have no app workflow validators: the guardrail is advisory there. */
  projectStyle: 'company-managed' | 'team-managed';
  enforceable: boolean;
}

/** What the caller may do on this issue (the resolvers check again on every call). */
export interface GuardrailPermissions {
  canEdit: boolean;
  /** Member of a group that must approve this page now (or of any approver group when none is pending). */
  canDecide: boolean;
}

/** An issue's guardrail state, recomputed from the app's own records (never from issue properties). */
export interface GuardrailState {
  issueId: string;
  /** The stored definition; null until someone saves one (an empty page is evaluated then). */
  definition: PageDefinition | null;
  definitionHash: string;
  evaluation: Evaluation;
  approval: ApprovalView;
  /** Whether the page may go live right now: `go`, or a valid approval of exactly this definition. */
  mayGoLive: boolean;
}

/** What the issue panel shows: the state plus who may do what, and the policy for live evaluation. */
export interface GuardrailView extends GuardrailState {
  issue: IssueGuardrailContext;
  permissions: GuardrailPermissions;
  /** The site's current policy, so the panel can evaluate edits live before saving. */
  policy: Policy;
  /** The issue's audit trail, newest first, with every answer: one resolver call per screen. */
  audit: AuditEvent[];
}

/** The `actor` of audit events Tandem records itself (an approval the clock expired, say). */
export const SYSTEM_ACTOR = 'tandem';

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

export interface AuditExportPage {
  /** In storage order — by issue, then oldest first — at most 100 a page. */
  events: AuditEvent[];
  nextCursor?: string;
}

/** One saved version of the site's policy. */
export interface PolicyVersionSummary {
  version: string;
  savedAt: string;
  savedBy: string;
}

export interface PolicyOverview {
  /** The policy in force: exactly the JSON `tandem-check --policy` reads. */
  current: Policy;
  /** True until an administrator saves a policy of their own. */
  isDefault: boolean;
  /** Newest first; the default policy is not listed. */
  history: PolicyVersionSummary[];
  /** Approver groups the policy names that Jira does not know: nobody can approve for them. */
  groupWarnings: PolicyGroupWarning[];
}

export interface PolicyGroupWarning {
  /** The policy field naming the group, e.g. `tiers.T3.approverGroup`. */
  field: string;
  group: string;
}
