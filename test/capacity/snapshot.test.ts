import type { CapacityPageView, CellAnswer, SettingsView } from '../../src/contract/capacity';
import type { Result } from '../../src/contract/result';
import type { IssueDoc, IssueSeed } from '../../preview/backend/types';
import { SNAPSHOT_TTL_SECONDS } from '../../src/capacity/snapshot';
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
