import { APP_ACCOUNT_ID } from '../catalog';
import { jiraError, ok, qBool, qList, qString, type Router } from '../http';
import type { UserDoc } from '../types';
import type { JiraContext } from './context';

/** The caller, users and groups: /myself, /user, /user/bulk, /user/groups, /group/bulk, /group/member. */
export function userRoutes(r: Router, ctx: JiraContext): void {
  const { site, base, avatars, userDetails, page } = ctx;

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

  r.add('GET', '/rest/api/3/user', ({ principal, query }) => {
    const accountId = qString(query, 'accountId');
    if (!site.hasGlobal(principal, 'USER_PICKER'))
      throw jiraError(403, ['You do not have permission to view this user.']);
    // getUser documents no 400: without an account id there is simply no such user.
    const u = accountId ? site.user(accountId) : undefined;
    if (!u) throw jiraError(404, [`The user with account ID '${accountId ?? ''}' does not exist.`]);
    return ok({ ...userDetails(u), locale: u.locale, expand: 'groups,applicationRoles' });
  });

  // Assignable users of a project: holders of ASSIGNABLE_USER there, matched on name or e-mail prefix.
  r.add('GET', '/rest/api/3/user/assignable/search', ({ principal, query }) => {
    const projectRef = qString(query, 'project');
    if (!projectRef && !qString(query, 'issueKey') && !qString(query, 'issueId'))
      throw jiraError(400, ['A project or issue must be specified.']);
    if (!projectRef) throw jiraError(400, ['The embedded Jira answers assignable search by project only.']);
    const proj = ctx.project(principal, projectRef);
    const text = (qString(query, 'query') ?? '').toLowerCase();
    const startAt = Number(qString(query, 'startAt') ?? '0');
    const maxResults = Math.min(Number(qString(query, 'maxResults') ?? '50'), 1000);
    const users = site.docs
      .all<UserDoc>('users')
      .filter(
        (u) => u.active && site.hasProject({ kind: 'user', accountId: u.accountId }, proj, 'ASSIGNABLE_USER')
      )
      .filter(
        (u) =>
          text === '' ||
          u.displayName
            .toLowerCase()
            .split(/\s+/)
            .some((w) => w.startsWith(text)) ||
          u.displayName.toLowerCase().startsWith(text) ||
          (u.email ?? '').toLowerCase().startsWith(text)
      )
      .sort((a, b) => a.displayName.localeCompare(b.displayName))
      .slice(startAt, startAt + maxResults)
      .map((u) => ({ ...userDetails(u), locale: u.locale }));
    return ok(users);
  });

  // bulkGetUsers: up to maxResults (default 10) of the accounts asked for, unknown ids left out.
  r.add('GET', '/rest/api/3/user/bulk', ({ principal, query, path }) => {
    const ids = qList(query, 'accountId') ?? [];
    if (ids.length === 0) throw jiraError(400, ['The accountId query parameter is required.']);
    if (!site.hasGlobal(principal, 'USER_PICKER'))
      throw jiraError(403, ['You do not have permission to view these users.']);
    const found = [...new Set(ids)]
      .map((id) => site.user(id))
      .filter((u): u is UserDoc => !!u)
      .map(userDetails);
    return ok(page(found, query, path, 10));
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

  // bulkGetGroups: groups by id and/or exact name, in name order; names Jira does not know are left out.
  r.add('GET', '/rest/api/3/group/bulk', ({ principal, query, path }) => {
    if (!site.hasGlobal(principal, 'USER_PICKER'))
      throw jiraError(403, ['You do not have permission to browse users and groups.']);
    const ids = qList(query, 'groupId') ?? [];
    // Names are taken whole: a group name may hold a comma.
    const rawNames = query.groupName;
    const names = rawNames === undefined ? [] : Array.isArray(rawNames) ? rawNames : [rawNames];
    const all = site.docs.all<{ name: string; groupId: string }>('groups');
    const found = all
      .filter(
        (g) => (ids.length === 0 && names.length === 0) || ids.includes(g.groupId) || names.includes(g.name)
      )
      .sort((a, b) => a.name.localeCompare(b.name))
      .map((g) => ({ groupId: g.groupId, name: g.name }));
    return ok(page(found, query, path));
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
}
