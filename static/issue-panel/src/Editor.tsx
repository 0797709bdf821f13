import { useId, useState, type ReactNode } from 'react';
import type { ApprovalState } from '../../../src/guardrails/domain/approval';
import {
  AUDIENCES,
  FIELD_KINDS,
  LEGAL_BASES,
  TIERS,
  type Audience,
  type ConsentDefinition,
  type FieldDefinition,
  type FieldKind,
  type FormDefinition,
  type LegalBasis,
  type PageDefinition,
  type ThirdPartyResource
} from '../../../src/guardrails/domain/definition';
import type { Evaluation } from '../../../src/guardrails/domain/evaluate';
import type { FieldClassification } from '../../../src/guardrails/domain/classifier';
import type { Policy } from '../../../src/guardrails/domain/policy';
import type { GuardrailView } from '@contract/guardrails';
import type { UiResult } from '../../common/client';
import { Lozenge, SectionMessage } from '../../common/components';
import { t } from '../../common/i18n';
import { refusal } from './ApprovalSection';
import {
  newConsent,
  newField,
  newForm,
  newResource,
  optionalMonths,
  optionalText,
  removeAt,
  replaceAt
} from './draft';
import { AUDIENCE_LABELS, INPUT_TYPES, KIND_NAMES, LEGAL_BASIS_LABELS, localText, tierLabel } from './labels';

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
  const set = (patch: Partial<PageDefinition>) => onChange({ ...draft, ...patch });

  async function save() {
    setSaving(true);
    setSaveError(null);
    const result = await onSave();
    setSaving(false);
    if (!result.ok) setSaveError(refusal(result.error, 'save'));
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
        {saveError !== null && (
          <SectionMessage appearance="error" title={t('panel.error.saveTitle')} announce headingLevel={3}>
            <p>{saveError}</p>
          </SectionMessage>
        )}
      </div>
    </section>
  );
}

// ---- small labelled controls ----------------------------------------------------------------------

function TextInput({
  label,
  value,
  onChange,
  type = 'text',
  placeholder,
  help
}: {
  label: string;
  value: string;
  onChange: (value: string) => void;
  type?: 'text' | 'url' | 'number';
  placeholder?: string;
  help?: string;
}) {
  const id = useId();
  return (
    <div className="gp-field">
      <label htmlFor={id} className="gp-label">
        {label}
      </label>
      <input
        id={id}
        className="tdm-input"
        type={type}
        value={value}
        placeholder={placeholder}
        min={type === 'number' ? 0 : undefined}
        aria-describedby={help === undefined ? undefined : `${id}-help`}
        onChange={(event) => onChange(event.target.value)}
      />
      {help !== undefined && (
        <span id={`${id}-help`} className="tdm-small tdm-subtle">
          {help}
        </span>
      )}
    </div>
  );
}

function Select({
  label,
  value,
  onChange,
  children
}: {
  label: string;
  value: string;
  onChange: (value: string) => void;
  children: ReactNode;
}) {
  const id = useId();
  return (
    <div className="gp-field">
      <label htmlFor={id} className="gp-label">
        {label}
      </label>
      <select
        id={id}
        className="tdm-input gp-select"
        value={value}
        onChange={(event) => onChange(event.target.value)}
      >
        {children}
      </select>
    </div>
  );
}

function Checkbox({
  label,
  checked,
  onChange
}: {
  label: string;
  checked: boolean;
  onChange: (v: boolean) => void;
}) {
  const id = useId();
  return (
    <div className="gp-check">
      <input
        id={id}
        type="checkbox"
        className="tdm-checkbox"
        checked={checked}
        onChange={(event) => onChange(event.target.checked)}
      />
      <label htmlFor={id}>{label}</label>
    </div>
  );
}

// ---- page-level settings --------------------------------------------------------------------------

/** What the data is for, where the notice is and how long it is kept: per page, or per form. */
interface DataUse {
  purpose?: string | undefined;
  privacyNoticeUrl?: string | undefined;
  retentionMonths?: number | undefined;
}

function DataUseInputs({ value, set }: { value: DataUse; set: (patch: DataUse) => void }) {
  return (
    <>
      <TextInput
        label={t('panel.page.purpose')}
        value={value.purpose ?? ''}
        onChange={(v) => set({ purpose: optionalText(v) })}
      />
      <TextInput
        label={t('panel.page.privacy')}
        type="url"
        placeholder="https://"
        value={value.privacyNoticeUrl ?? ''}
        onChange={(v) => set({ privacyNoticeUrl: optionalText(v) })}
      />
      <TextInput
        label={t('panel.page.retention')}
        type="number"
        value={value.retentionMonths === undefined ? '' : String(value.retentionMonths)}
        onChange={(v) => set({ retentionMonths: optionalMonths(v) })}
      />
    </>
  );
}

