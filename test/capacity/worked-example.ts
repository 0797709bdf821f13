import { parseSettings, type CapacityIssue, type CapacitySettings } from '../../src/capacity/domain';

/** The worked example of docs/capacity.md: every figure there is asserted in worked-example.test.ts. */
export const TODAY = '2026-11-30'; // a Monday

const parsed = parseSettings({
  lanes: [
    {
      id: 'website',
      name: 'Refonte du site',
      kind: 'dedicated',
      owner: 'alice',
      wipLimit: 3,
      colour: 'purple'
    },
    { id: 'run', name: 'Run', kind: 'run', colour: 'gray' },
    { id: 'experiments', name: 'Expérimentations', kind: 'experiments', colour: 'teal' }
  ],
  people: [
    { accountId: 'alice', hoursPerWeek: 40, shares: { website: 0.5 } },
    { accountId: 'bob', hoursPerWeek: 32 },
    { accountId: 'chloe', hoursPerWeek: 20, shares: { website: 1 } }
  ],
  timeOff: [
    { accountId: 'bob', start: '2026-12-02', end: '2026-12-02' },
    { accountId: 'chloe', start: '2026-12-04', end: '2026-12-04', startHalfDay: true }
  ],
  rules: [
    { field: 'epic', value: 'WEB-100', lane: 'website' },
    { field: 'issueType', value: 'Experiment', lane: 'experiments' }
  ],
  estimate: { unit: 'storyPoints', hoursPerPoint: 4 }
});
if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
export const SETTINGS: CapacitySettings = parsed.value;

const H = 3600;
let rank = 0;
export function issue(partial: Partial<CapacityIssue> & Pick<CapacityIssue, 'key'>): CapacityIssue {
  rank += 1;
  return {
    id: `id-${partial.key}`,
    summary: `Summary of ${partial.key}`,
    type: 'Story',
    statusCategory: 'new',
    rank,
    assignee: null,
    remainingEstimateSeconds: null,
    originalEstimateSeconds: null,
    storyPoints: null,
    targetDate: null,
    resolutionDate: null,
    epicKey: null,
    labels: [],
    components: [],
    ...partial
  };
}

const chloe = { accountId: 'chloe', displayName: 'Chloé Martin' };
const bob = { accountId: 'bob', displayName: 'Bob Durand' };

export const ISSUES: CapacityIssue[] = [
  issue({
    key: 'WEB-1',
    epicKey: 'WEB-100',
    statusCategory: 'indeterminate',
    assignee: chloe,
    remainingEstimateSeconds: 16 * H,
    originalEstimateSeconds: 24 * H,
    targetDate: '2026-12-01'
  }),
  issue({ key: 'WEB-2', epicKey: 'WEB-100', originalEstimateSeconds: 12 * H, targetDate: '2026-12-04' }),
  issue({ key: 'WEB-3', epicKey: 'WEB-100' }),
  issue({ key: 'WEB-4', epicKey: 'WEB-100', storyPoints: 3, targetDate: '2026-12-03' }),
  issue({ key: 'WEB-5', epicKey: 'WEB-100', remainingEstimateSeconds: 10 * H }),
  issue({ key: 'RUN-1', statusCategory: 'indeterminate', assignee: bob, remainingEstimateSeconds: 8 * H }),
  issue({ key: 'RUN-2', originalEstimateSeconds: 20 * H }),
  issue({ key: 'EXP-1', type: 'Experiment', originalEstimateSeconds: 6 * H, targetDate: '2026-12-04' }),
  issue({
    key: 'RUN-10',
    statusCategory: 'done',
    originalEstimateSeconds: 19 * H,
    remainingEstimateSeconds: 0,
    resolutionDate: '2026-11-20'
  }),
  issue({
    key: 'EXP-10',
    type: 'Experiment',
    statusCategory: 'done',
    originalEstimateSeconds: 1 * H,
    remainingEstimateSeconds: 0,
    resolutionDate: '2026-11-25'
  }),
  issue({
    key: 'WEB-10',
    epicKey: 'WEB-100',
    statusCategory: 'done',
    originalEstimateSeconds: 20 * H,
    remainingEstimateSeconds: 0,
    resolutionDate: '2026-11-30'
  })
];
