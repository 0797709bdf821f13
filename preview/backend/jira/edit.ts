import { CUSTOM_FIELD_TYPES, DEFAULT_SCREEN_ID } from '../catalog';
import { isRecord, jiraError } from '../http';
import type { FieldContextDoc, FieldDoc, FieldOptionDoc, IssueDoc, ProjectDoc, ScreenDoc } from '../types';
import { type JiraContext, scalar } from './context';

const PROPERTY_MAX_BYTES = 32768;

/**
 * Validation and application of issue edits (fields, labels update, properties), shared by create,
 * edit and transition; errors as Jira words them.
 */
export function issueEditor(ctx: JiraContext) {
  const { site, base, userRef, typeById } = ctx;

  const screenFields = (): Set<string> =>
    new Set(
      (site.docs.get<ScreenDoc>('screens', DEFAULT_SCREEN_ID) as ScreenDoc).tabs.flatMap((t) => t.fields)
    );

  /** Validates and applies `fields` (and `update` for labels) onto an issue; errors as Jira words them. */
  const applyFields = (
    issue: IssueDoc,
    proj: ProjectDoc,
    fields: Record<string, unknown>,
    update: Record<string, unknown>,
    creating: boolean
  ): string[] => {
    const errors: Record<string, string> = {};
    const changed: string[] = [];
    const onScreen = screenFields();
    for (const [id, value] of Object.entries(fields)) {
      if (id === 'project' || (id === 'issuetype' && creating)) continue;
      if (!onScreen.has(id)) {
        errors[id] = `Field '${id}' cannot be set. It is not on the appropriate screen, or unknown.`;
        continue;
      }
      changed.push(id);
      switch (id) {
        case 'summary':
          if (typeof value !== 'string' || !value.trim())
            errors.summary = 'You must specify a summary of the issue.';
          else if (value.length > 255) errors.summary = 'Summary must be less than 255 characters.';
          else issue.summary = value;
          break;
        case 'description':
          issue.description = value ?? undefined;
          break;
        case 'duedate':
          if (value === null) delete issue.duedate;
          else if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value))
            errors.duedate = 'Error parsing date string: ' + JSON.stringify(value);
          else issue.duedate = value;
          break;
        case 'labels':
          if (
            !Array.isArray(value) ||
            !value.every((l) => typeof l === 'string' && !/\s/.test(l) && l.length > 0)
          )
            errors.labels = 'The label must not contain spaces.';
          else issue.labels = [...new Set(value as string[])];
          break;
        case 'components': {
          const names = Array.isArray(value)
            ? value.map((c) =>
                isRecord(c) ? (c.name ?? proj.components.find((x) => x.id === c.id)?.name) : undefined
              )
            : [];
          if (names.some((n) => typeof n !== 'string' || !proj.components.some((c) => c.name === n)))
            errors.components = 'Component name is not valid.';
          else issue.components = names as string[];
          break;
        }
        case 'reporter':
        case 'assignee': {
          const acc = value === null ? undefined : isRecord(value) ? value.accountId : undefined;
          if (value === null && id === 'assignee') {
            delete issue.assignee;
            break;
          }
          if (typeof acc !== 'string' || !site.user(acc)) errors[id] = `Specify a valid value for ${id}.`;
          else if (
            id === 'assignee' &&
            !site.hasProject({ kind: 'user', accountId: acc }, proj, 'ASSIGNABLE_USER')
          )
            errors.assignee = `User '${acc}' cannot be assigned issues.`;
          else issue[id] = acc;
          break;
        }
        case 'issuetype': {
          // Jira changes the type in place only within the project's types and the same hierarchy
          // level (anything else is a move); the issue keeps its id, so app records keyed by it stay.
          const ref = isRecord(value) ? (value.id ?? value.name) : undefined;
          const type = site
            .projectIssueTypes(proj)
            .find((x) => typeof ref === 'string' && (x.id === ref || x.name === ref));
          if (!type) errors.issuetype = 'The issue type selected is invalid.';
          else if (type.hierarchyLevel !== typeById(issue.issueTypeId).hierarchyLevel)
            errors.issuetype = 'The issue type cannot be changed to a type of another hierarchy level.';
          else issue.issueTypeId = type.id;
          break;
        }
        case 'parent': {
          const ref = isRecord(value) ? (value.key ?? value.id) : undefined;
          const parent = typeof ref === 'string' ? site.issueByIdOrKey(ref) : undefined;
          if (!parent || parent.projectId !== proj.id || parent.id === issue.id)
            errors.parent = 'Could not find issue by id or key.';
          else if (typeById(parent.issueTypeId).hierarchyLevel <= typeById(issue.issueTypeId).hierarchyLevel)
            errors.parent = 'Given parent issue does not belong to appropriate hierarchy.';
          else issue.parentId = parent.id;
          break;
        }
        default: {
          const f = site.docs.get<FieldDoc>('fields', id);
          if (!f || !f.custom) {
            errors[id] = `Field '${id}' cannot be set. It is not on the appropriate screen, or unknown.`;
            break;
          }
          const err = customValue(f, value, (v) => (issue.custom[id] = v));
          if (err) errors[id] = err;
        }
      }
    }
    for (const [id, ops] of Object.entries(update)) {
      if (id !== 'labels' || !Array.isArray(ops)) {
        errors[id] = `Field '${id}' cannot be set. It is not on the appropriate screen, or unknown.`;
        continue;
      }
      changed.push('labels');
      for (const op of ops) {
        if (!isRecord(op)) continue;
        if (typeof op.add === 'string') issue.labels = [...new Set([...issue.labels, op.add])];
        if (typeof op.remove === 'string') issue.labels = issue.labels.filter((l) => l !== op.remove);
        if (Array.isArray(op.set)) issue.labels = [...new Set(op.set.map(String))];
      }
    }
    if (Object.keys(errors).length) throw jiraError(400, [], errors);
    return changed;
  };

  const customValue = (f: FieldDoc, value: unknown, set: (v: unknown) => void): string | undefined => {
    if (value === null) {
      set(null);
      return undefined;
    }
    const t = CUSTOM_FIELD_TYPES[f.type];
    if (t?.options) {
      const ctxIds = new Set(
        site.docs
          .all<FieldContextDoc>('fieldContexts')
          .filter((c) => c.fieldId === f.id)
          .map((c) => c.id)
      );
      const options = site.docs
        .all<FieldOptionDoc>('fieldOptions')
        .filter((o) => ctxIds.has(o.contextId) && !o.disabled);
      const pick = (v: unknown) => {
        if (!isRecord(v)) return undefined;
        const o = options.find((x) => (v.id !== undefined ? x.id === scalar(v.id) : x.value === v.value));
        return o ? { self: `${base}/customFieldOption/${o.id}`, value: o.value, id: o.id } : undefined;
      };
      if (t.schemaType === 'array') {
        if (!Array.isArray(value)) return `Specify the value for ${f.name} in an array`;
        const picked = value.map(pick);
        if (picked.some((p) => !p)) return `Option value '${JSON.stringify(value)}' is not valid`;
        set(picked);
      } else {
        const p = pick(value);
        if (!p)
          return `Option value '${isRecord(value) ? scalar(value.value ?? value.id) : scalar(value)}' is not valid`;
        set(p);
      }
      return undefined;
    }
    switch (t?.schemaType) {
      case 'number':
        if (typeof value !== 'number') return `Operation value must be a number`;
        break;
      case 'date':
        if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value))
          return `Error parsing date string: ${scalar(value)}`;
        break;
      case 'datetime':
        if (typeof value !== 'string' || Number.isNaN(Date.parse(value)))
          return `Error parsing date string: ${scalar(value)}`;
        break;
      case 'user':
        if (!isRecord(value) || typeof value.accountId !== 'string' || !site.user(value.accountId))
          return 'Specify a valid user';
        set(userRef(value.accountId));
        return undefined;
      case 'array':
        if (!Array.isArray(value) || !value.every((x) => typeof x === 'string'))
          return 'Specify the value in an array of strings';
        break;
      default:
        if (typeof value !== 'string') return 'Operation value must be a string';
        if (f.type.endsWith(':textfield') && value.length > 255)
          return `${f.name} must be less than 255 characters.`;
    }
    set(value);
    return undefined;
  };

  const applyProperties = (issue: IssueDoc, props: unknown) => {
    if (props === undefined) return;
    if (!Array.isArray(props)) throw jiraError(400, ['properties must be an array.']);
    for (const p of props) {
      if (!isRecord(p) || typeof p.key !== 'string') throw jiraError(400, ['Property key must be provided.']);
      checkProperty(p.key, p.value);
      issue.properties[p.key] = p.value;
    }
  };

  const checkProperty = (key: string, value: unknown) => {
    if (key.length === 0 || key.length > 255)
      throw jiraError(400, ['The property key must be between 1 and 255 characters long.']);
    if (value === undefined) throw jiraError(400, ['The property value must be provided.']);
    if (Buffer.byteLength(JSON.stringify(value)) > PROPERTY_MAX_BYTES)
      throw jiraError(400, [`The property value must be less than ${PROPERTY_MAX_BYTES} bytes.`]);
  };

  return { applyFields, applyProperties, checkProperty };
}
