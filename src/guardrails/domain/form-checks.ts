import type { FieldClassification } from './classifier';
import type { FormDefinition, PageDefinition, Tier } from './definition';
import {
  DPIA_MISSING,
  EXPLICIT_CONSENT_MISSING,
  fieldMessage,
  LEGAL_BASIS_MISSING,
  consentPreTicked,
  consentPurposeMissing,
  privacyInvalid,
  privacyMissing,
  purposeMissing,
  renderFreeTextNotice,
  renderKindUnknown,
  renderLabelMismatch,
  renderPersonal,
  renderProhibited,
  renderSensitive,
  retentionMissing,
  retentionTooLong,
  type FieldMessageRenderer
} from './finding-messages';
import type { Finding, FindingCode, Severity } from './findings';
import type { LocalisedText } from './messages';
import type { Policy } from './policy';

/* The checks on one form: what its fields collect, and what the tier requires before publishing. */

const HTTP_URL = /^https?:\/\/[^\s/]+/i;

function fieldFinding(
  code: FindingCode,
  severity: Severity,
  formId: string,
  classification: FieldClassification,
  renderer: FieldMessageRenderer,
  approverGroup: string | undefined
): Finding {
  const finding: Finding = {
    code,
    severity,
    form: formId,
    field: classification.field,
    message: fieldMessage(renderer, classification)
  };
  if (approverGroup !== undefined) finding.approverGroup = approverGroup;
  return finding;
}

export function fieldFindings(
  classification: FieldClassification,
  form: FormDefinition,
  policy: Policy,
  formTier: Tier,
  notice: string | undefined,
  findings: Finding[]
): void {
  const { kind, tier } = classification;
  if (kind === null) {
    findings.push(
      fieldFinding('field.kind_unknown', 'fix', form.id, classification, renderKindUnknown, undefined)
    );
    return;
  }
  if (tier === 'T4') {
    findings.push(
      fieldFinding('field.prohibited', 'block', form.id, classification, renderProhibited, undefined)
    );
    return;
  }
  const group = policy.tiers[tier].approverGroup;
  if (tier === 'T3' && group !== null) {
    findings.push(
      fieldFinding('field.sensitive', 'approval', form.id, classification, renderSensitive, group)
    );
  } else if (tier === 'T2' && group !== null) {
    findings.push(fieldFinding('field.personal', 'approval', form.id, classification, renderPersonal, group));
  }
  if (classification.labelSuggests !== null) {
    findings.push(
      fieldFinding(
        'field.kind_label_mismatch',
        'info',
        form.id,
        classification,
        renderLabelMismatch,
        undefined
      )
    );
  }
  if (kind === 'free_text' && isBlank(notice) && policy.tiers[formTier].checks.includes('freeTextNotice')) {
    findings.push(
      fieldFinding(
        'free_text.notice_missing',
        'fix',
        form.id,
        classification,
        renderFreeTextNotice,
        undefined
      )
    );
  }
}

export function isBlank(text: string | undefined): boolean {
  return text === undefined || text.trim() === '';
}

function pageLevelFinding(
  code: FindingCode,
  message: LocalisedText,
  emitted: Set<FindingCode>,
  findings: Finding[]
): void {
  if (emitted.has(code)) return;
  emitted.add(code);
  findings.push({ code, severity: 'fix', message });
}

export function formChecks(
  form: FormDefinition,
  page: PageDefinition,
  policy: Policy,
  formTier: Tier,
  emittedPageLevel: Set<FindingCode>,
  findings: Finding[]
): void {
  const rule = policy.tiers[formTier];
  const checks = rule.checks;
  if (checks.length === 0) return;
  const formId = form.id;
  if (checks.includes('purpose') && isBlank(form.purpose ?? page.purpose)) {
    findings.push({
      code: 'page.purpose_missing',
      severity: 'fix',
      form: formId,
      message: purposeMissing(formId)
    });
  }
  if (checks.includes('privacyNotice')) {
    const url = form.privacyNoticeUrl ?? page.privacyNoticeUrl;
    if (url === undefined || isBlank(url)) {
      findings.push({
        code: 'page.privacy_notice_missing',
        severity: 'fix',
        form: formId,
        message: privacyMissing(formId)
      });
    } else if (!HTTP_URL.test(url) && !url.startsWith('/')) {
      findings.push({
        code: 'page.privacy_notice_invalid',
        severity: 'fix',
        form: formId,
        message: privacyInvalid(formId)
      });
    }
  }
  if (checks.includes('retention')) {
    const months = form.retentionMonths ?? page.retentionMonths;
    const max = rule.maxRetentionMonths;
    if (months === undefined) {
      findings.push({
        code: 'page.retention_missing',
        severity: 'fix',
        form: formId,
        message: retentionMissing(formId, max, formTier)
      });
    } else if (max !== null && months > max) {
      findings.push({
        code: 'page.retention_too_long',
        severity: 'fix',
        form: formId,
        message: retentionTooLong(formId, months, max, formTier)
      });
    }
  }
  if (checks.includes('consentNotPreTicked')) {
    for (const consent of form.consents) {
      if (consent.preTicked) {
        findings.push({
          code: 'consent.preticked',
          severity: 'fix',
          form: formId,
          field: consent.id,
          message: consentPreTicked(consent.purpose)
        });
      }
      if (isBlank(consent.purpose)) {
        findings.push({
          code: 'consent.purpose_missing',
          severity: 'fix',
          form: formId,
          field: consent.id,
          message: consentPurposeMissing(consent.id)
        });
      }
    }
  }
  if (checks.includes('legalBasis') && page.legalBasis === undefined) {
    pageLevelFinding('sensitive.legal_basis_missing', LEGAL_BASIS_MISSING, emittedPageLevel, findings);
  }
  if (checks.includes('explicitConsent') && isBlank(page.explicitConsentText)) {
    pageLevelFinding(
      'sensitive.explicit_consent_missing',
      EXPLICIT_CONSENT_MISSING,
      emittedPageLevel,
      findings
    );
  }
  if (checks.includes('dpia') && page.dpiaCompleted !== true) {
    pageLevelFinding('sensitive.dpia_missing', DPIA_MISSING, emittedPageLevel, findings);
  }
}
