import api, { route, ProxyRequestError } from '@forge/api';
import { Queue, InternalServerError, RateLimitError } from '@forge/events';
import { kvs } from '@forge/kvs';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createForgeRuntime } from '../../preview/runtime';
import { Site } from '../../preview/backend/site';
import { issue, USERS } from '../support/site-seeds';
import { createTestSite, type TestSite } from '../support/test-site';
import * as fixture from '../support/fixtures/handlers';

const FIXTURE_MANIFEST = path.join(__dirname, '../support/fixtures/manifest.yml');

function logOf(kind: string): unknown[] {
  return fixture.log.filter((l) => l.kind === kind).map((l) => l.data);
}

describe('resolver invocations', () => {
  let t: TestSite;
  beforeEach(() => {
    fixture.log.length = 0;
    t = createTestSite({ issues: [issue({ key: 'MKT-1' })] }, { app: 'fixture' });
  });
  afterEach(() => {
    t.expectClean();
    t.close();
  });

  it("runs the real handler with Forge's context, and asUser() acts as the invoking user", async () => {
    const res = await t.asUser(USERS.approver.accountId).invoke('whoami');
    expect(res).toEqual({
      contextAccountId: USERS.approver.accountId,
      jiraAccountId: USERS.approver.accountId
    });
    expect(t.exchanges.map((e) => [e.path, e.asUser, e.accountId])).toEqual([
      ['/rest/api/3/myself', true, USERS.approver.accountId]
    ]);
  });

  it('keeps identities apart across concurrent invocations', async () => {
    const people = [USERS.requester, USERS.approver, USERS.admin, USERS.browseOnly];
    const calls = Array.from({ length: 24 }, (_, i) => {
      const who = people[i % people.length]!.accountId;
      return t
        .asUser(who)
        .invoke<string>('whoami-slow', { delay: (i * 7) % 13 })
        .then((seen) => [who, seen]);
    });
    for (const [who, seen] of await Promise.all(calls)) expect(seen).toBe(who);
  });

  it("answers each user with that user's permissions", async () => {
    expect(await t.asUser(USERS.browseOnly.accountId).invoke('issue-as-user', { key: 'MKT-1' })).toEqual({
      status: 200
    });
    expect(await t.asUser(USERS.outsider.accountId).invoke('issue-as-user', { key: 'MKT-1' })).toEqual({
      status: 404
    });
  });

  it('refuses asUser() outside a user invocation, as Forge does', async () => {
    await expect(api.asUser().requestJira(route`/rest/api/3/myself`)).rejects.toBeInstanceOf(
      ProxyRequestError
    );
    const asApp = await api.asApp().requestJira(route`/rest/api/3/myself`);
    expect(((await asApp.json()) as { accountType: string }).accountType).toBe('app');
  });

  it('round-trips payloads and results through JSON and passes the module context', async () => {
    const ctx = await t.runtime.invokeResolver({
      functionKey: 'resolver',
      call: { functionKey: 'kv-put', payload: { key: 'when', value: { at: new Date(0) } } },
      context: {
        accountId: USERS.requester.accountId,
        moduleKey: 'panel',
        extension: { type: 'jira:issuePanel', issue: { id: '10001', key: 'MKT-1' } }
      }
    });
    expect(ctx).toEqual({ ok: true });
    expect(await kvs.get('when')).toEqual({ at: '1970-01-01T00:00:00.000Z' });
  });

  it('fails loudly when the manifest names a missing export', async () => {
    const site = new Site({ dataDir: ':memory:' });
    const rt = createForgeRuntime({ site, manifestPath: FIXTURE_MANIFEST, handlers: {} });
    try {
      await expect(
        rt.invokeResolver({ functionKey: 'resolver', call: { functionKey: 'whoami' } })
      ).rejects.toThrow("does not export 'handler'");
    } finally {
      rt.dispose();
      site.close();
    }
  });
});

