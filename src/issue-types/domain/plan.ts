import type { Language } from '../../contract/provisioning';
import { FIELD_TYPES, type FieldSpec, type IssueTypeSpec, type Localised } from './catalogue';

/**
 * Decides, for each catalogue item, whether to keep what an earlier run recorded, adopt an
 * existing Jira item with the same name (in either language), or create it. Pure: the
 * provisioning job feeds it what Jira answered.
 */

export interface ExistingIssueType {
  id: string;
  name: string;
  subtask?: boolean;
  hierarchyLevel?: number;
  scope?: { type: string };
}

export interface ExistingField {
  id: string;
  name: string;
  custom?: boolean;
  schema?: { type?: string; custom?: string };
}

export type Decision =
  | { action: 'keep'; id: string; name: string }
  | { action: 'adopt'; id: string; name: string }
  | { action: 'create'; name: string };

/** Jira compares names case-insensitively; people also vary spaces and accents' encoding. */
export function normaliseName(name: string): string {
  return name.normalize('NFC').trim().replace(/\s+/g, ' ').toLocaleLowerCase('en');
}

const namesOf = (names: Localised): Set<string> =>
  new Set([normaliseName(names.en), normaliseName(names.fr)]);

/** Only global standard types can be adopted: team-managed projects' types are project-scoped. */
function isGlobalStandardType(type: ExistingIssueType): boolean {
  return type.subtask !== true && (type.hierarchyLevel ?? 0) === 0 && type.scope?.type !== 'PROJECT';
}

export function decideIssueType(
  spec: IssueTypeSpec,
  language: Language,
  existing: readonly ExistingIssueType[],
  recordedId?: string
): Decision {
  if (recordedId) {
    const recorded = existing.find((type) => type.id === recordedId);
    // An admin may have renamed the type since: the id is what we own, not the name.
    if (recorded) return { action: 'keep', id: recorded.id, name: recorded.name };
  }
  const wanted = namesOf(spec.names);
  const match = existing.find((type) => isGlobalStandardType(type) && wanted.has(normaliseName(type.name)));
  if (match) return { action: 'adopt', id: match.id, name: match.name };
  return { action: 'create', name: spec.names[language] };
}

export function isCompatibleField(spec: FieldSpec, field: ExistingField): boolean {
  const wanted = FIELD_TYPES[spec.fieldType];
  if (field.schema?.custom === wanted.type) return true;
  return field.schema?.type === wanted.schemaType;
}

export type FieldDecision = Decision & { conflicts: { id: string; name: string; type?: string }[] };

export function decideField(
  spec: FieldSpec,
  language: Language,
  existing: readonly ExistingField[],
  recordedId?: string
): FieldDecision {
  if (recordedId) {
    const recorded = existing.find((field) => field.id === recordedId);
    if (recorded) return { action: 'keep', id: recorded.id, name: recorded.name, conflicts: [] };
  }
  const custom = existing.filter((field) => field.custom !== false);
  const conflicts: FieldDecision['conflicts'] = [];
  for (const names of [spec.names, spec.fallbackNames]) {
    const wanted = namesOf(names);
    const sameName = custom.filter((field) => wanted.has(normaliseName(field.name)));
    const compatible = sameName.find((field) => isCompatibleField(spec, field));
    if (compatible) return { action: 'adopt', id: compatible.id, name: compatible.name, conflicts };
    if (sameName.length === 0) return { action: 'create', name: names[language], conflicts };
    // Same name, other type: never reuse it (scores would break) and never add a namesake.
    conflicts.push(
      ...sameName.map((field) => ({
        id: field.id,
        name: field.name,
        ...((field.schema?.custom ?? field.schema?.type)
          ? { type: field.schema?.custom ?? field.schema?.type }
          : {})
      }))
    );
  }
  return {
    action: 'create',
    name: `${spec.names[language]} (Tandem)`,
    conflicts
  };
}

/** The option values still missing from a select field, in the chosen language. */
export function missingOptions(
  spec: FieldSpec,
  language: Language,
  existingValues: readonly string[]
): string[] {
  const present = new Set(existingValues.map(normaliseName));
  return (spec.options ?? [])
    .filter((option) => !present.has(normaliseName(option.en)) && !present.has(normaliseName(option.fr)))
    .map((option) => option[language]);
}
