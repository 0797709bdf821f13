import { approvalsFor } from './approval-routing';
import { classifyField, type FieldClassification } from './classifier';
import type { PageDefinition, Tier } from './definition';
import { tierRank } from './kinds';
import { PAGE_NOT_DESCRIBED, minorsAudience } from './finding-messages';
import {
  SEVERITY_RANK,
  decide,
  type Evaluation,
  type Finding,
  type FindingCode,
  type FormEvaluation
} from './findings';
import { fieldFindings, formChecks } from './form-checks';
import type { Policy } from './policy';
import { moduleChecks, thirdPartyChecks } from './resource-checks';
import { trackerChecks } from './tracker-checks';

// The finding and decision types moved to findings.ts; re-exported so callers keep importing them from here.
export {
  DECISIONS,
  decide,
  type ApprovalRequirement,
  type Decision,
  type Evaluation,
  type Finding,
  type FindingCode,
  type FormEvaluation,
  type Severity
} from './findings';

/**
 * Classifies every field and applies the policy's checks. Pure and allocation-light: the benchmark runs
 * it tens of thousands of times a second.
 */
export function evaluateDefinition(
  page: PageDefinition,
  policy: Policy,
  extraFindings: ReadonlyArray<Finding> = []
): Evaluation {
  const findings: Finding[] = [...extraFindings];
  const forms: FormEvaluation[] = [];
  const emittedPageLevel = new Set<FindingCode>();
  let pageTier: Tier = 'T0';
  const minorsTier = policy.kindTiers.child_data;

  for (const form of page.forms) {
    const classifications: FieldClassification[] = [];
    let formTier: Tier = 'T0';
    for (const field of form.fields) {
      const classification = classifyField(field, policy);
      classifications.push(classification);
      if (tierRank(classification.tier) > tierRank(formTier)) formTier = classification.tier;
    }
    // GDPR art. 8: a page aimed at children under 16 collecting any personal data is in the children's tier.
    if (page.audience === 'minors' && formTier !== 'T0' && tierRank(minorsTier) > tierRank(formTier)) {
      formTier = minorsTier;
      const group = policy.tiers[minorsTier].approverGroup;
      if (!emittedPageLevel.has('audience.minors')) {
        emittedPageLevel.add('audience.minors');
        findings.push({
          code: 'audience.minors',
          severity: minorsTier === 'T4' ? 'block' : group === null ? 'info' : 'approval',
          ...(group === null ? {} : { approverGroup: group }),
          message: minorsAudience()
        });
      }
    }
    for (let i = 0; i < classifications.length; i++) {
      const classification = classifications[i];
      const field = form.fields[i];
      if (classification === undefined || field === undefined) continue;
      fieldFindings(classification, form, policy, formTier, field.notice, findings);
    }
    formChecks(form, page, policy, formTier, emittedPageLevel, findings);
    forms.push({ form: form.id, tier: formTier, fields: classifications });
    if (tierRank(formTier) > tierRank(pageTier)) pageTier = formTier;
  }

  moduleChecks(page, policy, findings);
  thirdPartyChecks(page, policy, findings);
  trackerChecks(page, policy, findings);

  findings.sort((a, b) => SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity]);
  const decision = pageTier === 'T4' ? 'blocked' : decide(findings);
  return {
    policyVersion: policy.version,
    tier: pageTier,
    decision,
    findings,
    forms,
    approvals: decision === 'blocked' ? [] : approvalsFor(findings, policy, pageTier)
  };
}

export const NOT_DESCRIBED_CODE = 'page.not_described' satisfies FindingCode;

/**
 * The evaluation of a page nobody has described yet. It is not a go: the panel, the JQL copy and the
 * workflow validator all read it as "describe the page first" (a `fix`), so none of them can show an
 * undescribed page as ready to go live.
 */
export function evaluateUndescribed(policy: Policy): Evaluation {
  return {
    policyVersion: policy.version,
    tier: 'T0',
    decision: 'fix',
    findings: [{ code: NOT_DESCRIBED_CODE, severity: 'fix', message: PAGE_NOT_DESCRIBED }],
    forms: [],
    approvals: [],
    undescribed: true
  };
}

/** Evaluates a page's definition, or says it is not described when there is none. */
export function evaluatePage(
  page: PageDefinition | null | undefined,
  policy: Policy,
  extraFindings: ReadonlyArray<Finding> = []
): Evaluation {
  return page === null || page === undefined
    ? evaluateUndescribed(policy)
    : evaluateDefinition(page, policy, extraFindings);
}

export function isUndescribed(evaluation: Evaluation): boolean {
  return evaluation.undescribed === true;
}

/**
 * What an approval vouches for, besides the definition itself: the tier and every finding that is not
 * purely informative. A new policy that leaves this unchanged leaves the approval valid.
 */
export function evaluationSignature(evaluation: Evaluation): string {
  const parts: string[] = [];
  for (const finding of evaluation.findings) {
    if (finding.severity === 'info') continue;
    parts.push(
      `${finding.code}|${finding.severity}|${finding.form ?? ''}|${finding.field ?? ''}|${finding.approverGroup ?? ''}`
    );
  }
  parts.sort();
  return `${evaluation.tier};${evaluation.decision};${parts.join(';')}`;
}