function PageSettings({
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
        <TextInput
          label={t('panel.page.title')}
          value={draft.title ?? ''}
          onChange={(v) => set({ title: optionalText(v) })}
        />
        <DataUseInputs value={draft} set={set} />
        <Select
          label={t('panel.page.audience')}
          value={draft.audience}
          onChange={(v) => set({ audience: v as Audience })}
        >
          {AUDIENCES.map((audience) => (
            <option key={audience} value={audience}>
              {t(AUDIENCE_LABELS[audience])}
            </option>
          ))}
        </Select>
        <Select
          label={t('panel.page.legalBasis')}
          value={draft.legalBasis ?? ''}
          onChange={(v) => set({ legalBasis: v === '' ? undefined : (v as LegalBasis) })}
        >
          <option value="">{t('panel.page.legalBasis.none')}</option>
          {LEGAL_BASES.map((basis) => (
            <option key={basis} value={basis}>
              {t(LEGAL_BASIS_LABELS[basis])}
            </option>
          ))}
        </Select>
      </div>
      <TextInput
        label={t('panel.page.explicitConsent')}
        value={draft.explicitConsentText ?? ''}
        onChange={(v) => set({ explicitConsentText: optionalText(v) })}
        help={t('panel.page.sensitiveHelp')}
      />
      <Checkbox
        label={t('panel.page.dpia')}
        checked={draft.dpiaCompleted === true}
        onChange={(v) => set({ dpiaCompleted: v ? true : undefined })}
      />
    </fieldset>
  );
}

// ---- modules --------------------------------------------------------------------------------------

function Modules({
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
  const id = useId();
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
        <label htmlFor={id} className="gp-label">
          {t('panel.modules.pick')}
        </label>
        <select
          id={id}
          className="tdm-input gp-select"
          value={choice}
          onChange={(event) => setChoice(event.target.value)}
        >
          <option value="">{t('panel.modules.choose')}</option>
          {approved.map((m) => (
            <option key={`${m.id}@${m.version}`} value={`${m.id}@${m.version}`}>
              {`${m.id} ${m.version}`}
            </option>
          ))}
        </select>
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

// ---- forms, fields and consent boxes ----------------------------------------------------------------

function FormEditor({
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
      <TextInput label={t('panel.form.id')} value={form.id} onChange={(v) => set({ id: v })} />

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
        <TextInput
          label={t('panel.field.label')}
          value={field.label ?? ''}
          onChange={(v) => set({ label: optionalText(v) })}
        />
        <TextInput label={t('panel.field.name')} value={field.name} onChange={(v) => set({ name: v })} />
        <Select
          label={t('panel.field.kind')}
          value={field.kind ?? ''}
          onChange={(v) => set({ kind: v === '' ? undefined : (v as FieldKind) })}
        >
          <option value="">{t('panel.field.kind.infer')}</option>
          {TIERS.map((tier) => (
            <optgroup key={tier} label={tierLabel(tier)}>
              {FIELD_KINDS.filter((kind) => kindTiers[kind] === tier).map((kind) => (
                <option key={kind} value={kind}>
                  {localText(KIND_NAMES[kind])}
                </option>
              ))}
            </optgroup>
          ))}
        </Select>
        <Select
          label={t('panel.field.inputType')}
          value={field.inputType}
          onChange={(v) => set({ inputType: v })}
        >
          {[...new Set<string>([...INPUT_TYPES, field.inputType])].map((type) => (
            <option key={type} value={type}>
              {type}
            </option>
          ))}
        </Select>
        <TextInput
          label={t('panel.field.autocomplete')}
          value={field.autocomplete ?? ''}
          onChange={(v) => set({ autocomplete: optionalText(v) })}
        />
        <TextInput
          label={t('panel.field.notice')}
          value={field.notice ?? ''}
          onChange={(v) => set({ notice: optionalText(v) })}
        />
      </div>
      <div className="gp-inline">
        <Checkbox
          label={t('panel.field.required')}
          checked={field.required}
          onChange={(v) => set({ required: v })}
        />
        <Checkbox
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
          <TextInput
            label={t('panel.consent.purpose')}
            value={consent.purpose}
            onChange={(v) => set({ purpose: v })}
          />
        </div>
        <Checkbox
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

// ---- third-party scripts and embeds -----------------------------------------------------------------

function Resources({
  title,
  help,
  addLabel,
  itemLabel,
  items,
  onChange
}: {
  title: string;
  help: string;
  addLabel: string;
  itemLabel: (n: number) => string;
  items: ReadonlyArray<ThirdPartyResource>;
  onChange: (next: ThirdPartyResource[]) => void;
}) {
  return (
    <fieldset className="gp-fieldset">
      <legend className="gp-legend">{title}</legend>
      <p className="tdm-small tdm-subtle">{help}</p>
      {items.map((item, index) => (
        <div key={index} className="gp-inline">
          {item.inline !== undefined ? (
            <span className="gp-row__main">
              {t('panel.resource.inline')} <code className="gp-code">{item.inline.slice(0, 80)}</code>
            </span>
          ) : (
            <div className="gp-grow">
              <TextInput
                label={itemLabel(index + 1)}
                type="url"
                placeholder="https://"
                value={item.url ?? ''}
                onChange={(v) => onChange(replaceAt(items, index, { url: v }))}
              />
            </div>
          )}
          <button
            type="button"
            className="tdm-button tdm-button--subtle gp-push"
            onClick={() => onChange(removeAt(items, index))}
          >
            {t('panel.remove')}
            <span className="tdm-sr-only"> {itemLabel(index + 1)}</span>
          </button>
        </div>
      ))}
      <button type="button" className="tdm-button" onClick={() => onChange([...items, newResource()])}>
        {addLabel}
      </button>
    </fieldset>
  );
}
