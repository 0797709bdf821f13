import type { PageDefinition } from '../../../src/guardrails/domain/definition';
import type { Evaluation } from '../../../src/guardrails/domain/evaluate';
import type { Policy } from '../../../src/guardrails/domain/policy';
import { t } from '../../common/i18n';
import { KIND_NAMES, localText } from './labels';

/** What the page collects, for people who may read but not edit it. */
export function DefinitionSummary({
  definition,
  policy,
  evaluation
}: {
  definition: PageDefinition | null;
  policy: Policy;
  evaluation: Evaluation;
}) {
  return (
    <section className="gp-section" aria-labelledby="gp-summary-title">
      <h2 id="gp-summary-title" className="gp-h2">
        {t('panel.summary.title')}
      </h2>
      <p className="tdm-small tdm-subtle">{t('panel.summary.readOnly')}</p>
      {definition === null ? (
        <p>{t('panel.summary.empty')}</p>
      ) : (
        <>
          {definition.modules.length > 0 && (
            <p>
              {t('panel.summary.modules', {
                list: definition.modules
                  .map((m) => {
                    const retired = policy.moduleLibrary.some(
                      (e) => e.id === m.id && e.version === m.version && e.status === 'retired'
                    );
                    return `${m.id} ${m.version}${retired ? ` (${t('panel.modules.retired')})` : ''}`;
                  })
                  .join(', ')
              })}
            </p>
          )}
          {definition.forms.map((form, i) => (
            <div key={`${form.id}-${i}`}>
              <h3 className="gp-h3">{t('panel.form.legend', { form: form.id })}</h3>
              <ul className="gp-plain-list">
                {form.fields.map((field, j) => {
                  const kind = evaluation.forms[i]?.fields[j]?.kind ?? null;
                  return (
                    <li key={`${field.name}-${j}`}>
                      {field.label ?? field.name}
                      {kind !== null && <span className="tdm-subtle"> — {localText(KIND_NAMES[kind])}</span>}
                    </li>
                  );
                })}
              </ul>
            </div>
          ))}
          {(definition.purpose !== undefined || definition.retentionMonths !== undefined) && (
            <p className="tdm-small">
              {definition.purpose !== undefined &&
                t('panel.summary.purpose', { purpose: definition.purpose })}{' '}
              {definition.retentionMonths !== undefined &&
                t('panel.summary.retention', { months: definition.retentionMonths })}
            </p>
          )}
        </>
      )}
    </section>
  );
}
