import { z } from 'zod';
import { closeAccount, reportRequests, updateAccount } from '../../preview/backend/personal-data';
import { CAPACITY_STORE_KEYS } from '../../src/capacity/settings-store';
import { KEYS as GUARDRAIL_KEYS } from '../../src/guardrails/records';
import { POLICY_KEYS } from '../../src/guardrails/policy-store';
import { KEYS as PROVISIONING_KEYS } from '../../src/issue-types/records';
import { forgeStore } from '../../src/platform/store';
import { isPseudonym } from '../../src/privacy/domain/accounts';
import {
  defaultPersonalDataDeps,
  PRIVACY_KEYS,
  runPersonalDataReport,
  type PersonalDataDeps,
  type PersonalDataRunReport
} from '../../src/privacy/job';
import { PERSONAL_DATA_SOURCES } from '../../src/privacy/sources';
import { createGuardrailSite, type GuardrailSite } from '../support/guardrail-site';
import { USERS } from '../support/site-seeds';
import { withBirthDate } from '../support/page-definitions';

/**
 * The personal-data job against the embedded back end's reporting API: a closed account leaves
 * every stored record (pseudonym where the record is kept, removal where it is about the person),
 * nothing else changes, a second run changes nothing, and cost stays bounded at 10,000 records.
 */

const requester = USERS.requester.accountId;
const approver = USERS.approver.accountId;
const admin = USERS.admin.accountId;

let g: GuardrailSite;
let logs: string[];

const deps = (over: Partial<PersonalDataDeps> = {}): PersonalDataDeps => ({
  ...defaultPersonalDataDeps,
  log: (message) => logs.push(message),
  sleep: () => Promise.resolve(),
  ...over
});

async function everything(): Promise<Map<string, unknown>> {
  const out = new Map<string, unknown>();
  let cursor: string | undefined;
  do {
    const page = await forgeStore.pageByPrefix('tandem:', z.unknown(), {
      limit: 100,
      ...(cursor ? { cursor } : {})
    });
    for (const item of page.items) out.set(item.key, item.value);
    cursor = page.nextCursor;
  } while (cursor);
  return out;
}

const PROJECT = '10000';
const settingsRecord = (n: number) => ({
  number: n,
  settings: {
    lanes: [
      {
        id: 'run',
        name: 'Run',
        kind: 'run',
        owner: null,
        start: null,
        end: null,
        wipLimit: null,
        colour: 'blue'
      },
      {
        id: 'launch',
        name: 'Launch',
        kind: 'dedicated',
        owner: requester,
        start: null,
        end: null,
        wipLimit: 4,
        colour: 'green'
      }
    ],
    people: [
      { accountId: requester, hoursPerWeek: 35, shares: { launch: 0.5 }, wipLimit: 3 },
      { accountId: approver, hoursPerWeek: 28, shares: {}, wipLimit: 3 }
    ],
    timeOff: [
      {
        accountId: requester,
        start: '2026-12-21',
        end: '2026-12-24',
        startHalfDay: false,
        endHalfDay: false
      },
      { accountId: approver, start: '2026-12-28', end: '2026-12-31', startHalfDay: false, endHalfDay: true }
    ],
    rules: [],
    period: { kind: 'week' },
    futureOpsHoursPerWeek: 2,
    experimentsShare: 0.1,
    estimate: { unit: 'time' }
  },
  project: { id: PROJECT, key: 'GRD', name: 'Guarded pages' },
  directory: {
    [requester]: { displayName: 'Léa Martin', avatarUrl: null },
    [approver]: { displayName: 'Nicolas Bernard', avatarUrl: null }
  },
  savedAt: '2026-11-02T09:00:00.000Z',
  savedBy: n === 1 ? requester : admin
});

