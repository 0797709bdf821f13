import { POLICY_KEYS } from '../../src/guardrails/policy-store';
import { forgeStore } from '../../src/platform/store';
import type { IssueDoc, IssueTypeDoc } from '../../preview/backend/types';
import { USERS } from '../support/site-seeds';
import { createGuardrailSite, GRD_ISSUES, logsOf, type GuardrailSite } from '../support/guardrail-site';
import { withBirthDate } from '../support/page-definitions';

/**
 * The issue trigger (avi:jira:created:issue / updated:issue, ignoreSelf) repairs the JQL copy from
 * the app's records: an editor's overwrite is undone by the next event, and replaying an event
 * writes nothing.
 */

const requester = USERS.requester.accountId;

let g: GuardrailSite;

beforeEach(() => {
  g = createGuardrailSite();
});

afterEach(() => {
  g.t.expectClean();
  g.t.close();
});

const save = (definition: unknown, key?: string) => g.save(definition, key);

const propertyPath = (key: string) => `/rest/api/3/issue/${g.id(key)}/properties/tandemGuardrail`;
const propertyWrites = (key: string) =>
  g.t.exchanges.filter((ex) => ex.method === 'PUT' && ex.path === propertyPath(key) && !ex.asUser);
const propertyReads = (key: string) =>
  g.t.exchanges.filter((ex) => ex.method === 'GET' && ex.path === propertyPath(key) && !ex.asUser);

function updatedEvent(key: string): Record<string, unknown> {
  const doc = g.t.site.issue(key) as IssueDoc;
  const type = g.t.site.docs.get<IssueTypeDoc>('issueTypes', doc.issueTypeId);
  return {
    eventType: 'avi:jira:updated:issue',
    issue: { id: doc.id, key: doc.key, fields: { issuetype: { id: type?.id, name: type?.name } } },
    changelog: { items: [{ field: 'summary', fieldId: 'summary' }] }
  };
}

async function tamper(key: string = GRD_ISSUES.page): Promise<void> {
  const put = await g.rest(
    { kind: 'user', accountId: requester },
    'PUT',
    `/rest/api/3/issue/${key}/properties/tandemGuardrail`,
    {
      decision: 'go',
      approval: 'approved',
      tier: 'T0',
      mayGoLive: true
    }
  );
  expect([200, 201]).toContain(put.status);
}

async function editSummary(key: string, summary: string): Promise<void> {
  const edit = await g.rest({ kind: 'user', accountId: requester }, 'PUT', `/rest/api/3/issue/${key}`, {
    fields: { summary }
  });
  expect(edit.status).toBe(204);
}

