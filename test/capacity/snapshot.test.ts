import type { CapacityPageView, CellAnswer, SettingsView } from '../../src/contract/capacity';
import type { Result } from '../../src/contract/result';
import type { IssueDoc, IssueSeed } from '../../preview/backend/types';
import type { z } from 'zod';
import type { CapacityIssue } from '../../src/capacity/domain/issues';
import { SNAPSHOT_TTL_SECONDS, loadSnapshot, saveSnapshot } from '../../src/capacity/snapshot';
import { KVS_MAX_VALUE_BYTES, type Store } from '../../src/platform/store';
import { USERS } from '../support/site-seeds';
import { CAPACITY_PEOPLE, HOUR, LANE_PROJECT, capacitySeed, laneSettings } from '../support/capacity-site';
import { createTestSite, type TestSite } from '../support/test-site';

/**
 * "Show more" and card moves answer from the issues the board was read from (the page's
 * snapshot) instead of reading every issue of the project again; a snapshot belongs to its reader
 * and its day, and without one Jira is simply read again.
 */

const admin = CAPACITY_PEOPLE.projectAdmin.accountId;
const dev = CAPACITY_PEOPLE.dev.accountId;
const viewer = USERS.browseOnly.accountId;

let t: TestSite;
let projectId: string;
/** The embedded KVS's clock: moved forward to let a snapshot's TTL run out. */
let kvsNow = Date.now();

afterEach(() => {
  t.expectClean();
  t.close();
});

function setup(issues: Partial<IssueSeed>[]): void {
  kvsNow = Date.now();
  t = createTestSite(capacitySeed(issues), { now: () => kvsNow });
  projectId = t.site.projectByKey(LANE_PROJECT)!.id;
}

const opsTasks = (n: number): Partial<IssueSeed>[] =>
  Array.from({ length: n }, (_, i) => ({
    summary: `Ops task ${i + 1}`,
    components: ['Ops'],
    timeestimate: HOUR
  }));

async function call<T>(accountId: string, key: string, payload: unknown): Promise<Result<T>> {
  return t.asUser(accountId).invoke<Result<T>>(key, payload, { locale: 'en_US', timezone: 'Europe/Paris' });
}

async function must<T>(accountId: string, key: string, payload: unknown): Promise<T> {
  const result = await call<T>(accountId, key, payload);
  if (!result.ok) throw new Error(`${key} as ${accountId}: ${result.error.code} ${result.error.message}`);
  return result.data;
}

/** Jira calls made by `run`, by path: what a resolver read. */
async function jiraCalls<T>(run: () => Promise<T>): Promise<{ value: T; paths: string[] }> {
  const before = t.exchanges.length;
  const value = await run();
  return {
    value,
    paths: t.exchanges
      .slice(before)
      .filter((ex) => ex.product === 'jira')
      .map((ex) => `${ex.method} ${ex.path.replace(/\?.*$/, '')}`)
  };
}

const readsIssues = (paths: string[]) =>
  paths.some((p) => p.endsWith('/rest/api/3/search/jql') || p.endsWith('/rest/api/3/issue/bulkfetch'));

async function configured(): Promise<void> {
  const saved = await call<SettingsView>(admin, 'capacity/settings-save', {
    projectId,
    settings: laneSettings(),
    basedOn: null
  });
  if (!saved.ok) throw new Error(saved.error.message);
}

const issueIdOf = (summary: string) =>
  t.site.docs.all<IssueDoc>('issues').find((doc) => doc.summary === summary)!.id;

