import type {
  CapacityPageView,
  CellAnswer,
  SettingsView,
  UserOption,
  WhatIfAnswer
} from '../../src/contract/capacity';
import type { Result } from '../../src/contract/result';
import type { IssueDoc, IssueSeed } from '../../preview/backend/types';
import { HISTORY_LIMIT } from '../../src/capacity/settings-store';
import { USERS, issue } from '../support/site-seeds';
import {
  CAPACITY_PEOPLE,
  HOUR,
  LANE_PROJECT,
  capacitySeed,
  generatedIssues,
  laneSettings
} from '../support/capacity-site';
import { createTestSite, type TestSite } from '../support/test-site';

/**
 * The capacity resolvers end to end: the app's real handlers on the embedded Jira (every exchange
 * checked against Atlassian's OpenAPI documents) and the embedded KVS.
 */

const admin = CAPACITY_PEOPLE.projectAdmin.accountId;
const dev = CAPACITY_PEOPLE.dev.accountId;
const marketer = CAPACITY_PEOPLE.marketer.accountId;
const viewer = USERS.browseOnly.accountId;
const outsider = USERS.outsider.accountId;
const jiraAdmin = USERS.admin.accountId;

let t: TestSite;
let projectId: string;

afterEach(() => {
  t.expectClean();
  t.close();
});

function setup(issues: Partial<IssueSeed>[] = capacityIssues()): void {
  t = createTestSite(capacitySeed(issues));
  projectId = t.site.projectByKey(LANE_PROJECT)!.id;
}

function capacityIssues(): Partial<IssueSeed>[] {
  return [
    { summary: 'Home page', components: ['Website'], timeoriginalestimate: 16 * HOUR, assignee: dev },
    {
      summary: 'Patch servers',
      components: ['Ops'],
      timeestimate: 4 * HOUR,
      status: 'In Progress',
      assignee: dev
    },
    { summary: 'Newsletter', components: ['Ops'] },
    { summary: 'Old release', components: ['Ops'], status: 'Done', timeoriginalestimate: 2 * HOUR }
  ];
}

const issueIdOf = (summary: string) =>
  t.site.docs.all<IssueDoc>('issues').find((doc) => doc.summary === summary)!.id;

async function call<T>(
  accountId: string,
  key: string,
  payload: unknown,
  locale = 'en_US'
): Promise<Result<T>> {
  return t.asUser(accountId).invoke<Result<T>>(key, payload, { locale, timezone: 'Europe/Paris' });
}

async function must<T>(accountId: string, key: string, payload: unknown): Promise<T> {
  const result = await call<T>(accountId, key, payload);
  if (!result.ok) throw new Error(`${key} as ${accountId}: ${result.error.code} ${result.error.message}`);
  return result.data;
}

const capacityKvs = () =>
  Object.fromEntries(Object.entries(t.site.kvs.dump()).filter(([key]) => key.startsWith('tandem:capacity:')));

const save = (settings: unknown, basedOn: string | null, who = admin) =>
  call<SettingsView>(who, 'capacity/settings-save', { projectId, settings, basedOn });

async function configured(): Promise<SettingsView> {
  const saved = await save(laneSettings(), null);
  if (!saved.ok) throw new Error(saved.error.message);
  return saved.data;
}

const laneOfCard = (view: CapacityPageView, issueId: string) =>
  view.board?.lanes.find((lane) =>
    [...lane.cells.todo.cards, ...lane.cells.inProgress.cards, ...lane.cells.done.cards].some(
      (c) => c.id === issueId
    )
  )?.id;