describe('repair trigger', () => {
  it('an editor overwrites the property; the next update event puts Tandem’s state back', async () => {
    const view = await save(withBirthDate());
    const published = g.property(GRD_ISSUES.page) as Record<string, unknown>;
    expect(published).toMatchObject({ decision: 'approval', approval: 'none', tier: 'T2', mayGoLive: false });
    await tamper();
    expect(g.property(GRD_ISSUES.page)).toMatchObject({ decision: 'go', approval: 'approved' });

    await editSummary(GRD_ISSUES.page, 'Spring landing page v2');
    const report = await g.t.drain();
    expect(report.triggers).toBe(1);
    expect(g.property(GRD_ISSUES.page)).toEqual({
      decision: 'approval',
      approval: 'none',
      tier: 'T2',
      mayGoLive: false,
      policyVersion: view.evaluation.policyVersion,
      definitionHash: view.definitionHash,
      updatedAt: expect.any(String) as unknown
    });
    // The app's own write raised no event (ignoreSelf, and Jira sends none for properties).
    expect((await g.t.drain()).triggers).toBe(0);
  });

  it('is idempotent: replaying the same event reads once and writes nothing', async () => {
    await save(withBirthDate());
    await tamper();
    const event = updatedEvent(GRD_ISSUES.page);
    expect(await g.t.runtime.fireTrigger('issue-events', event)).toBe('written');
    const writes = propertyWrites(GRD_ISSUES.page).length;
    const reads = propertyReads(GRD_ISSUES.page).length;
    expect(await g.t.runtime.fireTrigger('issue-events', event)).toBe('unchanged');
    expect(await g.t.runtime.fireTrigger('issue-events', event)).toBe('unchanged');
    expect(propertyWrites(GRD_ISSUES.page).length).toBe(writes);
    expect(propertyReads(GRD_ISSUES.page).length).toBe(reads + 2);
  });

  it('replayed twice, concurrently and out of order, ends in the same state with one effect', async () => {
    const view = await save(withBirthDate());
    await tamper();
    const updated = updatedEvent(GRD_ISSUES.page);
    const created = { ...updated, eventType: 'avi:jira:created:issue' };
    delete (created as { changelog?: unknown }).changelog;
    const writesBefore = propertyWrites(GRD_ISSUES.page).length;
    // Two deliveries of each event, the later one first, all at once.
    await Promise.all(
      [updated, created, updated, created].map((event) => g.t.runtime.fireTrigger('issue-events', event))
    );
    const expected = {
      decision: 'approval',
      approval: 'none',
      tier: 'T2',
      mayGoLive: false,
      policyVersion: view.evaluation.policyVersion,
      definitionHash: view.definitionHash
    };
    expect(g.property(GRD_ISSUES.page)).toMatchObject(expected);
    // Deliveries racing past the same read may each write, but every write carries the same state
    // (the one effect); after that a replay writes nothing.
    const writes = propertyWrites(GRD_ISSUES.page).slice(writesBefore);
    expect(writes.length).toBeGreaterThanOrEqual(1);
    for (const write of writes) expect(write.requestBody).toMatchObject(expected);
    const settled = propertyWrites(GRD_ISSUES.page).length;
    await g.t.runtime.fireTrigger('issue-events', created);
    await g.t.runtime.fireTrigger('issue-events', updated);
    expect(propertyWrites(GRD_ISSUES.page).length).toBe(settled);
  });

  it('a new Landing Page gets a copy saying nobody described it yet', async () => {
    const created = await g.rest({ kind: 'user', accountId: requester }, 'POST', '/rest/api/3/issue', {
      fields: { project: { key: 'GRD' }, issuetype: { name: 'Landing Page' }, summary: 'Autumn page' }
    });
    expect(created.status).toBe(201);
    await g.t.drain();
    const key = String(created.body.key);
    expect(g.property(key)).toMatchObject({ decision: 'none', approval: 'none', mayGoLive: false });
    const found = await g.rest({ kind: 'user', accountId: requester }, 'POST', '/rest/api/3/search/jql', {
      jql: 'project = GRD AND tandemDecision = none',
      fields: ['summary']
    });
    expect((found.body.issues as { key: string }[]).map((i) => i.key)).toEqual([key]);
  });

  it('leaves other issue types alone: the manifest filter turns their events down, no invocation, no storage read', async () => {
    await g.t.drain();
    const filteredBefore = g.t.runtime.filteredOut;
    await editSummary(GRD_ISSUES.task, 'Still unrelated');
    const created = await g.rest({ kind: 'user', accountId: requester }, 'POST', '/rest/api/3/issue', {
      fields: { project: { key: 'GRD' }, issuetype: { name: 'Task' }, summary: 'Another task' }
    });
    expect(created.status).toBe(201);
    const report = await g.t.drain();
    // The guardrail's function is never invoked, so it reads nothing; the capacity trigger (which
    // owns every issue of a project with lanes) sees the creation and turns down the summary edit.
    expect(report.triggersByFunction['issue-events'] ?? 0).toBe(0);
    expect(report.triggersByFunction['capacity-issue-events']).toBe(1);
    expect(g.t.runtime.filteredOut - filteredBefore).toBe(3);
    expect(g.property(GRD_ISSUES.task)).toBeUndefined();
    expect(g.t.exchanges.filter((ex) => ex.path.includes('/properties/'))).toEqual([]);
    expect(g.t.runtime.filterLogs).toEqual([]);
  });

  it('the filter lets the guardrail types through, in English and in French', async () => {
    await g.t.drain();
    await editSummary(GRD_ISSUES.form, 'Contact form v2');
    await editSummary(GRD_ISSUES.page, 'Spring page v2');
    expect((await g.t.drain()).triggers).toBe(2);
    expect(g.property(GRD_ISSUES.form)).toMatchObject({ decision: 'none' });
  });

  it('a Web Form named in French is a guardrail type too', async () => {
    expect(await g.t.runtime.fireTrigger('issue-events', updatedEvent(GRD_ISSUES.form))).toBe('written');
    expect(g.property(GRD_ISSUES.form)).toMatchObject({ decision: 'none' });
  });

  it('a broken policy record writes nothing and is logged', async () => {
    await save(withBirthDate());
    await tamper();
    await forgeStore.set(POLICY_KEYS.current, { number: 1, policy: { version: 'broken' } });
    expect(await g.t.runtime.fireTrigger('issue-events', updatedEvent(GRD_ISSUES.page))).toBe('failed');
    expect(g.property(GRD_ISSUES.page)).toMatchObject({ decision: 'go', approval: 'approved' });
    expect(logsOf(g.t).join('\n')).toMatch(/could not repair the guardrail issue property/);
  });

  it('ignores events without an issue', async () => {
    expect(await g.t.runtime.fireTrigger('issue-events', { eventType: 'avi:jira:updated:issue' })).toBe(
      'ignored'
    );
  });
});
