import { analyse, boardCellPage, boardView, capacityViews, whatIf } from '../../src/capacity/domain';
import { ISSUES, SETTINGS, TODAY, issue } from './worked-example';

const input = { today: TODAY, settings: SETTINGS, issues: ISSUES };

describe('board paging', () => {
  const many = Array.from({ length: 45 }, (_, i) =>
    issue({ key: `RUN-${100 + i}`, originalEstimateSeconds: 3600 })
  );
  const analysis = analyse({ ...input, issues: [...ISSUES, ...many] });

  it('shows the first cards of a cell with the total, and pages the rest in rank order', () => {
    const board = boardView(analysis, { pageSize: 10 });
    const run = board.lanes.find((l) => l.id === 'run');
    expect(run?.cells.todo.total).toBe(46);
    expect(run?.cells.todo.cards.map((c) => c.key).slice(0, 3)).toEqual(['RUN-2', 'RUN-100', 'RUN-101']);
    expect(run?.cells.todo.cards).toHaveLength(10);
    const page = boardCellPage(analysis, 'run', 'todo', 40, 10);
    expect(page?.offset).toBe(40);
    expect(page?.total).toBe(46);
    expect(page?.cards.map((c) => c.key)).toEqual([
      'RUN-139',
      'RUN-140',
      'RUN-141',
      'RUN-142',
      'RUN-143',
      'RUN-144'
    ]);
    expect(boardCellPage(analysis, 'nope', 'todo', 0)).toBeNull();
  });
});

describe('what-if', () => {
  it('adding a person to the website lane brings its clear date forward, without saving anything', () => {
    const result = whatIf(input, [
      { kind: 'addPerson', person: { accountId: 'dan', hoursPerWeek: 40, shares: { website: 1 } } }
    ]);
    if (!result.ok) throw new Error(JSON.stringify(result.issues));
    const website = result.deltas.find((d) => d.laneId === 'website');
    // Dan adds 7.6 h a day: 15 h a day Monday to Thursday, so the 50 h are reached on Thursday.
    expect(website).toEqual({
      laneId: 'website',
      capacityHoursBefore: 35.2,
      capacityHoursAfter: 73.2,
      clearBefore: { status: 'dated', date: '2026-12-08' },
      clearAfter: { status: 'dated', date: '2026-12-03' }
    });
    // WEB-1 (16 h, due Tuesday) and WEB-4 (due Thursday, done Wednesday) now hold.
    expect(result.plan.lanes.find((l) => l.id === 'website')?.missedTargets).toEqual([]);
    expect(SETTINGS.people.map((p) => p.accountId)).toEqual(['alice', 'bob', 'chloe']);
  });

  it('moving Alice fully to the website and dropping its last issue changes the plan as expected', () => {
    const result = whatIf(input, [
      { kind: 'setShare', accountId: 'alice', laneId: 'website', share: 1 },
      { kind: 'dropIssues', laneId: 'website', issueIds: ['id-WEB-5'] }
    ]);
    if (!result.ok) throw new Error(JSON.stringify(result.issues));
    const website = result.plan.lanes.find((l) => l.id === 'website');
    expect(website?.capacityHours).toBe(54.2); // 35.2 + Alice's other 19 h
    expect(website?.loadHours).toBe(40);
    expect(result.plan.lanes.find((l) => l.id === 'run')?.capacityHours).toBe(21.6); // 24 × 0.9
  });

  it('time off added or removed moves the clear date', () => {
    const off = whatIf(input, [
      { kind: 'addTimeOff', entry: { accountId: 'alice', start: '2026-11-30', end: '2026-12-04' } }
    ]);
    if (!off.ok) throw new Error('refused');
    expect(off.deltas.find((d) => d.laneId === 'website')?.capacityHoursAfter).toBe(16.2);
    const back = whatIf(input, [{ kind: 'removeTimeOff', index: 1 }]);
    if (!back.ok) throw new Error('refused');
    expect(back.deltas.find((d) => d.laneId === 'website')?.capacityHoursAfter).toBe(37);
  });

  it('refuses a change the settings page would refuse, with the same message', () => {
    const result = whatIf(input, [{ kind: 'setShare', accountId: 'chloe', laneId: 'website', share: 1.5 }]);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.issues.map((i) => `${i.path}: ${i.message.en}`)).toEqual([
      'people[2].shares.website: at most 1'
    ]);
  });
});

describe('view models', () => {
  it('board and plan are plain JSON (what a resolver returns as is)', () => {
    const views = capacityViews(input);
    expect(JSON.parse(JSON.stringify(views))).toEqual(views);
  });
});