describe('project page', () => {
  it('shows the default run lane, no board, until someone sets lanes up', async () => {
    setup();
    const view = await must<CapacityPageView>(viewer, 'capacity/page', { projectId });
    expect(view.project).toEqual({ id: projectId, key: LANE_PROJECT, name: 'Lanes' });
    expect(view.board).toBeNull();
    expect(view.settingsVersion).toBeNull();
    expect(view.lanes.map((l) => l.kind)).toEqual(['run']);
    expect(view.canConfigure).toBe(false);
  });

  it('puts issues in lanes by rule, counts done work and names who can configure', async () => {
    setup();
    await configured();
    const view = await must<CapacityPageView>(viewer, 'capacity/page', { projectId });
    expect(view.settingsVersion).toBe('v1');
    expect(view.counted.issues).toBe(4);
    expect(laneOfCard(view, issueIdOf('Home page'))).toBe('website-rebuild');
    expect(laneOfCard(view, issueIdOf('Patch servers'))).toBe('run');
    const website = view.board!.lanes.find((l) => l.id === 'website-rebuild')!;
    expect(website.cells.todo.total).toBe(1);
    const run = view.board!.lanes.find((l) => l.id === 'run')!;
    expect(run.cells.inProgress.cards[0]?.key).toMatch(/^LAN-/);
    expect(run.cells.done.total).toBe(1);
    expect(view.plan!.lanes.map((l) => l.id)).toEqual(['website-rebuild', 'run', 'experiments']);
    expect((await must<CapacityPageView>(admin, 'capacity/page', { projectId })).canConfigure).toBe(true);
    // A Jira administrator who is not in the project configures it but does not see its board.
    expect((await must<SettingsView>(jiraAdmin, 'capacity/settings-get', { projectId })).canConfigure).toBe(
      true
    );
    expect(await call(jiraAdmin, 'capacity/page', { projectId })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' }
    });
  });

  it('refuses someone who cannot browse the project, for every page key', async () => {
    setup();
    await configured();
    const id = issueIdOf('Home page');
    const before = capacityKvs();
    for (const [key, payload] of [
      ['capacity/page', { projectId }],
      ['capacity/cell', { projectId, laneId: 'run', column: 'todo', offset: 0 }],
      ['capacity/what-if', { projectId, changes: [{ kind: 'dropIssues', laneId: 'run' }] }],
      ['capacity/move', { projectId, issueId: id, laneId: 'run' }]
    ] as const) {
      const result = await call(outsider, key, payload);
      expect(result).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    }
    expect(capacityKvs()).toEqual(before);
  });

  it('pages a cell ("show more")', async () => {
    setup(
      Array.from({ length: 25 }, (_, i) => ({
        summary: `Ops task ${i + 1}`,
        components: ['Ops'],
        timeestimate: HOUR
      }))
    );
    await configured();
    const view = await must<CapacityPageView>(viewer, 'capacity/page', { projectId });
    const run = view.board!.lanes.find((l) => l.id === 'run')!;
    expect(run.cells.todo.total).toBe(25);
    expect(run.cells.todo.cards).toHaveLength(20);
    const more = await must<CellAnswer>(viewer, 'capacity/cell', {
      projectId,
      laneId: 'run',
      column: 'todo',
      offset: 20
    });
    expect(more.offset).toBe(20);
    expect(more.cards.map((c) => c.summary)).toEqual([
      'Ops task 21',
      'Ops task 22',
      'Ops task 23',
      'Ops task 24',
      'Ops task 25'
    ]);
    const unknown = await call(viewer, 'capacity/cell', {
      projectId,
      laneId: 'nope',
      column: 'todo',
      offset: 0
    });
    expect(unknown).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', field: 'laneId' } });
  });
});

describe('moving a card', () => {
  it('stores an override that wins over the rules, and removing it gives the rule back', async () => {
    setup();
    await configured();
    const id = issueIdOf('Newsletter');
    const moved = await must<CapacityPageView>(dev, 'capacity/move', {
      projectId,
      issueId: id,
      laneId: 'experiments'
    });
    expect(laneOfCard(moved, id)).toBe('experiments');
    const stored = Object.entries(capacityKvs()).find(([key]) => key.includes(':override:'));
    expect(stored?.[1]).toMatchObject({ laneId: 'experiments', by: dev });
    const back = await must<CapacityPageView>(dev, 'capacity/move', { projectId, issueId: id, laneId: null });
    expect(laneOfCard(back, id)).toBe('run');
    expect(Object.keys(capacityKvs()).some((key) => key.includes(':override:'))).toBe(false);
  });

  it('needs Edit issues on that issue: a viewer is refused and nothing is written', async () => {
    setup();
    await configured();
    const before = capacityKvs();
    const result = await call(viewer, 'capacity/move', {
      projectId,
      issueId: issueIdOf('Newsletter'),
      laneId: 'experiments'
    });
    expect(result).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(capacityKvs()).toEqual(before);
  });

  it('refuses an issue of another project and an unknown lane', async () => {
    setup([...capacityIssues()]);
    t.site.addIssue(issue({ project: 'MKT', summary: 'Elsewhere' }));
    await configured();
    const before = capacityKvs();
    const other = await call(dev, 'capacity/move', {
      projectId,
      issueId: issueIdOf('Elsewhere'),
      laneId: 'run'
    });
    expect(other).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', field: 'issueId' } });
    const lane = await call(dev, 'capacity/move', {
      projectId,
      issueId: issueIdOf('Newsletter'),
      laneId: 'no-such-lane'
    });
    expect(lane).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', field: 'laneId' } });
    expect(capacityKvs()).toEqual(before);
  });
});

