import {
  DEFAULT_SEED,
  analyse,
  assignLane,
  capacityViews,
  monteCarlo,
  parseSettings,
  periodsToClear,
  toDay,
  weeklyThroughput,
  type CapacityIssue,
  type CapacitySettings,
  type CapacitySettingsInput
} from '../../src/capacity/domain';
import { issue } from './worked-example';

const H = 3600;
function settings(input: CapacitySettingsInput): CapacitySettings {
  const parsed = parseSettings(input);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
  return parsed.value;
}
const LANES: CapacitySettingsInput['lanes'] = [
  { id: 'website', name: 'Website', kind: 'dedicated' },
  { id: 'crm', name: 'CRM', kind: 'dedicated' },
  { id: 'run', name: 'Run', kind: 'run' },
  { id: 'experiments', name: 'Experiments', kind: 'experiments' }
];

describe('lane assignment', () => {
  const s = settings({
    lanes: LANES,
    rules: [
      { field: 'label', value: 'crm', lane: 'crm' },
      { field: 'epic', value: 'WEB-1', lane: 'website' },
      { field: 'component', value: 'Site', lane: 'website' },
      { field: 'issueType', value: 'experiment', lane: 'experiments' }
    ]
  });
  const base = issue({ key: 'X-1' });

  it('uses the first matching rule, in order, and the run lane when none matches', () => {
    expect(assignLane({ ...base, epicKey: 'web-1', labels: ['crm'] }, s)).toEqual({
      laneId: 'crm',
      source: 'rule',
      ruleIndex: 0
    });
    expect(assignLane({ ...base, epicKey: 'WEB-1' }, s).laneId).toBe('website');
    expect(assignLane({ ...base, components: ['Site'] }, s).laneId).toBe('website');
    expect(assignLane({ ...base, type: 'Experiment' }, s).laneId).toBe('experiments');
    expect(assignLane(base, s)).toEqual({ laneId: 'run', source: 'default', ruleIndex: null });
  });

  it('lets a manual override win over the rules, unless its lane was deleted', () => {
    const crmIssue = { ...base, labels: ['crm'] };
    expect(assignLane(crmIssue, s, { [base.id]: 'website' })).toEqual({
      laneId: 'website',
      source: 'override',
      ruleIndex: null
    });
    expect(assignLane(crmIssue, s, { [base.id]: 'deleted-lane' }).laneId).toBe('crm');
  });
});

describe('rule 9 and the no-capacity case', () => {
  it('rounds periods to clear up and never divides by zero', () => {
    expect(periodsToClear(0, 0)).toBe(0);
    expect(periodsToClear(10, 5)).toBe(2);
    expect(periodsToClear(10.5, 5)).toBe(3);
    expect(periodsToClear(0.3, 0.1 + 0.2)).toBe(1);
    expect(periodsToClear(10, 0)).toBeNull();
  });

  it('a lane with work and nobody dedicated warns "no capacity" and dates nothing', () => {
    const s = settings({ lanes: LANES, people: [{ accountId: 'a', hoursPerWeek: 40 }] });
    const issues = [
      issue({ key: 'CRM-1', labels: ['x'], remainingEstimateSeconds: 5 * H, targetDate: '2026-12-10' })
    ];
    const { board, plan } = capacityViews({
      today: '2026-11-30',
      settings: s,
      issues,
      overrides: { 'id-CRM-1': 'crm' }
    });
    const crm = board.lanes.find((l) => l.id === 'crm');
    expect(crm).toMatchObject({ capacityHours: 0, loadHours: 5, loadRatio: null, periodsToClear: null });
    expect(crm?.warnings.map((w) => w.message)).toEqual([
      {
        en: "No capacity: 5 h of work and nobody's hours this period",
        fr: 'Aucune capacité : 5 h de travail et personne de disponible sur la période'
      }
    ]);
    const planned = plan.lanes.find((l) => l.id === 'crm');
    expect(planned?.clear).toEqual({ status: 'noCapacity' });
    expect(planned?.missedTargets).toEqual([
      expect.objectContaining({ key: 'CRM-1', forecastDate: null, byWorkingDays: null })
    ]);
  });
});