/** Every kind of record that names people: the guardrail's through its resolvers, the rest as stored. */
async function seed(): Promise<void> {
  await g.save(withBirthDate());
  await g.requestApproval();
  await g.decide('approve');
  await forgeStore.set(CAPACITY_STORE_KEYS.version(PROJECT, 1), settingsRecord(1));
  await forgeStore.set(CAPACITY_STORE_KEYS.version(PROJECT, 2), settingsRecord(2));
  await forgeStore.set(CAPACITY_STORE_KEYS.current(PROJECT), settingsRecord(2));
  await forgeStore.set(CAPACITY_STORE_KEYS.override(PROJECT, '10001'), {
    laneId: 'launch',
    by: requester,
    at: '2026-11-03T10:00:00.000Z'
  });
  await forgeStore.set(CAPACITY_STORE_KEYS.override(PROJECT, '10002'), {
    laneId: 'run',
    by: approver,
    at: '2026-11-03T10:00:00.000Z'
  });
  // A save claim whose 60 s TTL KVS has not purged yet.
  await forgeStore.set(CAPACITY_STORE_KEYS.claim(PROJECT, 2), {
    by: requester,
    at: '2026-11-02T09:00:00.000Z'
  });
  await forgeStore.set(POLICY_KEYS.version(1), {
    number: 1,
    policy: { version: 'site-v1' },
    savedAt: '2026-10-01T08:00:00.000Z',
    savedBy: requester
  });
  await forgeStore.set(PROVISIONING_KEYS.run, {
    status: 'done',
    language: 'fr',
    projectIds: [PROJECT],
    requestedBy: requester,
    requestedAt: '2026-09-30T08:00:00.000Z',
    attempts: 1,
    projects: []
  });
}

const run = (over: Partial<PersonalDataDeps> = {}, force = true): Promise<PersonalDataRunReport> =>
  runPersonalDataReport(deps(over), { force });

beforeEach(() => {
  logs = [];
  g = createGuardrailSite();
});

afterEach(() => {
  g.t.expectClean();
  g.t.close();
});

