import { z } from 'zod';
import { ENFORCEMENT_KEYS, type CapacityEnforcementDeps } from '../../../src/capacity/enforcement/deps';
import {
  createRelabelWorker,
  DEFAULT_RELABEL_OPTIONS,
  relabelProgress,
  type RelabelOptions
} from '../../../src/capacity/enforcement/relabel';
import type { LaneJiraClient } from '../../../src/platform/jira-lanes';
import { forgeStore } from '../../../src/platform/store';
import { loadRelabel } from '../../../src/capacity/settings-store';
import { createLaneSite, laneIssues, SETTINGS, type LaneSite } from './lane-site';

/**
 * The relabel job a settings save queues: it pages through the project's issues, writes only the
 * copies that change, records progress the settings page shows, resumes after a crash from its
 * cursor, and gives way to a newer save.
 */

jest.setTimeout(120_000);

let s: LaneSite;

afterEach(() => {
  s.t.expectClean();
  s.t.close();
});

const WITHOUT_LABEL_RULE = {
  ...SETTINGS,
  rules: (SETTINGS.rules ?? []).filter((rule) => rule.field !== 'label')
};

const searches = () =>
  s.t.exchanges.filter((ex) => !ex.asUser && ex.method === 'POST' && ex.path === '/rest/api/3/search/jql');

function lanesOf(keys: string[]): Record<string, unknown> {
  return Object.fromEntries(
    keys.map((key) => [key, (s.property(key) as { lane?: string } | undefined)?.lane])
  );
}

