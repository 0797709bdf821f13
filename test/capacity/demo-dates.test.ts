import { buildDatedDemoSeed, demoWeeksUntil, shiftDatesInText } from '../../preview/demo/dated';
import { buildDemoSeed, DEMO_EPOCH, DEMO_IDS } from '../../preview/demo/demo';
import type { PreviewSeed } from '../../preview/demo/schema';
import {
  analyse,
  boardView,
  parseSettings,
  planView,
  type CapacityIssue,
  type StatusCategory
} from '../../src/capacity/domain';

/**
 * The preview seeds the demo in the week it starts (the lanes page reads the real clock): on any
 * day, the board shows this period's time off, work done this week, 12 weeks of history and
 * target dates of which some cannot hold. The clock is an input, so these runs are reproducible.
 */

const CATEGORY: Record<string, StatusCategory> = {
  'To Do': 'new',
  'In Progress': 'indeterminate',
  'In Review': 'indeterminate',
  Done: 'done'
};

/** MKT's issues as the board's Jira read would hand them to the domain (ids are the keys). */
function capacityInput(seed: PreviewSeed, today: string) {
  const capacity = seed.app?.capacity?.MKT;
  const parsed = parseSettings(capacity?.settings);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
  const epics = new Set((seed.issues ?? []).filter((i) => i.issuetype === 'Epic').map((i) => i.key));
  const issues: CapacityIssue[] = (seed.issues ?? [])
    .filter((i) => i.project === 'MKT')
    .map((i, rank) => {
      const category = CATEGORY[i.status ?? 'To Do'] ?? 'new';
      const target = i.fields?.[DEMO_IDS.targetLaunchField];
      return {
        id: i.key ?? String(rank),
        key: i.key ?? String(rank),
        summary: i.summary,
        type: i.issuetype,
        statusCategory: category,
        rank,
        assignee: i.assignee ? { accountId: i.assignee, displayName: i.assignee } : null,
        remainingEstimateSeconds: i.timeestimate ?? null,
        originalEstimateSeconds: i.timeoriginalestimate ?? null,
        storyPoints: null,
        targetDate: typeof target === 'string' ? target.slice(0, 10) : null,
        // The preview resolves a done issue when it was last updated (SEED-FORMAT.md).
        resolutionDate: category === 'done' ? (i.resolved ?? i.updated ?? '').slice(0, 10) || null : null,
        epicKey: i.parent && epics.has(i.parent) ? i.parent : null,
        labels: i.labels ?? [],
        components: i.components ?? []
      };
    });
  return { today, settings: parsed.value, issues, overrides: capacity?.overrides ?? {} };
}

const dayOf = (ms: number) => new Date(ms).toISOString().slice(0, 10);

describe('demo seed: dated to the week the preview starts', () => {
  // Tuesday 1 December 2026, 10:00 UTC: eight weeks after the demo's epoch.
  const NOW = Date.UTC(2026, 11, 1, 10, 0, 0);

  it('moves by whole weeks, turning at the epoch’s Monday 08:00', () => {
    expect(demoWeeksUntil(DEMO_EPOCH)).toBe(0);
    expect(demoWeeksUntil(NOW)).toBe(8);
    // Monday 30 November, 07:59: still the previous week, so no update lies in the future.
    expect(demoWeeksUntil(Date.UTC(2026, 10, 30, 7, 59))).toBe(7);
    expect(demoWeeksUntil(Date.UTC(2026, 10, 30, 8, 0))).toBe(8);
    expect(demoWeeksUntil(Date.UTC(2026, 8, 30))).toBe(-1);
  });

  it('shifts dates alone, inside date-times and inside prose, and nothing else', () => {
    expect(shiftDatesInText('2026-10-05', 14)).toBe('2026-10-19');
    expect(shiftDatesInText('2026-10-05T08:00:00.000Z', 7)).toBe('2026-10-12T08:00:00.000Z');
    expect(shiftDatesInText('Date d’arrêt : 2026-12-30.', 7)).toBe('Date d’arrêt : 2027-01-06.');
    expect(shiftDatesInText('712020:1234-56-78ab', 7)).toBe('712020:1234-56-78ab');
    expect(shiftDatesInText('2026-13-45', 7)).toBe('2026-13-45');
  });

  it('is the same seed for the same instant, and the fixed demo at the epoch', () => {
    expect(JSON.stringify(buildDatedDemoSeed(NOW))).toBe(JSON.stringify(buildDatedDemoSeed(NOW)));
    expect(JSON.stringify(buildDatedDemoSeed(DEMO_EPOCH))).toBe(JSON.stringify(buildDemoSeed()));
  });

  it('puts nothing in the future that the story places in the past', () => {
    const seed = buildDatedDemoSeed(NOW);
    for (const issue of seed.issues ?? []) {
      expect(Date.parse(issue.created ?? '') <= NOW).toBe(true);
      expect(Date.parse(issue.updated ?? '') <= NOW).toBe(true);
    }
    expect(Date.parse(seed.app?.capacity?.MKT?.savedAt ?? '') <= NOW).toBe(true);
  });

  it('shows current-period figures on the board and the plan: time off, done work, history, missed targets', () => {
    const today = dayOf(NOW);
    const input = capacityInput(buildDatedDemoSeed(NOW), today);
    const analysis = analyse(input);
    const board = boardView(analysis);
    const plan = planView(analysis);
    expect(board.period).toEqual({ start: '2026-11-30', end: '2026-12-06', workingDays: 5 });

    // Léa's day and a half off falls in this very week: the run lane gets less than promised.
    const lea = input.settings.timeOff.find((t) => t.endHalfDay);
    expect(lea && lea.start >= board.period.start && lea.end <= board.period.end).toBe(true);

    // Work was resolved this week, and the 12 weeks before it feed Monte Carlo.
    const doneThisPeriod = board.lanes.reduce((n, lane) => n + lane.cells.done.total, 0);
    expect(doneThisPeriod).toBeGreaterThan(0);
    const rebuild = plan.lanes.find((lane) => lane.id === 'refonte-site');
    expect(rebuild?.monteCarlo.status).toBe('forecast');
    expect(rebuild?.monteCarlo.status === 'forecast' && rebuild.monteCarlo.p50! > today).toBe(true);

    // Some target dates cannot hold, and they are judged against this week, not October's.
    const missed = plan.lanes.flatMap((lane) => lane.missedTargets);
    expect(missed.length).toBeGreaterThan(0);
    for (const target of missed)
      expect(target.forecastDate === null || target.forecastDate >= today).toBe(true);
    expect(plan.lanes.some((lane) => lane.clear.status === 'dated' && lane.clear.date >= today)).toBe(true);
  });

  it('the fixed demo read on the real day would look dead: nothing done this period, this week’s time off long past', () => {
    const input = capacityInput(buildDemoSeed(), dayOf(NOW));
    const board = boardView(analyse(input));
    expect(board.lanes.reduce((n, lane) => n + lane.cells.done.total, 0)).toBe(0);
    const lea = input.settings.timeOff.find((t) => t.endHalfDay);
    expect(lea && lea.end < board.period.start).toBe(true);
  });
});
