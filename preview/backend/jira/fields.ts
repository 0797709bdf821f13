import { CUSTOM_FIELD_TYPES } from '../catalog';
import { isRecord, jiraError, ok, qList, qString, type Router } from '../http';
import type { FieldContextDoc, FieldDoc, FieldOptionDoc } from '../types';
import type { JiraContext } from './context';

/** Fields, custom field contexts and options, and the default screen. */
export function fieldRoutes(r: Router, ctx: JiraContext): void {
  const { site, fieldBean, requireAdmin, page } = ctx;

  r.add('GET', '/rest/api/3/field', () => ok(site.docs.all<FieldDoc>('fields').map(fieldBean)));

  r.add('POST', '/rest/api/3/field', ({ principal, body }) => {
    requireAdmin(principal);
    if (!isRecord(body) || typeof body.name !== 'string' || !body.name.trim())
      throw jiraError(400, [], { name: 'The custom field name must be provided.' });
    if (typeof body.type !== 'string' || !CUSTOM_FIELD_TYPES[body.type])
      throw jiraError(400, [], { type: `The custom field type '${String(body.type)}' is not supported.` });
    // Jira accepts duplicate custom field names; callers must check before creating.
    const f = site.docs.transaction(() =>
      site.addField({
        name: body.name as string,
        type: body.type as string,
        ...(typeof body.description === 'string' ? { description: body.description } : {})
      })
    );
    return ok(fieldBean(f), 201);
  });

  const customField = (id: string): FieldDoc => {
    const f = site.docs.get<FieldDoc>('fields', id);
    if (!f || !f.custom) throw jiraError(404, [`The custom field was not found.`]);
    return f;
  };

  const contextOf = (fieldId: string, contextId: string): FieldContextDoc => {
    const c = site.docs.get<FieldContextDoc>('fieldContexts', contextId);
    if (!c || c.fieldId !== fieldId) throw jiraError(404, [`The context was not found.`]);
    return c;
  };

  r.add('GET', '/rest/api/3/field/{fieldId}/context', ({ principal, params, query, path }) => {
    requireAdmin(principal);
    const f = customField(params.fieldId as string);
    const ids = qList(query, 'contextId');
    const global = qString(query, 'isGlobalContext');
    const anyType = qString(query, 'isAnyIssueType');
    const values = site.docs
      .all<FieldContextDoc>('fieldContexts')
      .filter((c) => c.fieldId === f.id)
      .filter((c) => !ids || ids.includes(c.id))
      .filter((c) => global === undefined || String(c.isGlobalContext) === global)
      .filter((c) => anyType === undefined || String(c.isAnyIssueType) === anyType)
      .map(({ fieldId: _f, ...c }) => c);
    return ok(page(values, query, path));
  });

  r.add(
    'GET',
    '/rest/api/3/field/{fieldId}/context/{contextId}/option',
    ({ principal, params, query, path }) => {
      requireAdmin(principal);
      const f = customField(params.fieldId as string);
      const c = contextOf(f.id, params.contextId as string);
      if (!CUSTOM_FIELD_TYPES[f.type]?.options)
        throw jiraError(400, ["The custom field doesn't support options."]);
      const optionId = qString(query, 'optionId');
      const values = site.docs
        .all<FieldOptionDoc>('fieldOptions')
        .filter((o) => o.contextId === c.id && (!optionId || o.id === optionId))
        .sort((a, b) => Number(a.id) - Number(b.id))
        .map((o) => ({ id: o.id, value: o.value, disabled: o.disabled }));
      return ok(page(values, query, path, 100));
    }
  );

  r.add('POST', '/rest/api/3/field/{fieldId}/context/{contextId}/option', ({ principal, params, body }) => {
    requireAdmin(principal);
    const f = customField(params.fieldId as string);
    const c = contextOf(f.id, params.contextId as string);
    if (!CUSTOM_FIELD_TYPES[f.type]?.options)
      throw jiraError(400, ["The custom field doesn't support options."]);
    if (!isRecord(body) || !Array.isArray(body.options) || body.options.length === 0)
      throw jiraError(400, ['At least one option must be provided.']);
    if (body.options.length > 1000) throw jiraError(400, ['You can create up to 1000 options at a time.']);
    const existing = new Set(
      site.docs
        .all<FieldOptionDoc>('fieldOptions')
        .filter((o) => o.contextId === c.id)
        .map((o) => o.value.toLowerCase())
    );
    const created: FieldOptionDoc[] = [];
    site.docs.transaction(() => {
      for (const o of body.options as unknown[]) {
        if (!isRecord(o) || typeof o.value !== 'string' || !o.value.trim())
          throw jiraError(400, ['Option value must be provided.']);
        if (existing.has(o.value.toLowerCase()))
          throw jiraError(400, [`The option '${o.value}' already exists.`]);
        existing.add(o.value.toLowerCase());
        const id = String(site.docs.nextId('fieldOption', 10099));
        const doc: FieldOptionDoc = { id, contextId: c.id, value: o.value, disabled: o.disabled === true };
        site.docs.put('fieldOptions', id, doc);
        created.push(doc);
      }
    });
    return ok({ options: created.map((o) => ({ id: o.id, value: o.value, disabled: o.disabled })) });
  });

  r.add('POST', '/rest/api/3/screens/addToDefault/{fieldId}', ({ principal, params }) => {
    requireAdmin(principal);
    const id = params.fieldId as string;
    if (!site.docs.get('fields', id)) throw jiraError(404, [`The field with id '${id}' was not found.`]);
    if (!site.addToDefaultScreen(id))
      throw jiraError(400, [`The field with id '${id}' is already on the screen.`]);
    return ok({});
  });
}