describe('dedicated lanes are temporary', () => {
  it('gives shares to the lane only between its dates; outside them they return to the pool', () => {
    const s = settings({
      lanes: [
        { id: 'website', name: 'Website', kind: 'dedicated', start: '2026-12-01', end: '2026-12-03' },
        { id: 'run', name: 'Run', kind: 'run' }
      ],
      people: [{ accountId: 'a', hoursPerWeek: 42, shares: { website: 1 } }]
    });
    const { plan } = capacityViews({ today: '2026-11-30', settings: s, issues: [] });
    // 8 h a day after 0.4 h of protected time; Tue–Thu to the website, Mon and Fri to run.
    expect(plan.lanes.map((l) => [l.id, l.periodCapacityHours[0], l.periodCapacityHours[1]])).toEqual([
      ['website', 24, 0],
      ['run', 16, 40]
    ]);
  });
});

describe('warnings', () => {
  const s = settings({
    lanes: [
      { id: 'website', name: 'Website', kind: 'dedicated', wipLimit: 1 },
      { id: 'run', name: 'Run', kind: 'run' }
    ],
    people: [
      { accountId: 'ana', hoursPerWeek: 40, shares: { website: 1 } },
      { accountId: 'ben', hoursPerWeek: 40, wipLimit: 2 }
    ],
    timeOff: [{ accountId: 'ana', start: '2026-12-01', end: '2026-12-03' }],
    rules: [{ field: 'label', value: 'web', lane: 'website' }]
  });
  const ana = { accountId: 'ana', displayName: 'Ana' };
  const ben = { accountId: 'ben', displayName: 'Ben' };
  const zoe = { accountId: 'zoe', displayName: 'Zoé' };
  const wip = (key: string, who: typeof ana, hours: number, labels: string[] = []): CapacityIssue =>
    issue({
      key,
      labels,
      statusCategory: 'indeterminate',
      assignee: who,
      remainingEstimateSeconds: hours * H
    });
  const issues = [
    wip('W-1', ana, 10, ['web']),
    wip('W-2', ana, 10, ['web']),
    wip('R-1', ben, 1),
    wip('R-2', ben, 1),
    wip('R-3', ben, 1),
    ...['Z-1', 'Z-2', 'Z-3', 'Z-4'].map((key) => wip(key, zoe, 0))
  ];
  // Thursday: Ana is off until tonight, so only Friday is left this week (7.6 h available).
  const analysis = analyse({ today: '2026-12-03', settings: s, issues });
  const website = analysis.lanes.find((l) => l.lane.id === 'website');
  const { board } = capacityViews({ today: '2026-12-03', settings: s, issues });

  it('starved: this period gives the lane under 80 % of what it was promised', () => {
    // Promised 5 × 7.6 = 38 h; three days off leave 15.2 h (40 %).
    expect(website?.promisedHours).toBeCloseTo(38, 9);
    expect(website?.warnings).toContainEqual({ code: 'starved', capacityHours: 15.2, promisedHours: 38 });
  });

  it('protected time eaten: in-progress work beyond the hours left this period, on the person and lane', () => {
    const eaten = {
      code: 'protectedTimeEaten',
      accountId: 'ana',
      displayName: 'Ana',
      assignedHours: 20,
      availableHours: 7.6
    };
    expect(analysis.people.find((p) => p.accountId === 'ana')?.warnings).toContainEqual(eaten);
    expect(website?.warnings).toContainEqual(eaten);
    const lane = board.lanes.find((l) => l.id === 'website');
    expect(lane?.warnings.find((w) => w.warning.code === 'protectedTimeEaten')?.message.fr).toBe(
      "Temps protégé entamé : Ana a 20 h en cours et 7,6 h disponibles d'ici la fin de la période"
    );
  });

  it('WIP against the lane limit and each person limit, default 3 for assignees outside the settings', () => {
    expect(website?.warnings).toContainEqual({ code: 'laneWipOver', wip: 2, limit: 1 });
    expect(
      board.people.map((p) => [p.accountId, p.wip, p.wipLimit, p.inSettings, p.warnings.length])
    ).toEqual([
      ['ana', 2, 3, true, 1],
      ['ben', 3, 2, true, 1],
      ['zoe', 4, 3, false, 1]
    ]);
    expect(board.people[2]?.warnings[0]?.message.en).toBe('Zoé: WIP 4 over the limit of 3');
  });
});