describe('OAuth scopes, enforced as Jira does', () => {
  const NEEDED = 'read:jira-work';
  let dir: string;
  let t: TestSite;
  beforeEach(() => {
    fixture.log.length = 0;
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tandem-scopes-'));
  });
  afterEach(() => {
    t.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  /** The fixture app, its manifest's scopes replaced by `scopes`. */
  function siteWithScopes(scopes: string[]): TestSite {
    const text = fs
      .readFileSync(FIXTURE_MANIFEST, 'utf8')
      .replace(/^ {2}scopes: \[.*\]$/m, `  scopes: [${scopes.join(', ')}]`);
    expect(text).toContain(`scopes: [${scopes.join(', ')}]`);
    const manifestPath = path.join(dir, 'manifest.yml');
    fs.writeFileSync(manifestPath, text);
    return createTestSite({ issues: [issue({ key: 'MKT-1' })] }, { handlers: fixture, manifestPath });
  }

  it("refuses a call the manifest does not grant, with Jira's 401, before Jira sees it", async () => {
    t = siteWithScopes(['write:jira-work', 'manage:jira-configuration', 'storage:app']);
    expect(await t.asUser(USERS.browseOnly.accountId).invoke('issue-as-user', { key: 'MKT-1' })).toEqual({
      status: 401
    });
    const res = await api.asApp().requestJira(route`/rest/api/3/issue/MKT-1?fields=summary`);
    expect(res.status).toBe(401);
    expect(res.headers.get('x-failure-category')).toBe('FAILURE_CLIENT_SCOPE_CHECK');
    expect(await res.json()).toEqual({ code: 401, message: 'Unauthorized; scope does not match' });
    // An operation the remaining scopes cover still goes through.
    const put = await api.asApp().requestJira(route`/rest/api/3/issue/MKT-1/properties/${'probe'}`, {
      method: 'PUT',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ on: true })
    });
    expect(put.status).toBe(201);
    expect(t.exchanges.map((e) => `${e.method} ${e.path}`)).toEqual([
      'PUT /rest/api/3/issue/MKT-1/properties/probe'
    ]);
    t.expectClean();
  });

  it(`answers the same call once the manifest grants ${NEEDED}`, async () => {
    t = siteWithScopes([NEEDED, 'storage:app']);
    expect(await t.asUser(USERS.browseOnly.accountId).invoke('issue-as-user', { key: 'MKT-1' })).toEqual({
      status: 200
    });
    t.expectClean();
  });

  it('takes a granular scope set only when the manifest grants all of it', async () => {
    // getIssue's granular alternative: read:issue-meta:jira + read:issue-security-level:jira + …
    t = siteWithScopes(['read:issue-meta:jira', 'storage:app']);
    expect(await t.asUser(USERS.browseOnly.accountId).invoke('issue-as-user', { key: 'MKT-1' })).toEqual({
      status: 401
    });
    t.expectClean();
  });
});

