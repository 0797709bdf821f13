import { ABANDONED_AFTER_MS, IDLE_RUN, isAbandoned } from '../../src/issue-types/records';

describe('isAbandoned', () => {
  const now = Date.parse('2026-11-25T12:00:00Z');
  const at = (msAgo: number) => new Date(now - msAgo).toISOString();

  it('a running run is abandoned only when no worker holds the lock', () => {
    const run = { ...IDLE_RUN, status: 'running' as const };
    expect(isAbandoned(run, true, now)).toBe(false);
    expect(isAbandoned(run, false, now)).toBe(true);
  });

  it('a queued run or a retry is abandoned only once long overdue', () => {
    const queued = { ...IDLE_RUN, status: 'queued' as const, requestedAt: at(60_000) };
    expect(isAbandoned(queued, false, now)).toBe(false);
    expect(isAbandoned({ ...queued, requestedAt: at(ABANDONED_AFTER_MS + 1) }, false, now)).toBe(true);
    const waiting = { ...IDLE_RUN, status: 'waiting-retry' as const, nextAttemptAt: at(-600_000) };
    expect(isAbandoned(waiting, false, now)).toBe(false);
    expect(isAbandoned({ ...waiting, nextAttemptAt: at(ABANDONED_AFTER_MS + 1) }, false, now)).toBe(true);
  });
});
