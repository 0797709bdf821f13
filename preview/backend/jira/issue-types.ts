import { DEFAULT_SCHEME_ID } from '../catalog';
import { isRecord, jiraError, noContent, ok, qList, type Router } from '../http';
import type { IssueTypeDoc, IssueTypeSchemeDoc, ProjectDoc } from '../types';
import type { JiraContext } from './context';

/** Issue types and issue type schemes. */
export function issueTypeRoutes(r: Router, ctx: JiraContext): void {
  const { site, issueTypeBean, requireAdmin, page } = ctx;

  r.add('GET', '/rest/api/3/issuetype', ({ principal }) => {
    const all = site.docs.all<IssueTypeDoc>('issueTypes');
    // Admins see every type; others the types of projects they can browse.
    if (site.hasGlobal(principal, 'ADMINISTER')) return ok(all.map(issueTypeBean));
    const visible = new Set(
      site.docs
        .all<ProjectDoc>('projects')
        .filter((p) => site.canBrowse(principal, p))
        .flatMap((p) => site.projectIssueTypes(p).map((t) => t.id))
    );
    return ok(all.filter((t) => visible.has(t.id)).map(issueTypeBean));
  });

  r.add('POST', '/rest/api/3/issuetype', ({ principal, body }) => {
    requireAdmin(principal);
    if (!isRecord(body) || typeof body.name !== 'string' || !body.name.trim())
      throw jiraError(400, [], { name: 'You must specify a valid name.' });
    if (body.name.length > 60) throw jiraError(400, [], { name: 'The name must not exceed 60 characters.' });
    let level =
      body.hierarchyLevel === undefined ? (body.type === 'subtask' ? -1 : 0) : Number(body.hierarchyLevel);
    if (body.type !== undefined && body.type !== 'subtask' && body.type !== 'standard')
      throw jiraError(400, ['The issue type type must be either standard or subtask.']);
    if (body.type === 'subtask') level = -1;
    if (level !== 0 && level !== -1)
      throw jiraError(400, ['Only issue types with hierarchy level 0 or -1 can be created.']);
    const name = body.name.trim();
    if (
      site.docs
        .all<IssueTypeDoc>('issueTypes')
        .some((t) => !t.projectId && t.name.toLowerCase() === name.toLowerCase())
    )
      throw jiraError(409, ['An issue type with this name already exists.']);
    const t = site.docs.transaction(() =>
      site.addIssueType({
        name,
        description: typeof body.description === 'string' ? body.description : '',
        hierarchyLevel: level
      })
    );
    return ok(issueTypeBean(t), 201);
  });

  r.add('GET', '/rest/api/3/issuetypescheme/project', ({ principal, query, path }) => {
    requireAdmin(principal);
    const ids = qList(query, 'projectId');
    if (!ids || ids.length === 0) throw jiraError(400, ['projectId must be provided.']);
    const bySchemes = new Map<string, string[]>();
    for (const id of ids) {
      const p = site.docs.get<ProjectDoc>('projects', id);
      // Team-managed projects have no issue type scheme and are left out, as in Jira.
      if (!p || p.style === 'next-gen') continue;
      const sid = p.issueTypeSchemeId ?? DEFAULT_SCHEME_ID;
      bySchemes.set(sid, [...(bySchemes.get(sid) ?? []), p.id]);
    }
    const values = [...bySchemes].map(([sid, projectIds]) => {
      const s = site.docs.get<IssueTypeSchemeDoc>('schemes', sid) as IssueTypeSchemeDoc;
      return { issueTypeScheme: schemeBean(s), projectIds };
    });
    return ok(page(values, query, path));
  });

  const schemeBean = (s: IssueTypeSchemeDoc) => ({
    id: s.id,
    name: s.name,
    ...(s.description ? { description: s.description } : {}),
    ...(s.defaultIssueTypeId ? { defaultIssueTypeId: s.defaultIssueTypeId } : {}),
    isDefault: s.isDefault
  });

  r.add('GET', '/rest/api/3/issuetypescheme/mapping', ({ principal, query, path }) => {
    requireAdmin(principal);
    const ids = qList(query, 'issueTypeSchemeId');
    const values = site.docs
      .all<IssueTypeSchemeDoc>('schemes')
      .filter((s) => !ids || ids.includes(s.id))
      .sort((a, b) => Number(a.id) - Number(b.id))
      .flatMap((s) => s.issueTypeIds.map((t) => ({ issueTypeSchemeId: s.id, issueTypeId: t })));
    return ok(page(values, query, path));
  });

  r.add('PUT', '/rest/api/3/issuetypescheme/{issueTypeSchemeId}/issuetype', ({ principal, params, body }) => {
    requireAdmin(principal);
    const s = site.docs.get<IssueTypeSchemeDoc>('schemes', params.issueTypeSchemeId as string);
    if (!s)
      throw jiraError(404, [`The issue type scheme with ID '${params.issueTypeSchemeId}' was not found.`]);
    if (!isRecord(body) || !Array.isArray(body.issueTypeIds) || body.issueTypeIds.length === 0)
      throw jiraError(400, ['The issue type IDs must be provided.']);
    const ids = body.issueTypeIds.map(String);
    for (const id of ids) {
      const t = site.docs.get<IssueTypeDoc>('issueTypes', id);
      if (!t || t.projectId) throw jiraError(404, [`The issue type with ID '${id}' was not found.`]);
      if (s.issueTypeIds.includes(id))
        throw jiraError(400, [`The issue type with ID '${id}' is already in the issue type scheme.`]);
    }
    s.issueTypeIds.push(...ids);
    site.docs.put('schemes', s.id, s);
    return noContent;
  });
}
