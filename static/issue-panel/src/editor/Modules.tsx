import { useState } from 'react';
import type { PageDefinition } from '../../../../src/guardrails/domain/definition';
import type { Policy } from '../../../../src/guardrails/domain/policy';
import { Lozenge } from '../../../common/components';
import { SelectField } from '../../../common/fields';
import { t } from '../../../common/i18n';
import { removeAt } from '../draft';

/** The library modules the page is built from; only approved versions can be added. */
export function Modules({
  draft,
  set,
  policy
}: {
  draft: PageDefinition;
  set: (patch: Partial<PageDefinition>) => void;
  policy: Policy;
}) {
  const approved = policy.moduleLibrary.filter((m) => m.status === 'approved');
  const [choice, setChoice] = useState('');
  const status = (ref: { id: string; version: string }) =>
    policy.moduleLibrary.find((m) => m.id === ref.id && m.version === ref.version)?.status;

  return (
    <fieldset className="gp-fieldset">
      <legend className="gp-legend">{t('panel.modules.legend')}</legend>
      {draft.modules.length === 0 ? (
        <p className="tdm-subtle">{t('panel.modules.none')}</p>
      ) : (
        <ul className="gp-rows" aria-label={t('panel.modules.legend')}>
          {draft.modules.map((module, index) => {
            const s = status(module);
            const name = `${module.id} ${module.version}`;
            return (
              <li key={`${module.id}@${module.version}-${index}`} className="gp-row">
                <span className="gp-row__main">{name}</span>
                {s === 'approved' && <Lozenge appearance="success">{t('panel.modules.approved')}</Lozenge>}
                {s === 'retired' && <Lozenge appearance="moved">{t('panel.modules.retired')}</Lozenge>}
                {s === undefined && <Lozenge appearance="removed">{t('panel.modules.unknown')}</Lozenge>}
                <button
                  type="button"
                  className="tdm-button tdm-button--subtle"
                  onClick={() => set({ modules: removeAt(draft.modules, index) })}
                >
                  {t('panel.remove')}
                  <span className="tdm-sr-only"> {name}</span>
                </button>
              </li>
            );
          })}
        </ul>
      )}
      <div className="gp-inline">
        <SelectField
          label={t('panel.modules.pick')}
          value={choice}
          options={[
            { value: '', label: t('panel.modules.choose') },
            ...approved.map((m) => ({ value: `${m.id}@${m.version}`, label: `${m.id} ${m.version}` }))
          ]}
          onChange={setChoice}
        />
        <button
          type="button"
          className="tdm-button"
          disabled={choice === ''}
          onClick={() => {
            const [moduleId = '', version = ''] = choice.split('@');
            set({ modules: [...draft.modules, { id: moduleId, version }] });
            setChoice('');
          }}
        >
          {t('panel.modules.add')}
        </button>
      </div>
    </fieldset>
  );
}
