import { APP_ACCOUNT_ID, LINK_TYPES, STATUS_CATEGORIES, STATUSES } from '../catalog';
import { jiraError, qInt, type Query } from '../http';
import type {
  FieldDoc,
  IssueDoc,
  IssueLinkDoc,
  IssueTypeDoc,
  Principal,
  ProjectDoc,
  UserDoc
} from '../types';
import { createHash } from 'node:crypto';
import type { Site } from '../site';

/**
 * What every Jira resource shares: the bean renderers (users, statuses, projects, issue types,
 * fields, issues) and the access checks (visible project or issue, admin, paging).
 */
export function jiraContext(site: Site) {
  const base = `${site.baseUrl}/rest/api/3`;

  // ---- renderers --------------------------------------------------------------------------------

  const avatars = (seed: string) => ({
    '16x16': `https://avatar-management.services.atlassian.com/${seed}/16`,
    '24x24': `https://avatar-management.services.atlassian.com/${seed}/24`,
    '32x32': `https://avatar-management.services.atlassian.com/${seed}/32`,
    '48x48': `https://avatar-management.services.atlassian.com/${seed}/48`
  });

  const userDetails = (u: UserDoc) => ({
    self: `${base}/user?accountId=${encodeURIComponent(u.accountId)}`,
    accountId: u.accountId,
    accountType: 'atlassian',
    avatarUrls: avatars(u.accountId),
    displayName: u.displayName,
    active: u.active,
    timeZone: u.timeZone
  });

  const userRef = (accountId: string | undefined) => {
    if (!accountId) return null;
    const u = site.user(accountId);
    return u ? userDetails(u) : null;
  };

  const statusBean = (id: string) => {
    const s = STATUSES.find((x) => x.id === id) ?? STATUSES[0]!;
    const cat = STATUS_CATEGORIES[s.category];
    return {
      self: `${base}/status/${s.id}`,
      description: '',
      iconUrl: `${site.baseUrl}/images/icons/statuses/generic.png`,
      name: s.name,
      id: s.id,
      statusCategory: { self: `${base}/statuscategory/${cat.id}`, ...cat }
    };
  };

  const projectDetails = (p: ProjectDoc) => ({
    self: `${base}/project/${p.id}`,
    id: p.id,
    key: p.key,
    name: p.name,
    projectTypeKey: 'software',
    simplified: p.style === 'next-gen',
    avatarUrls: avatars(`project-${p.id}`)
  });

  const issueTypeBean = (t: IssueTypeDoc) => {
    const project = t.projectId ? site.docs.get<ProjectDoc>('projects', t.projectId) : undefined;
    return {
      self: `${base}/issuetype/${t.id}`,
      id: t.id,
      description: t.description,
      iconUrl: `${site.baseUrl}/rest/api/2/universal_avatar/view/type/issuetype/avatar/10318?size=medium`,
      name: t.name,
      untranslatedName: t.name,
      subtask: t.hierarchyLevel === -1,
      avatarId: 10318,
      hierarchyLevel: t.hierarchyLevel,
      ...(project
        ? {
            entityId: uuidFor(`issuetype:${project.id}:${t.id}`),
            scope: { type: 'PROJECT', project: { id: project.id } }
          }
        : {})
    };
  };

  const fieldBean = (f: FieldDoc) => ({
    id: f.id,
    key: f.id,
    name: f.name,
    custom: f.custom,
    orderable: !['status', 'created', 'updated', 'issuekey', 'project'].includes(f.id),
    navigable: true,
    searchable: true,
    clauseNames: f.clauseNames,
    schema: f.schema,
    ...(f.description ? { description: f.description } : {})
  });

  const componentBean = (p: ProjectDoc, name: string) => {
    const c = p.components.find((x) => x.name === name);
    return { self: `${base}/component/${c?.id ?? '0'}`, id: c?.id ?? '0', name };
  };

  const typeById = (id: string): Readonly<IssueTypeDoc> =>
    site.docs.peek<IssueTypeDoc>('issueTypes', id) ?? {
      id,
      name: 'Unknown',
      description: '',
      hierarchyLevel: 0
    };

  const linkBeans = (issue: IssueDoc) => {
    const links = site.docs.peekAll<IssueLinkDoc>('links');
    const brief = (id: string) => {
      const other = site.docs.get<IssueDoc>('issues', id);
      if (!other) return undefined;
      return {
        id: other.id,
        key: other.key,
        self: `${base}/issue/${other.id}`,
        fields: {
          summary: other.summary,
          status: statusBean(other.statusId),
          issuetype: issueTypeBean(typeById(other.issueTypeId))
        }
      };
    };
    return links
      .filter((l) => l.inwardIssueId === issue.id || l.outwardIssueId === issue.id)
      .map((l) => {
        const t = LINK_TYPES.find((x) => x.name === l.type) as (typeof LINK_TYPES)[number];
        const type = {
          id: t.id,
          name: t.name,
          inward: t.inward,
          outward: t.outward,
          self: `${base}/issueLinkType/${t.id}`
        };
        return l.inwardIssueId === issue.id
          ? { id: l.id, self: `${base}/issueLink/${l.id}`, type, outwardIssue: brief(l.outwardIssueId) }
          : { id: l.id, self: `${base}/issueLink/${l.id}`, type, inwardIssue: brief(l.inwardIssueId) };
      });
  };

  /** Every field value of an issue, keyed by field id, as GET /issue returns them. */
  const allFields = (issue: IssueDoc): Record<string, unknown> => {
    const project = site.docs.get<ProjectDoc>('projects', issue.projectId) as ProjectDoc;
    const parent = issue.parentId ? site.docs.get<IssueDoc>('issues', issue.parentId) : undefined;
    const fields: Record<string, unknown> = {
      summary: issue.summary,
      description: issue.description ?? null,
      issuetype: issueTypeBean(typeById(issue.issueTypeId)),
      project: projectDetails(project),
      status: statusBean(issue.statusId),
      labels: issue.labels,
      components: issue.components.map((c) => componentBean(project, c)),
      reporter: userRef(issue.reporter),
      assignee: userRef(issue.assignee),
      created: jiraDate(issue.created),
      updated: jiraDate(issue.updated),
      resolutiondate: issue.resolved ? jiraDate(issue.resolved) : null,
      timeestimate: issue.timeestimate ?? null,
      timeoriginalestimate: issue.timeoriginalestimate ?? null,
      duedate: issue.duedate ?? null,
      issuelinks: linkBeans(issue)
    };
    if (parent) {
      fields.parent = {
        id: parent.id,
        key: parent.key,
        self: `${base}/issue/${parent.id}`,
        fields: {
          summary: parent.summary,
          status: statusBean(parent.statusId),
          issuetype: issueTypeBean(typeById(parent.issueTypeId))
        }
      };
    }
    for (const f of site.docs.peekAll<FieldDoc>('fields')) {
      if (f.custom) fields[f.id] = issue.custom[f.id] ?? null;
    }
    return fields;
  };

  /** Applies Jira's `fields` selector: *all, *navigable, names, and -name exclusions. */
  const selectFields = (all: Record<string, unknown>, selector: string[]): Record<string, unknown> => {
    const include = new Set<string>();
    let everything = false;
    const byName = new Map(site.docs.peekAll<FieldDoc>('fields').map((f) => [f.name.toLowerCase(), f.id]));
    const resolve = (s: string) => (s in all ? s : (byName.get(s.toLowerCase()) ?? s));
    for (const s of selector) {
      if (s === '*all' || s === '*navigable') everything = true;
      else if (!s.startsWith('-')) include.add(resolve(s));
    }
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(all)) {
      if ((everything || include.has(k)) && !selector.includes(`-${k}`)) out[k] = v;
    }
    return out;
  };

  const issueBean = (issue: IssueDoc, selector: string[], properties: string[]) => {
    const props = properties.includes('*all')
      ? issue.properties
      : Object.fromEntries(
          properties.filter((p) => p in issue.properties).map((p) => [p, issue.properties[p]])
        );
    return {
      expand: 'renderedFields,names,schema,operations,editmeta,changelog,versionedRepresentations',
      id: issue.id,
      self: `${base}/issue/${issue.id}`,
      key: issue.key,
      fields: selectFields(allFields(issue), selector),
      ...(properties.length ? { properties: props } : {})
    };
  };

  // ---- access helpers ---------------------------------------------------------------------------

  /** A project the caller may see; `orAdminister` also admits its administrators (as /mypermissions does). */
  const project = (p: Principal, idOrKey: string, orAdminister = false): ProjectDoc => {
    const found = site.projectByIdOrKey(idOrKey);
    if (
      !found ||
      !(site.canBrowse(p, found) || (orAdminister && site.hasProject(p, found, 'ADMINISTER_PROJECTS')))
    )
      throw jiraError(404, [
        `No project could be found with ${/^\d+$/.test(idOrKey) ? 'id' : 'key'} '${idOrKey}'.`
      ]);
    return found;
  };

  const visibleIssue = (p: Principal, idOrKey: string): { issue: IssueDoc; project: ProjectDoc } => {
    const issue = site.issueByIdOrKey(idOrKey);
    const proj = issue ? site.docs.get<ProjectDoc>('projects', issue.projectId) : undefined;
    if (!issue || !proj || !site.canBrowse(p, proj)) throw jiraError(404, [NOT_FOUND_ISSUE]);
    return { issue, project: proj };
  };

  const requireAdmin = (p: Principal) => {
    if (!site.hasGlobal(p, 'ADMINISTER'))
      throw jiraError(403, [
        'You are not authorized to perform this action. Administrator privileges are required.'
      ]);
  };

  const principalId = (p: Principal) => (p.kind === 'user' ? p.accountId : APP_ACCOUNT_ID);

  const page = <T>(all: T[], q: Query, path: string, dfltMax = 50) => {
    const startAt = qInt(q, 'startAt', 0);
    const maxResults = qInt(q, 'maxResults', dfltMax);
    if (startAt < 0 || maxResults < 0) throw jiraError(400, ['startAt and maxResults must not be negative.']);
    const values = all.slice(startAt, startAt + maxResults);
    const isLast = startAt + values.length >= all.length;
    const params = new URLSearchParams();
    for (const [k, v] of Object.entries(q)) {
      if (k === 'startAt') continue;
      for (const x of Array.isArray(v) ? v : [v]) params.append(k, x);
    }
    const self = `${site.baseUrl}${path}?${new URLSearchParams({ ...Object.fromEntries(params), startAt: String(startAt) }).toString()}`;
    const next = new URLSearchParams(params);
    next.set('startAt', String(startAt + maxResults));
    next.set('maxResults', String(maxResults));
    return {
      self,
      ...(isLast ? {} : { nextPage: `${site.baseUrl}${path}?${next.toString()}` }),
      maxResults,
      startAt,
      total: all.length,
      isLast,
      values
    };
  };

  return {
    site,
    base,
    avatars,
    userDetails,
    userRef,
    statusBean,
    projectDetails,
    issueTypeBean,
    fieldBean,
    componentBean,
    typeById,
    linkBeans,
    allFields,
    selectFields,
    issueBean,
    project,
    visibleIssue,
    requireAdmin,
    principalId,
    page
  };
}

export type JiraContext = ReturnType<typeof jiraContext>;

const NOT_FOUND_ISSUE = 'Issue does not exist or you do not have permission to see it.';

/** Jira's timestamp format: 2026-11-25T10:22:08.000+0000. */
export function jiraDate(iso: string): string {
  return iso.replace('Z', '+0000');
}

/** A stable UUID for ids Jira exposes as UUIDs (team-managed issue type entityId). */
export function uuidFor(seed: string): string {
  const h = createHash('sha1').update(seed).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** A request value as text; objects (never valid here) become '' rather than '[object Object]'. */
export function scalar(v: unknown): string {
  return typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' ? String(v) : '';
}