describe('a closed account', () => {
  it('disappears from every stored record; nothing else changes; a second run is a no-op', async () => {
    await seed();
    const before = await everything();
    const naming = [...before].filter(([, v]) => JSON.stringify(v).includes(requester));
    // Everything that names the requester is under a registered source: a new capability that stores
    // account ids without adding its source to the registry fails here.
    for (const [key] of naming) {
      expect(PERSONAL_DATA_SOURCES.some((s) => key.startsWith(s.prefix) && (!s.owns || s.owns(key)))).toBe(
        true
      );
    }
    expect(naming.length).toBeGreaterThanOrEqual(12);

    closeAccount(g.t.site, requester);
    // The scheduled entry answers Forge 204 and logs its report (platform/licence.ts scheduledTrigger).
    const log = jest.spyOn(console, 'log');
    let report: PersonalDataRunReport;
    try {
      expect(await g.t.runtime.fireTrigger('personal-data-report', {})).toEqual({ statusCode: 204 });
      const line = log.mock.calls
        .map((call) => String(call[0]))
        .find((l) => l.startsWith('personal data report: '));
      report = JSON.parse(line?.slice('personal data report: '.length) ?? 'null') as PersonalDataRunReport;
    } finally {
      log.mockRestore();
    }
    expect(report).toMatchObject({ closed: 1, updated: 0, requests: 1, deleted: 1 });
    expect(reportRequests(g.t.site)).toEqual([report.accounts]);

    const after = await everything();
    for (const [key, value] of after) expect(`${key} ${JSON.stringify(value)}`).not.toContain(requester);

    // Records that never named the requester are byte for byte the same.
    for (const [key, value] of before) {
      if (!JSON.stringify(value).includes(requester)) expect(after.get(key)).toEqual(value);
    }

    // The audit trail keeps every event, with one stable pseudonym for the requester.
    const issueId = g.id('GRD-1');
    const auditBefore = [...before].filter(([k]) => k.startsWith(GUARDRAIL_KEYS.auditPrefix(issueId)));
    const auditAfter = [...after].filter(([k]) => k.startsWith(GUARDRAIL_KEYS.auditPrefix(issueId)));
    expect(auditAfter.map(([k]) => k)).toEqual(auditBefore.map(([k]) => k));
    const actors = new Set(auditAfter.map(([, v]) => (v as { actor: string }).actor));
    const pseudonyms = [...actors].filter(isPseudonym);
    expect(pseudonyms).toHaveLength(1);
    expect(actors).toContain(approver);
    const pseudonym = pseudonyms[0] as string;

    // The approval still binds the page; who requested it is the pseudonym, the approver unchanged.
    const approval = after.get(GUARDRAIL_KEYS.approval(issueId)) as { record: Record<string, unknown> };
    expect(approval.record).toMatchObject({ state: 'approved', requestedBy: pseudonym, decidedBy: approver });
    expect(approval.record).not.toHaveProperty('reporter');
    const view = await g.must<{ approval: { state: string } }>(approver, 'guardrails/get', { issueId });
    expect(view.approval.state).toBe('approved');

    // Capacity: the person, their shares and time off, their lane ownership and cached name are gone.
    for (const key of [CAPACITY_STORE_KEYS.current(PROJECT), CAPACITY_STORE_KEYS.version(PROJECT, 1)]) {
      const stored = after.get(key) as ReturnType<typeof settingsRecord>;
      expect(stored.settings.people.map((p) => p.accountId)).toEqual([approver]);
      expect(stored.settings.timeOff.map((t) => t.accountId)).toEqual([approver]);
      expect(stored.settings.lanes.find((l) => l.id === 'launch')?.owner).toBeNull();
      expect(Object.keys(stored.directory)).toEqual([approver]);
    }
    expect((after.get(CAPACITY_STORE_KEYS.version(PROJECT, 1)) as { savedBy: string }).savedBy).toBe(
      pseudonym
    );
    expect(after.get(CAPACITY_STORE_KEYS.override(PROJECT, '10001'))).toMatchObject({
      laneId: 'launch',
      by: pseudonym
    });
    expect(after.has(CAPACITY_STORE_KEYS.claim(PROJECT, 2))).toBe(false);
    expect(after.get(POLICY_KEYS.version(1))).toMatchObject({ savedBy: pseudonym });
    expect(after.get(PROVISIONING_KEYS.run)).toMatchObject({ status: 'done', requestedBy: pseudonym });

    // Second run, even forced a cycle later: the requester is no longer stored, so it is not reported.
    const second = await run();
    expect(second).toMatchObject({ closed: 0, updated: 0, rewritten: 0, deleted: 0, refreshed: 0 });
    const again = await everything();
    for (const [key, value] of after) if (key !== PRIVACY_KEYS.lastRun) expect(again.get(key)).toEqual(value);
  });

  it('runs once per 7-day cycle: the daily trigger skips until the last report is a week old', async () => {
    await g.save(withBirthDate());
    let now = new Date('2026-12-01T03:00:00.000Z');
    const clock = { now: () => now };
    expect(await run(clock, false)).toMatchObject({ accounts: 1, requests: 1 });
    now = new Date('2026-12-04T03:00:00.000Z');
    expect(await run(clock, false)).toMatchObject({ skipped: 'not-due', requests: 0, queries: 0 });
    now = new Date('2026-12-08T03:00:00.000Z');
    expect(await run(clock, false)).toMatchObject({ accounts: 1, requests: 1 });
    expect(reportRequests(g.t.site)).toEqual([1, 1]);
  });
});

describe('after the erasure', () => {
  it('a pending request can still be decided; the notice goes to the reporter, not to the pseudonym', async () => {
    await g.save(withBirthDate());
    await g.requestApproval();
    closeAccount(g.t.site, requester);
    expect(await run()).toMatchObject({ closed: 1 });
    const sent = g.t.notifications.length;
    await g.decide('approve');
    const notices = g.t.notifications.slice(sent);
    expect(notices.length).toBeGreaterThan(0);
    for (const notice of notices) {
      expect(JSON.stringify(notice.to)).not.toMatch(/closed-account-/);
      expect(JSON.stringify(notice.to)).not.toContain(requester);
    }
    const issueId = g.id('GRD-1');
    const view = await g.must<{ approval: { state: string } }>(approver, 'guardrails/get', { issueId });
    expect(view.approval.state).toBe('approved');
  });
});

