import fc from 'fast-check';
import {
  CapacityModel,
  addDays,
  analyse,
  monteCarlo,
  parseSettings,
  isWorkingDay,
  periodAt,
  planView,
  toDay,
  walkLane,
  whatIf,
  type CapacityIssue,
  type CapacitySettings,
  type CapacitySettingsInput
} from '../../src/capacity/domain';

const TODAY = '2026-11-30';
const LANES: CapacitySettingsInput['lanes'] = [
  { id: 'website', name: 'Website', kind: 'dedicated' },
  { id: 'crm', name: 'CRM', kind: 'dedicated', start: '2026-12-02', end: '2026-12-20' },
  { id: 'run', name: 'Run', kind: 'run' },
  { id: 'experiments', name: 'Experiments', kind: 'experiments' }
];

const dayOffset = fc.integer({ min: -20, max: 60 });
const timeOffArb = (accounts: string[]) =>
  fc
    .record({
      who: fc.constantFrom(...accounts),
      from: dayOffset,
      length: fc.integer({ min: 0, max: 10 }),
      startHalfDay: fc.boolean(),
      endHalfDay: fc.boolean()
    })
    .map(({ who, from, length, startHalfDay, endHalfDay }) => ({
      accountId: who,
      start: addDays(TODAY, from),
      end: addDays(TODAY, from + length),
      startHalfDay,
      endHalfDay
    }));

const settingsArb: fc.Arbitrary<CapacitySettings> = fc
  .array(
    fc.record({
      hoursPerWeek: fc.integer({ min: 0, max: 45 }),
      website: fc.integer({ min: 0, max: 100 }),
      crm: fc.integer({ min: 0, max: 100 })
    }),
    { minLength: 1, maxLength: 6 }
  )
  .chain((people) => {
    const accounts = people.map((_, i) => `p${i}`);
    return fc
      .record({
        timeOff: fc.array(timeOffArb(accounts), { maxLength: 6 }),
        futureOps: fc.integer({ min: 0, max: 4 }),
        experimentsShare: fc.constantFrom(0.05, 0.08, 0.1)
      })
      .map(({ timeOff, futureOps, experimentsShare }) => {
        const parsed = parseSettings({
          lanes: LANES,
          people: people.map((p, i) => {
            // Scale shares so they never exceed 100 % together.
            const total = Math.max(100, p.website + p.crm);
            return {
              accountId: accounts[i],
              hoursPerWeek: p.hoursPerWeek,
              shares: { website: p.website / total, crm: p.crm / total }
            };
          }),
          timeOff,
          rules: [
            { field: 'label', value: 'web', lane: 'website' },
            { field: 'label', value: 'crm', lane: 'crm' },
            { field: 'issueType', value: 'Experiment', lane: 'experiments' }
          ],
          futureOpsHoursPerWeek: futureOps,
          experimentsShare
        });
        if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
        return parsed.value;
      });
  });

let counter = 0;
const issueArb: fc.Arbitrary<CapacityIssue> = fc
  .record({
    label: fc.constantFrom('web', 'crm', 'other'),
    experiment: fc.boolean(),
    status: fc.constantFrom('new' as const, 'indeterminate' as const),
    remaining: fc.option(fc.integer({ min: 0, max: 80 }), { nil: null }),
    original: fc.option(fc.integer({ min: 1, max: 80 }), { nil: null }),
    rank: fc.integer({ min: 0, max: 1000 }),
    target: fc.option(fc.integer({ min: 0, max: 60 }), { nil: null })
  })
  .map((r) => {
    counter++;
    return {
      id: `id-${counter}`,
      key: `K-${counter}`,
      summary: 'x',
      type: r.experiment ? 'Experiment' : 'Task',
      statusCategory: r.status,
      rank: r.rank,
      assignee: null,
      remainingEstimateSeconds: r.remaining === null ? null : r.remaining * 3600,
      originalEstimateSeconds: r.original === null ? null : r.original * 3600,
      storyPoints: null,
      targetDate: r.target === null ? null : addDays(TODAY, r.target),
      resolutionDate: null,
      epicKey: null,
      labels: [r.label],
      components: []
    };
  });

