import type { FieldClassification } from './classifier';
import type { Tier } from './definition';
import type { LocalisedText } from './messages';
import type { PageCheckSeverity } from './policy';

export const DECISIONS = ['go', 'fix', 'approval', 'blocked'] as const;
export type Decision = (typeof DECISIONS)[number];

/** `fix`: the requester can fix it alone; `approval`: someone must approve; `block`: cannot ship. */
export type Severity = 'info' | 'fix' | 'approval' | 'block';

/** Stable codes: JQL, audit events and marketing CI pipelines key on them, so never rename one. */
export type FindingCode =
  | 'field.prohibited'
  | 'field.sensitive'
  | 'field.personal'
  | 'field.kind_unknown'
  | 'field.kind_label_mismatch'
  | 'free_text.notice_missing'
  | 'audience.minors'
  | 'page.purpose_missing'
  | 'page.privacy_notice_missing'
  | 'page.privacy_notice_invalid'
  | 'page.retention_missing'
  | 'page.retention_too_long'
  | 'consent.preticked'
  | 'consent.purpose_missing'
  | 'sensitive.legal_basis_missing'
  | 'sensitive.explicit_consent_missing'
  | 'sensitive.dpia_missing'
  | 'module.not_in_library'
  | 'module.retired'
  | 'script.not_allowed'
  | 'script.invalid_url'
  | 'embed.not_allowed'
  | 'embed.invalid_url'
  | 'page.not_described'
  | 'tracker.consent_manager_missing'
  | 'tracker.tags_unlisted'
  | 'import.invalid_attribute';

export interface Finding {
  code: FindingCode;
  severity: Severity;
  /** The form the finding concerns, when the page has forms. */
  form?: string;
  /** The field name, consent id, module id or script host the finding concerns. */
  field?: string;
  message: LocalisedText;
  /** For `approval` findings: the Jira group that must approve. */
  approverGroup?: string;
}

export interface ApprovalRequirement {
  group: string;
  slaHours: number | null;
  /** The finding codes that make this approval necessary. */
  codes: FindingCode[];
  reason: LocalisedText;
}

export interface FormEvaluation {
  form: string;
  tier: Tier;
  fields: FieldClassification[];
}

export interface Evaluation {
  policyVersion: string;
  tier: Tier;
  decision: Decision;
  findings: Finding[];
  forms: FormEvaluation[];
  /** Who must approve and why; empty when nothing needs approval or when the page is blocked. */
  approvals: ApprovalRequirement[];
  /**
   * Set when nobody has described the page yet (see `evaluateUndescribed`): the decision is then `fix`
   * and `tier` says nothing about the page.
   */
  undescribed?: true;
}

export const SEVERITY_RANK: Record<Severity, number> = { block: 0, fix: 1, approval: 2, info: 3 };

export function severityOf(check: PageCheckSeverity): Severity {
  return check;
}

export function decide(findings: ReadonlyArray<Finding>): Decision {
  let worst = 4;
  for (const finding of findings) {
    const rank = SEVERITY_RANK[finding.severity];
    if (rank < worst) worst = rank;
  }
  if (worst === 0) return 'blocked';
  if (worst === 1) return 'fix';
  if (worst === 2) return 'approval';
  return 'go';
}