describe('what-if', () => {
  it('recomputes the plan from the changes and saves nothing', async () => {
    setup();
    await configured();
    const before = capacityKvs();
    const answer = await must<WhatIfAnswer>(viewer, 'capacity/what-if', {
      projectId,
      changes: [{ kind: 'setShare', accountId: dev, laneId: 'website-rebuild', share: 1 }]
    });
    const website = answer.deltas.find((d) => d.laneId === 'website-rebuild')!;
    expect(website.capacityHoursAfter).toBeGreaterThan(website.capacityHoursBefore);
    const run = answer.deltas.find((d) => d.laneId === 'run')!;
    expect(run.capacityHoursAfter).toBeLessThan(run.capacityHoursBefore);
    expect(capacityKvs()).toEqual(before);
  });

  it('refuses a change a save would refuse, naming the field', async () => {
    setup();
    await configured();
    const result = await call(viewer, 'capacity/what-if', {
      projectId,
      changes: [
        {
          kind: 'addPerson',
          person: { accountId: viewer, hoursPerWeek: 35, shares: { 'website-rebuild': 1.2 } }
        }
      ]
    });
    expect(result).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
  });
});

describe('settings', () => {
  it('lets project admins and Jira admins save, and refuses members and viewers without writing', async () => {
    setup();
    for (const who of [viewer, dev, outsider]) {
      const refused = await save(laneSettings(), null, who);
      expect(refused).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    }
    expect(capacityKvs()).toEqual({});
    const first = await save(laneSettings(), null, admin);
    expect(first).toMatchObject({ ok: true, data: { version: 'v1', canConfigure: true } });
    const second = await save(laneSettings({ experimentsShare: 0.05 }), 'v1', jiraAdmin);
    expect(second).toMatchObject({ ok: true, data: { version: 'v2' } });
  });

  it('reads the settings for anyone who browses, with the project issue types, components and names', async () => {
    setup();
    await configured();
    const view = await must<SettingsView>(viewer, 'capacity/settings-get', { projectId });
    expect(view.canConfigure).toBe(false);
    expect(view.me).toBe(viewer);
    expect(view.version).toBe('v1');
    expect(view.components.map((c) => c.name)).toEqual(['Website', 'Ops']);
    expect(view.issueTypes.map((type) => type.name)).toContain('Task');
    expect(view.people[dev]?.displayName).toBe('Karim Benali');
    expect(view.history).toEqual([expect.objectContaining({ version: 'v1', savedBy: admin })]);
    expect(await call(outsider, 'capacity/settings-get', { projectId })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' }
    });
  });

  it('answers CONFLICT on a stale base and writes nothing', async () => {
    setup();
    await configured();
    const stale = await save(laneSettings(), null);
    expect(stale).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    await save(laneSettings({ experimentsShare: 0.05 }), 'v1');
    const before = capacityKvs();
    expect(await save(laneSettings(), 'v1')).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    expect(capacityKvs()).toEqual(before);
  });

  it('names the field at fault exactly as the domain does, in the caller’s language', async () => {
    setup();
    const over = laneSettings();
    over.lanes = [...over.lanes!, { id: 'crm', name: 'CRM', kind: 'dedicated' }];
    over.people![1] = { accountId: marketer, hoursPerWeek: 30, shares: { 'website-rebuild': 0.7, crm: 0.5 } };
    const en = await save(over, null);
    expect(en).toEqual({
      ok: false,
      error: {
        code: 'INVALID_INPUT',
        field: 'people[1].shares',
        message: 'people[1].shares: sum is 120 %, at most 100 %'
      }
    });
    const fr = await call(
      admin,
      'capacity/settings-save',
      { projectId, settings: over, basedOn: null },
      'fr_FR'
    );
    expect(fr).toMatchObject({ ok: false, error: { field: 'people[1].shares' } });
    expect(!fr.ok && fr.error.message).toMatch(/^people\[1\]\.shares: la somme est de 120/);
    const dup = laneSettings();
    dup.lanes![2] = { id: 'experiments', name: 'run', kind: 'experiments' };
    expect(await save(dup, null)).toMatchObject({ ok: false, error: { field: 'lanes[2].name' } });
    const backwards = laneSettings({
      timeOff: [{ accountId: marketer, start: '2026-12-09', end: '2026-12-01' }]
    });
    expect(await save(backwards, null)).toMatchObject({
      ok: false,
      error: { field: 'timeOff[0]', message: 'timeOff[0]: end before start' }
    });
    expect(capacityKvs()).toEqual({});
  });

  it('refuses settings over 240 KiB, naming the settings', async () => {
    setup();
    // 3,000 half-day entries: about 300 KiB of JSON, within the schema's own limits.
    const big = laneSettings({
      timeOff: Array.from({ length: 3000 }, (_, i) => {
        const day = `2027-${String((i % 12) + 1).padStart(2, '0')}-${String((i % 28) + 1).padStart(2, '0')}`;
        return { accountId: marketer, start: day, end: day, startHalfDay: true };
      })
    });
    const result = await save(big, null);
    expect(result).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', field: 'settings' } });
    expect(!result.ok && result.error.message).toMatch(
      /^settings: the settings take \d+(\.\d+)? KiB, at most 240 KiB/
    );
    expect(capacityKvs()).toEqual({});
  });

  it(`keeps the last ${HISTORY_LIMIT} versions`, async () => {
    setup([]);
    let version: string | null = null;
    for (let i = 0; i < HISTORY_LIMIT + 2; i++) {
      const saved = await save(laneSettings({ experimentsShare: i % 2 === 0 ? 0.1 : 0.05 }), version);
      if (!saved.ok) throw new Error(saved.error.message);
      version = saved.data.version;
    }
    const view = await must<SettingsView>(admin, 'capacity/settings-get', { projectId });
    expect(view.version).toBe(`v${HISTORY_LIMIT + 2}`);
    expect(view.history).toHaveLength(HISTORY_LIMIT);
    expect(view.history.at(-1)?.version).toBe('v3');
    expect(Object.keys(capacityKvs()).filter((key) => key.includes(':settings:version:'))).toHaveLength(
      HISTORY_LIMIT
    );
  });
});

