/* eslint-disable @typescript-eslint/no-unsafe-member-access, @typescript-eslint/no-unsafe-assignment, @typescript-eslint/no-unsafe-argument, @typescript-eslint/no-unsafe-call --
   These tests read parsed JSON responses field by field; each read is checked by an expect. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  kvs,
  ForgeKvsAPIError,
  MetadataField,
  WhereConditions,
  FilterConditions,
  Filter,
  Sort
} from '@forge/kvs';
import { Site } from '../../preview/backend/site';
import type { Principal } from '../../preview/backend/types';
import { baseSeed, issue, USERS } from '../support/site-seeds';
import { createTestSite, type TestSite } from '../support/test-site';

const as = (who: keyof typeof USERS): Principal => ({ kind: 'user', accountId: USERS[who].accountId });
const app: Principal = { kind: 'app' };

async function call(t: TestSite, who: Principal, method: string, p: string, body?: unknown) {
  const res = await t.site.request(p.startsWith('/wiki') ? 'confluence' : 'jira', who, p, {
    method,
    ...(body !== undefined ? { body: JSON.stringify(body) } : {})
  });
  const text = await res.text();
  return { status: res.status, headers: res.headers, body: text ? JSON.parse(text) : undefined };
}

describe('embedded Jira: identity and permissions', () => {
  let t: TestSite;
  beforeEach(() => {
    t = createTestSite(
      { issues: [issue({ key: 'MKT-1' }), issue({ project: 'WEB', summary: 'squad' })] },
      { app: 'fixture' }
    );
  });
  afterEach(() => {
    t.expectClean();
    t.close();
  });

  it('answers /myself for the calling user, with groups, and as the app for asApp', async () => {
    const me = await call(t, as('admin'), 'GET', '/rest/api/3/myself');
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({
      accountId: USERS.admin.accountId,
      displayName: 'Priya Shah',
      locale: 'en_GB'
    });
    expect(me.body.groups.items.map((g: { name: string }) => g.name)).toEqual(['jira-administrators']);
    expect((await call(t, app, 'GET', '/rest/api/3/myself')).body.accountType).toBe('app');
    const ghost = await call(t, { kind: 'user', accountId: 'nobody' }, 'GET', '/rest/api/3/myself');
    expect(ghost.status).toBe(401);
  });

  it('answers /mypermissions per user and project', async () => {
    const perms = async (who: Principal, q: string) =>
      call(
        t,
        who,
        'GET',
        `/rest/api/3/mypermissions?permissions=BROWSE_PROJECTS,CREATE_ISSUES,ADMINISTER_PROJECTS,ADMINISTER&${q}`
      );
    const have = (r: { body: { permissions: Record<string, { havePermission: boolean }> } }) =>
      Object.fromEntries(Object.entries(r.body.permissions).map(([k, v]) => [k, v.havePermission]));
    expect(have(await perms(as('requester'), 'projectKey=MKT'))).toEqual({
      BROWSE_PROJECTS: true,
      CREATE_ISSUES: true,
      ADMINISTER_PROJECTS: false,
      ADMINISTER: false
    });
    expect(have(await perms(as('browseOnly'), 'issueKey=MKT-1'))).toEqual({
      BROWSE_PROJECTS: true,
      CREATE_ISSUES: false,
      ADMINISTER_PROJECTS: false,
      ADMINISTER: false
    });
    expect(have(await perms(as('admin'), 'projectKey=MKT'))).toEqual({
      BROWSE_PROJECTS: true,
      CREATE_ISSUES: true,
      ADMINISTER_PROJECTS: true,
      ADMINISTER: true
    });
    const outsider = await perms(as('outsider'), 'projectKey=MKT');
    expect(outsider.status).toBe(404);
    expect(outsider.body).toEqual({
      errorMessages: ["No project could be found with key 'MKT'."],
      errors: {}
    });
    expect((await call(t, as('requester'), 'GET', '/rest/api/3/mypermissions')).status).toBe(400);
    expect((await call(t, as('requester'), 'GET', '/rest/api/3/mypermissions?permissions=FLY')).status).toBe(
      400
    );
  });

  it('checks permissions in bulk, and only admins may ask about someone else', async () => {
    const body = {
      accountId: USERS.browseOnly.accountId,
      globalPermissions: ['ADMINISTER'],
      projectPermissions: [{ permissions: ['BROWSE_PROJECTS', 'EDIT_ISSUES'], projects: [10001, 10002] }]
    };
    const denied = await call(t, as('requester'), 'POST', '/rest/api/3/permissions/check', body);
    expect(denied.status).toBe(403);
    const mkt = t.site.projectByKey('MKT')!.id;
    const res = await call(t, as('admin'), 'POST', '/rest/api/3/permissions/check', {
      ...body,
      projectPermissions: [{ permissions: ['BROWSE_PROJECTS', 'EDIT_ISSUES'], projects: [Number(mkt)] }]
    });
    expect(res.body).toEqual({
      globalPermissions: [],
      projectPermissions: [
        { permission: 'BROWSE_PROJECTS', projects: [Number(mkt)], issues: [] },
        { permission: 'EDIT_ISSUES', projects: [], issues: [] }
      ]
    });
    const self = await call(t, as('admin'), 'POST', '/rest/api/3/permissions/check', {
      globalPermissions: ['ADMINISTER']
    });
    expect(self.body.globalPermissions).toEqual(['ADMINISTER']);
  });

  it('returns one user by account id (display name for the app’s screens), 404 for an unknown one', async () => {
    const user = await call(
      t,
      as('requester'),
      'GET',
      `/rest/api/3/user?accountId=${USERS.approver.accountId}`
    );
    expect(user.status).toBe(200);
    expect(user.body).toMatchObject({ accountId: USERS.approver.accountId, displayName: 'Nicolas Bernard' });
    expect((await call(t, as('requester'), 'GET', '/rest/api/3/user?accountId=nobody')).status).toBe(404);
    expect((await call(t, as('requester'), 'GET', '/rest/api/3/user')).status).toBe(404);
  });

  it("lists a user's groups and a group's members with paging", async () => {
    const groups = await call(
      t,
      as('requester'),
      'GET',
      `/rest/api/3/user/groups?accountId=${USERS.approver.accountId}`
    );
    expect(groups.body.map((g: { name: string }) => g.name)).toEqual(['it-approvers']);
    t.site.addToGroup('it-approvers', USERS.admin.accountId);
    const page1 = await call(
      t,
      as('requester'),
      'GET',
      '/rest/api/3/group/member?groupname=it-approvers&maxResults=1'
    );
    expect(page1.body).toMatchObject({ total: 2, isLast: false, startAt: 0, maxResults: 1 });
    expect(page1.body.values.map((u: { displayName: string }) => u.displayName)).toEqual(['Nicolas Bernard']);
    const page2 = await call(
      t,
      as('requester'),
      'GET',
      '/rest/api/3/group/member?groupname=it-approvers&maxResults=1&startAt=1'
    );
    expect(page2.body).toMatchObject({ isLast: true });
    expect(page2.body.values[0].accountId).toBe(USERS.admin.accountId);
    expect((await call(t, as('requester'), 'GET', '/rest/api/3/group/member?groupname=ghosts')).status).toBe(
      404
    );
  });

  it('searches only the projects the caller may browse, with paging and query', async () => {
    const keysOf = (r: { body: { values: { key: string }[] } }) => r.body.values.map((p) => p.key);
    expect(keysOf(await call(t, as('requester'), 'GET', '/rest/api/3/project/search'))).toEqual([
      'MKT',
      'WEB'
    ]);
    expect(keysOf(await call(t, as('outsider'), 'GET', '/rest/api/3/project/search'))).toEqual([]);
    const first = await call(t, as('requester'), 'GET', '/rest/api/3/project/search?maxResults=1');
    expect(first.body).toMatchObject({ isLast: false, total: 2 });
    expect(first.body.nextPage).toContain('startAt=1');
    expect(keysOf(await call(t, as('requester'), 'GET', '/rest/api/3/project/search?query=squad'))).toEqual([
      'WEB'
    ]);
    // A Jira administrator outside every project role still finds all projects to administer.
    t.site.addUser({ accountId: 'site-admin', displayName: 'Site Admin', groups: ['jira-administrators'] });
    expect(
      keysOf(await call(t, { kind: 'user', accountId: 'site-admin' }, 'GET', '/rest/api/3/project/search'))
    ).toEqual(['MKT', 'WEB']);
    expect(
      keysOf(
        await call(
          t,
          { kind: 'user', accountId: 'site-admin' },
          'GET',
          '/rest/api/3/project/search?action=browse'
        )
      )
    ).toEqual([]);
    // Like Jira, the short form unless expanded.
    const short = await call(t, as('requester'), 'GET', '/rest/api/3/project/search?keys=MKT');
    expect(short.body.values[0].issueTypes).toBeUndefined();
    const expanded = await call(
      t,
      as('requester'),
      'GET',
      '/rest/api/3/project/search?keys=MKT&expand=issueTypes,lead'
    );
    expect(expanded.body.values[0]).toMatchObject({
      style: 'classic',
      lead: { accountId: USERS.admin.accountId }
    });
    expect(expanded.body.values[0].issueTypes.length).toBeGreaterThan(0);
    expect(keysOf(await call(t, as('requester'), 'GET', '/rest/api/3/project/search?action=edit'))).toEqual(
      []
    );
    expect(keysOf(await call(t, as('admin'), 'GET', '/rest/api/3/project/search?action=edit'))).toEqual([
      'MKT',
      'WEB'
    ]);
    const web = await call(t, as('requester'), 'GET', '/rest/api/3/project/WEB');
    expect(web.body).toMatchObject({ key: 'WEB', style: 'next-gen', simplified: true });
    expect(web.body.issueTypes.map((x: { name: string }) => x.name)).toEqual(['Epic', 'Task', 'Subtask']);
    expect((await call(t, as('outsider'), 'GET', '/rest/api/3/project/MKT')).status).toBe(404);
  });
});

describe('embedded Jira: configuration (types, fields, schemes, screens)', () => {
  let t: TestSite;
  beforeEach(() => {
    t = createTestSite({}, { app: 'fixture' });
  });
  afterEach(() => {
    t.expectClean();
    t.close();
  });

  it('lets only administrators create issue types, which join the default scheme', async () => {
    const denied = await call(t, as('requester'), 'POST', '/rest/api/3/issuetype', { name: 'Campaign' });
    expect(denied.status).toBe(403);
    expect(denied.body.errorMessages[0]).toMatch(/Administrator/);
    const created = await call(t, as('admin'), 'POST', '/rest/api/3/issuetype', {
      name: 'Campaign',
      description: 'A campaign',
      type: 'standard'
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ name: 'Campaign', hierarchyLevel: 0, subtask: false });
    expect((await call(t, as('admin'), 'POST', '/rest/api/3/issuetype', { name: 'campaign' })).status).toBe(
      409
    );
    expect(
      (await call(t, as('admin'), 'POST', '/rest/api/3/issuetype', { name: 'Initiative', hierarchyLevel: 2 }))
        .status
    ).toBe(400);
    const mapping = await call(
      t,
      app,
      'GET',
      '/rest/api/3/issuetypescheme/mapping?issueTypeSchemeId=10000&maxResults=100'
    );
    expect(mapping.body.values).toContainEqual({ issueTypeSchemeId: '10000', issueTypeId: created.body.id });
    // Company-managed MKT uses the default scheme, so it gains the type; team-managed WEB does not.
    const mkt = await call(t, as('requester'), 'GET', '/rest/api/3/project/MKT');
    expect(mkt.body.issueTypes.map((x: { name: string }) => x.name)).toContain('Campaign');
    const web = await call(t, as('requester'), 'GET', '/rest/api/3/project/WEB');
    expect(web.body.issueTypes.map((x: { name: string }) => x.name)).not.toContain('Campaign');
  });

  it('reports project schemes (team-managed projects have none) and adds types to a scheme', async () => {
    const mkt = t.site.projectByKey('MKT')!;
    const web = t.site.projectByKey('WEB')!;
    const res = await call(
      t,
      app,
      'GET',
      `/rest/api/3/issuetypescheme/project?projectId=${mkt.id}&projectId=${web.id}`
    );
    expect(res.body.values).toEqual([
      { issueTypeScheme: expect.objectContaining({ id: '10000', isDefault: true }), projectIds: [mkt.id] }
    ]);
    const scheme = t.site.addIssueTypeScheme({ name: 'Marketing scheme', issueTypeIds: ['Task'] });
    expect(
      (
        await call(t, as('requester'), 'PUT', `/rest/api/3/issuetypescheme/${scheme.id}/issuetype`, {
          issueTypeIds: ['10000']
        })
      ).status
    ).toBe(403);
    expect(
      (
        await call(t, app, 'PUT', `/rest/api/3/issuetypescheme/${scheme.id}/issuetype`, {
          issueTypeIds: ['10000']
        })
      ).status
    ).toBe(204);
    expect(
      (
        await call(t, app, 'PUT', `/rest/api/3/issuetypescheme/${scheme.id}/issuetype`, {
          issueTypeIds: ['10000']
        })
      ).status
    ).toBe(400);
    expect(
      (
        await call(t, app, 'PUT', `/rest/api/3/issuetypescheme/${scheme.id}/issuetype`, {
          issueTypeIds: ['999']
        })
      ).status
    ).toBe(404);
  });

  it('creates select fields with contexts and options, which issues may use once on the screen', async () => {
    const field = await call(t, app, 'POST', '/rest/api/3/field', {
      name: 'Data tier',
      type: 'com.atlassian.jira.plugin.system.customfieldtypes:select',
      searcherKey: 'com.atlassian.jira.plugin.system.customfieldtypes:multiselectsearcher'
    });
    expect(field.status).toBe(201);
    const id = field.body.id as string;
    expect(id).toMatch(/^customfield_\d+$/);
    expect(
      (
        await call(t, as('requester'), 'POST', '/rest/api/3/field', {
          name: 'x',
          type: 'com.atlassian.jira.plugin.system.customfieldtypes:textfield'
        })
      ).status
    ).toBe(403);
    expect(
      (await call(t, app, 'POST', '/rest/api/3/field', { name: 'x', type: 'made.up:type' })).status
    ).toBe(400);

    const contexts = await call(t, app, 'GET', `/rest/api/3/field/${id}/context`);
    expect(contexts.body.values).toHaveLength(1);
    const ctx = contexts.body.values[0].id as string;
    const added = await call(t, app, 'POST', `/rest/api/3/field/${id}/context/${ctx}/option`, {
      options: [{ value: 'T1' }, { value: 'T2' }]
    });
    expect(added.body.options.map((o: { value: string }) => o.value)).toEqual(['T1', 'T2']);
    expect(
      (
        await call(t, app, 'POST', `/rest/api/3/field/${id}/context/${ctx}/option`, {
          options: [{ value: 't1' }]
        })
      ).status
    ).toBe(400);
    const listed = await call(t, app, 'GET', `/rest/api/3/field/${id}/context/${ctx}/option`);
    expect(listed.body).toMatchObject({ total: 2, isLast: true });

    const create = (fields: Record<string, unknown>) =>
      call(t, as('requester'), 'POST', '/rest/api/3/issue', {
        fields: { project: { key: 'MKT' }, issuetype: { name: 'Task' }, summary: 'Form', ...fields }
      });
    const offScreen = await create({ [id]: { value: 'T2' } });
    expect(offScreen.status).toBe(400);
    expect(offScreen.body.errors[id]).toContain('It is not on the appropriate screen, or unknown.');
    expect((await call(t, app, 'POST', `/rest/api/3/screens/addToDefault/${id}`)).status).toBe(200);
    expect((await create({ [id]: { value: 'T9' } })).status).toBe(400);
    const ok = await create({ [id]: { value: 'T2' } });
    expect(ok.status).toBe(201);
    const got = await call(
      t,
      as('requester'),
      'GET',
      `/rest/api/3/issue/${ok.body.key}?fields=${id},summary`
    );
    expect(got.body.fields).toEqual({ summary: 'Form', [id]: expect.objectContaining({ value: 'T2' }) });
  });
});

describe('embedded Jira: issues', () => {
  let t: TestSite;
  beforeEach(() => {
    t = createTestSite(
      { issues: [issue({ key: 'MKT-1', issuetype: 'Epic', summary: 'Rebuild' })] },
      { app: 'fixture' }
    );
  });
  afterEach(() => {
    t.expectClean();
    t.close();
  });

  it("creates, reads and edits issues within each user's permissions", async () => {
    const body = {
      fields: {
        project: { key: 'MKT' },
        issuetype: { name: 'Task' },
        summary: 'Pricing page',
        labels: ['landing-page'],
        parent: { key: 'MKT-1' },
        components: [{ name: 'Forms' }]
      }
    };
    expect((await call(t, as('browseOnly'), 'POST', '/rest/api/3/issue', body)).status).toBe(403);
    const outsider = await call(t, as('outsider'), 'POST', '/rest/api/3/issue', body);
    expect(outsider.body).toEqual({
      errorMessages: [],
      errors: { project: 'Specify a valid project ID or key' }
    });
    const created = await call(t, as('requester'), 'POST', '/rest/api/3/issue', body);
    expect(created.status).toBe(201);
    expect(created.body.key).toBe('MKT-2');
    const got = await call(
      t,
      as('browseOnly'),
      'GET',
      '/rest/api/3/issue/MKT-2?fields=summary,labels,parent,reporter,status,components'
    );
    expect(got.body.fields).toMatchObject({
      summary: 'Pricing page',
      labels: ['landing-page'],
      parent: { key: 'MKT-1' },
      reporter: { accountId: USERS.requester.accountId },
      status: { name: 'To Do', statusCategory: { key: 'new' } },
      components: [{ name: 'Forms' }]
    });
    expect((await call(t, as('outsider'), 'GET', '/rest/api/3/issue/MKT-2')).status).toBe(404);
    expect(
      (await call(t, as('browseOnly'), 'PUT', '/rest/api/3/issue/MKT-2', { fields: { summary: 'x' } })).status
    ).toBe(403);
    const edit = await call(t, as('requester'), 'PUT', '/rest/api/3/issue/MKT-2', {
      fields: { summary: 'Pricing v2' },
      update: { labels: [{ add: 'gdpr' }] }
    });
    expect(edit.status).toBe(204);
    expect(t.site.issue('MKT-2')).toMatchObject({ summary: 'Pricing v2', labels: ['landing-page', 'gdpr'] });
    const bad = await call(t, as('requester'), 'PUT', '/rest/api/3/issue/MKT-2', {
      fields: { summary: '', labels: ['has space'] }
    });
    expect(bad.body.errors).toEqual({
      summary: 'You must specify a summary of the issue.',
      labels: 'The label must not contain spaces.'
    });
    expect(
      (
        await call(t, as('requester'), 'PUT', '/rest/api/3/issue/MKT-2?notifyUsers=false', {
          fields: { summary: 'y' }
        })
      ).status
    ).toBe(403);
  });

  it('transitions issues through the workflow', async () => {
    const list = await call(t, as('requester'), 'GET', '/rest/api/3/issue/MKT-1/transitions');
    expect(list.body.transitions.map((x: { name: string }) => x.name)).toEqual([
      'In Progress',
      'In Review',
      'Done'
    ]);
    expect(
      (await call(t, as('browseOnly'), 'GET', '/rest/api/3/issue/MKT-1/transitions')).body.transitions
    ).toEqual([]);
    expect(
      (
        await call(t, as('browseOnly'), 'POST', '/rest/api/3/issue/MKT-1/transitions', {
          transition: { id: '41' }
        })
      ).status
    ).toBe(403);
    expect(
      (
        await call(t, as('requester'), 'POST', '/rest/api/3/issue/MKT-1/transitions', {
          transition: { id: '11' }
        })
      ).status
    ).toBe(400);
    expect(
      (
        await call(t, as('requester'), 'POST', '/rest/api/3/issue/MKT-1/transitions', {
          transition: { id: '41' }
        })
      ).status
    ).toBe(204);
    expect(t.site.issue('MKT-1')!.statusId).toBe('10002');
  });

  it('stores issue properties; anyone who can edit can overwrite them', async () => {
    const put = (who: Principal, value: unknown) =>
      call(t, who, 'PUT', '/rest/api/3/issue/MKT-1/properties/tandem', value);
    expect((await put(as('requester'), { tier: 'T2' })).status).toBe(201);
    expect((await put(as('approver'), { tier: 'T0' })).status).toBe(200);
    expect((await put(as('browseOnly'), { tier: 'T0' })).status).toBe(403);
    expect(
      (await call(t, as('browseOnly'), 'GET', '/rest/api/3/issue/MKT-1/properties/tandem')).body
    ).toEqual({ key: 'tandem', value: { tier: 'T0' } });
    expect(
      (await call(t, as('browseOnly'), 'GET', '/rest/api/3/issue/MKT-1/properties')).body.keys.map(
        (k: { key: string }) => k.key
      )
    ).toEqual(['tandem']);
    expect((await call(t, as('requester'), 'GET', '/rest/api/3/issue/MKT-1/properties/none')).status).toBe(
      404
    );
    expect((await put(as('requester'), { blob: 'x'.repeat(40000) })).status).toBe(400);
    expect(
      (await call(t, as('requester'), 'DELETE', '/rest/api/3/issue/MKT-1/properties/tandem')).status
    ).toBe(204);
    expect(
      (await call(t, as('requester'), 'DELETE', '/rest/api/3/issue/MKT-1/properties/tandem')).status
    ).toBe(404);
  });

  it('records notifications and links issues', async () => {
    t.site.addIssue(issue({ key: 'MKT-5' }));
    expect(
      (
        await call(t, app, 'POST', '/rest/api/3/issue/MKT-1/notify', {
          subject: 'Approval needed',
          textBody: 'Please review',
          to: { users: [{ accountId: USERS.approver.accountId }] }
        })
      ).status
    ).toBe(204);
    expect(t.notifications).toEqual([
      expect.objectContaining({ issueKey: 'MKT-1', subject: 'Approval needed', by: { kind: 'app' } })
    ]);
    const link = await call(t, as('requester'), 'POST', '/rest/api/3/issueLink', {
      type: { name: 'Relates' },
      inwardIssue: { key: 'MKT-1' },
      outwardIssue: { key: 'MKT-5' }
    });
    expect(link.status).toBe(201);
    const got = await call(t, as('requester'), 'GET', '/rest/api/3/issue/MKT-1?fields=issuelinks');
    expect(got.body.fields.issuelinks).toEqual([
      expect.objectContaining({
        type: expect.objectContaining({ name: 'Relates' }),
        outwardIssue: expect.objectContaining({ key: 'MKT-5' })
      })
    ]);
    expect(
      (
        await call(t, as('requester'), 'POST', '/rest/api/3/issueLink', {
          type: { name: 'Owns' },
          inwardIssue: { key: 'MKT-1' },
          outwardIssue: { key: 'MKT-5' }
        })
      ).status
    ).toBe(404);
  });

  it("answers unimplemented operations with 404 in Jira's shape and records them", async () => {
    const res = await call(t, as('requester'), 'GET', '/rest/api/3/dashboard');
    expect(res.status).toBe(404);
    expect(res.body.errorMessages[0]).toContain('Not implemented');
    expect(t.unimplemented).toEqual([{ product: 'jira', method: 'GET', path: '/rest/api/3/dashboard' }]);
    expect(() => t.expectClean()).toThrow('unimplemented jira GET /rest/api/3/dashboard');
    t.site.unimplemented.length = 0;
    t.contractViolations.length = 0;
    // The old search is gone on real sites; the OpenAPI checker also flags any call to it.
    expect(
      (await call(t, as('requester'), 'POST', '/rest/api/3/search', { jql: 'project = MKT' })).status
    ).toBe(410);
    expect(t.contractViolations.map((v) => v.problems.join(' '))).toEqual([
      expect.stringContaining('deprecated')
    ]);
    t.contractViolations.length = 0;
  });
});

describe('embedded Jira: search/jql paging', () => {
  let t: TestSite;
  beforeAll(() => {
    t = createTestSite(
      {
        issues: Array.from({ length: 120 }, (_, i) =>
          issue({ summary: `Issue ${i + 1}`, labels: i % 2 ? ['odd'] : ['even'] })
        )
      },
      { app: 'fixture' }
    );
  });
  afterAll(() => t.close());
  afterEach(() => t.expectClean());

  const post = (body: Record<string, unknown>, who = as('requester')) =>
    call(t, who, 'POST', '/rest/api/3/search/jql', body);

  it('pages with nextPageToken until isLast, 50 by default, ids only unless fields are asked', async () => {
    const seen: string[] = [];
    let token: string | undefined;
    let pages = 0;
    do {
      const res = await post({
        jql: 'project = MKT ORDER BY key',
        ...(token ? { nextPageToken: token } : {})
      });
      expect(res.status).toBe(200);
      pages++;
      for (const i of res.body.issues) {
        expect(Object.keys(i)).toEqual(['id']);
        seen.push(i.id);
      }
      token = res.body.isLast ? undefined : res.body.nextPageToken;
      if (!res.body.isLast) expect(res.body.issues).toHaveLength(50);
    } while (token);
    expect(pages).toBe(3);
    expect(new Set(seen).size).toBe(120);
  });

  it('restricts fields and caps maxResults at 100, or 5000 for ids and keys', async () => {
    const full = await post({
      jql: 'project = MKT AND labels = odd ORDER BY key',
      fields: ['summary'],
      maxResults: 500
    });
    expect(full.body.issues).toHaveLength(60);
    expect(full.body.issues[0].fields).toEqual({ summary: 'Issue 2' });
    const capped = await post({ jql: 'project = MKT', fields: ['summary', 'labels'], maxResults: 500 });
    expect(capped.body.issues).toHaveLength(100);
    expect(capped.body.isLast).toBe(false);
    const keysOnly = await post({ jql: 'project = MKT', fields: ['key'], maxResults: 500 });
    expect(keysOnly.body.issues).toHaveLength(120);
    expect(keysOnly.body.isLast).toBe(true);
    const get = await call(
      t,
      as('requester'),
      'GET',
      `/rest/api/3/search/jql?jql=${encodeURIComponent('project = MKT AND labels = even')}&fields=summary&maxResults=10`
    );
    expect(get.body.issues).toHaveLength(10);
    expect(get.body.nextPageToken).toEqual(expect.any(String));
  });

  it('refuses forged or foreign page tokens and shows nothing unbrowsable', async () => {
    const first = await post({ jql: 'project = MKT', maxResults: 10 });
    expect((await post({ jql: 'project = MKT', nextPageToken: 'bm9wZQ' })).status).toBe(400);
    expect(
      (await post({ jql: 'project = MKT AND labels = odd', nextPageToken: first.body.nextPageToken })).status
    ).toBe(400);
    expect((await post({ jql: 'labels = odd' }, as('outsider'))).body.issues).toEqual([]);
  });
});

describe('embedded Confluence', () => {
  let t: TestSite;
  beforeEach(() => {
    t = createTestSite(
      {
        spaces: [
          {
            key: 'MKTG',
            name: 'Marketing',
            viewers: { groups: ['marketing', 'it-approvers'] },
            editors: { groups: ['marketing'] }
          }
        ],
        pages: [
          {
            id: '1001',
            spaceKey: 'MKTG',
            title: 'Retro S12',
            authorId: USERS.requester.accountId,
            body: {
              type: 'doc',
              version: 1,
              content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Went well' }] }]
            }
          },
          {
            id: '1002',
            spaceKey: 'MKTG',
            title: 'Private',
            authorId: USERS.requester.accountId,
            restrictions: { read: { users: [USERS.requester.accountId] } }
          }
        ]
      },
      { app: 'fixture' }
    );
  });
  afterEach(() => {
    t.expectClean();
    t.close();
  });

  it('serves v2 pages in ADF to those who may view them, 404 otherwise', async () => {
    const res = await call(t, as('approver'), 'GET', '/wiki/api/v2/pages/1001?body-format=atlas_doc_format');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      id: '1001',
      title: 'Retro S12',
      status: 'current',
      version: { number: 1 }
    });
    expect(JSON.parse(res.body.body.atlas_doc_format.value).content[0].content[0].text).toBe('Went well');
    expect((await call(t, as('outsider'), 'GET', '/wiki/api/v2/pages/1001')).status).toBe(404);
    expect((await call(t, as('approver'), 'GET', '/wiki/api/v2/pages/1002')).status).toBe(404);
    expect((await call(t, as('requester'), 'GET', '/wiki/api/v2/pages/1002')).status).toBe(200);
  });

  it('checks content permissions for users and groups', async () => {
    const check = (subject: { type: string; identifier: string }, operation: string) =>
      call(t, app, 'POST', '/wiki/rest/api/content/1001/permission/check', { subject, operation });
    expect((await check({ type: 'user', identifier: USERS.approver.accountId }, 'read')).body).toEqual({
      hasPermission: true
    });
    expect((await check({ type: 'user', identifier: USERS.approver.accountId }, 'update')).body).toEqual({
      hasPermission: false
    });
    expect((await check({ type: 'user', identifier: USERS.outsider.accountId }, 'read')).body).toEqual({
      hasPermission: false
    });
    const group = t.site.docs.get<{ groupId: string }>('groups', 'marketing')!;
    expect((await check({ type: 'group', identifier: group.groupId }, 'update')).body).toEqual({
      hasPermission: true
    });
  });
});

describe('KVS through the real @forge/kvs client', () => {
  let t: TestSite;
  let clock = Date.UTC(2026, 10, 25);
  beforeEach(() => {
    clock = Date.UTC(2026, 10, 25);
    t = createTestSite({}, { app: 'fixture', now: () => clock });
  });
  afterEach(() => t.close());

  it('sets, gets, deletes, and returns undefined for missing keys', async () => {
    await kvs.set('form:1', { tier: 'T2', fields: ['email'] });
    expect(await kvs.get('form:1')).toEqual({ tier: 'T2', fields: ['email'] });
    const meta = await kvs.get('form:1', {
      metadataFields: [MetadataField.CREATED_AT, MetadataField.UPDATED_AT]
    });
    expect(meta).toEqual({
      key: 'form:1',
      value: { tier: 'T2', fields: ['email'] },
      createdAt: clock,
      updatedAt: clock
    });
    await kvs.delete('form:1');
    expect(await kvs.get('form:1')).toBeUndefined();
    await expect(kvs.delete('form:1')).resolves.toBeUndefined();
  });

  it('refuses to overwrite with FAIL_IF_EXISTS and returns previous values on request', async () => {
    await kvs.set('approval:MKT-1', { by: 'a' }, { keyPolicy: 'FAIL_IF_EXISTS' });
    const err = await kvs
      .set('approval:MKT-1', { by: 'b' }, { keyPolicy: 'FAIL_IF_EXISTS' })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ForgeKvsAPIError);
    expect((err as ForgeKvsAPIError).code).toBe('KEY_ALREADY_EXISTS');
    expect(await kvs.get('approval:MKT-1')).toEqual({ by: 'a' });
    const prev = await kvs.set(
      'approval:MKT-1',
      { by: 'c' },
      { keyPolicy: 'OVERRIDE', returnValue: 'PREVIOUS' }
    );
    expect(prev).toEqual({ key: 'approval:MKT-1', value: { by: 'a' } });
  });

  it('validates keys and value sizes as the platform does', async () => {
    await expect(kvs.set('bad/key', 1)).rejects.toMatchObject({ code: 'INVALID_KEY' });
    await expect(kvs.set('k'.repeat(501), 1)).rejects.toMatchObject({ code: 'KEY_TOO_LONG' });
    await expect(kvs.set('big', 'x'.repeat(250 * 1024))).rejects.toMatchObject({ code: 'MAX_SIZE' });
  });

  it('queries by key prefix with cursor paging; _ and % are not wildcards', async () => {
    for (let i = 0; i < 25; i++) await kvs.set(`audit:MKT-1:${String(i).padStart(3, '0')}`, { i });
    await kvs.set('audit:MKT-10:000', { other: true });
    await kvs.set('auditXMKT-1', { other: true });
    const seen: number[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      let q = kvs.query().where('key', WhereConditions.beginsWith('audit:MKT-1:')).limit(10);
      if (cursor) q = q.cursor(cursor);
      const page = await q.getMany<{ i: number }>();
      pages++;
      seen.push(...page.results.map((r) => r.value.i));
      cursor = page.nextCursor;
    } while (cursor);
    expect(pages).toBe(3);
    expect(seen).toEqual(Array.from({ length: 25 }, (_, i) => i));
    await kvs.set('a_b', 1);
    await kvs.set('axb', 2);
    expect(
      (await kvs.query().where('key', WhereConditions.beginsWith('a_')).getMany()).results.map((r) => r.key)
    ).toEqual(['a_b']);
  });

  it('expires values after their TTL', async () => {
    await kvs.set('lock:provision', { by: 'x' }, { ttl: { value: 30, unit: 'SECONDS' } });
    clock += 29_000;
    expect(await kvs.get('lock:provision')).toEqual({ by: 'x' });
    clock += 2_000;
    expect(await kvs.get('lock:provision')).toBeUndefined();
  });

  it('applies transactions atomically: a failed condition writes nothing', async () => {
    await kvs.entity('approval').set('MKT-1', { state: 'pending', version: 1 });
    const approve = () =>
      kvs
        .transact()
        .set(
          'MKT-1',
          { state: 'approved', version: 2 },
          {
            entityName: 'approval',
            conditions: new Filter<{ version: number; state: string }>().and(
              'version',
              WhereConditions.equalTo(1)
            )
          }
        )
        .set('audit:MKT-1:1', { event: 'approved' })
        .execute();
    await approve();
    await expect(approve()).rejects.toMatchObject({ code: 'CONDITIONAL_CHECK_FAILED' });
    expect(await kvs.entity('approval').get('MKT-1')).toEqual({ state: 'approved', version: 2 });
    expect(await kvs.get('audit:MKT-1:1')).toEqual({ event: 'approved' });
    await expect(
      kvs
        .transact()
        .set('audit:MKT-1:2', { event: 'x' })
        .check('MKT-1', {
          entityName: 'approval',
          conditions: new Filter<{ version: number; state: string }>().and(
            'state',
            WhereConditions.equalTo('pending')
          )
        })
        .execute()
    ).rejects.toMatchObject({ code: 'CONDITIONAL_CHECK_FAILED' });
    expect(await kvs.get('audit:MKT-1:2')).toBeUndefined();
  });

  it('queries custom entities by the indexes manifest.yml declares', async () => {
    const audit = kvs.entity<{ issueKey: string; at: number; action: string }>('audit');
    for (let n = 0; n < 12; n++)
      await audit.set(`e${n}`, {
        issueKey: n % 3 ? 'MKT-1' : 'MKT-2',
        at: 1000 + n,
        action: n % 2 ? 'approve' : 'view'
      });
    const seen: number[] = [];
    let cursor: string | undefined;
    do {
      let q = audit
        .query()
        .index('by-issue', { partition: ['MKT-1'] })
        .where(WhereConditions.greaterThan(1001))
        .sort(Sort.DESC)
        .limit(3);
      if (cursor) q = q.cursor(cursor);
      const page = await q.getMany();
      seen.push(...page.results.map((r) => r.value.at));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual([1011, 1010, 1008, 1007, 1005, 1004, 1002]);
    const approvals = await audit
      .query()
      .index('at')
      .filters(new Filter<{ action: string }>().and('action', FilterConditions.equalTo('approve')))
      .limit(100)
      .getMany();
    expect(approvals.results.map((r) => r.key)).toEqual(['e1', 'e3', 'e5', 'e7', 'e9', 'e11']);
    await expect(audit.query().index('by-nothing').getMany()).rejects.toMatchObject({
      code: 'INDEX_NOT_FOUND'
    });
  });

  it('runs batch operations item by item', async () => {
    const res = await kvs.batchSet([
      { key: 'b:1', value: 1 },
      { key: 'bad/2', value: 2 }
    ]);
    expect(res.successfulKeys).toEqual([{ key: 'b:1' }]);
    expect(res.failedKeys).toEqual([
      { key: 'bad/2', error: expect.objectContaining({ code: 'INVALID_KEY' }) }
    ]);
    const got = await kvs.batchGet([{ key: 'b:1' }, { key: 'b:none' }]);
    expect(got.successfulKeys).toEqual([{ key: 'b:1', value: 1 }]);
    expect(got.failedKeys[0]).toMatchObject({ key: 'b:none', error: { code: 'KEY_NOT_FOUND' } });
  });
});

describe('fault injection', () => {
  let t: TestSite;
  beforeEach(() => {
    t = createTestSite({ issues: [issue({ key: 'MKT-1' })] }, { app: 'fixture' });
  });
  afterEach(() => t.close());

  it('scripts 429 with and without Retry-After, a limited number of times', async () => {
    const fault = t.site.faults.inject({
      product: 'jira',
      pathPattern: /\/issue\//,
      status: 429,
      headers: { 'Retry-After': '2' },
      times: 2
    });
    const a = await call(t, as('requester'), 'GET', '/rest/api/3/issue/MKT-1');
    expect(a.status).toBe(429);
    expect(a.headers.get('retry-after')).toBe('2');
    expect(a.body.errorMessages).toEqual(['Rate limit exceeded.']);
    expect((await call(t, as('requester'), 'GET', '/rest/api/3/issue/MKT-1')).status).toBe(429);
    expect((await call(t, as('requester'), 'GET', '/rest/api/3/issue/MKT-1')).status).toBe(200);
    expect(fault.hits()).toBe(2);
    t.site.faults.inject({ status: 429, times: 1 });
    const bare = await call(t, as('requester'), 'GET', '/rest/api/3/myself');
    expect(bare.status).toBe(429);
    expect(bare.headers.get('retry-after')).toBeNull();
  });

  it('denies the app right after install while users still pass', async () => {
    t.site.faults.inject({
      as: 'app',
      method: 'POST',
      pathPattern: /^\/rest\/api\/3\/issuetype$/,
      status: 403,
      times: 1
    });
    expect((await call(t, app, 'POST', '/rest/api/3/issuetype', { name: 'Campaign' })).status).toBe(403);
    expect((await call(t, app, 'POST', '/rest/api/3/issuetype', { name: 'Campaign' })).status).toBe(201);
  });

  it('hangs a request until its AbortSignal fires, and delays others', async () => {
    t.site.faults.inject({ product: 'jira', hang: true, times: 1 });
    const controller = new AbortController();
    const pending = t.site.request('jira', as('requester'), '/rest/api/3/myself', {
      signal: controller.signal
    });
    await new Promise((r) => setTimeout(r, 20));
    expect(t.site.faults.hanging).toBe(1);
    controller.abort();
    await expect(pending).rejects.toMatchObject({ name: 'AbortError' });
    expect(t.site.faults.hanging).toBe(0);
    t.site.faults.inject({ product: 'jira', delayMs: 50, times: 1 });
    const started = Date.now();
    expect((await call(t, as('requester'), 'GET', '/rest/api/3/myself')).status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(45);
  });

  it('fails KVS calls with platform-shaped errors', async () => {
    t.site.faults.inject({ product: 'kvs', pathPattern: /\/set$/, status: 503, times: 1 });
    await expect(kvs.set('x', 1)).rejects.toMatchObject({
      code: 'INTERNAL_SERVER_ERROR',
      responseDetails: { status: 503 }
    });
    await kvs.set('x', 1);
    t.site.faults.inject({ product: 'kvs', status: 429, times: 1 });
    await expect(kvs.get('x')).rejects.toMatchObject({ code: 'RATE_LIMIT_EXCEEDED' });
  });
});

describe('persistence', () => {
  it('keeps products and KVS across a reopen of the same data folder', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tandem-site-'));
    try {
      const first = new Site({ dataDir: dir });
      first.seed({ ...baseSeed(), issues: [issue({ key: 'MKT-1' })] });
      const created = await first.request('jira', as('requester'), '/rest/api/3/issue', {
        method: 'POST',
        body: JSON.stringify({
          fields: { project: { key: 'MKT' }, issuetype: { name: 'Task' }, summary: 'Survives restarts' }
        })
      });
      expect(created.status).toBe(201);
      await first.request('jira', as('requester'), '/rest/api/3/issue/MKT-1/properties/tandem', {
        method: 'PUT',
        body: JSON.stringify({ tier: 'T1' })
      });
      await first.kvsRequest('/api/v1/set', {
        body: JSON.stringify({ key: 'policy', value: { version: 3 } })
      });
      first.close();
      expect(fs.existsSync(path.join(dir, 'tandem.sqlite'))).toBe(true);

      const second = new Site({ dataDir: dir });
      expect(second.issue('MKT-2')?.summary).toBe('Survives restarts');
      expect(second.issue('MKT-1')?.properties).toEqual({ tandem: { tier: 'T1' } });
      expect(second.kvs.dump()).toEqual({ policy: { version: 3 } });
      // Sequences persist too: the next issue does not reuse a key.
      const next = await second.request('jira', as('requester'), '/rest/api/3/issue', {
        method: 'POST',
        body: JSON.stringify({
          fields: { project: { key: 'MKT' }, issuetype: { name: 'Task' }, summary: 'Third' }
        })
      });
      expect(((await next.json()) as { key: string }).key).toBe('MKT-3');
      second.close();
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('loads a seed atomically: a bad entry leaves nothing half-loaded', () => {
    const site = new Site({ dataDir: ':memory:' });
    expect(() =>
      site.seed({ ...baseSeed(), issues: [issue({ key: 'MKT-1' }), issue({ project: 'NOPE' })] })
    ).toThrow('Unknown project NOPE');
    expect(site.projectByKey('MKT')).toBeUndefined();
    expect(site.issue('MKT-1')).toBeUndefined();
    site.close();
  });
});
