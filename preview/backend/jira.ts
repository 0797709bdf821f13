import { createHash } from 'node:crypto';
import {
  CUSTOM_FIELD_TYPES,
  DEFAULT_SCHEME_ID,
  DEFAULT_SCREEN_ID,
  LINK_TYPES,
  PERMISSIONS,
  STATUS_CATEGORIES,
  STATUSES,
  TRANSITIONS
} from './catalog';
import {
  isRecord,
  jiraError,
  noContent,
  ok,
  qBool,
  qInt,
  qList,
  qString,
  Router,
  type Query,
  type Res
} from './http';
import { compileClause, compileOrder, JqlError, parseJql, type JqlEnv } from './jql';
import { APP_ACCOUNT_ID, type Site } from './site';
import type {
  FieldContextDoc,
  FieldDoc,
  FieldOptionDoc,
  IssueDoc,
  IssueLinkDoc,
  IssueTypeDoc,
  IssueTypeSchemeDoc,
  Principal,
  ProjectDoc,
  ScreenDoc,
  UserDoc
} from './types';

const NOT_FOUND_ISSUE = 'Issue does not exist or you do not have permission to see it.';
const SEARCH_DEFAULT_MAX = 50;
const SEARCH_MAX_FULL = 100;
const SEARCH_MAX_IDS = 5000;
const PROPERTY_MAX_BYTES = 32768;

