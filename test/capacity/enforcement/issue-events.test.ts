import fs from 'node:fs';
import path from 'node:path';
import yaml from 'js-yaml';
import { ENFORCEMENT_KEYS } from '../../../src/capacity/enforcement/deps';
import { TRIGGER_FILTER_EXPRESSION } from '../../../src/capacity/enforcement/issue-events';
import { asAdmin, asRequester, createLaneSite, laneIssues, SETTINGS, type LaneSite } from './lane-site';

/**
 * The lane copy on issues: the trigger (created/updated, ignoreSelf, filter expression) keeps
 * `tandemLane` = {lane, kind} current, writes only when it differs, and costs a project without
 * lanes one cached storage read. Every Jira exchange is checked against the OpenAPI documents.
 */

jest.setTimeout(60_000);

let s: LaneSite;

afterEach(() => {
  s.t.expectClean();
  s.t.close();
});

async function ready(issues = 3): Promise<void> {
  s = createLaneSite({ seed: { issues: laneIssues(issues) } });
  await s.saveSettings(SETTINGS, 'v1');
  await s.t.drain();
}

const created = (key: string) => {
  const doc = s.t.site.issue(key) as { id: string };
  return {
    eventType: 'avi:jira:created:issue',
    issue: { id: doc.id, key, fields: { project: { id: s.projectId(key.split('-')[0] ?? '') } } }
  };
};
const updated = (key: string, field = 'labels') => ({
  ...created(key),
  eventType: 'avi:jira:updated:issue',
  changelog: { items: [{ field, fieldId: field }] }
});

async function createIssue(fields: Record<string, unknown>): Promise<string> {
  const res = await s.rest(asRequester, 'POST', '/rest/api/3/issue', {
    fields: { project: { key: 'LAN' }, issuetype: { name: 'Task' }, summary: 'New work', ...fields }
  });
  expect(res.status).toBe(201);
  return String(res.body.key);
}

describe('the tandemLane copy', () => {
  it('a new issue gets its lane and kind; a label edit moves it; a summary edit never reaches the function', async () => {
    await ready();
    const key = await createIssue({ labels: ['rebuild'] });
    await s.t.drain();
    expect(s.property(key)).toEqual({ lane: 'website-rebuild', kind: 'dedicated' });

    const edit = await s.rest(asRequester, 'PUT', `/rest/api/3/issue/${key}`, { fields: { labels: [] } });
    expect(edit.status).toBe(204);
    await s.t.drain();
    expect(s.property(key)).toEqual({ lane: 'run', kind: 'run' });

    const lookups = () =>
      s.t.exchanges.filter(
        (ex) => !ex.asUser && ex.method === 'GET' && ex.path === `/rest/api/3/issue/${s.id(key)}`
      ).length;
    const before = { lookups: lookups(), reads: s.reads.length };
    await s.rest(asRequester, 'PUT', `/rest/api/3/issue/${key}`, { fields: { summary: 'Renamed' } });
    await s.t.drain();
    // The manifest's filter expression kept the event from the capacity trigger.
    expect({ lookups: lookups(), reads: s.reads.length }).toEqual(before);
  });

  it('an issue under the rebuild epic, and an Experiment, land in their lanes', async () => {
    await ready(0);
    const child = await createIssue({ parent: { key: 'LAN-1' } });
    const experiment = await createIssue({ issuetype: { name: 'Experiment' } });
    await s.t.drain();
    expect(s.property(child)).toEqual({ lane: 'website-rebuild', kind: 'dedicated' });
    expect(s.property(experiment)).toEqual({ lane: 'experiments', kind: 'experiments' });
  });

  it('replayed twice, concurrently and out of order, ends in the same copy with one write', async () => {
    await ready(1);
    const key = 'LAN-2';
    // Someone overwrites the copy by hand; the rules say website-rebuild (label rebuild).
    const put = await s.rest(asRequester, 'PUT', `/rest/api/3/issue/${key}/properties/tandemLane`, {
      lane: 'run',
      kind: 'run'
    });
    expect([200, 201]).toContain(put.status);
    const writes = s.propertyWrites();
    const events = [updated(key), created(key), updated(key), created(key)];
    const outcomes = await Promise.all(
      events.map((event) => s.t.runtime.fireTrigger('capacity-issue-events', event))
    );
    expect(s.property(key)).toEqual({ lane: 'website-rebuild', kind: 'dedicated' });
    expect(s.propertyWrites() - writes).toBe(1);
    expect(outcomes.filter((o) => o === 'written')).toHaveLength(1);
    for (const event of [created(key), updated(key)])
      expect(await s.t.runtime.fireTrigger('capacity-issue-events', event)).toBe('unchanged');
    expect(s.property(key)).toEqual({ lane: 'website-rebuild', kind: 'dedicated' });
  });

  it('a replay of a settled event writes nothing, however often and in whatever order', async () => {
    await ready(1);
    const key = 'LAN-2';
    const writes = s.propertyWrites();
    for (const event of [updated(key), created(key), updated(key), created(key)])
      expect(await s.t.runtime.fireTrigger('capacity-issue-events', event)).toBe('unchanged');
    expect(s.propertyWrites()).toBe(writes);
  });

  it('a project without lanes costs one cached storage read and no Jira call', async () => {
    await ready(0);
    const res = await s.rest(asRequester, 'POST', '/rest/api/3/issue', {
      fields: { project: { key: 'MKT' }, issuetype: { name: 'Task' }, summary: 'Elsewhere' }
    });
    expect(res.status).toBe(201);
    const key = String(res.body.key);
    const jiraCalls = s.t.exchanges.filter((ex) => !ex.asUser).length;
    s.reads.length = 0;
    expect(await s.t.runtime.fireTrigger('capacity-issue-events', created(key))).toBe('ignored');
    expect(await s.t.runtime.fireTrigger('capacity-issue-events', updated(key))).toBe('ignored');
    expect(s.reads).toEqual([ENFORCEMENT_KEYS.hasLanes(s.projectId('MKT'))]);
    expect(s.t.exchanges.filter((ex) => !ex.asUser).length).toBe(jiraCalls);
    expect(s.property(key)).toBeUndefined();
  });

  it('JQL finds a lane through the indexed copy: tandemLane and tandemLaneKind', async () => {
    await ready(6);
    const search = async (jql: string) => {
      const res = await s.rest(asAdmin, 'POST', '/rest/api/3/search/jql', {
        jql,
        fields: ['key'],
        maxResults: 50
      });
      expect(res.status).toBe(200);
      return (res.body.issues as { key: string }[]).map((i) => i.key).sort();
    };
    // laneIssues labels every third issue "rebuild": LAN-2 and LAN-5.
    expect(await search('project = LAN AND tandemLane = "website-rebuild"')).toEqual(['LAN-2', 'LAN-5']);
    expect(await search('project = LAN AND tandemLaneKind = "run"')).toEqual(
      ['LAN-1', 'LAN-3', 'LAN-4', 'LAN-6', 'LAN-7'].sort()
    );
  });

  it('the manifest filters events with the expression the handler applies', () => {
    const manifest = yaml.load(fs.readFileSync(path.resolve(__dirname, '../../../manifest.yml'), 'utf8')) as {
      modules: { trigger: { key: string; filter?: Record<string, unknown> }[] };
    };
    const trigger = manifest.modules.trigger.find((t) => t.key === 'capacity-on-issue');
    expect(trigger?.filter).toEqual({
      ignoreSelf: true,
      expression: TRIGGER_FILTER_EXPRESSION,
      onError: 'RECEIVE_AND_LOG'
    });
  });
});
