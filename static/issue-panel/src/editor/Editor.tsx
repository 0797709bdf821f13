import { useState } from 'react';
import type { ApprovalState } from '../../../../src/guardrails/domain/approval';
import type { PageDefinition } from '../../../../src/guardrails/domain/definition';
import type { Evaluation } from '../../../../src/guardrails/domain/evaluate';
import type { Policy } from '../../../../src/guardrails/domain/policy';
import type { GuardrailView } from '@contract/guardrails';
import type { UiResult } from '../../../common/client';
import { Lozenge, SectionMessage } from '../../../common/components';
import { t } from '../../../common/i18n';
import { refusal } from '../ApprovalSection';
import { newForm, removeAt, replaceAt } from '../draft';
import { FormEditor } from './FormEditor';
import { Modules } from './Modules';
import { PageSettings } from './PageSettings';
import { Resources } from './Resources';

/**
 * The page's definition as a form: page settings, modules, forms with their fields and consent
 * boxes, third-party scripts and embeds. Every edit goes to `onChange` (the panel re-evaluates it
 * live); nothing is stored until Save.
 */
export function Editor({
  draft,
  onChange,
  policy,
  evaluation,
  dirty,
  approvalState,
  onSave,
  onDiscard
}: {
  draft: PageDefinition;
  onChange: (next: PageDefinition) => void;
  policy: Policy;
  evaluation: Evaluation;
  dirty: boolean;
  approvalState: ApprovalState;
  onSave: () => Promise<UiResult<GuardrailView>>;
  onDiscard: () => void;
}) {
  const [saving, setSaving] = useState(false);
  const [saveError, setSaveError] = useState<string | null>(null);
  // Whether the live region says "saved"; cleared by the next edit.
  const [saved, setSaved] = useState(false);
  const set = (patch: Partial<PageDefinition>) => {
    setSaved(false);
    onChange({ ...draft, ...patch });
  };

  async function save() {
    setSaving(true);
    setSaveError(null);
    const result = await onSave();
    setSaving(false);
    if (!result.ok) setSaveError(refusal(result.error, 'save'));
    else setSaved(true);
  }

  const voids = dirty && (approvalState === 'approved' || approvalState === 'requested');

  return (
    <section className="gp-section" aria-labelledby="gp-editor-title">
      <div className="gp-section__head">
        <h2 id="gp-editor-title" className="gp-h2">
          {t('panel.editor.title')}
        </h2>
        {dirty && <Lozenge appearance="moved">{t('panel.editor.unsaved')}</Lozenge>}
      </div>

      <PageSettings draft={draft} set={set} />
      <Modules draft={draft} set={set} policy={policy} />

      <h3 className="gp-h3">{t('panel.forms.title')}</h3>
      {draft.forms.length === 0 && <p className="tdm-subtle">{t('panel.forms.none')}</p>}
      {draft.forms.map((form, index) => (
        <FormEditor
          key={index}
          form={form}
          kindTiers={policy.kindTiers}
          classifications={evaluation.forms[index]?.fields ?? []}
          onChange={(next) => set({ forms: replaceAt(draft.forms, index, next) })}
          onRemove={() => set({ forms: removeAt(draft.forms, index) })}
        />
      ))}
      <button
        type="button"
        className="tdm-button"
        onClick={() => set({ forms: [...draft.forms, newForm(draft.forms)] })}
      >
        {t('panel.forms.add')}
      </button>

      <Resources
        title={t('panel.scripts.title')}
        help={t('panel.scripts.help')}
        addLabel={t('panel.scripts.add')}
        itemLabel={(n) => t('panel.scripts.url', { n })}
        items={draft.scripts}
        onChange={(scripts) => set({ scripts })}
      />
      <Resources
        title={t('panel.embeds.title')}
        help={t('panel.embeds.help')}
        addLabel={t('panel.embeds.add')}
        itemLabel={(n) => t('panel.embeds.url', { n })}
        items={draft.embeds}
        onChange={(embeds) => set({ embeds })}
      />

      <div className="gp-savebar">
        {voids && <p className="gp-note">{t('panel.editor.voidsApproval')}</p>}
        <div className="gp-actions">
          <button
            type="button"
            className="tdm-button tdm-button--primary"
            disabled={!dirty || saving}
            onClick={() => void save()}
          >
            {saving ? t('panel.editor.saving') : t('panel.editor.save')}
          </button>
          <button
            type="button"
            className="tdm-button tdm-button--subtle"
            disabled={!dirty || saving}
            onClick={onDiscard}
          >
            {t('panel.editor.discard')}
          </button>
        </div>
        {/* Present from the first render so screen readers announce its text when a save lands. */}
        <p role="status" className="tdm-sr-only gp-save-status">
          {saving ? t('panel.editor.saving') : saved ? t('panel.editor.saved') : ''}
        </p>
        {saveError !== null && (
          <SectionMessage appearance="error" title={t('panel.error.saveTitle')} announce headingLevel={3}>
            <p>{saveError}</p>
          </SectionMessage>
        )}
      </div>
    </section>
  );
}