/** The Jira platform REST v3 operations the app calls, answered as Jira Cloud would. */
export function jiraRouter(site: Site): Router {
  const base = `${site.baseUrl}/rest/api/3`;
  const r = new Router();

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

  // ---- identity and permissions -----------------------------------------------------------------

  r.add('GET', '/rest/api/3/myself', ({ principal }) => {
    if (principal.kind === 'app') {
      return ok({
        self: `${base}/user?accountId=${APP_ACCOUNT_ID}`,
        accountId: APP_ACCOUNT_ID,
        accountType: 'app',
        displayName: 'Tandem',
        active: true,
        timeZone: 'UTC',
        locale: 'en_US',
        avatarUrls: avatars(APP_ACCOUNT_ID),
        groups: { size: 0, items: [] },
        applicationRoles: { size: 0, items: [] },
        expand: 'groups,applicationRoles'
      });
    }
    const u = site.user(principal.accountId) as UserDoc;
    const groups = site.groupsOf(u.accountId);
    return ok({
      ...userDetails(u),
      ...(u.email ? { emailAddress: u.email } : {}),
      locale: u.locale,
      groups: {
        size: groups.length,
        items: groups.map((g) => ({
          name: g.name,
          groupId: g.groupId,
          self: `${base}/group?groupId=${g.groupId}`
        }))
      },
      applicationRoles: { size: 1, items: [{ key: 'jira-software', name: 'Jira Software' }] },
      expand: 'groups,applicationRoles'
    });
  });

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

  r.add('GET', '/rest/api/3/user', ({ principal, query }) => {
    const accountId = qString(query, 'accountId');
    if (!site.hasGlobal(principal, 'USER_PICKER'))
      throw jiraError(403, ['You do not have permission to view this user.']);
    // getUser documents no 400: without an account id there is simply no such user.
    const u = accountId ? site.user(accountId) : undefined;
    if (!u) throw jiraError(404, [`The user with account ID '${accountId ?? ''}' does not exist.`]);
    return ok({ ...userDetails(u), locale: u.locale, expand: 'groups,applicationRoles' });
  });

  r.add('GET', '/rest/api/3/user/groups', ({ principal, query }) => {
    const accountId = qString(query, 'accountId');
    if (!accountId) throw jiraError(400, ['The accountId query parameter is required.']);
    if (!site.hasGlobal(principal, 'USER_PICKER'))
      throw jiraError(403, ['You do not have permission to view this user.']);
    if (!site.user(accountId))
      throw jiraError(404, [`The user with account ID '${accountId}' does not exist.`]);
    return ok(
      site
        .groupsOf(accountId)
        .map((g) => ({ name: g.name, groupId: g.groupId, self: `${base}/group?groupId=${g.groupId}` }))
    );
  });

  r.add('GET', '/rest/api/3/group/member', ({ principal, query, path }) => {
    if (!site.hasGlobal(principal, 'USER_PICKER'))
      throw jiraError(403, ['You do not have permission to browse users and groups.']);
    const name = qString(query, 'groupname');
    const groupId = qString(query, 'groupId');
    if (!name && !groupId) throw jiraError(400, ['You must specify a group name or group ID.']);
    const groups = site.docs.all<{ name: string; groupId: string; members: string[] }>('groups');
    const g = groups.find((x) => (groupId ? x.groupId === groupId : x.name === name));
    if (!g) throw jiraError(404, [`Group not found: ${groupId ?? name}`]);
    const includeInactive = qBool(query, 'includeInactiveUsers', false);
    const members = g.members
      .map((id) => site.user(id))
      .filter((u): u is UserDoc => !!u && (includeInactive || u.active))
      .sort((a, b) => a.displayName.localeCompare(b.displayName))
      .map(userDetails);
    return ok(page(members, query, path));
  });

  // ---- projects ---------------------------------------------------------------------------------

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

  // ---- issue types and schemes ------------------------------------------------------------------

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

  // ---- fields, contexts, options, screens -------------------------------------------------------

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

  // ---- search -----------------------------------------------------------------------------------

  const jqlEnv = (principal: Principal): JqlEnv => {
    const visibleProjects = site.docs.all<ProjectDoc>('projects').filter((p) => site.canBrowse(principal, p));
    const types = site.docs.all<IssueTypeDoc>('issueTypes');
    const missing = (field: string, v: string): never => {
      throw new JqlError(`The value '${v}' does not exist for the field '${field}'.`);
    };
    return {
      ...(principal.kind === 'user' ? { currentUser: principal.accountId } : {}),
      projectIds: (v) => {
        const p = visibleProjects.find(
          (x) => x.key === v.toUpperCase() || x.id === v || x.name.toLowerCase() === v.toLowerCase()
        );
        return p ? [p.id] : missing('project', v);
      },
      issueTypeIds: (v) => {
        const hits = types.filter((t) => t.id === v || t.name.toLowerCase() === v.toLowerCase());
        return hits.length ? hits.map((t) => t.id) : missing('issuetype', v);
      },
      statusIds: (v) => {
        const s = STATUSES.find((x) => x.id === v || x.name.toLowerCase() === v.toLowerCase());
        return s ? [s.id] : missing('status', v);
      },
      issueId: (v, field) => {
        const i = site.issueByIdOrKey(v);
        const p = i && visibleProjects.find((x) => x.id === i.projectId);
        if (i && p) return i.id;
        if (/^\d+$/.test(v)) return undefined;
        if (!/^[A-Za-z][A-Za-z0-9]*-\d+$/.test(v))
          throw new JqlError(`The issue key '${v}' for field '${field}' is invalid.`);
        throw new JqlError(`An issue with key '${v}' does not exist for field '${field}'.`);
      },
      epicIds: (v) => {
        const i = site.issueByIdOrKey(v);
        if (
          !i ||
          typeById(i.issueTypeId).hierarchyLevel !== 1 ||
          !visibleProjects.some((p) => p.id === i.projectId)
        )
          throw new JqlError(`The issue '${v}' is not an epic or does not exist.`);
        return [i.id];
      },
      customField: (id) => {
        const f = site.docs.get<FieldDoc>('fields', id);
        return f?.custom ? { optionField: !!CUSTOM_FIELD_TYPES[f.type]?.options } : undefined;
      },
      propertyIndex: (key, path) => site.indexedProperty(key, path),
      alias: (name) => site.propertyAlias(name),
      issueById: (id) => site.docs.peek<IssueDoc>('issues', id),
      issueTypeLevel: (id) => typeById(id).hierarchyLevel,
      sortValue: (i, field) => {
        switch (field) {
          case 'key':
          case 'issuekey': {
            const p = site.docs.peek<ProjectDoc>('projects', i.projectId);
            const n = Number(i.key.split('-')[1]);
            return `${p?.key ?? ''}-${String(n).padStart(10, '0')}`;
          }
          case 'id':
          case 'rank':
            return Number(i.id);
          case 'created':
            return i.created;
          case 'updated':
            return i.updated;
          case 'summary':
            return i.summary.toLowerCase();
          case 'status':
            return STATUSES.findIndex((s) => s.id === i.statusId);
          case 'project':
            return site.docs.get<ProjectDoc>('projects', i.projectId)?.key;
          case 'issuetype':
          case 'type':
            return typeById(i.issueTypeId).name;
          case 'assignee':
          case 'reporter': {
            const who = field === 'assignee' ? i.assignee : i.reporter;
            return who ? site.user(who)?.displayName : undefined;
          }
          default: {
            const alias = site.propertyAlias(field);
            if (!alias) return undefined;
            const v = alias.path
              .split('.')
              .reduce<unknown>(
                (acc, k) => (isRecord(acc) ? acc[k] : undefined),
                i.properties[alias.propertyKey]
              );
            return typeof v === 'number' || typeof v === 'string' ? v : undefined;
          }
        }
      }
    };
  };

  const searchCache = new Map<string, IssueDoc[]>();

  const search = (principal: Principal, input: Record<string, unknown>): Res => {
    const jql = typeof input.jql === 'string' ? input.jql : '';
    const fields = Array.isArray(input.fields) ? input.fields.map(String) : [];
    const properties = Array.isArray(input.properties) ? input.properties.map(String) : [];
    const idsOnly = fields.every((f) => f === 'id' || f === 'key');
    const cap = idsOnly ? SEARCH_MAX_IDS : SEARCH_MAX_FULL;
    const requested = input.maxResults === undefined ? SEARCH_DEFAULT_MAX : Number(input.maxResults);
    if (!Number.isInteger(requested) || requested < 0)
      throw jiraError(400, ['maxResults must be a positive integer.']);
    const maxResults = Math.min(requested, cap);
    let where, orderBy;
    try {
      const parsed = parseJql(jql);
      // The enhanced search refuses queries that would scan the whole site.
      if (!parsed.where)
        throw jiraError(400, [
          'Unbounded JQL queries are not allowed here. Please add a search restriction to your query.'
        ]);
      const env = jqlEnv(principal);
      where = compileClause(parsed.where, env);
      orderBy = compileOrder(parsed.orderBy, env);
    } catch (e) {
      if (e instanceof JqlError) throw jiraError(400, [e.message]);
      throw e;
    }
    const tokenSeed = createHash('sha256')
      .update(`${jql}\u0000${principal.kind === 'user' ? principal.accountId : 'app'}`)
      .digest('base64url')
      .slice(0, 16);
    let offset = 0;
    if (input.nextPageToken !== undefined && input.nextPageToken !== null) {
      const decoded = typeof input.nextPageToken === 'string' ? decodeToken(input.nextPageToken) : undefined;
      if (!decoded || decoded.h !== tokenSeed)
        throw jiraError(400, ['The provided next page token is invalid or expired.']);
      offset = decoded.o;
    }
    const browsable = new Set(
      site.docs
        .all<ProjectDoc>('projects')
        .filter((p) => site.canBrowse(principal, p))
        .map((p) => p.id)
    );
    // Paging re-runs the same query: keep its ordered hits while no document has changed.
    const cacheKey = `${tokenSeed}\u0000${site.docs.version}`;
    let hits = searchCache.get(cacheKey);
    if (!hits) {
      hits = orderBy(
        site.docs.peekAll<IssueDoc>('issues').filter((i) => browsable.has(i.projectId) && where(i))
      );
      if (searchCache.size >= 16) searchCache.delete(searchCache.keys().next().value as string);
      searchCache.set(cacheKey, hits);
    }
    const slice = hits.slice(offset, offset + maxResults);
    const isLast = offset + slice.length >= hits.length;
    const issues = slice.map((i) => {
      if (fields.length === 0 && properties.length === 0) return { id: i.id };
      return issueBean(i, fields, properties);
    });
    return ok({
      issues,
      ...(isLast ? {} : { nextPageToken: encodeToken({ o: offset + slice.length, h: tokenSeed }) }),
      isLast
    });
  };

  r.add('POST', '/rest/api/3/search/jql', ({ principal, body }) => {
    if (!isRecord(body)) throw jiraError(400, ['The request body is invalid.']);
    return search(principal, body);
  });

  r.add('GET', '/rest/api/3/search/jql', ({ principal, query }) => {
    const input: Record<string, unknown> = {};
    const jql = qString(query, 'jql');
    if (jql !== undefined) input.jql = jql;
    const token = qString(query, 'nextPageToken');
    if (token !== undefined) input.nextPageToken = token;
    if (qString(query, 'maxResults') !== undefined)
      input.maxResults = qInt(query, 'maxResults', SEARCH_DEFAULT_MAX);
    const fields = qList(query, 'fields');
    if (fields) input.fields = fields;
    const props = qList(query, 'properties');
    if (props) input.properties = props;
    return search(principal, input);
  });

  r.add('POST', '/rest/api/3/search', () => {
    throw jiraError(410, [
      'The requested API has been removed. Please migrate to the /rest/api/3/search/jql API.'
    ]);
  });
  r.add('GET', '/rest/api/3/search', () => {
    throw jiraError(410, [
      'The requested API has been removed. Please migrate to the /rest/api/3/search/jql API.'
    ]);
  });

  // ---- issues -----------------------------------------------------------------------------------

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

  // ---- transitions ------------------------------------------------------------------------------

  const transitionBean = (t: (typeof TRANSITIONS)[number]) => ({
    id: t.id,
    name: t.name,
    to: statusBean(t.to),
    hasScreen: false,
    isGlobal: true,
    isInitial: false,
    isAvailable: true,
    isConditional: false,
    isLooped: false
  });

  r.add('GET', '/rest/api/3/issue/{issueIdOrKey}/transitions', ({ principal, params, query }) => {
    const { issue, project: proj } = visibleIssue(principal, params.issueIdOrKey as string);
    if (!site.hasProject(principal, proj, 'TRANSITION_ISSUES')) return ok({ transitions: [] });
    const only = qString(query, 'transitionId');
    const list = TRANSITIONS.filter((t) => t.to !== issue.statusId && (!only || t.id === only));
    return ok({ expand: 'transitions', transitions: list.map(transitionBean) });
  });

  r.add('POST', '/rest/api/3/issue/{issueIdOrKey}/transitions', async ({ principal, params, body }) => {
    const { issue, project: proj } = visibleIssue(principal, params.issueIdOrKey as string);
    if (!site.hasProject(principal, proj, 'TRANSITION_ISSUES'))
      throw jiraError(403, ['You do not have permission to transition this issue.']);
    const id = isRecord(body) && isRecord(body.transition) ? scalar(body.transition.id) : '';
    const t = TRANSITIONS.find((x) => x.id === id && x.to !== issue.statusId);
    if (!t) throw jiraError(400, [`Transition id '${id}' is not valid for this issue.`]);
    // Jira runs app workflow validators only in company-managed projects.
    if (proj.style === 'classic' && site.transitionValidator) {
      const verdict = await site.transitionValidator({
        issue: { id: issue.id, key: issue.key },
        transition: { id: t.id, from: { id: issue.statusId }, to: { id: t.to } },
        principal
      });
      if (!verdict.result)
        throw jiraError(400, [verdict.errorMessage ?? 'The transition was blocked by a validator.']);
    }
    const fresh = site.docs.get<IssueDoc>('issues', issue.id) as IssueDoc;
    if (isRecord(body) && isRecord(body.fields)) applyFields(fresh, proj, body.fields, {}, false);
    fresh.statusId = t.to;
    fresh.updated = new Date(site.now()).toISOString();
    site.docs.put('issues', fresh.id, fresh);
    site.emitIssueEvent({
      eventType: 'avi:jira:updated:issue',
      issueId: fresh.id,
      issueKey: fresh.key,
      ...(principal.kind === 'user' ? { actorAccountId: principal.accountId } : {}),
      byApp: principal.kind === 'app',
      changedFields: ['status']
    });
    return noContent;
  });

  // ---- properties -------------------------------------------------------------------------------

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

  // ---- notify and links -------------------------------------------------------------------------

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

  r.add('POST', '/rest/api/3/issueLink', ({ principal, body }) => {
    if (
      !isRecord(body) ||
      !isRecord(body.type) ||
      !isRecord(body.inwardIssue) ||
      !isRecord(body.outwardIssue)
    )
      throw jiraError(400, ['type, inwardIssue and outwardIssue must be provided.']);
    const typeRef = body.type;
    const type = LINK_TYPES.find((t) => t.id === typeRef.id || t.name === typeRef.name);
    if (!type)
      throw jiraError(404, [`No issue link type with name '${String(typeRef.name ?? typeRef.id)}' found.`]);
    const ref = (x: Record<string, unknown>) => scalar(x.key ?? x.id);
    const inward = visibleIssue(principal, ref(body.inwardIssue));
    const outward = visibleIssue(principal, ref(body.outwardIssue));
    if (
      !site.hasProject(principal, inward.project, 'LINK_ISSUES') ||
      !site.hasProject(principal, outward.project, 'LINK_ISSUES')
    )
      throw jiraError(403, ['You do not have the permission to link issues.']);
    const dup = site.docs
      .peekAll<IssueLinkDoc>('links')
      .some(
        (l) =>
          l.type === type.name && l.inwardIssueId === inward.issue.id && l.outwardIssueId === outward.issue.id
      );
    if (!dup) {
      const id = String(site.docs.nextId('link', 10000));
      site.docs.put<IssueLinkDoc>('links', id, {
        id,
        type: type.name,
        inwardIssueId: inward.issue.id,
        outwardIssueId: outward.issue.id
      });
    }
    return { status: 201 };
  });

  return r;
}

/** Jira's timestamp format: 2026-11-25T10:22:08.000+0000. */
function jiraDate(iso: string): string {
  return iso.replace('Z', '+0000');
}

function encodeToken(t: { o: number; h: string }): string {
  return Buffer.from(JSON.stringify(t)).toString('base64url');
}

function decodeToken(s: string): { o: number; h: string } | undefined {
  try {
    const t = JSON.parse(Buffer.from(s, 'base64url').toString('utf8')) as unknown;
    if (
      isRecord(t) &&
      typeof t.o === 'number' &&
      Number.isInteger(t.o) &&
      t.o >= 0 &&
      typeof t.h === 'string'
    )
      return { o: t.o, h: t.h };
  } catch {
    // fall through: any malformed token is answered as Jira does, with a 400
  }
  return undefined;
}

/** A stable UUID for ids Jira exposes as UUIDs (team-managed issue type entityId). */
function uuidFor(seed: string): string {
  const h = createHash('sha1').update(seed).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** A request value as text; objects (never valid here) become '' rather than '[object Object]'. */
function scalar(v: unknown): string {
  return typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' ? String(v) : '';
}
