import type { ApprovalState } from '../../../src/guardrails/domain/approval';
import type { Audience, LegalBasis, Tier } from '../../../src/guardrails/domain/definition';
import type { Decision, Severity } from '../../../src/guardrails/domain/evaluate';
import { KIND_NAMES, TIER_NAMES, type LocalisedText } from '../../../src/guardrails/domain/messages';
import type { AuditEventType } from '@contract/guardrails';
import type { LozengeAppearance } from '../../common/components';
import { getLocale, type PlainKey } from '../../common/i18n';

export { KIND_NAMES, TIER_NAMES };

/** A domain text (finding, reason, kind name) in the user's language. */
export function localText(text: LocalisedText): string {
  return getLocale() === 'fr' ? text.fr : text.en;
}

export const DECISION_LABELS: Record<Decision, PlainKey> = {
  go: 'panel.decision.go',
  fix: 'panel.decision.fix',
  approval: 'panel.decision.approval',
  blocked: 'panel.decision.blocked'
};

export const DECISION_HELP: Record<Decision, PlainKey> = {
  go: 'panel.decision.go.help',
  fix: 'panel.decision.fix.help',
  approval: 'panel.decision.approval.help',
  blocked: 'panel.decision.blocked.help'
};

export const DECISION_APPEARANCE: Record<Decision, LozengeAppearance> = {
  go: 'success',
  fix: 'moved',
  approval: 'inprogress',
  blocked: 'removed'
};

export const STATE_LABELS: Record<ApprovalState, PlainKey> = {
  none: 'panel.approval.state.none',
  requested: 'panel.approval.state.requested',
  approved: 'panel.approval.state.approved',
  rejected: 'panel.approval.state.rejected',
  expired: 'panel.approval.state.expired',
  voided: 'panel.approval.state.voided'
};

export const STATE_APPEARANCE: Record<ApprovalState, LozengeAppearance> = {
  none: 'default',
  requested: 'inprogress',
  approved: 'success',
  rejected: 'removed',
  expired: 'moved',
  voided: 'moved'
};

export const SEVERITY_LABELS: Record<Severity, PlainKey> = {
  block: 'panel.severity.block',
  fix: 'panel.severity.fix',
  approval: 'panel.severity.approval',
  info: 'panel.severity.info'
};

export const SEVERITY_APPEARANCE: Record<Severity, LozengeAppearance> = {
  block: 'removed',
  fix: 'moved',
  approval: 'inprogress',
  info: 'default'
};

export const EVENT_LABELS: Record<AuditEventType, PlainKey> = {
  saved: 'panel.audit.event.saved',
  requested: 'panel.audit.event.requested',
  granted: 'panel.audit.event.granted',
  approved: 'panel.audit.event.approved',
  rejected: 'panel.audit.event.rejected',
  voided: 'panel.audit.event.voided',
  expired: 'panel.audit.event.expired'
};

export const AUDIENCE_LABELS: Record<Audience, PlainKey> = {
  general: 'panel.audience.general',
  professionals: 'panel.audience.professionals',
  minors: 'panel.audience.minors'
};

export const LEGAL_BASIS_LABELS: Record<LegalBasis, PlainKey> = {
  consent: 'panel.legalBasis.consent',
  contract: 'panel.legalBasis.contract',
  legal_obligation: 'panel.legalBasis.legal_obligation',
  vital_interests: 'panel.legalBasis.vital_interests',
  public_task: 'panel.legalBasis.public_task',
  legitimate_interests: 'panel.legalBasis.legitimate_interests'
};

export function tierLabel(tier: Tier): string {
  return `${tier} · ${localText(TIER_NAMES[tier])}`;
}

/** HTML input types a marketer meets, plus the control kinds the definition format knows. */
export const INPUT_TYPES = [
  'text',
  'email',
  'tel',
  'number',
  'date',
  'url',
  'textarea',
  'select',
  'radio',
  'checkbox',
  'file',
  'hidden',
  'password'
] as const;
