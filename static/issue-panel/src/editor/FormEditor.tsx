import {
  FIELD_KINDS,
  TIERS,
  type ConsentDefinition,
  type FieldDefinition,
  type FieldKind,
  type FormDefinition
} from '../../../../src/guardrails/domain/definition';
import type { FieldClassification } from '../../../../src/guardrails/domain/classifier';
import type { Policy } from '../../../../src/guardrails/domain/policy';
import { CheckboxField, SelectField, TextField, type SelectOption } from '../../../common/fields';
import { t } from '../../../common/i18n';
import { newConsent, newField, optionalText, removeAt, replaceAt } from '../draft';
import { INPUT_TYPES, KIND_NAMES, localText, tierLabel } from '../labels';
import { DataUseInputs } from './PageSettings';

/** One form of the page: its fields, its consent boxes and, folded away, its own data use. */
export function FormEditor({
  form,
  kindTiers,
  classifications,
  onChange,
  onRemove
}: {
  form: FormDefinition;
  kindTiers: Policy['kindTiers'];
  classifications: ReadonlyArray<FieldClassification>;
  onChange: (next: FormDefinition) => void;
  onRemove: () => void;
}) {
  const set = (patch: Partial<FormDefinition>) => onChange({ ...form, ...patch });
  return (
    <fieldset className="gp-fieldset gp-form" data-form={form.id}>
      <legend className="gp-legend">{t('panel.form.legend', { form: form.id })}</legend>
      <TextField label={t('panel.form.id')} value={form.id} onChange={(v) => set({ id: v })} />

      <h4 className="gp-h4">{t('panel.fields.title')}</h4>
      {form.fields.length === 0 && <p className="tdm-subtle">{t('panel.fields.none')}</p>}
      {form.fields.map((field, index) => (
        <FieldEditor
          key={index}
          position={index + 1}
          field={field}
          kindTiers={kindTiers}
          classification={classifications[index]}
          onChange={(next) => set({ fields: replaceAt(form.fields, index, next) })}
          onRemove={() => set({ fields: removeAt(form.fields, index) })}
        />
      ))}
      <button
        type="button"
        className="tdm-button"
        onClick={() => set({ fields: [...form.fields, newField(form.fields)] })}
      >
        {t('panel.fields.add')}
      </button>

      <h4 className="gp-h4">{t('panel.consents.title')}</h4>
      {form.consents.length === 0 && <p className="tdm-subtle">{t('panel.consents.none')}</p>}
      {form.consents.map((consent, index) => (
        <ConsentEditor
          key={index}
          position={index + 1}
          consent={consent}
          onChange={(next) => set({ consents: replaceAt(form.consents, index, next) })}
          onRemove={() => set({ consents: removeAt(form.consents, index) })}
        />
      ))}
      <button
        type="button"
        className="tdm-button"
        onClick={() => set({ consents: [...form.consents, newConsent(form.consents)] })}
      >
        {t('panel.consents.add')}
      </button>

      <details className="gp-details">
        <summary>{t('panel.form.overrides')}</summary>
        <div className="gp-grid">
          <DataUseInputs value={form} set={set} />
        </div>
      </details>

      <div className="gp-actions">
        <button type="button" className="tdm-button tdm-button--subtle" onClick={onRemove}>
          {t('panel.form.remove', { form: form.id })}
        </button>
      </div>
    </fieldset>
  );
}

/** "Infer from the name", then every kind under the tier the policy gives it. */
function kindOptions(kindTiers: Policy['kindTiers']): SelectOption<FieldKind | ''>[] {
  return [
    { value: '', label: t('panel.field.kind.infer') },
    ...TIERS.flatMap((tier) =>
      FIELD_KINDS.filter((kind) => kindTiers[kind] === tier).map((kind) => ({
        value: kind,
        label: localText(KIND_NAMES[kind]),
        group: tierLabel(tier)
      }))
    )
  ];
}

function FieldEditor({
  position,
  field,
  kindTiers,
  classification,
  onChange,
  onRemove
}: {
  position: number;
  field: FieldDefinition;
  kindTiers: Policy['kindTiers'];
  classification: FieldClassification | undefined;
  onChange: (next: FieldDefinition) => void;
  onRemove: () => void;
}) {
  const set = (patch: Partial<FieldDefinition>) => onChange({ ...field, ...patch });
  const title = field.label !== undefined && field.label.trim() !== '' ? field.label : field.name;
  return (
    <div
      className="gp-item"
      role="group"
      aria-label={t('panel.field.group', { n: position, label: title })}
      data-field={field.name}
    >
      <div className="gp-grid">
        <TextField
          label={t('panel.field.label')}
          value={field.label ?? ''}
          onChange={(v) => set({ label: optionalText(v) })}
        />
        <TextField label={t('panel.field.name')} value={field.name} onChange={(v) => set({ name: v })} />
        <SelectField
          label={t('panel.field.kind')}
          value={field.kind ?? ''}
          options={kindOptions(kindTiers)}
          onChange={(v) => set({ kind: v === '' ? undefined : v })}
        />
        <SelectField
          label={t('panel.field.inputType')}
          value={field.inputType}
          options={[...new Set<string>([...INPUT_TYPES, field.inputType])].map((type) => ({
            value: type,
            label: type
          }))}
          onChange={(v) => set({ inputType: v })}
        />
        <TextField
          label={t('panel.field.autocomplete')}
          value={field.autocomplete ?? ''}
          onChange={(v) => set({ autocomplete: optionalText(v) })}
        />
        <TextField
          label={t('panel.field.notice')}
          value={field.notice ?? ''}
          onChange={(v) => set({ notice: optionalText(v) })}
        />
      </div>
      <div className="gp-inline">
        <CheckboxField
          label={t('panel.field.required')}
          checked={field.required}
          onChange={(v) => set({ required: v })}
        />
        <CheckboxField
          label={t('panel.field.hidden')}
          checked={field.hidden}
          onChange={(v) => set({ hidden: v })}
        />
        {classification !== undefined && (
          <span className="gp-classified tdm-small" data-tier={classification.tier}>
            {classification.kind === null
              ? t('panel.field.classifiedUnknown', { tier: classification.tier })
              : t('panel.field.classified', {
                  kind: localText(KIND_NAMES[classification.kind]),
                  tier: classification.tier
                })}
          </span>
        )}
        <button type="button" className="tdm-button tdm-button--subtle gp-push" onClick={onRemove}>
          {t('panel.remove')}
          <span className="tdm-sr-only"> {title}</span>
        </button>
      </div>
    </div>
  );
}

function ConsentEditor({
  position,
  consent,
  onChange,
  onRemove
}: {
  position: number;
  consent: ConsentDefinition;
  onChange: (next: ConsentDefinition) => void;
  onRemove: () => void;
}) {
  const set = (patch: Partial<ConsentDefinition>) => onChange({ ...consent, ...patch });
  return (
    <div className="gp-item" role="group" aria-label={t('panel.consent.group', { n: position })}>
      <div className="gp-inline">
        <div className="gp-grow">
          <TextField
            label={t('panel.consent.purpose')}
            value={consent.purpose}
            onChange={(v) => set({ purpose: v })}
          />
        </div>
        <CheckboxField
          label={t('panel.consent.preTicked')}
          checked={consent.preTicked}
          onChange={(v) => set({ preTicked: v })}
        />
        <button type="button" className="tdm-button tdm-button--subtle gp-push" onClick={onRemove}>
          {t('panel.remove')}
          <span className="tdm-sr-only"> {t('panel.consent.group', { n: position })}</span>
        </button>
      </div>
    </div>
  );
}
