/**
 * The definition being edited in the panel: a full PageDefinition (defaults filled in), so the
 * browser can evaluate it with the same domain code the resolvers and the validator run.
 */
import type {
  ConsentDefinition,
  FieldDefinition,
  FormDefinition,
  PageDefinition,
  ThirdPartyResource
} from '../../../src/guardrails/domain/definition';

export const EMPTY_DEFINITION: PageDefinition = {
  schemaVersion: 1,
  audience: 'general',
  modules: [],
  forms: [],
  scripts: [],
  embeds: []
};

/** A definition from the server (or an import), with every default present. */
export function normalise(definition: PageDefinition | null): PageDefinition {
  if (definition === null) return EMPTY_DEFINITION;
  return {
    ...EMPTY_DEFINITION,
    ...definition,
    forms: definition.forms.map((form) => ({
      ...form,
      consents: form.consents ?? [],
      fields: form.fields.map((field) => ({
        ...field,
        required: field.required ?? false,
        hidden: field.hidden ?? false,
        inputType: field.inputType ?? 'text'
      }))
    }))
  };
}

/** JSON with sorted keys and without undefined values: equal definitions give equal strings. */
export function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => {
    if (v === null || typeof v !== 'object' || Array.isArray(v)) return v;
    const sorted: Record<string, unknown> = {};
    for (const key of Object.keys(v).sort()) {
      const item = (v as Record<string, unknown>)[key];
      if (item !== undefined) sorted[key] = item;
    }
    return sorted;
  });
}

/** Empty text means "not given": the schema treats a missing value and an empty one differently. */
export function optionalText(value: string): string | undefined {
  return value.trim() === '' ? undefined : value;
}

export function optionalMonths(value: string): number | undefined {
  if (value.trim() === '') return undefined;
  const n = Number(value);
  return Number.isInteger(n) && n >= 0 ? n : undefined;
}

function nextId(prefix: string, taken: ReadonlyArray<string>): string {
  for (let i = taken.length + 1; ; i++) {
    const id = `${prefix}-${i}`;
    if (!taken.includes(id)) return id;
  }
}

export function newForm(existing: ReadonlyArray<FormDefinition>): FormDefinition {
  return {
    id: nextId(
      'form',
      existing.map((f) => f.id)
    ),
    fields: [],
    consents: []
  };
}

export function newField(existing: ReadonlyArray<FieldDefinition>): FieldDefinition {
  return {
    name: nextId(
      'field',
      existing.map((f) => f.name)
    ),
    label: '',
    required: false,
    hidden: false,
    inputType: 'text'
  };
}

export function newConsent(existing: ReadonlyArray<ConsentDefinition>): ConsentDefinition {
  return {
    id: nextId(
      'consent',
      existing.map((c) => c.id)
    ),
    purpose: '',
    preTicked: false
  };
}

export function newResource(): ThirdPartyResource {
  return { url: '' };
}

/** Replaces item `index` of a list. */
export function replaceAt<T>(list: ReadonlyArray<T>, index: number, item: T): T[] {
  return list.map((current, i) => (i === index ? item : current));
}

export function removeAt<T>(list: ReadonlyArray<T>, index: number): T[] {
  return list.filter((_, i) => i !== index);
}

/** What is sent and evaluated: third-party rows the user left empty are not part of the page yet. */
export function forSaving(draft: PageDefinition): PageDefinition {
  const filled = (r: ThirdPartyResource) => (r.url ?? '').trim() !== '' || r.inline !== undefined;
  return { ...draft, scripts: draft.scripts.filter(filled), embeds: draft.embeds.filter(filled) };
}
