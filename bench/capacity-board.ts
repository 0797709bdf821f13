/**
 * The board's resolver (capacity/page) over generated 1k / 5k / 10k-issue projects in the embedded
 * back end, every Jira call slowed by 150 ms (the preview's fault injection, delay only): REST calls
 * per answer, wall time, the domain's compute time on the same issues, and the payload sent to the
 * browser. Goals (issue 11): calls ≤ ceil(issues / page size) + 3, < 5 s, compute < 50 ms,
 * payload < 500 KB. Then "show more" and a card move, each without the page's snapshot (every issue
 * read again) and with it (KVS delayed by 30 ms a call). Prints; never fails.
 * Run: npx tsx bench/capacity-board.ts
 */
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import {
  addDays,
  analyse,
  boardView,
  parseSettings,
  planView,
  type CapacityIssue
} from '../src/capacity/domain';
import { saveSettings } from '../src/capacity/settings-store';
import { forgeStore } from '../src/platform/store';
import { KEYS as PROVISIONING_KEYS } from '../src/issue-types/record-keys';

const TARGET_FIELD = 'customfield_10050';
const DATEPICKER = 'com.atlassian.jira.plugin.system.customfieldtypes:datepicker';
import type { IssueSeed } from '../preview/backend/types';
import { issue, project, USERS } from '../test/support/site-seeds';
import { createTestSite } from '../test/support/test-site';

const LATENCY_MS = 150;
const KVS_LATENCY_MS = 30;
const TODAY = new Date().toISOString().slice(0, 10);
const STATUSES = { new: 'To Do', indeterminate: 'In Progress', done: 'Done' } as const;

let seed = 7;
const random = (): number => {
  seed = (seed * 1103515245 + 12345) % 2147483648;
  return seed / 2147483648;
};

const SETTINGS = parseSettings({
  lanes: [
    { id: 'website-rebuild', name: 'Refonte du site', kind: 'dedicated', wipLimit: 8 },
    { id: 'run', name: 'Run', kind: 'run', wipLimit: 20 },
    { id: 'experiments', name: 'Expérimentations', kind: 'experiments' }
  ],
  people: Object.values(USERS).map((user, i) => ({
    accountId: user.accountId,
    hoursPerWeek: 35,
    shares: i < 2 ? { 'website-rebuild': 0.5 } : {}
  })),
  rules: [
    { field: 'label', value: 'rebuild', lane: 'website-rebuild' },
    { field: 'issueType', value: 'Bug', lane: 'experiments' }
  ]
});
if (!SETTINGS.ok) throw new Error(JSON.stringify(SETTINGS.issues));
const settings = SETTINGS.value;

function generate(count: number): { seeds: IssueSeed[]; issues: CapacityIssue[] } {
  const seeds: IssueSeed[] = [];
  const issues: CapacityIssue[] = [];
  const people = Object.values(USERS);
  for (let i = 0; i < count; i++) {
    const roll = random();
    const category = roll < 0.3 ? 'done' : roll < 0.45 ? 'indeterminate' : 'new';
    const type = random() < 0.05 ? 'Bug' : 'Task';
    const labels = random() < 0.3 ? ['rebuild'] : [];
    const assignee = random() < 0.8 ? people[Math.floor(random() * people.length)] : undefined;
    const estimate = random() < 0.7 ? Math.floor(random() * 16 + 1) * 3600 : undefined;
    const resolved = category === 'done' ? addDays(TODAY, -Math.floor(random() * 84)) : undefined;
    seeds.push(
      issue({
        project: 'BIG',
        issuetype: type,
        summary: `Generated issue ${i + 1} with a summary of a realistic length for a card`,
        status: STATUSES[category],
        labels,
        ...(assignee ? { assignee: assignee.accountId } : {}),
        ...(estimate !== undefined ? { timeoriginalestimate: estimate, timeestimate: estimate } : {}),
        ...(resolved ? { resolved: `${resolved}T12:00:00.000+0000` } : {})
      })
    );
    issues.push({
      id: String(i + 1),
      key: `BIG-${i + 1}`,
      summary: `Generated issue ${i + 1} with a summary of a realistic length for a card`,
      type,
      statusCategory: category,
      rank: i,
      assignee: assignee ? { accountId: assignee.accountId, displayName: assignee.displayName } : null,
      remainingEstimateSeconds: estimate ?? null,
      originalEstimateSeconds: estimate ?? null,
      storyPoints: null,
      targetDate: null,
      resolutionDate: resolved ?? null,
      epicKey: null,
      labels,
      components: []
    });
  }
  return { seeds, issues };
}