describe('queues through the real @forge/events', () => {
  let t: TestSite;
  beforeEach(() => {
    fixture.log.length = 0;
    t = createTestSite({}, { app: 'fixture' });
  });
  afterEach(() => {
    t.expectClean();
    t.close();
  });

  it('delivers pushed events to the manifest consumer on drain, not before', async () => {
    const { jobId } = await t
      .asUser(USERS.admin.accountId)
      .invoke<{ jobId: string }>('enqueue', { body: { id: 'a' } });
    expect(jobId).toEqual(expect.any(String));
    expect(logOf('job')).toEqual([]);
    const report = await t.drain();
    expect(report).toMatchObject({ delivered: 1, succeeded: 1, failed: 0, retried: 0 });
    expect(logOf('job')).toEqual([{ id: 'a', attempt: 0 }]);
    expect(await kvs.get('job:a')).toBe(1);
    expect(await t.asUser(USERS.admin.accountId).invoke('job-stats', { jobId })).toEqual({
      success: 1,
      inProgress: 0,
      failed: 0
    });
  });

  it('honours delayInSeconds: a delayed event is delivered after an immediate one', async () => {
    await t.asUser(USERS.admin.accountId).invoke('enqueue', { body: { id: 'late' }, delayInSeconds: 120 });
    await t.asUser(USERS.admin.accountId).invoke('enqueue', { body: { id: 'now' } });
    await t.drain();
    expect(logOf('job').map((j) => (j as { id: string }).id)).toEqual(['now', 'late']);
  });

  it('retries when the consumer returns an InvocationError, with the retry context', async () => {
    await t.asUser(USERS.admin.accountId).invoke('enqueue', { body: { id: 'flaky', failTimes: 2 } });
    const report = await t.drain();
    expect(report).toMatchObject({ delivered: 3, retried: 2, succeeded: 1 });
    expect(logOf('job')).toEqual([
      { id: 'flaky', attempt: 2, retryReason: 'FUNCTION_UPSTREAM_RATE_LIMITED' }
    ]);
    expect(t.runtime.events[0]!.retryContext).toMatchObject({ retryCount: 2, retryData: { attempt: 1 } });
  });

  it('retries a throwing consumer up to four times, then marks the event failed', async () => {
    await t
      .asUser(USERS.admin.accountId)
      .invoke('enqueue', { body: { id: 'doomed', failTimes: 99, mode: 'throw' } });
    const report = await t.drain();
    expect(report).toMatchObject({ delivered: 5, retried: 4, failed: 1 });
    expect(t.runtime.events[0]).toMatchObject({ state: 'failed', attempts: 5, lastError: 'boom 4' });
    expect(t.runtime.errors).toHaveLength(5);
  });

  it('delivers to resolver-style consumers (resolver.function + method)', async () => {
    await t.asUser(USERS.admin.accountId).invoke('enqueue', { queue: 'work', body: { step: 1 } });
    await t.drain();
    expect(logOf('work')).toEqual([{ step: 1 }]);
  });

  it('rejects pushes to a queue no consumer listens to', async () => {
    await expect(new Queue({ key: 'nowhere' }).push([{ body: { x: 1 } }])).rejects.toBeInstanceOf(
      InternalServerError
    );
    expect(t.unimplemented).toEqual([{ product: 'stargate', method: 'POST', path: 'queue:nowhere' }]);
    t.site.unimplemented.length = 0;
  });

  it('scripts failures of the queue service itself', async () => {
    t.site.faults.inject({ product: 'events', pathPattern: /publish/, status: 429, times: 1 });
    await expect(new Queue({ key: 'jobs' }).push([{ body: { id: 'x' } }])).rejects.toBeInstanceOf(
      RateLimitError
    );
    t.site.faults.inject({ product: 'events', status: 503, times: 1 });
    await expect(new Queue({ key: 'jobs' }).push([{ body: { id: 'x' } }])).rejects.toBeInstanceOf(
      InternalServerError
    );
    await new Queue({ key: 'jobs' }).push([{ body: { id: 'x' } }]);
    expect((await t.drain()).succeeded).toBe(1);
  });

  it('keeps queued events across a restart of site and runtime', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tandem-queue-'));
    try {
      const site1 = new Site({ dataDir: dir });
      const rt1 = createForgeRuntime({
        site: site1,
        manifestPath: FIXTURE_MANIFEST,
        handlers: fixture,
        autoDeliver: false
      });
      await new Queue({ key: 'jobs' }).push([{ body: { id: 'survivor' } }]);
      rt1.dispose();
      site1.close();
      const site2 = new Site({ dataDir: dir });
      const rt2 = createForgeRuntime({
        site: site2,
        manifestPath: FIXTURE_MANIFEST,
        handlers: fixture,
        autoDeliver: false
      });
      expect((await rt2.drainQueues()).succeeded).toBe(1);
      expect(logOf('job')).toEqual([{ id: 'survivor', attempt: 0 }]);
      expect(rt2.events[0]).toMatchObject({ state: 'succeeded' });
      rt2.dispose();
      site2.close();
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('delivers in the background when autoDeliver is on', async () => {
    t.close();
    t = createTestSite({}, { app: 'fixture', autoDeliver: true });
    await new Queue({ key: 'jobs' }).push([{ body: { id: 'bg' } }]);
    for (let i = 0; i < 100 && logOf('job').length === 0; i++) await new Promise((r) => setTimeout(r, 10));
    expect(logOf('job')).toEqual([{ id: 'bg', attempt: 0 }]);
  });
});

describe('product-event triggers and workflow validators', () => {
  let t: TestSite;
  beforeEach(() => {
    fixture.log.length = 0;
    t = createTestSite(
      { issues: [issue({ key: 'MKT-1' }), issue({ project: 'WEB', key: 'WEB-1' })] },
      { app: 'fixture' }
    );
  });
  afterEach(() => {
    t.expectClean();
    t.close();
  });

  const create = (as: { kind: 'user'; accountId: string } | { kind: 'app' }) =>
    t.site.request('jira', as, '/rest/api/3/issue', {
      method: 'POST',
      body: JSON.stringify({
        fields: { project: { key: 'MKT' }, issuetype: { name: 'Task' }, summary: 'Created' }
      })
    });

  it("fires manifest triggers for issue events, skipping the app's own writes (ignoreSelf)", async () => {
    await create({ kind: 'user', accountId: USERS.requester.accountId });
    await create({ kind: 'app' });
    await t.site.request(
      'jira',
      { kind: 'user', accountId: USERS.approver.accountId },
      '/rest/api/3/issue/MKT-2',
      {
        method: 'PUT',
        body: JSON.stringify({ fields: { summary: 'Edited' } })
      }
    );
    expect(logOf('issue-event')).toEqual([]);
    const report = await t.drain();
    expect(report.triggers).toBe(2);
    expect(logOf('issue-event')).toEqual([
      { eventType: 'avi:jira:created:issue', key: 'MKT-2', by: USERS.requester.accountId },
      { eventType: 'avi:jira:updated:issue', key: 'MKT-2', by: USERS.approver.accountId }
    ]);
  });

  it('delivers platform lifecycle events to the triggers subscribed to them', async () => {
    await t.runtime.fireEvent('avi:forge:installed:app', { installerAccountId: USERS.admin.accountId });
    await t.runtime.fireEvent('avi:jira:deleted:issue');
    expect(logOf('lifecycle')).toEqual([
      { eventType: 'avi:forge:installed:app', installer: USERS.admin.accountId }
    ]);
  });

  it('replays a trigger directly', async () => {
    const event = { eventType: 'avi:jira:updated:issue', issue: { key: 'MKT-1' } };
    await t.runtime.fireTrigger('issue-events', event);
    await t.runtime.fireTrigger('issue-events', event);
    expect(logOf('issue-event')).toHaveLength(2);
  });

  it("runs the validator function with Forge's arguments and fails closed", async () => {
    const args = { issue: { key: 'MKT-1' }, transition: { from: { id: '10000' }, to: { id: '10002' } } };
    expect(await t.runtime.runValidator('validate', args)).toEqual({
      result: false,
      errorMessage: 'MKT-1 has no approval.'
    });
    await kvs.set('approval:MKT-1', { approved: true });
    expect(await t.runtime.runValidator('validate', args)).toEqual({ result: true });
    t.site.faults.inject({ product: 'kvs', status: 503, times: 1 });
    expect(await t.runtime.runValidator('validate', args)).toEqual({
      result: false,
      errorMessage: 'Approvals could not be read; blocked.'
    });
  });

  it('blocks transitions in company-managed projects once the validator is on the workflow', async () => {
    t.runtime.attachWorkflowValidator('guard');
    const transition = (key: string) =>
      t.site.request(
        'jira',
        { kind: 'user', accountId: USERS.requester.accountId },
        `/rest/api/3/issue/${key}/transitions`,
        {
          method: 'POST',
          body: JSON.stringify({ transition: { id: '41' } })
        }
      );
    const blocked = await transition('MKT-1');
    expect(blocked.status).toBe(400);
    expect(await blocked.json()).toEqual({ errorMessages: ['MKT-1 has no approval.'], errors: {} });
    // Team-managed projects have no app validators: the same transition goes through unchecked.
    expect((await transition('WEB-1')).status).toBe(204);
    await kvs.set('approval:MKT-1', { approved: true });
    expect((await transition('MKT-1')).status).toBe(204);
  });

  it('runs a validator attached to the transitions into some statuses only on those', async () => {
    t.runtime.attachWorkflowValidator('guard', { toStatusIds: ['10002'] });
    const transition = (id: string) =>
      t.site.request(
        'jira',
        { kind: 'user', accountId: USERS.requester.accountId },
        '/rest/api/3/issue/MKT-1/transitions',
        { method: 'POST', body: JSON.stringify({ transition: { id } }) }
      );
    // Into "In Progress" (transition 21): not the go-live transition, so no check.
    expect((await transition('21')).status).toBe(204);
    // Into "Done" (transition 41): the validator runs and blocks.
    const blocked = await transition('41');
    expect(blocked.status).toBe(400);
    expect(await blocked.json()).toEqual({ errorMessages: ['MKT-1 has no approval.'], errors: {} });
    // Attaching it again replaces the first placement instead of running it twice.
    t.runtime.attachWorkflowValidator('guard', { toStatusIds: ['10001'] });
    expect((await transition('41')).status).toBe(204);
    expect(t.runtime.workflowValidatorKeys()).toEqual(['guard']);
  });
});

describe('runtime globals', () => {
  it('exposes the invocation through __forge_runtime__ and restores globals on dispose', async () => {
    const g = globalThis as Record<string, unknown>;
    const before = g.__forge_fetch__;
    const t = createTestSite({}, { app: 'fixture' });
    expect(g.__forge_fetch__).not.toBe(before);
    const seen: unknown[] = [];
    const rt = createForgeRuntime({
      site: t.site,
      manifestText: 'modules:\n  function:\n    - { key: fn, handler: index.probe, timeoutSeconds: 60 }\n',
      handlers: {
        probe: async () => {
          const { getAppContext } = await import('@forge/api');
          const ctx = getAppContext();
          seen.push(ctx.moduleKey, ctx.invocationRemainingTimeInMillis() > 55_000);
        }
      }
    });
    await rt.fireTrigger('fn', {}, { moduleKey: 'probe-module' });
    expect(seen).toEqual(['probe-module', true]);
    rt.dispose();
    t.close();
    expect(g.__forge_fetch__).toBe(before);
  });
});