describe('own time off', () => {
  it('lets a person replace their own time off, leaving others’ untouched', async () => {
    setup();
    await configured();
    const result = await call<SettingsView>(marketer, 'capacity/time-off-save', {
      projectId,
      entries: [{ start: '2026-12-21', end: '2026-12-24', endHalfDay: true }],
      basedOn: 'v1'
    });
    expect(result.ok).toBe(true);
    const view = await must<SettingsView>(viewer, 'capacity/settings-get', { projectId });
    expect(view.version).toBe('v2');
    expect(view.history[0]?.savedBy).toBe(marketer);
    expect(view.settings.timeOff).toEqual([
      { accountId: marketer, start: '2026-12-21', end: '2026-12-24', startHalfDay: false, endHalfDay: true }
    ]);
  });

  it('refuses an entry for someone else, and names the entry at fault', async () => {
    setup();
    await configured();
    const before = capacityKvs();
    const other = await call(marketer, 'capacity/time-off-save', {
      projectId,
      entries: [{ accountId: dev, start: '2026-12-21', end: '2026-12-24' }],
      basedOn: 'v1'
    });
    expect(other).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    const backwards = await call(marketer, 'capacity/time-off-save', {
      projectId,
      entries: [
        { start: '2026-12-21', end: '2026-12-24' },
        { start: '2026-12-30', end: '2026-12-29' }
      ],
      basedOn: 'v1'
    });
    expect(backwards).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', field: 'entries[1]' } });
    const outsiderResult = await call(outsider, 'capacity/time-off-save', {
      projectId,
      entries: [],
      basedOn: 'v1'
    });
    expect(outsiderResult).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(capacityKvs()).toEqual(before);
  });
});

describe('user search', () => {
  it('finds assignable people for anyone who browses, refuses outsiders', async () => {
    setup();
    const found = await must<UserOption[]>(viewer, 'capacity/user-search', { projectId, query: 'kar' });
    expect(found.map((u) => u.displayName)).toEqual(['Karim Benali']);
    expect(await call(outsider, 'capacity/user-search', { projectId, query: 'kar' })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' }
    });
  });
});

describe('reading Jira', () => {
  it('reads a 1,000-issue project in at most ceil(1000 / 100) + 3 REST calls, ids first then bulk fetches', async () => {
    setup(generatedIssues(1000, new Date()));
    await configured();
    const from = t.exchanges.length;
    const view = await must<CapacityPageView>(viewer, 'capacity/page', { projectId });
    const calls = t.exchanges.slice(from);
    expect(calls.length).toBeLessThanOrEqual(Math.ceil(1000 / 100) + 3);
    expect(calls.filter((c) => c.path === '/rest/api/3/issue/bulkfetch')).toHaveLength(10);
    expect(calls.filter((c) => c.path === '/rest/api/3/search/jql')).toHaveLength(1);
    // Every issue was resolved within the last 70 days or is open: all of them are read.
    expect(view.counted.issues).toBe(1000);
    const cards = view.board!.lanes.reduce(
      (n, lane) => n + lane.cells.todo.total + lane.cells.inProgress.total,
      0
    );
    expect(cards).toBe(800);
  });
});
