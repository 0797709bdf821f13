import { jiraError, noContent, ok, type Router } from '../http';
import type { JiraContext } from './context';
import { issueEditor } from './edit';

/** Issue properties. */
export function propertyRoutes(r: Router, ctx: JiraContext): void {
  const { site, base, visibleIssue } = ctx;
  const { checkProperty } = issueEditor(ctx);

  r.add('GET', '/rest/api/3/issue/{issueIdOrKey}/properties', ({ principal, params }) => {
    const { issue } = visibleIssue(principal, params.issueIdOrKey as string);
    return ok({
      keys: Object.keys(issue.properties).map((key) => ({
        key,
        self: `${base}/issue/${issue.id}/properties/${encodeURIComponent(key)}`
      }))
    });
  });

  r.add('GET', '/rest/api/3/issue/{issueIdOrKey}/properties/{propertyKey}', ({ principal, params }) => {
    const { issue } = visibleIssue(principal, params.issueIdOrKey as string);
    const key = params.propertyKey as string;
    if (!(key in issue.properties)) throw jiraError(404, [`The property with key '${key}' does not exist.`]);
    return ok({ key, value: issue.properties[key] });
  });

  r.add('PUT', '/rest/api/3/issue/{issueIdOrKey}/properties/{propertyKey}', ({ principal, params, body }) => {
    const { issue, project: proj } = visibleIssue(principal, params.issueIdOrKey as string);
    if (!site.hasProject(principal, proj, 'EDIT_ISSUES'))
      throw jiraError(403, ['You do not have permission to edit this issue.']);
    const key = params.propertyKey as string;
    checkProperty(key, body);
    const existed = key in issue.properties;
    issue.properties[key] = body;
    site.docs.put('issues', issue.id, issue);
    return { status: existed ? 200 : 201, body: {} };
  });

  r.add('DELETE', '/rest/api/3/issue/{issueIdOrKey}/properties/{propertyKey}', ({ principal, params }) => {
    const { issue, project: proj } = visibleIssue(principal, params.issueIdOrKey as string);
    if (!site.hasProject(principal, proj, 'EDIT_ISSUES'))
      throw jiraError(403, ['You do not have permission to edit this issue.']);
    const key = params.propertyKey as string;
    if (!(key in issue.properties)) throw jiraError(404, [`The property with key '${key}' does not exist.`]);
    delete issue.properties[key];
    site.docs.put('issues', issue.id, issue);
    return noContent;
  });
}