describe('rule 12: Monte Carlo on weekly throughput', () => {
  const today = toDay('2026-11-30');
  const weeksAgo = (n: number, perWeek: number) =>
    Array.from({ length: perWeek }, (_, i) => today - 7 * n + (i % 5));

  it('reads the 12 complete weeks before this one, from the first week with a resolution', () => {
    const days = [...weeksAgo(13, 5), ...weeksAgo(6, 2), ...weeksAgo(1, 3), today];
    expect(weeklyThroughput(today, days)).toEqual([2, 0, 0, 0, 0, 3]);
  });

  it('with a constant throughput every trial ends the same week', () => {
    const result = monteCarlo(today, 10, [2, 2, 2, 2, 2, 2], DEFAULT_SEED);
    expect(result).toEqual({
      status: 'forecast',
      historyWeeks: 6,
      trials: 10_000,
      p50Weeks: 5,
      p85Weeks: 5,
      p50Day: toDay('2027-01-01'),
      p85Day: toDay('2027-01-01')
    });
  });

  it('says "not enough history" below 4 weeks and is reproducible with a seed', () => {
    expect(monteCarlo(today, 10, [3, 0, 4], 1)).toEqual({ status: 'notEnoughHistory', historyWeeks: 3 });
    const weekly = [0, 5, 1, 0, 7, 2, 3, 0];
    expect(monteCarlo(today, 40, weekly, 42)).toEqual(monteCarlo(today, 40, weekly, 42));
    const result = monteCarlo(today, 40, weekly, 42);
    if (result.status !== 'forecast') throw new Error(result.status);
    // Mean 2.25 a week: about 18 weeks for 40 issues; P85 later than P50.
    expect(result.p50Weeks).toBeGreaterThanOrEqual(15);
    expect(result.p50Weeks).toBeLessThanOrEqual(21);
    expect(result.p85Weeks!).toBeGreaterThan(result.p50Weeks!);
  });

  it('the plan shows dates for a lane with history and "not enough history" for one without', () => {
    const s = settings({ lanes: LANES, people: [{ accountId: 'a', hoursPerWeek: 40 }] });
    const history: CapacityIssue[] = [];
    for (let week = 1; week <= 12; week++)
      for (let i = 0; i < 2; i++)
        history.push(
          issue({
            key: `R-${week}-${i}`,
            statusCategory: 'done',
            resolutionDate: new Date((today - 7 * week) * 86_400_000).toISOString().slice(0, 10)
          })
        );
    const open = Array.from({ length: 6 }, (_, i) => issue({ key: `R-open-${i}` }));
    const { plan } = capacityViews({ today: '2026-11-30', settings: s, issues: [...history, ...open] });
    expect(plan.lanes.find((l) => l.id === 'run')?.monteCarlo).toEqual({
      status: 'forecast',
      historyWeeks: 12,
      trials: 10_000,
      p50: '2026-12-18',
      p85: '2026-12-18',
      p50Weeks: 3,
      p85Weeks: 3
    });
    expect(plan.lanes.find((l) => l.id === 'website')?.monteCarlo).toEqual({
      status: 'notEnoughHistory',
      historyWeeks: 0
    });
  });
});

describe('inputs straight from Jira', () => {
  const s = settings({ lanes: LANES, people: [{ accountId: 'a', hoursPerWeek: 40 }] });

  it('reads timestamps by their date, and an unreadable date or a negative estimate as none', () => {
    const issues = [
      issue({
        key: 'R-1',
        statusCategory: 'done',
        originalEstimateSeconds: 7200,
        resolutionDate: '2026-12-01T18:02:11.000+0100'
      }),
      issue({
        key: 'R-2',
        remainingEstimateSeconds: -3600,
        originalEstimateSeconds: 3600,
        targetDate: 'soon'
      }),
      issue({ key: 'R-3', remainingEstimateSeconds: Number.NaN })
    ];
    const { board } = capacityViews({ today: '2026-12-02', settings: s, issues });
    const run = board.lanes.find((l) => l.id === 'run');
    expect(run?.cells.done.cards.map((c) => c.key)).toEqual(['R-1']);
    expect(run?.cells.todo.cards.map((c) => [c.key, c.estimateHours, c.targetDate])).toEqual([
      ['R-2', 1, null],
      ['R-3', null, null]
    ]);
    expect(run).toMatchObject({ loadHours: 1, unestimatedCount: 1 });
  });
});