describe('the board snapshot', () => {
  it('pages a cell from the board’s snapshot: same cards as a fresh read, and no issue read from Jira', async () => {
    setup(opsTasks(45));
    await configured();
    const view = await must<CapacityPageView>(viewer, 'capacity/page', { projectId });
    expect(view.snapshot).toMatch(/^[0-9a-f-]{36}$/);
    const cell = { projectId, laneId: 'run', column: 'todo', offset: 20 };

    const paged = await jiraCalls(() =>
      must<CellAnswer>(viewer, 'capacity/cell', { ...cell, snapshot: view.snapshot })
    );
    expect(readsIssues(paged.paths)).toBe(false);
    expect(paged.paths).toEqual([expect.stringContaining('/rest/api/3/mypermissions')]);
    expect(paged.value.snapshot).toBe(view.snapshot);

    const fresh = await jiraCalls(() => must<CellAnswer>(viewer, 'capacity/cell', cell));
    expect(readsIssues(fresh.paths)).toBe(true);
    expect(paged.value.cards).toEqual(fresh.value.cards);
    expect(paged.value.cards.map((c) => c.summary)[0]).toBe('Ops task 21');
    expect(paged.value.total).toBe(45);
  });

  it('shows the board as it was read: an issue created since then appears only after a new read', async () => {
    setup(opsTasks(25));
    await configured();
    const view = await must<CapacityPageView>(viewer, 'capacity/page', { projectId });
    t.site.addIssue({
      project: LANE_PROJECT,
      issuetype: 'Task',
      summary: 'Late arrival',
      components: ['Ops'],
      reporter: dev
    });
    const paged = await must<CellAnswer>(viewer, 'capacity/cell', {
      projectId,
      laneId: 'run',
      column: 'todo',
      offset: 20,
      snapshot: view.snapshot
    });
    // Totals agree with the board on screen, whose counts were read with it.
    expect(paged.total).toBe(25);
    const again = await must<CapacityPageView>(viewer, 'capacity/page', { projectId });
    expect(again.board!.lanes.find((l) => l.id === 'run')!.cells.todo.total).toBe(26);
    expect(again.snapshot).not.toBe(view.snapshot);
  });

  it('is its reader’s only: someone else’s snapshot id reads Jira as them', async () => {
    setup(opsTasks(25));
    await configured();
    const mine = await must<CapacityPageView>(viewer, 'capacity/page', { projectId });
    const theirs = await jiraCalls(() =>
      must<CellAnswer>(dev, 'capacity/cell', {
        projectId,
        laneId: 'run',
        column: 'todo',
        offset: 20,
        snapshot: mine.snapshot
      })
    );
    expect(readsIssues(theirs.paths)).toBe(true);
    expect(theirs.value.snapshot).not.toBe(mine.snapshot);
  });

  it('is read again from Jira once expired, and a malformed id is refused at the boundary', async () => {
    setup(opsTasks(25));
    await configured();
    const view = await must<CapacityPageView>(viewer, 'capacity/page', { projectId });
    const kept = Object.keys(t.site.kvs.dump()).filter((key) => key.includes(`:snapshot:${view.snapshot}`));
    expect(kept.length).toBeGreaterThanOrEqual(2);
    kvsNow += (SNAPSHOT_TTL_SECONDS + 1) * 1000;
    expect(Object.keys(t.site.kvs.dump()).filter((key) => key.includes(':snapshot:'))).toEqual([]);
    const cell = { projectId, laneId: 'run', column: 'todo', offset: 20 };
    const expired = await jiraCalls(() =>
      must<CellAnswer>(viewer, 'capacity/cell', { ...cell, snapshot: view.snapshot })
    );
    expect(readsIssues(expired.paths)).toBe(true);
    expect(expired.value.cards).toHaveLength(5);
    expect(expired.value.snapshot).not.toBe(view.snapshot);
    expect(await call(viewer, 'capacity/cell', { ...cell, snapshot: '../other' })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT', field: 'snapshot' }
    });
  });

  it('answers a card move from the snapshot with the card in its new lane, without reading the issues', async () => {
    setup([...opsTasks(3), { summary: 'Newsletter', components: ['Ops'], timeestimate: 5 * HOUR }]);
    await configured();
    const view = await must<CapacityPageView>(dev, 'capacity/page', { projectId });
    const id = issueIdOf('Newsletter');
    const moved = await jiraCalls(() =>
      must<CapacityPageView>(dev, 'capacity/move', {
        projectId,
        issueId: id,
        laneId: 'experiments',
        snapshot: view.snapshot
      })
    );
    expect(readsIssues(moved.paths)).toBe(false);
    const experiments = moved.value.board!.lanes.find((l) => l.id === 'experiments')!;
    expect(experiments.cells.todo.cards.map((c) => [c.id, c.laneSource])).toEqual([[id, 'override']]);
    expect(experiments.loadHours).toBe(5);
    expect(moved.value.counted).toEqual(view.counted);
    expect(moved.value.snapshot).toBe(view.snapshot);
    // The same move without a snapshot reads everything, and both answers agree.
    const fresh = await must<CapacityPageView>(dev, 'capacity/move', {
      projectId,
      issueId: id,
      laneId: 'experiments'
    });
    expect(fresh.board).toEqual(moved.value.board);
  });
});

