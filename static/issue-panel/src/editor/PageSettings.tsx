import {
  AUDIENCES,
  LEGAL_BASES,
  type LegalBasis,
  type PageDefinition
} from '../../../../src/guardrails/domain/definition';
import { CheckboxField, SelectField, TextField } from '../../../common/fields';
import { t } from '../../../common/i18n';
import { optionalMonths, optionalText } from '../draft';
import { AUDIENCE_LABELS, LEGAL_BASIS_LABELS } from '../labels';

/** What the data is for, where the notice is and how long it is kept: per page, or per form. */
export interface DataUse {
  purpose?: string | undefined;
  privacyNoticeUrl?: string | undefined;
  retentionMonths?: number | undefined;
}

export function DataUseInputs({ value, set }: { value: DataUse; set: (patch: DataUse) => void }) {
  return (
    <>
      <TextField
        label={t('panel.page.purpose')}
        value={value.purpose ?? ''}
        onChange={(v) => set({ purpose: optionalText(v) })}
      />
      <TextField
        label={t('panel.page.privacy')}
        type="url"
        placeholder="https://"
        value={value.privacyNoticeUrl ?? ''}
        onChange={(v) => set({ privacyNoticeUrl: optionalText(v) })}
      />
      <TextField
        label={t('panel.page.retention')}
        type="number"
        min={0}
        value={value.retentionMonths === undefined ? '' : String(value.retentionMonths)}
        onChange={(v) => set({ retentionMonths: optionalMonths(v) })}
      />
    </>
  );
}

export function PageSettings({
  draft,
  set
}: {
  draft: PageDefinition;
  set: (patch: Partial<PageDefinition>) => void;
}) {
  return (
    <fieldset className="gp-fieldset">
      <legend className="gp-legend">{t('panel.page.legend')}</legend>
      <div className="gp-grid">
        <TextField
          label={t('panel.page.title')}
          value={draft.title ?? ''}
          onChange={(v) => set({ title: optionalText(v) })}
        />
        <DataUseInputs value={draft} set={set} />
        <SelectField
          label={t('panel.page.audience')}
          value={draft.audience}
          options={AUDIENCES.map((audience) => ({ value: audience, label: t(AUDIENCE_LABELS[audience]) }))}
          onChange={(audience) => set({ audience })}
        />
        <SelectField<LegalBasis | ''>
          label={t('panel.page.legalBasis')}
          value={draft.legalBasis ?? ''}
          options={[
            { value: '', label: t('panel.page.legalBasis.none') },
            ...LEGAL_BASES.map((basis) => ({ value: basis, label: t(LEGAL_BASIS_LABELS[basis]) }))
          ]}
          onChange={(v) => set({ legalBasis: v === '' ? undefined : v })}
        />
      </div>
      <TextField
        label={t('panel.page.explicitConsent')}
        value={draft.explicitConsentText ?? ''}
        onChange={(v) => set({ explicitConsentText: optionalText(v) })}
        help={t('panel.page.sensitiveHelp')}
      />
      <CheckboxField
        label={t('panel.page.dpia')}
        checked={draft.dpiaCompleted === true}
        onChange={(v) => set({ dpiaCompleted: v ? true : undefined })}
      />
    </fieldset>
  );
}
