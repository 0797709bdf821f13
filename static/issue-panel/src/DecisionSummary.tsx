import type { GuardrailView } from '@contract/guardrails';
import type { Evaluation, Finding } from '../../../src/guardrails/domain/evaluate';
import { Lozenge } from '../../common/components';
import { t } from '../../common/i18n';
import {
  DECISION_APPEARANCE,
  DECISION_HELP,
  DECISION_LABELS,
  SEVERITY_APPEARANCE,
  SEVERITY_LABELS,
  localText,
  tierLabel
} from './labels';

/** Where a finding applies: "Form webinar · field dob". */
function findingPlace(finding: Finding): string | undefined {
  if (finding.form !== undefined && finding.field !== undefined)
    return t('panel.finding.formField', { form: finding.form, field: finding.field });
  if (finding.form !== undefined) return t('panel.finding.form', { form: finding.form });
  if (finding.field !== undefined) return t('panel.finding.field', { field: finding.field });
  return undefined;
}

export function FindingList({ findings, label }: { findings: ReadonlyArray<Finding>; label: string }) {
  return (
    <ul className="gp-findings" aria-label={label}>
      {findings.map((finding, i) => {
        const place = findingPlace(finding);
        return (
          <li
            key={`${finding.code}-${finding.form ?? ''}-${finding.field ?? ''}-${i}`}
            className="gp-finding"
          >
            <Lozenge appearance={SEVERITY_APPEARANCE[finding.severity]}>
              {t(SEVERITY_LABELS[finding.severity])}
            </Lozenge>
            <div className="gp-finding__body">
              <span className="gp-finding__message">{localText(finding.message)}</span>
              {place !== undefined && <span className="gp-finding__place tdm-small tdm-subtle">{place}</span>}
            </div>
          </li>
        );
      })}
    </ul>
  );
}

export function DecisionSummary({
  view,
  evaluation,
  dirty
}: {
  view: GuardrailView;
  evaluation: Evaluation;
  dirty: boolean;
}) {
  const { decision, tier, findings, approvals } = evaluation;
  return (
    <section className="gp-section" aria-labelledby="gp-decision-title">
      <h2 id="gp-decision-title" className="gp-h2">
        {dirty ? t('panel.decision.liveTitle') : t('panel.decision.title')}
      </h2>
      {/* A live region: the decision changes as the person types, and screen readers say so. */}
      <div
        className="gp-decision"
        data-decision={decision}
        data-tier={tier}
        role="status"
        aria-live="polite"
        aria-atomic="true"
      >
        <Lozenge appearance={DECISION_APPEARANCE[decision]}>{t(DECISION_LABELS[decision])}</Lozenge>
        <span className="gp-tier">{tierLabel(tier)}</span>
      </div>
      <p className="gp-help">{t(DECISION_HELP[decision])}</p>

      {findings.length === 0 ? (
        <p className="tdm-subtle">{t('panel.findings.none')}</p>
      ) : (
        <FindingList findings={findings} label={t('panel.findings.label')} />
      )}

      {approvals.length > 0 && (
        <div className="gp-approvers">
          <h3 className="gp-h3">{t('panel.approvers.title')}</h3>
          <ul className="gp-plain-list">
            {approvals.map((requirement) => (
              <li key={requirement.group}>
                <strong>{requirement.group}</strong> — {localText(requirement.reason)}
                {requirement.slaHours !== null && (
                  <span className="tdm-subtle">
                    {' '}
                    {t('panel.approvers.sla', { hours: requirement.slaHours })}
                  </span>
                )}
              </li>
            ))}
          </ul>
        </div>
      )}

      <p className="gp-golive" data-may-go-live={view.mayGoLive ? 'yes' : 'no'}>
        {view.mayGoLive ? t('panel.mayGoLive.yes') : t('panel.mayGoLive.no')}
        {dirty && <span className="tdm-subtle"> {t('panel.mayGoLive.savedVersion')}</span>}
      </p>
    </section>
  );
}
