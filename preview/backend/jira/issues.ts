import { STATUSES } from '../catalog';
import { isRecord, jiraError, noContent, ok, qBool, qList, type Router } from '../http';
import type { IssueDoc, ProjectDoc } from '../types';
import type { JiraContext } from './context';
import { issueEditor } from './edit';

/** Issues: create, read, edit, and notify. */
export function issueRoutes(r: Router, ctx: JiraContext): void {
  const { site, base, issueBean, visibleIssue, principalId } = ctx;
  const { applyFields, applyProperties } = issueEditor(ctx);

  // Bulk fetch: up to 100 issues by id or key; those the caller cannot see are left out silently.
  r.add('POST', '/rest/api/3/issue/bulkfetch', ({ principal, body }) => {
    if (!isRecord(body) || !Array.isArray(body.issueIdsOrKeys))
      throw jiraError(400, ['issueIdsOrKeys must be provided.']);
    const refs = body.issueIdsOrKeys.map(String);
    if (refs.length === 0) throw jiraError(400, ['issueIdsOrKeys must not be empty.']);
    if (refs.length > 100) throw jiraError(400, ['At most 100 issues can be fetched in one request.']);
    const fields = Array.isArray(body.fields) ? body.fields.map(String) : ['*navigable'];
    const properties = Array.isArray(body.properties) ? body.properties.map(String) : [];
    const issues = [];
    for (const ref of refs) {
      const found = site.issueByIdOrKey(ref);
      const proj = found && site.docs.peek<ProjectDoc>('projects', found.projectId);
      if (found && proj && site.canBrowse(principal, proj)) issues.push(issueBean(found, fields, properties));
    }
    return ok({ expand: '', issues, issueErrors: [] });
  });

  r.add('POST', '/rest/api/3/issue', ({ principal, body }) => {
    if (!isRecord(body) || !isRecord(body.fields))
      throw jiraError(400, ['The request body must contain fields.']);
    const fields = body.fields;
    const projRef = isRecord(fields.project) ? (fields.project.key ?? fields.project.id) : undefined;
    const proj = typeof projRef === 'string' ? site.projectByIdOrKey(projRef) : undefined;
    if (!proj || !site.canBrowse(principal, proj))
      throw jiraError(400, [], { project: 'Specify a valid project ID or key' });
    if (!site.hasProject(principal, proj, 'CREATE_ISSUES'))
      throw jiraError(403, ['You do not have permission to create issues in this project.']);
    const typeRef = isRecord(fields.issuetype) ? (fields.issuetype.id ?? fields.issuetype.name) : undefined;
    const type = site.projectIssueTypes(proj).find((t) => t.id === typeRef || t.name === typeRef);
    if (!type) throw jiraError(400, [], { issuetype: 'Specify a valid issue type' });
    if (typeof fields.summary !== 'string' || !fields.summary.trim())
      throw jiraError(400, [], { summary: 'You must specify a summary of the issue.' });
    const at = new Date(site.now()).toISOString();
    const draft: IssueDoc = {
      id: '',
      key: '',
      projectId: proj.id,
      issueTypeId: type.id,
      summary: '',
      statusId: STATUSES[0]!.id,
      labels: [],
      components: [],
      reporter: principalId(principal),
      custom: {},
      properties: {},
      created: at,
      updated: at
    };
    applyFields(draft, proj, fields, isRecord(body.update) ? body.update : {}, true);
    if (type.hierarchyLevel === -1 && !draft.parentId)
      throw jiraError(400, [], { parent: 'Sub-task must have a parent.' });
    applyProperties(draft, body.properties);
    const created = site.docs.transaction(() => {
      const seeded = site.addIssue({
        project: proj.key,
        issuetype: type.id,
        summary: draft.summary,
        created: at
      });
      const doc: IssueDoc = { ...draft, id: seeded.id, key: seeded.key };
      site.docs.put('issues', doc.id, doc);
      return doc;
    });
    site.emitIssueEvent({
      eventType: 'avi:jira:created:issue',
      issueId: created.id,
      issueKey: created.key,
      ...(principal.kind === 'user' ? { actorAccountId: principal.accountId } : {}),
      byApp: principal.kind === 'app',
      changedFields: Object.keys(fields)
    });
    return ok({ id: created.id, key: created.key, self: `${base}/issue/${created.id}` }, 201);
  });

  r.add('GET', '/rest/api/3/issue/{issueIdOrKey}', ({ principal, params, query }) => {
    const { issue } = visibleIssue(principal, params.issueIdOrKey as string);
    return ok(issueBean(issue, qList(query, 'fields') ?? ['*all'], qList(query, 'properties') ?? []));
  });

  r.add('PUT', '/rest/api/3/issue/{issueIdOrKey}', ({ principal, params, body, query }) => {
    const { issue, project: proj } = visibleIssue(principal, params.issueIdOrKey as string);
    if (!site.hasProject(principal, proj, 'EDIT_ISSUES'))
      throw jiraError(403, ['You do not have permission to edit issues in this project.']);
    if (
      !qBool(query, 'notifyUsers', true) &&
      !site.hasGlobal(principal, 'ADMINISTER') &&
      !site.hasProject(principal, proj, 'ADMINISTER_PROJECTS')
    )
      throw jiraError(403, [
        'To discard the user notification either admin or project admin permissions are required.'
      ]);
    if (!isRecord(body)) throw jiraError(400, ['The request body is invalid.']);
    const changed = applyFields(
      issue,
      proj,
      isRecord(body.fields) ? body.fields : {},
      isRecord(body.update) ? body.update : {},
      false
    );
    applyProperties(issue, body.properties);
    issue.updated = new Date(site.now()).toISOString();
    site.docs.put('issues', issue.id, issue);
    if (changed.length) {
      site.emitIssueEvent({
        eventType: 'avi:jira:updated:issue',
        issueId: issue.id,
        issueKey: issue.key,
        ...(principal.kind === 'user' ? { actorAccountId: principal.accountId } : {}),
        byApp: principal.kind === 'app',
        changedFields: changed
      });
    }
    if (qBool(query, 'returnIssue', false)) return ok(issueBean(issue, ['*all'], []));
    return noContent;
  });

  r.add('POST', '/rest/api/3/issue/{issueIdOrKey}/notify', ({ principal, params, body }) => {
    const { issue } = visibleIssue(principal, params.issueIdOrKey as string);
    if (!isRecord(body)) throw jiraError(400, ['The request body is invalid.']);
    if (body.to === undefined) throw jiraError(400, ['No recipients were defined for notification.']);
    const seq = site.docs.nextId('notification', 0);
    site.docs.put('notifications', String(seq), {
      seq,
      issueKey: issue.key,
      by: principal,
      ...(typeof body.subject === 'string' ? { subject: body.subject } : {}),
      ...(typeof body.textBody === 'string' ? { textBody: body.textBody } : {}),
      ...(typeof body.htmlBody === 'string' ? { htmlBody: body.htmlBody } : {}),
      to: body.to,
      ...(body.restrict !== undefined ? { restrict: body.restrict } : {}),
      at: new Date(site.now()).toISOString()
    });
    return noContent;
  });
}
