/**
 * Capacity domain cost: board + plan (incl. Monte Carlo, 10,000 trials per lane) for generated projects of
 * 1k / 5k / 10k issues, and the JSON size of the board view model sent to the browser. Goals (issue 11):
 * compute < 50 ms, board payload < 500 KB with paged cells. Prints; never fails.
 * Monte Carlo's cost follows weeks-to-finish (open issues ÷ weekly throughput), not the issue count: the
 * generated history scales with the project, so that ratio is the same at every size.
 * Run: npx tsx bench/capacity.ts
 */
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import {
  addDays,
  analyse,
  boardView,
  mulberry32,
  parseSettings,
  planView,
  type CapacityIssue,
  type CapacitySettings
} from '../src/capacity/domain';

const TODAY = '2026-11-30';
const PEOPLE = 30;
const random = mulberry32(11);
const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;

function settings(): CapacitySettings {
  const people = Array.from({ length: PEOPLE }, (_, i) => ({
    accountId: `user-${i}`,
    hoursPerWeek: pick([40, 35, 32, 28, 20]),
    shares: i < 6 ? { website: 1 } : i < 10 ? { crm: 0.5 } : i < 12 ? { mobile: 0.8 } : {}
  }));
  const timeOff = Array.from({ length: 40 }, (_, i) => {
    const start = Math.floor(random() * 90) - 20;
    return {
      accountId: `user-${i % PEOPLE}`,
      start: addDays(TODAY, start),
      end: addDays(TODAY, start + Math.floor(random() * 8)),
      startHalfDay: random() < 0.2
    };
  });
  const parsed = parseSettings({
    lanes: [
      { id: 'website', name: 'Refonte du site', kind: 'dedicated', owner: 'user-0', wipLimit: 8 },
      { id: 'crm', name: 'CRM', kind: 'dedicated', end: addDays(TODAY, 40) },
      { id: 'mobile', name: 'Mobile', kind: 'dedicated', start: addDays(TODAY, 10) },
      { id: 'run', name: 'Run', kind: 'run', wipLimit: 20 },
      { id: 'experiments', name: 'Expérimentations', kind: 'experiments' }
    ],
    people,
    timeOff,
    rules: [
      { field: 'epic', value: 'WEB-1', lane: 'website' },
      { field: 'label', value: 'crm', lane: 'crm' },
      { field: 'component', value: 'Mobile', lane: 'mobile' },
      { field: 'issueType', value: 'Experiment', lane: 'experiments' }
    ]
  });
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
  return parsed.value;
}

function issues(count: number): CapacityIssue[] {
  return Array.from({ length: count }, (_, i): CapacityIssue => {
    const roll = random();
    const done = roll < 0.3;
    const who = Math.floor(random() * (PEOPLE + 5));
    return {
      id: String(10000 + i),
      key: `TAN-${i + 1}`,
      summary: `Generated issue ${i + 1} with a summary of a realistic length for a card`,
      type: random() < 0.05 ? 'Experiment' : pick(['Story', 'Task', 'Bug']),
      statusCategory: done ? 'done' : roll < 0.45 ? 'indeterminate' : 'new',
      rank: i,
      assignee:
        who < PEOPLE + 2
          ? {
              accountId: `user-${who}`,
              displayName: `Person ${who}`,
              avatarUrl: `https://avatars.example/${who}`
            }
          : null,
      remainingEstimateSeconds: random() < 0.5 ? Math.floor(random() * 16 + 1) * 3600 : null,
      originalEstimateSeconds: random() < 0.7 ? Math.floor(random() * 24 + 1) * 3600 : null,
      storyPoints: null,
      targetDate: random() < 0.2 ? addDays(TODAY, Math.floor(random() * 120)) : null,
      resolutionDate: done ? addDays(TODAY, -Math.floor(random() * 84)) : null,
      epicKey: random() < 0.15 ? 'WEB-1' : null,
      labels: random() < 0.1 ? ['crm'] : [],
      components: random() < 0.05 ? ['Mobile'] : []
    };
  });
}

// CPU time of this single-threaded process is the figure: wall clock on a shared machine measures the neighbours.
const RUNS = 15;
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const s = settings();
console.log(`capacity: ${s.lanes.length} lanes, ${PEOPLE} people, ${s.timeOff.length} time-off entries`);
for (const count of [1000, 5000, 10000]) {
  const input = { today: TODAY, settings: s, issues: issues(count) };
  const times: number[] = [];
  const cpuTimes: number[] = [];
  let board = boardView(analyse(input));
  let plan = planView(analyse(input));
  // Warm-up lets the JIT settle, as in a warm Forge function.
  for (let run = 0; run < 5; run++) planView(analyse(input));
  for (let run = 0; run < RUNS; run++) {
    const cpuStart = process.cpuUsage();
    const start = performance.now();
    const analysis = analyse(input);
    board = boardView(analysis);
    plan = planView(analysis);
    times.push(performance.now() - start);
    const cpu = process.cpuUsage(cpuStart);
    cpuTimes.push((cpu.user + cpu.system) / 1000);
  }
  const boardBytes = Buffer.byteLength(JSON.stringify(board));
  const planBytes = Buffer.byteLength(JSON.stringify(plan));
  const open = board.lanes.reduce((sum, l) => sum + l.cells.todo.total + l.cells.inProgress.total, 0);
  console.log(
    `capacity: ${count.toLocaleString('en')} issues (${open} open): board + plan + Monte Carlo ${median(cpuTimes).toFixed(1)} CPU-ms median of ${RUNS} (goal < 50 ms; wall clock median ${median(times).toFixed(1)} ms, min ${Math.min(...times).toFixed(1)} ms); board JSON ${(boardBytes / 1024).toFixed(1)} KB (goal < 500 KB), plan JSON ${(planBytes / 1024).toFixed(1)} KB`
  );
}
console.log(`capacity: load average ${os.loadavg()[0]?.toFixed(1)} on ${os.cpus().length} CPUs`);
