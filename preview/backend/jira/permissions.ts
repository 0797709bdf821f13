import { PERMISSIONS } from '../catalog';
import { isRecord, jiraError, ok, qList, qString, type Router } from '../http';
import type { IssueDoc, Principal, ProjectDoc } from '../types';
import type { JiraContext } from './context';

/** What a caller may do: /mypermissions and /permissions/check. */
export function permissionRoutes(r: Router, ctx: JiraContext): void {
  const { site, project, visibleIssue } = ctx;

  r.add('GET', '/rest/api/3/mypermissions', ({ principal, query }) => {
    const wanted = qList(query, 'permissions');
    if (!wanted || wanted.length === 0)
      throw jiraError(400, ["The 'permissions' query parameter is required."]);
    for (const k of wanted) {
      if (!PERMISSIONS[k]) throw jiraError(400, [`No permission with key '${k}' exists.`]);
    }
    let proj: ProjectDoc | undefined;
    const issueRef = qString(query, 'issueKey') ?? qString(query, 'issueId');
    const projectRef = qString(query, 'projectKey') ?? qString(query, 'projectId');
    if (issueRef) proj = visibleIssue(principal, issueRef).project;
    else if (projectRef) proj = project(principal, projectRef, true);
    const permissions: Record<string, unknown> = {};
    for (const k of wanted) {
      const def = PERMISSIONS[k] as (typeof PERMISSIONS)[string];
      let have: boolean;
      if (def.type === 'GLOBAL') have = site.hasGlobal(principal, k);
      else if (proj) have = site.hasProject(principal, proj, k);
      // Without a project, Jira answers whether the user holds it in at least one project.
      else have = site.docs.all<ProjectDoc>('projects').some((p) => site.hasProject(principal, p, k));
      permissions[k] = {
        id: def.id,
        key: k,
        name: def.name,
        type: def.type,
        description: def.name,
        havePermission: have
      };
    }
    return ok({ permissions });
  });

  r.add('POST', '/rest/api/3/permissions/check', ({ principal, body }) => {
    if (!isRecord(body)) throw jiraError(400, ['The request body is invalid.']);
    let subject: Principal = principal;
    if (typeof body.accountId === 'string') {
      if (
        principal.kind === 'user' &&
        body.accountId !== principal.accountId &&
        !site.hasGlobal(principal, 'ADMINISTER')
      )
        throw jiraError(403, ['Only Jira administrators can check the permissions of other users.']);
      if (!site.user(body.accountId))
        throw jiraError(400, [`The user with account ID '${body.accountId}' does not exist.`]);
      subject = { kind: 'user', accountId: body.accountId };
    }
    const globals = Array.isArray(body.globalPermissions) ? body.globalPermissions.map(String) : [];
    const bad = globals.find((g) => PERMISSIONS[g]?.type !== 'GLOBAL');
    if (bad) throw jiraError(400, [`Unrecognized global permissions: ${bad}`]);
    const projectPermissions: unknown[] = [];
    for (const pp of Array.isArray(body.projectPermissions) ? body.projectPermissions : []) {
      if (!isRecord(pp) || !Array.isArray(pp.permissions))
        throw jiraError(400, ['permissions must be provided.']);
      const projectIds = (Array.isArray(pp.projects) ? pp.projects : []).map(String);
      const issueIds = (Array.isArray(pp.issues) ? pp.issues : []).map(String);
      for (const perm of pp.permissions.map(String)) {
        if (PERMISSIONS[perm]?.type !== 'PROJECT')
          throw jiraError(400, [`Unrecognized project permissions: ${perm}`]);
        const projects = projectIds.filter((id) => {
          const p = site.docs.get<ProjectDoc>('projects', id);
          return !!p && site.hasProject(subject, p, perm);
        });
        const issues = issueIds.filter((id) => {
          const i = site.docs.get<IssueDoc>('issues', id);
          const p = i && site.docs.get<ProjectDoc>('projects', i.projectId);
          return !!p && site.hasProject(subject, p, 'BROWSE_PROJECTS') && site.hasProject(subject, p, perm);
        });
        projectPermissions.push({
          permission: perm,
          projects: projects.map(Number),
          issues: issues.map(Number)
        });
      }
    }
    return ok({ globalPermissions: globals.filter((g) => site.hasGlobal(subject, g)), projectPermissions });
  });
}
