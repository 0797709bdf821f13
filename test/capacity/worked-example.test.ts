import { CapacityModel, capacityViews, periodAt } from '../../src/capacity/domain';
import { ISSUES, SETTINGS, TODAY } from './worked-example';

// Every figure below is computed by hand in docs/capacity.md ("Worked example").
const { board, plan } = capacityViews({ today: TODAY, settings: SETTINGS, issues: ISSUES });
const lane = (id: string) => {
  const found = board.lanes.find((l) => l.id === id);
  if (!found) throw new Error(`no lane ${id}`);
  return found;
};
const planLane = (id: string) => {
  const found = plan.lanes.find((l) => l.id === id);
  if (!found) throw new Error(`no lane ${id}`);
  return found;
};
const card = (key: string) => {
  for (const l of board.lanes)
    for (const c of [...l.cells.todo.cards, ...l.cells.inProgress.cards, ...l.cells.done.cards])
      if (c.key === key) return { lane: l.id, ...c };
  throw new Error(`no card ${key}`);
};

describe('worked example (docs/capacity.md)', () => {
  it('rules 1-4: days, gross, protected and available hours per person for the week', () => {
    const model = new CapacityModel(SETTINGS, TODAY);
    const week = periodAt(SETTINGS.period, TODAY, 0);
    const hours = (id: string) => model.personBetween(id, week.startDay, week.endDay);
    expect(hours('alice')).toEqual({ days: 5, gross: 40, protected: 2, available: 38 });
    const round = (h: ReturnType<typeof hours>) =>
      h && Object.fromEntries(Object.entries(h).map(([k, v]) => [k, Math.round(v * 1e6) / 1e6]));
    expect(round(hours('bob'))).toEqual({ days: 4, gross: 25.6, protected: 1.6, available: 24 });
    expect(round(hours('chloe'))).toEqual({ days: 4.5, gross: 18, protected: 1.8, available: 16.2 });
  });

  it('rules 5-7: lane capacities for the week, and they add up with protected time to gross hours', () => {
    expect(board.period).toEqual({ start: '2026-11-30', end: '2026-12-06', workingDays: 5 });
    expect(lane('website').capacityHours).toBe(35.2);
    expect(lane('run').capacityHours).toBe(38.7);
    expect(lane('experiments').capacityHours).toBe(4.3);
    expect(plan.protectedHours[0]).toBe(5.4);
    expect(plan.grossHours[0]).toBe(83.6);
    expect(35.2 + 38.7 + 4.3 + 5.4).toBeCloseTo(83.6, 9);
  });

  it('rule 8: remaining, else original, else story points x hours per point; none is unestimated', () => {
    expect(card('WEB-1').estimateHours).toBe(16); // remaining 16 h wins over original 24 h
    expect(card('WEB-2').estimateHours).toBe(12); // original
    expect(card('WEB-3').estimateHours).toBeNull(); // nothing: unestimated
    expect(card('WEB-4').estimateHours).toBe(12); // 3 points x 4 h
    expect(lane('website').unestimatedCount).toBe(1);
  });

  it('rule 9: load and periods to clear', () => {
    expect(lane('website')).toMatchObject({ loadHours: 50, loadRatio: 1.42, periodsToClear: 2 });
    expect(lane('run')).toMatchObject({ loadHours: 28, loadRatio: 0.72, periodsToClear: 1 });
    expect(lane('experiments')).toMatchObject({ loadHours: 6, periodsToClear: 2 });
  });

  it('rule 10: forecast finish per issue in rank order, and missed targets by working days', () => {
    expect(card('WEB-1')).toMatchObject({ forecastDate: '2026-12-02', missedByWorkingDays: 1 });
    expect(card('WEB-2')).toMatchObject({ forecastDate: '2026-12-03', missedByWorkingDays: null });
    expect(card('WEB-3')).toMatchObject({ forecastDate: null });
    expect(card('WEB-4')).toMatchObject({ forecastDate: '2026-12-07', missedByWorkingDays: 2 });
    // 50 h of cumulative estimate is reached exactly at the end of Tuesday 8 December.
    expect(card('WEB-5')).toMatchObject({ forecastDate: '2026-12-08' });
    expect(card('RUN-1').forecastDate).toBe('2026-11-30');
    expect(card('RUN-2').forecastDate).toBe('2026-12-03');
    expect(card('EXP-1')).toMatchObject({ forecastDate: '2026-12-08', missedByWorkingDays: 2 });
    expect(planLane('website').clear).toEqual({ status: 'dated', date: '2026-12-08' });
    expect(planLane('run').clear).toEqual({ status: 'dated', date: '2026-12-03' });
    expect(
      planLane('website').missedTargets.map((m) => [m.key, m.targetDate, m.forecastDate, m.byWorkingDays])
    ).toEqual([
      ['WEB-1', '2026-12-01', '2026-12-02', 1],
      ['WEB-4', '2026-12-03', '2026-12-07', 2]
    ]);
  });

  it('rule 11: the experiments share of done work over the last 4 periods is outside the band', () => {
    expect(board.experimentsShare).toEqual({ actual: 0.025, target: 0.1, min: 0.05, max: 0.1 });
    const warning = lane('experiments').warnings.find((w) => w.warning.code === 'experimentsOutsideBand');
    expect(warning?.message).toEqual({
      en: 'Experiments took 2.5 % of the work done over the last 4 periods, outside the 5 %–10 % band',
      fr: 'Les expérimentations ont pris 2,5 % du travail terminé sur les 4 dernières périodes, hors de la fourchette 5 %–10 %'
    });
  });

  it('warnings: over capacity and unestimated on the website lane, none on the run lane', () => {
    expect(lane('website').warnings.map((w) => w.warning.code)).toEqual(['overCapacity', 'unestimated']);
    expect(lane('website').warnings[0]?.message.en).toBe(
      'Over capacity: 50 h of work for 35.2 h this period'
    );
    expect(lane('website').warnings[0]?.message.fr).toBe(
      'Surcharge : 50 h de travail pour 35,2 h sur la période'
    );
    expect(lane('experiments').warnings[0]?.warning).toEqual({
      code: 'overCapacity',
      loadHours: 6,
      capacityHours: 4.3
    });
    expect(lane('run').warnings).toEqual([]);
  });

  it('the plan shows the next 6 weeks; time off only dents the first', () => {
    expect(plan.periods.map((p) => p.start)).toEqual([
      '2026-11-30',
      '2026-12-07',
      '2026-12-14',
      '2026-12-21',
      '2026-12-28',
      '2027-01-04'
    ]);
    expect(planLane('website').periodCapacityHours).toEqual([35.2, 37, 37, 37, 37, 37]);
    expect(planLane('run').periodCapacityHours).toEqual([38.7, 44.1, 44.1, 44.1, 44.1, 44.1]);
  });

  it('the board: done column holds what was resolved this period; lane header carries owner and JQL', () => {
    expect(lane('website').cells.done.cards.map((c) => c.key)).toEqual(['WEB-10']);
    expect(lane('website').cells.todo.total).toBe(4);
    expect(lane('website').jql).toBe('tandemLane = "website"');
    expect(lane('website').owner?.accountId).toBe('alice');
    expect(board.today).toBe('2026-11-30');
  });
});