const periods = [-1, 0, 1, 2, 3];
function laneCapacities(settings: CapacitySettings): number[][] {
  const model = new CapacityModel(settings, TODAY);
  return periods.map((offset) => Array.from(model.inPeriod(periodAt(settings.period, TODAY, offset)).lanes));
}

describe('capacity properties', () => {
  it('adding an issue never lowers any lane load', () => {
    fc.assert(
      fc.property(settingsArb, fc.array(issueArb, { maxLength: 30 }), issueArb, (settings, issues, extra) => {
        const before = analyse({ today: TODAY, settings, issues });
        const after = analyse({ today: TODAY, settings, issues: [...issues, extra] });
        after.lanes.forEach((lane, i) => {
          expect(lane.loadHours).toBeGreaterThanOrEqual(before.lanes[i]!.loadHours);
          expect(lane.unestimatedCount).toBeGreaterThanOrEqual(before.lanes[i]!.unestimatedCount);
        });
      }),
      { numRuns: 60 }
    );
  });

  it('time off never raises any lane capacity, in any period', () => {
    fc.assert(
      fc.property(
        settingsArb,
        fc.integer({ min: 0, max: 5 }),
        dayOffset,
        fc.boolean(),
        (s, who, from, half) => {
          const person = s.people[who % s.people.length]!;
          const before = laneCapacities(s);
          const entry = {
            accountId: person.accountId,
            start: addDays(TODAY, from),
            end: addDays(TODAY, from + 3),
            startHalfDay: half,
            endHalfDay: false
          };
          const after = laneCapacities({ ...s, timeOff: [...s.timeOff, entry] });
          after.forEach((lanes, p) =>
            lanes.forEach((hours, l) => expect(hours).toBeLessThanOrEqual(before[p]![l]! + 1e-9))
          );
        }
      ),
      { numRuns: 60 }
    );
  });

  it('a dedicated member never counts twice: the team is the sum of its people, each giving their available hours once', () => {
    fc.assert(
      fc.property(settingsArb, (s) => {
        const team = laneCapacities(s);
        const alone = s.people.map((person) => {
          const only = {
            ...s,
            people: [person],
            timeOff: s.timeOff.filter((t) => t.accountId === person.accountId)
          };
          const model = new CapacityModel(only, TODAY);
          return periods.map((offset) => {
            const period = periodAt(s.period, TODAY, offset);
            const lanes = Array.from(model.inPeriod(period).lanes);
            const hours = model.personBetween(person.accountId, period.startDay, period.endDay)!;
            expect(lanes.reduce((a, b) => a + b, 0)).toBeCloseTo(hours.available, 6);
            return lanes;
          });
        });
        team.forEach((lanes, p) =>
          lanes.forEach((hours, l) =>
            expect(hours).toBeCloseTo(
              alone.reduce((sum, person) => sum + person[p]![l]!, 0),
              6
            )
          )
        );
      }),
      { numRuns: 60 }
    );
  });

  it('lane capacities plus protected time equal the people gross hours, day by day', () => {
    fc.assert(
      fc.property(settingsArb, fc.integer({ min: -10, max: 40 }), (s, offset) => {
        const model = new CapacityModel(s, TODAY);
        const day = model.onDay(toDay(TODAY) + offset);
        const lanes = Array.from(day.lanes).reduce((a, b) => a + b, 0);
        expect(lanes + day.protectedHours).toBeCloseTo(day.grossHours, 6);
        const period = model.inPeriod(periodAt(s.period, TODAY, offset % 4));
        const total = Array.from(period.lanes).reduce((a, b) => a + b, 0);
        expect(total + period.protectedHours).toBeCloseTo(period.grossHours, 6);
      }),
      { numRuns: 100 }
    );
  });

  it('forecast finishes never go backwards in rank order, and a missed target is really late', () => {
    fc.assert(
      fc.property(settingsArb, fc.array(issueArb, { maxLength: 30 }), (settings, issues) => {
        const analysis = analyse({ today: TODAY, settings, issues });
        for (const lane of analysis.lanes) {
          let last = -Infinity;
          for (const e of lane.open) {
            if (e.finishDay === null) continue;
            expect(e.finishDay).toBeGreaterThanOrEqual(Math.max(last, toDay(TODAY)));
            last = e.finishDay;
          }
        }
        for (const lane of planView(analysis).lanes)
          for (const missed of lane.missedTargets) {
            if (missed.forecastDate === null) continue;
            expect(missed.forecastDate > missed.targetDate).toBe(true);
            expect(missed.byWorkingDays).toBeGreaterThanOrEqual(1);
          }
      }),
      { numRuns: 60 }
    );
  });

  it('the forecast walk that jumps ahead once nothing changes gives the days of a plain day-by-day walk', () => {
    fc.assert(
      fc.property(
        settingsArb,
        fc.array(fc.option(fc.integer({ min: 0, max: 120 }), { nil: null }), { maxLength: 25 }),
        fc.integer({ min: 0, max: 3 }),
        (s, estimates, laneIndex) => {
          const model = new CapacityModel(s, TODAY);
          const today = toDay(TODAY);
          const walk = walkLane(model, laneIndex, today, estimates);
          const plain: Array<number | null> = estimates.map(() => null);
          let supplied = 0;
          let needed = 0;
          let next = 0;
          for (let day = today; day < today + 800 && next < estimates.length; day++) {
            if (!isWorkingDay(day)) continue;
            supplied += model.laneOnDay(laneIndex, day);
            while (next < estimates.length) {
              const estimate = estimates[next];
              if (estimate === null || estimate === undefined) {
                next++;
                continue;
              }
              if (supplied + 1e-9 < needed + estimate) break;
              needed += estimate;
              plain[next++] = day;
            }
          }
          plain.forEach((day, i) => {
            if (day !== null) expect(walk.finishes[i]).toBe(day);
          });
        }
      ),
      { numRuns: 100 }
    );
  });

  it('Monte Carlo is reproducible with a seed and P50 <= P85', () => {
    fc.assert(
      fc.property(
        fc
          .array(fc.integer({ min: 0, max: 12 }), { minLength: 4, maxLength: 12 })
          .filter((w) => w.some((n) => n > 0)),
        fc.integer({ min: 1, max: 60 }),
        fc.integer(),
        (weekly, open, seed) => {
          const today = toDay(TODAY);
          const first = monteCarlo(today, open, weekly, seed, 500);
          expect(monteCarlo(today, open, weekly, seed, 500)).toEqual(first);
          if (first.status !== 'forecast') throw new Error(first.status);
          if (first.p50Weeks !== null && first.p85Weeks !== null) {
            expect(first.p50Weeks).toBeLessThanOrEqual(first.p85Weeks);
            expect(first.p50Day!).toBeLessThanOrEqual(first.p85Day!);
          }
        }
      ),
      { numRuns: 60 }
    );
  });

  it('what-if never mutates its inputs', () => {
    fc.assert(
      fc.property(settingsArb, fc.array(issueArb, { maxLength: 20 }), (settings, issues) => {
        const input = { today: TODAY, settings, issues };
        const frozen = JSON.stringify(input);
        whatIf(input, [
          { kind: 'setShare', accountId: settings.people[0]!.accountId, laneId: 'website', share: 0 },
          {
            kind: 'addTimeOff',
            entry: { accountId: settings.people[0]!.accountId, start: TODAY, end: TODAY }
          },
          { kind: 'addPerson', person: { accountId: 'new', hoursPerWeek: 40, shares: { website: 1 } } },
          { kind: 'dropIssues', laneId: 'run' }
        ]);
        expect(JSON.stringify(input)).toBe(frozen);
      }),
      { numRuns: 30 }
    );
  });
});