describe('relabel after a change of lanes or rules', () => {
  it('labels every issue, a page at a time, and reports progress; a rule change rewrites only what moved', async () => {
    s = createLaneSite({ seed: { issues: laneIssues(249) } });
    const projectId = s.projectId('LAN');
    await s.saveSettings(SETTINGS, 'v1');
    expect(await relabelProgress(projectId)).toMatchObject({ status: 'queued', version: 'v1', processed: 0 });
    await s.t.drain();
    expect(await relabelProgress(projectId)).toMatchObject({
      status: 'done',
      version: 'v1',
      processed: 250,
      changed: 250,
      finishedAt: expect.any(String) as unknown
    });
    // What the settings page reads (the capacity store's key) says the same.
    expect(await loadRelabel(forgeStore, projectId)).toMatchObject({
      status: 'done',
      version: 'v1',
      processed: 250
    });
    // 250 issues, 100 a page: three searches, each asking for the lane fields and the copy only.
    expect(searches()).toHaveLength(3);
    expect(searches()[0]?.requestBody).toMatchObject({
      fields: ['project', 'issuetype', 'labels', 'components', 'parent'],
      properties: ['tandemLane'],
      maxResults: 100
    });
    expect(s.propertyWrites()).toBe(250);
    expect(lanesOf(['LAN-1', 'LAN-2', 'LAN-3', 'LAN-5'])).toEqual({
      'LAN-1': 'run',
      'LAN-2': 'website-rebuild',
      'LAN-3': 'run',
      'LAN-5': 'website-rebuild'
    });

    // Dropping the label rule moves the 83 labelled issues back to run, and only those are written.
    await s.saveSettings(WITHOUT_LABEL_RULE, 'v2');
    await s.t.drain();
    expect(await relabelProgress(projectId)).toMatchObject({
      status: 'done',
      version: 'v2',
      processed: 250,
      changed: 83
    });
    expect(s.propertyWrites()).toBe(250 + 83);
    expect(lanesOf(['LAN-2', 'LAN-5'])).toEqual({ 'LAN-2': 'run', 'LAN-5': 'run' });
  });

  it('an override (a card move) wins over the rules in the copy', async () => {
    s = createLaneSite({ seed: { issues: laneIssues(2) } });
    await s.saveSettings(SETTINGS, 'v1', { [s.id('LAN-3')]: 'experiments' });
    await s.t.drain();
    expect(s.property('LAN-3')).toEqual({ lane: 'experiments', kind: 'experiments' });
  });

  it('resumes after a crash from its cursor: no page read twice, no copy written twice', async () => {
    s = createLaneSite({ seed: { issues: laneIssues(119) } });
    const projectId = s.projectId('LAN');
    const queued: unknown[] = [];
    let crashed = false;
    // A process that dies during its second page: the page read fails and nothing after it runs
    // (the storage writes of the error path fail too), so the delivery ends in an exception.
    const dying: CapacityEnforcementDeps = {
      ...s.deps,
      enqueue: (body) => {
        queued.push(body);
        return Promise.resolve();
      },
      store: {
        ...s.deps.store,
        set: async (key, value) => {
          if (crashed) throw new Error('process killed');
          return s.deps.store.set(key, value);
        }
      },
      jira: (retry) => {
        const client = s.deps.jira(retry);
        let pages = 0;
        return Object.assign(Object.create(client) as LaneJiraClient, {
          laneIssuePage: (input: Parameters<LaneJiraClient['laneIssuePage']>[0]) => {
            pages++;
            if (pages === 2) {
              crashed = true;
              return Promise.reject(new Error('process killed'));
            }
            return client.laneIssuePage(input);
          }
        });
      }
    };
    await s.saveSettings(SETTINGS, 'v1');
    const options: RelabelOptions = { ...DEFAULT_RELABEL_OPTIONS, pageSize: 50 };
    const job = { body: { projectId, version: 'v1' } };
    await expect(createRelabelWorker(dying, options)(job)).rejects.toThrow('process killed');
    expect(await relabelProgress(projectId)).toMatchObject({ status: 'running', processed: 50, changed: 50 });
    expect(s.propertyWrites()).toBe(50);

    // Forge delivers the event again to a fresh process.
    const searchesBefore = searches().length;
    expect(await createRelabelWorker(s.deps, options)(job)).toBe('done');
    const resumed = searches().slice(searchesBefore);
    expect(resumed).toHaveLength(2);
    expect((resumed[0]?.requestBody as { nextPageToken?: string }).nextPageToken).toEqual(expect.any(String));
    expect(await relabelProgress(projectId)).toMatchObject({ status: 'done', processed: 120, changed: 120 });
    expect(s.propertyWrites()).toBe(120);
    expect(
      await forgeStore.get(ENFORCEMENT_KEYS.relabelCursor(projectId, 'v1'), z.unknown())
    ).toBeUndefined();
    expect(queued).toEqual([]);
  });

  it('a Jira failure is retried later from the cursor; the progress says what happened', async () => {
    s = createLaneSite({ seed: { issues: laneIssues(59) }, relabel: { pageSize: 50 } });
    const projectId = s.projectId('LAN');
    await s.saveSettings(SETTINGS, 'v1');
    const fault = s.t.site.faults.inject({
      product: 'jira',
      as: 'app',
      method: 'PUT',
      pathPattern: /\/properties\/tandemLane$/,
      status: 400,
      body: { errorMessages: ['The property value is invalid.'] },
      times: 1
    });
    await s.t.drain();
    expect(fault.hits()).toBe(1);
    const progress = await relabelProgress(projectId);
    // A 400 is not transient: the run stops and says why rather than retrying for ever.
    expect(progress).toMatchObject({ status: 'failed', version: 'v1', processed: 0 });
    expect(progress?.error).toContain('answered 400');
    expect(s.logs.join('\n')).toContain(`relabel of project ${projectId} (version v1) stopped`);

    // Jira rate-limits a page: the run waits and carries on from where it was.
    await s.saveSettings(SETTINGS, 'v2');
    s.t.site.faults.inject({
      product: 'jira',
      as: 'app',
      method: 'POST',
      pathPattern: /search\/jql$/,
      status: 429,
      headers: { 'Retry-After': '30' },
      times: 1
    });
    await s.t.drain();
    expect(await relabelProgress(projectId)).toMatchObject({ status: 'done', version: 'v2', processed: 60 });
    expect(lanesOf(['LAN-2', 'LAN-3'])).toEqual({ 'LAN-2': 'website-rebuild', 'LAN-3': 'run' });
  });

  it('a newer save supersedes a queued run and a running one; the newest rules win', async () => {
    s = createLaneSite({ seed: { issues: laneIssues(149) } });
    const projectId = s.projectId('LAN');
    const options: RelabelOptions = { ...DEFAULT_RELABEL_OPTIONS, pageSize: 50 };
    const queued: unknown[] = [];
    const deps: CapacityEnforcementDeps = {
      ...s.deps,
      enqueue: (body) => {
        queued.push(body);
        return Promise.resolve();
      }
    };
    const run = (version: string) => createRelabelWorker(deps, options)({ body: { projectId, version } });

    // Queued: v1 is saved, then v2 before v1's job starts.
    await s.saveSettings(SETTINGS, 'v1');
    await s.saveSettings(WITHOUT_LABEL_RULE, 'v2');
    expect(await run('v1')).toBe('superseded');
    expect(s.propertyWrites()).toBe(0);

    // Running: v3 is saved while v2 works through its first page.
    let saved = false;
    const slow: CapacityEnforcementDeps = {
      ...deps,
      jira: (retry) => {
        const client = deps.jira(retry);
        return Object.assign(Object.create(client) as LaneJiraClient, {
          laneIssuePage: async (input: Parameters<LaneJiraClient['laneIssuePage']>[0]) => {
            const page = await client.laneIssuePage(input);
            if (!saved) {
              saved = true;
              await s.saveSettings(SETTINGS, 'v3');
            }
            return page;
          }
        });
      }
    };
    expect(await createRelabelWorker(slow, options)({ body: { projectId, version: 'v2' } })).toBe(
      'superseded'
    );
    // v2 stopped after its first page.
    expect(s.propertyWrites()).toBe(50);
    expect(await relabelProgress(projectId)).toMatchObject({ status: 'queued', version: 'v3' });
    expect(await loadRelabel(forgeStore, projectId)).toMatchObject({ status: 'queued', version: 'v3' });

    expect(await run('v3')).toBe('done');
    expect(await relabelProgress(projectId)).toMatchObject({ status: 'done', version: 'v3', processed: 150 });
    expect(lanesOf(['LAN-2', 'LAN-5', 'LAN-3'])).toEqual({
      'LAN-2': 'website-rebuild',
      'LAN-5': 'website-rebuild',
      'LAN-3': 'run'
    });
    // A late delivery of the old job changes nothing.
    const writes = s.propertyWrites();
    expect(await run('v2')).toBe('superseded');
    expect(s.propertyWrites()).toBe(writes);
  });

  it('a run longer than its budget queues the rest of itself', async () => {
    s = createLaneSite({ seed: { issues: laneIssues(99) }, relabel: { pageSize: 20, budgetMs: 0 } });
    const projectId = s.projectId('LAN');
    await s.saveSettings(SETTINGS, 'v1');
    const report = await s.t.drain();
    // Budget 0: each delivery does one page and queues the rest.
    expect(await relabelProgress(projectId)).toMatchObject({ status: 'done', processed: 100 });
    expect(report.delivered).toBe(5);
  });
});