describe('snapshot chunks', () => {
  /** A store that keeps values as KVS would: JSON in, JSON out, and no value over 240 KiB. */
  function memoryStore(): { store: Store; values: Map<string, string> } {
    const values = new Map<string, string>();
    const store = {
      get: (key: string, schema: z.ZodType<unknown>) => {
        const raw = values.get(key);
        return Promise.resolve(raw === undefined ? undefined : schema.parse(JSON.parse(raw)));
      },
      setIfAbsent: (key: string, value: unknown) => {
        const json = JSON.stringify(value);
        if (Buffer.byteLength(json) > KVS_MAX_VALUE_BYTES) throw new Error(`${key} too large`);
        if (values.has(key)) return Promise.resolve(false);
        values.set(key, json);
        return Promise.resolve(true);
      }
    } as unknown as Store;
    return { store, values };
  }

  it('splits 6,000 issues with long French summaries under the value limit and gives them back unchanged', async () => {
    const issues: CapacityIssue[] = Array.from({ length: 6000 }, (_, i) => ({
      id: String(20000 + i),
      key: `LAN-${i + 1}`,
      summary: `Étude préalable n° ${i + 1} : refonte des pages « produits » et vérification de l’accessibilité`,
      type: 'Tâche',
      statusCategory: i % 3 === 0 ? 'done' : 'new',
      rank: i,
      assignee: i % 2 === 0 ? { accountId: `acc-${i % 7}`, displayName: 'Léa Martin' } : null,
      remainingEstimateSeconds: i % 5 === 0 ? null : 3600,
      originalEstimateSeconds: 7200,
      storyPoints: null,
      targetDate: i % 4 === 0 ? '2027-01-15' : null,
      resolutionDate: i % 3 === 0 ? '2026-11-20' : null,
      epicKey: i % 10 === 0 ? 'LAN-1' : null,
      labels: ['refonte-site'],
      components: ['Website']
    }));
    const { store, values } = memoryStore();
    const id = await saveSnapshot(store, {
      projectId: '10000',
      accountId: 'reader',
      today: '2026-12-01',
      readAt: '2026-12-01T09:00:00.000Z',
      issues
    });
    expect(values.size).toBeGreaterThan(3);
    const back = await loadSnapshot(store, {
      projectId: '10000',
      id,
      accountId: 'reader',
      today: '2026-12-01'
    });
    expect(back?.issues).toEqual(issues);
    expect(
      await loadSnapshot(store, { projectId: '10000', id, accountId: 'other', today: '2026-12-01' })
    ).toBeNull();
    expect(
      await loadSnapshot(store, { projectId: '10000', id, accountId: 'reader', today: '2026-12-02' })
    ).toBeNull();
    // A chunk gone (expired first, or never written) is no snapshot, never a partial board.
    values.delete([...values.keys()].find((key) => /:[0-9]+$/.test(key))!);
    expect(
      await loadSnapshot(store, { projectId: '10000', id, accountId: 'reader', today: '2026-12-01' })
    ).toBeNull();
  });
});
