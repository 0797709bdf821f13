import { jiraError, ok, qList, qString, type Router } from '../http';
import type { IssueDoc, Principal, ProjectDoc, UserDoc } from '../types';
import type { JiraContext } from './context';

/** Projects: /project/search and /project/{projectIdOrKey}. */
export function projectRoutes(r: Router, ctx: JiraContext): void {
  const { site, base, userDetails, projectDetails, issueTypeBean, componentBean, project, page } = ctx;

  const projectBean = (p: ProjectDoc, principal: Principal) => ({
    expand: 'description,lead,issueTypes,url,projectKeys,permissions,insight',
    ...projectDetails(p),
    description: '',
    ...(p.lead && site.user(p.lead) ? { lead: userDetails(site.user(p.lead) as UserDoc) } : {}),
    components: p.components.map((c) => componentBean(p, c.name)),
    issueTypes: site.projectIssueTypes(p).map(issueTypeBean),
    assigneeType: 'UNASSIGNED',
    versions: [],
    roles: Object.fromEntries(
      Object.keys(p.roles).map((role, i) => [role, `${base}/project/${p.id}/role/${10002 + i}`])
    ),
    style: p.style,
    isPrivate: false,
    properties: {},
    permissions: { canEdit: site.hasProject(principal, p, 'ADMINISTER_PROJECTS') }
  });

  /**
   * Project search returns the short form; description, lead, issueTypes, url, projectKeys,
   * permissions and insight only when `expand` asks, so code that forgets to expand breaks here
   * as it would on a real site.
   */
  const projectSearchBean = (p: ProjectDoc, principal: Principal, expand: string[]) => {
    const full = projectBean(p, principal);
    return {
      expand: full.expand,
      ...projectDetails(p),
      style: p.style,
      isPrivate: false,
      properties: {},
      ...(expand.includes('description') ? { description: full.description } : {}),
      ...(expand.includes('lead') && full.lead ? { lead: full.lead } : {}),
      ...(expand.includes('issueTypes') ? { issueTypes: full.issueTypes } : {}),
      ...(expand.includes('url') ? { url: '' } : {}),
      ...(expand.includes('permissions') ? { permissions: full.permissions } : {}),
      ...(expand.includes('insight')
        ? {
            insight: {
              totalIssueCount: site.docs.peekAll<IssueDoc>('issues').filter((i) => i.projectId === p.id)
                .length
            }
          }
        : {})
    };
  };

  r.add('GET', '/rest/api/3/project/search', ({ principal, query, path }) => {
    const expand = qList(query, 'expand') ?? [];
    const action = qString(query, 'action') ?? 'view';
    if (!['view', 'browse', 'edit', 'create'].includes(action))
      throw jiraError(400, [`Invalid action '${action}'.`]);
    // As documented: `view` lists projects the caller may browse or administer (Jira admins
    // administer all), `browse` needs Browse, `edit` Administer, `create` Create issues.
    const allowed = (p: ProjectDoc): boolean => {
      if (action === 'browse') return site.canBrowse(principal, p);
      if (action === 'edit') return site.hasProject(principal, p, 'ADMINISTER_PROJECTS');
      if (action === 'create')
        return site.canBrowse(principal, p) && site.hasProject(principal, p, 'CREATE_ISSUES');
      return site.canBrowse(principal, p) || site.hasProject(principal, p, 'ADMINISTER_PROJECTS');
    };
    const text = qString(query, 'query')?.toLowerCase();
    const keys = qList(query, 'keys');
    const ids = qList(query, 'id');
    const orderBy = qString(query, 'orderBy') ?? 'key';
    const desc = orderBy.startsWith('-');
    const field = orderBy.replace(/^[-+]/, '');
    if (
      ![
        'key',
        'name',
        'category',
        'issueCount',
        'lastIssueUpdatedTime',
        'owner',
        'archivedDate',
        'deletedDate'
      ].includes(field)
    )
      throw jiraError(400, [`Invalid orderBy '${orderBy}'.`]);
    const list = site.docs
      .all<ProjectDoc>('projects')
      .filter(allowed)
      .filter((p) => !text || p.key.toLowerCase().includes(text) || p.name.toLowerCase().includes(text))
      .filter((p) => !keys || keys.includes(p.key))
      .filter((p) => !ids || ids.includes(p.id))
      .sort(
        (a, b) =>
          (field === 'name' ? a.name.localeCompare(b.name) : a.key.localeCompare(b.key)) * (desc ? -1 : 1)
      )
      .map((p) => projectSearchBean(p, principal, expand));
    return ok(page(list, query, path));
  });

  r.add('GET', '/rest/api/3/project/{projectIdOrKey}', ({ principal, params }) =>
    ok(projectBean(project(principal, params.projectIdOrKey as string), principal))
  );
}
