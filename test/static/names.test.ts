import type { Principal } from '../../preview/backend/types';
import { SYSTEM_ACTOR } from '../../src/contract/guardrails';
import { BULK_SIZE, lookupAll } from '../../static/common/names';
import { USERS } from '../support/site-seeds';
import { createTestSite, type TestSite } from '../support/test-site';

/**
 * The panel's display names: everyone a screen names in one bulk call to the embedded Jira (its
 * answers checked against Atlassian's OpenAPI document), never one GET /user per person.
 */

let t: TestSite;
const viewer: Principal = { kind: 'user', accountId: USERS.requester.accountId };

jest.mock('@forge/bridge', () => ({
  requestJira: (path: string, init?: { headers?: Record<string, string> }) =>
    t.site.request('jira', viewer, path, { method: 'GET', ...(init ?? {}) })
}));

beforeEach(() => {
  t = createTestSite();
});

afterEach(() => {
  t.expectClean();
  t.close();
});

const userCalls = () => t.exchanges.filter((ex) => ex.path.startsWith('/rest/api/3/user'));

describe('display names', () => {
  it('asks for everyone on screen in bulk calls of at most BULK_SIZE, and never twice for the same person', async () => {
    const known = [USERS.requester, USERS.approver, USERS.admin, USERS.browseOnly];
    const unknown = Array.from(
      { length: BULK_SIZE + 6 },
      (_, i) => `5b10ac8d82e05b22cc7d${String(i).padStart(4, '0')}`
    );
    const ids = [...known.map((u) => u.accountId), SYSTEM_ACTOR, ...unknown];
    const names = await Promise.all(lookupAll(ids));
    expect(names.slice(0, known.length)).toEqual(known.map((u) => u.displayName));
    expect(names[known.length]).toBe('Tandem');
    expect(names.slice(known.length + 1).every((name) => name === null)).toBe(true);
    expect(userCalls().map((ex) => ex.path)).toEqual(['/rest/api/3/user/bulk', '/rest/api/3/user/bulk']);
    expect(userCalls().every((ex) => ex.status === 200 && ex.asUser)).toBe(true);

    await Promise.all(lookupAll([USERS.approver.accountId, USERS.admin.accountId]));
    expect(userCalls()).toHaveLength(2);
  });
});
