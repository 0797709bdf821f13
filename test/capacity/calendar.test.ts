import fc from 'fast-check';
import {
  addDays,
  fromDay,
  isIsoDate,
  isWorkingDay,
  nthWorkingDay,
  periodAt,
  toDay,
  weekdayOfDay,
  workingDaysAfter,
  workingDaysIn
} from '../../src/capacity/domain';

const day = fc.integer({ min: toDay('2020-01-01'), max: toDay('2035-12-31') });

describe('capacity calendar', () => {
  it('reads and writes ISO dates without time zones and refuses impossible ones', () => {
    expect(isIsoDate('2026-11-30')).toBe(true);
    expect(isIsoDate('2026-02-30')).toBe(false);
    expect(isIsoDate('2026-1-05')).toBe(false);
    expect(isIsoDate('2026-11-30T00:00:00Z')).toBe(false);
    expect(() => toDay('30/11/2026')).toThrow(RangeError);
    expect(weekdayOfDay(toDay('2026-11-30'))).toBe(0); // Monday
    expect(weekdayOfDay(toDay('2026-12-06'))).toBe(6); // Sunday
    // 2027-03-28 is the night clocks go forward in Paris: still exactly one day later.
    expect(addDays('2027-03-27', 1)).toBe('2027-03-28');
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
  });

  it('counts working days Monday to Friday', () => {
    expect(workingDaysIn(toDay('2026-11-30'), toDay('2026-12-06'))).toBe(5);
    expect(workingDaysAfter(toDay('2026-12-04'), toDay('2026-12-07'))).toBe(1); // Friday → Monday
    expect(workingDaysAfter(toDay('2026-12-05'), toDay('2026-12-05'))).toBe(0);
    expect(fromDay(nthWorkingDay(toDay('2026-12-05'), 1))).toBe('2026-12-07');
    expect(fromDay(nthWorkingDay(toDay('2026-12-04'), 2))).toBe('2026-12-07');
  });

  it('counts and steps working days the same as walking them one by one', () => {
    fc.assert(
      fc.property(day, fc.integer({ min: 0, max: 60 }), (from, span) => {
        let walked = 0;
        for (let d = from + 1; d <= from + span; d++) if (isWorkingDay(d)) walked++;
        expect(workingDaysAfter(from, from + span)).toBe(walked);
      })
    );
    fc.assert(
      fc.property(day, fc.integer({ min: 1, max: 40 }), (start, n) => {
        let d = start - 1;
        for (let seen = 0; seen < n;) if (isWorkingDay(++d)) seen++;
        expect(nthWorkingDay(start, n)).toBe(d);
      })
    );
  });

  it('cuts weeks Monday to Sunday and sprints from their anchor, in both directions', () => {
    expect(periodAt({ kind: 'week' }, '2026-12-03', 0)).toMatchObject({
      start: '2026-11-30',
      end: '2026-12-06',
      workingDays: 5
    });
    expect(periodAt({ kind: 'week' }, '2026-12-03', -1).start).toBe('2026-11-23');
    const sprint = { kind: 'sprint' as const, weeks: 2, anchor: '2026-11-02' };
    expect(periodAt(sprint, '2026-11-30', 0)).toMatchObject({
      start: '2026-11-30',
      end: '2026-12-13',
      workingDays: 10
    });
    expect(periodAt(sprint, '2026-10-20', 0)).toMatchObject({ start: '2026-10-19', end: '2026-11-01' });
    expect(periodAt(sprint, '2026-11-30', 2).start).toBe('2026-12-28');
  });
});