async function measure(count: number): Promise<void> {
  const { seeds, issues } = generate(count);
  const seedStart = performance.now();
  // A site where set-up ran: Target Launch Date exists and provisioning recorded its id, so the
  // board needs no field-list read (an unprovisioned site pays one more call to find it by name).
  const t = createTestSite({
    fields: [{ id: TARGET_FIELD, name: 'Target Launch Date', type: DATEPICKER, onDefaultScreen: true }],
    projects: [project({ key: 'BIG', name: 'Big project' })],
    issues: seeds
  });
  const seedMs = performance.now() - seedStart;
  try {
    const projectId = t.site.docs
      .all<{ id: string; key: string }>('projects')
      .find((p) => p.key === 'BIG')?.id;
    if (!projectId) throw new Error('no BIG project');
    await forgeStore.set(PROVISIONING_KEYS.item('field', 'target-launch-date'), {
      key: 'target-launch-date',
      kind: 'field',
      state: 'created',
      jiraId: TARGET_FIELD,
      jiraName: 'Target Launch Date',
      updatedAt: new Date().toISOString()
    });
    await saveSettings(forgeStore, {
      projectId,
      project: { id: projectId, key: 'BIG', name: 'Big project' },
      directory: {},
      settings,
      basedOn: null,
      actor: USERS.admin.accountId,
      now: new Date(),
      lang: 'en'
    });
    const admin = t.asUser(USERS.admin.accountId);
    const context = { moduleKey: 'tandem-lanes' };
    // A warm-up without latency: module loading and the field-id cache are not what is measured.
    await admin.invoke('capacity/page', { projectId }, context);
    t.site.faults.inject({ product: 'jira', delayMs: LATENCY_MS });
    // Forge storage is not free either: every KVS call waits too (the snapshot is written there).
    t.site.faults.inject({ product: 'kvs', delayMs: KVS_LATENCY_MS });
    const before = t.exchanges.length;
    const start = performance.now();
    const answer = await admin.invoke<{
      ok: boolean;
      error?: { message: string };
      data?: { snapshot: string | null; board: { lanes: Array<{ id: string }> } | null };
    }>('capacity/page', { projectId }, context);
    const wallMs = performance.now() - start;
    const calls = t.exchanges.slice(before).filter((ex) => ex.product === 'jira');
    const bytes = Buffer.byteLength(JSON.stringify(answer));

    // "Show more" and a card move, without the page's snapshot (what they cost before it: every
    // issue read again) and with it.
    const timed = async (key: string, payload: Record<string, unknown>) => {
      const from = t.exchanges.length;
      const kvsBefore = [...t.site.kvsRequests.values()].reduce((a, b) => a + b, 0);
      const began = performance.now();
      const result = await admin.invoke<{ ok: boolean; error?: { message: string } }>(key, payload, context);
      const ms = performance.now() - began;
      const jira = t.exchanges.slice(from).filter((ex) => ex.product === 'jira').length;
      const kvs = [...t.site.kvsRequests.values()].reduce((a, b) => a + b, 0) - kvsBefore;
      const state = result.ok ? '' : ` FAILED (${result.error?.message ?? ''})`;
      return `${(ms / 1000).toFixed(2)} s, ${jira} Jira + ${kvs} KVS calls${state}`;
    };
    const snapshot = answer.data?.snapshot ?? null;
    const cell = { projectId, laneId: 'run', column: 'todo', offset: 20 };
    const movedId = t.site.docs.all<{ id: string; projectId?: string }>('issues').at(-1)?.id ?? '';
    const move = { projectId, issueId: movedId, laneId: 'experiments' };
    const withSnapshot = snapshot === null ? {} : { snapshot };
    const cellBefore = await timed('capacity/cell', cell);
    const cellAfter = await timed('capacity/cell', { ...cell, ...withSnapshot });
    const moveBefore = await timed('capacity/move', move);
    const moveAfter = await timed('capacity/move', { ...move, ...withSnapshot });

    const input = { today: TODAY, settings, issues };
    const times: number[] = [];
    for (let run = 0; run < 7; run++) {
      const began = performance.now();
      const analysis = analyse(input);
      boardView(analysis);
      planView(analysis);
      times.push(performance.now() - began);
    }
    times.sort((a, b) => a - b);
    const byPath = new Map<string, number>();
    for (const ex of calls) {
      const where = `${ex.method} ${ex.path.replace(/\/[0-9]{2,}(?=\/|$)/g, '/{id}')}`;
      byPath.set(where, (byPath.get(where) ?? 0) + 1);
    }
    console.log(
      `capacity board: ${count.toLocaleString('en')} issues: ${answer.ok ? 'ok' : `FAILED (${answer.error?.message ?? ''})`}, ` +
        `${calls.length} Jira calls (goal ≤ ${Math.ceil(count / 100) + 3} at 100 a page), ` +
        `${(wallMs / 1000).toFixed(2)} s at ${LATENCY_MS} ms a call (goal < 5 s), ` +
        `domain ${times[Math.floor(times.length / 2)]?.toFixed(1)} ms median of ${times.length} (goal < 50 ms), ` +
        `payload ${(bytes / 1024).toFixed(1)} KB (goal < 500 KB); seeding took ${(seedMs / 1000).toFixed(1)} s`
    );
    console.log(`  calls: ${[...byPath].map(([where, n]) => `${n} × ${where}`).join(', ')}`);
    console.log(
      `  show more: ${cellBefore} re-reading the project; ${cellAfter} from the board's snapshot` +
        `${snapshot === null ? ' (NO SNAPSHOT KEPT)' : ''}`
    );
    console.log(`  card move: ${moveBefore} re-reading the project; ${moveAfter} from the board's snapshot`);
  } catch (error) {
    console.log(
      `capacity board: ${count} issues: could not measure: ${error instanceof Error ? error.message : String(error)}`
    );
  } finally {
    t.close();
  }
}

async function main(): Promise<void> {
  for (const count of [1000, 5000, 10000]) await measure(count);
  console.log(`capacity board: load average ${os.loadavg()[0]?.toFixed(1)} on ${os.cpus().length} CPUs`);
}

main().catch((error: unknown) => {
  // A bench prints; it never fails the build.
  console.log(`capacity board: ${error instanceof Error ? error.message : String(error)}`);
});
