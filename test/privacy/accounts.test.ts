import {
  AccountInventory,
  batches,
  isReportable,
  reportDue,
  REPORT_BATCH_SIZE
} from '../../src/privacy/domain/accounts';
import { eraseApproval, eraseSettings } from '../../src/privacy/domain/records';
import { pseudonymFor } from '../../src/privacy/pseudonym';

describe('pseudonyms', () => {
  it('are stable for one installation, differ between installations, and are never reported', () => {
    const a = pseudonymFor('salt-of-site-a-0123456789', '5b10a2844c20165700ede21g');
    expect(pseudonymFor('salt-of-site-a-0123456789', '5b10a2844c20165700ede21g')).toBe(a);
    expect(pseudonymFor('salt-of-site-b-0123456789', '5b10a2844c20165700ede21g')).not.toBe(a);
    expect(pseudonymFor('salt-of-site-a-0123456789', '5b10ac8d82e05b22cc7d4ef5')).not.toBe(a);
    expect(a).toMatch(/^closed-account-[0-9a-f]{20}$/);
    expect(isReportable(a)).toBe(false);
    expect(isReportable('tandem')).toBe(false);
    expect(isReportable('5b10a2844c20165700ede21g')).toBe(true);
  });
});

describe('the inventory', () => {
  it('keeps one entry per account with the latest time Tandem stored something about it', () => {
    const inventory = new AccountInventory();
    inventory.add([
      { accountId: 'b', at: '2026-11-01T00:00:00.000Z' },
      { accountId: 'a', at: '2026-10-01T00:00:00.000Z' },
      { accountId: 'b', at: '2026-11-20T00:00:00.000Z' },
      { accountId: 'b', at: '2026-11-05T00:00:00.000Z' },
      { accountId: 'c' },
      { accountId: 'tandem', at: '2026-11-05T00:00:00.000Z' }
    ]);
    expect(inventory.accounts('2026-12-01T00:00:00.000Z')).toEqual([
      { accountId: 'a', updatedAt: '2026-10-01T00:00:00.000Z' },
      { accountId: 'b', updatedAt: '2026-11-20T00:00:00.000Z' },
      { accountId: 'c', updatedAt: '2026-12-01T00:00:00.000Z' }
    ]);
  });

  it('splits accounts at the API limit of 90', () => {
    expect(REPORT_BATCH_SIZE).toBe(90);
    expect(batches(Array.from({ length: 181 }, (_, i) => i)).map((b) => b.length)).toEqual([90, 90, 1]);
    expect(batches([])).toEqual([]);
  });
});

describe('the 7-day cycle', () => {
  const last = '2026-12-01T03:00:00.000Z';
  it('is due on the first run and once the last complete report is a week old', () => {
    expect(reportDue(undefined, new Date(last))).toBe(true);
    expect(reportDue(last, new Date('2026-12-07T03:00:00.000Z'))).toBe(false);
    // A daily trigger firing a few minutes early on day 7 still reports that day.
    expect(reportDue(last, new Date('2026-12-08T02:50:00.000Z'))).toBe(true);
  });
});

describe('erase rules', () => {
  const closed = new Set(['gone']);
  const pseudonym = (id: string) => `closed-account-${id}`;

  it('leave a record that names no closed account untouched (null: nothing is written)', () => {
    const approval = {
      revision: 2,
      record: { requestedBy: 'kept', grants: [{ group: 'g', by: 'other', at: 'x' }] }
    };
    expect(eraseApproval(approval, closed, pseudonym)).toBeNull();
    const settings = {
      settings: { lanes: [], people: [{ accountId: 'kept' }], timeOff: [] },
      directory: {},
      savedBy: 'kept'
    };
    expect(eraseSettings(settings, closed, pseudonym)).toBeNull();
  });

  it('pseudonymise every role in an approval and drop the reporter copy', () => {
    const approval = {
      revision: 3,
      record: {
        state: 'approved',
        requestedBy: 'gone',
        reporter: 'gone',
        grants: [
          { group: 'g1', by: 'gone', at: 'x' },
          { group: 'g2', by: 'other', at: 'y' }
        ],
        decidedBy: 'other'
      }
    };
    expect(eraseApproval(approval, closed, pseudonym)).toEqual({
      revision: 3,
      record: {
        state: 'approved',
        requestedBy: 'closed-account-gone',
        grants: [
          { group: 'g1', by: 'closed-account-gone', at: 'x' },
          { group: 'g2', by: 'other', at: 'y' }
        ],
        decidedBy: 'other'
      }
    });
  });
});