describe('an updated account', () => {
  it('refreshes the cached name in capacity settings and changes nothing else', async () => {
    await seed();
    // A profile change after the approver's last mention (the decision the seed just recorded).
    updateAccount(g.t.site, approver, new Date(Date.now() + 60_000), 'Nicolas Bernard-Roy');
    const before = await everything();
    const report = await run();
    expect(report).toMatchObject({ closed: 0, updated: 1, refreshed: 3, rewritten: 0 });
    const after = await everything();
    for (const key of [CAPACITY_STORE_KEYS.current(PROJECT), CAPACITY_STORE_KEYS.version(PROJECT, 1)]) {
      expect((after.get(key) as ReturnType<typeof settingsRecord>).directory[approver]?.displayName).toBe(
        'Nicolas Bernard-Roy'
      );
    }
    const changed = [...after].filter(
      ([k, v]) => k !== PRIVACY_KEYS.lastRun && JSON.stringify(before.get(k)) !== JSON.stringify(v)
    );
    expect(changed.map(([k]) => k).sort()).toEqual(
      [1, 2]
        .map((n) => CAPACITY_STORE_KEYS.version(PROJECT, n))
        .concat(CAPACITY_STORE_KEYS.current(PROJECT))
        .sort()
    );
  });
});

describe('cost', () => {
  it('pages 10,000 audit events 100 at a time and reports 200 accounts in batches of 90', async () => {
    const people = Array.from({ length: 200 }, (_, i) => `7120${String(i).padStart(4, '0')}:aaaa`);
    const N = 10_000;
    for (let start = 0; start < N; start += 500) {
      await Promise.all(
        Array.from({ length: Math.min(500, N - start) }, (_, j) => {
          const i = start + j;
          return forgeStore.set(
            GUARDRAIL_KEYS.auditEvent(String(20000 + (i % 50)), 1_700_000_000_000 + i, 0, `e${i}`),
            {
              id: `e${i}`,
              type: 'saved',
              issueId: String(20000 + (i % 50)),
              at: new Date(1_700_000_000_000 + i).toISOString(),
              actor: people[i % people.length],
              definitionHash: 'h',
              bindingHash: 'b',
              policyVersion: 'default',
              tier: 'T1',
              decision: 'go'
            }
          );
        })
      );
    }
    const closing = people[7] as string;
    closeAccount(g.t.site, closing);
    const report = await run();
    expect(report).toMatchObject({ records: N, accounts: 200, requests: 3, closed: 1, rewritten: N / 200 });
    expect(reportRequests(g.t.site)).toEqual([90, 90, 20]);
    // Two passes over the audit prefix (collect, erase), 100 keys a query, plus one query per other source each pass.
    const others = PERSONAL_DATA_SOURCES.length - 1;
    expect(report.queries).toBeLessThanOrEqual(2 * (Math.ceil(N / 100) + 1 + others));
    const left = await everything();
    expect([...left.values()].filter((v) => JSON.stringify(v).includes(closing))).toEqual([]);
    expect([...left.keys()].filter((k) => k.startsWith(GUARDRAIL_KEYS.allAuditPrefix))).toHaveLength(N);
  }, 120_000);

  it('waits out a 429 from the reporting API and reports the batch again', async () => {
    await g.save(withBirthDate());
    let calls = 0;
    const waits: number[] = [];
    const report = await run({
      report: (accounts) => {
        calls += 1;
        if (calls === 1)
          // @forge/api's helper rejects with the Response itself, not an Error.
          // eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors
          return Promise.reject(new Response(null, { status: 429, headers: { 'retry-after': '7' } }));
        return defaultPersonalDataDeps.report(accounts);
      },
      sleep: (ms) => {
        waits.push(ms);
        return Promise.resolve();
      }
    });
    expect(report).toMatchObject({ accounts: 1, requests: 2 });
    expect(waits).toEqual([7000]);
  });
});
