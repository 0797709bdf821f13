import {
  formatDateTime,
  formatHours,
  formatNumber,
  formatRelative,
  formatTime,
  plural,
  pluralCategory
} from '../../static/common/format';

/** Dates, numbers, durations and plurals follow the locale and time zone of the Forge context (issue #10). */

const FR = { tag: 'fr-FR', timeZone: 'Europe/Paris' };
const US = { tag: 'en-US', timeZone: 'America/New_York' };
const NNBSP = '\u202f';

describe('locale-aware formatting', () => {
  it('shows an instant in the user’s own time zone', () => {
    const iso = '2026-11-25T09:42:00Z';
    expect(formatTime(iso, FR)).toBe('10:42');
    expect(formatTime(iso, US)).toBe('04:42');
    expect(formatDateTime(iso, FR)).toBe('25 nov. 2026, 10:42');
    expect(formatDateTime(iso, US)).toMatch(/^Nov 25, 2026, 4:42\sAM$/);
    expect(formatTime('not a date', FR)).toBeUndefined();
  });

  it('groups and separates numbers the French way (narrow no-break space, decimal comma)', () => {
    expect(formatNumber(1234.5, FR)).toBe(`1${NNBSP}234,5`);
    expect(formatNumber(1234.5, US)).toBe('1,234.5');
  });

  it('uses French plural rules, where 0 and 1 are both singular', () => {
    expect(pluralCategory(0, FR)).toBe('one');
    expect(pluralCategory(1, FR)).toBe('one');
    expect(pluralCategory(2, FR)).toBe('other');
    expect(pluralCategory(0, US)).toBe('other');
    expect(plural(0, FR, { one: 'projet', other: 'projets' })).toBe('projet');
    expect(plural(0, US, { one: 'project', other: 'projects' })).toBe('projects');
  });

  it('writes relative times and durations in the user’s language', () => {
    const now = new Date('2026-11-25T12:00:00Z');
    expect(formatRelative('2026-11-28T12:00:00Z', now, FR)).toBe('dans 3 jours');
    expect(formatRelative('2026-11-25T10:00:00Z', now, US)).toBe('2 hours ago');
    expect(formatRelative('2026-11-24T12:00:00Z', now, FR)).toBe('hier');
    expect(formatHours(36, FR)).toMatch(/^36[\u00a0\u202f]heures$/);
    expect(formatHours(1.5, US)).toBe('1.5 hours');
  });
});
