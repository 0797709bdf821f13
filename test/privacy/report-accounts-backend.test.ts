import { closeAccount, reportAccounts, updateAccount } from '../../preview/backend/personal-data';
import { createTestSite, type TestSite } from '../support/test-site';
import { USERS } from '../support/site-seeds';

/**
 * The embedded back end's answer to POST /app/report-accounts. Atlassian publishes no OpenAPI
 * document for it, so its request shape is checked by hand (preview/backend/personal-data.ts):
 * these cases are what a malformed report gets.
 */

let t: TestSite;
beforeEach(() => {
  t = createTestSite();
});
afterEach(() => t.close());

const at = '2026-11-01T00:00:00.000Z';
const account = (accountId: string, updatedAt = at) => ({ accountId, updatedAt });

describe('POST /app/report-accounts in the preview', () => {
  it('answers 204 when no reported account changed, 200 with only the closed and updated ones', () => {
    expect(reportAccounts(t.site, { accounts: [account(USERS.requester.accountId)] })).toEqual([204]);
    closeAccount(t.site, USERS.requester.accountId);
    updateAccount(t.site, USERS.approver.accountId, new Date('2026-11-02T00:00:00.000Z'));
    updateAccount(t.site, USERS.admin.accountId, new Date('2026-10-02T00:00:00.000Z'));
    expect(
      reportAccounts(t.site, {
        accounts: [
          account(USERS.requester.accountId),
          account(USERS.approver.accountId),
          account(USERS.admin.accountId)
        ]
      })
    ).toEqual([
      200,
      {
        accounts: [
          { accountId: USERS.requester.accountId, status: 'closed' },
          { accountId: USERS.approver.accountId, status: 'updated' }
        ]
      }
    ]);
  });

  it('refuses a malformed report with 400 and a message naming the field', () => {
    const bad: [unknown, RegExp][] = [
      [{}, /accounts: a non-empty array/],
      [{ accounts: [] }, /accounts: a non-empty array/],
      [{ accounts: Array.from({ length: 91 }, (_, i) => account(`id-${i}`)) }, /at most 90/],
      [{ accounts: [{ accountId: 'a' }] }, /accounts\[0\]\.updatedAt/],
      [{ accounts: [account('a', 'yesterday')] }, /accounts\[0\]\.updatedAt/],
      [{ accounts: [{ ...account('a'), email: 'a@example.com' }] }, /unexpected field email/],
      [{ accounts: [account('a')], cursor: 'x' }, /unexpected field cursor/]
    ];
    for (const [body, message] of bad) {
      const [status, answer] = reportAccounts(t.site, body);
      expect(status).toBe(400);
      expect(JSON.stringify(answer)).toMatch(message);
    }
  });
});
