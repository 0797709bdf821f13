import { ForbiddenError } from '../../src/platform/errors';
import { pageAccess, requirePageEdit, requirePageView, type PageAccess } from '../../src/platform/confluence';
import { createTestSite, type TestSite } from '../support/test-site';
import { USERS } from '../support/site-seeds';

/**
 * Page permissions asked as the user through the embedded Confluence, every exchange checked
 * against the Confluence v2 document and refused by the runtime if manifest.yml's scopes do not
 * cover it. The app's real manifest; the probe stands in for one function's handler so the
 * checks run inside a user invocation, as they do in a resolver.
 */
let t: TestSite;
let probe: (accountId: string) => Promise<unknown>;
let body: () => Promise<unknown>;

beforeEach(() => {
  t = createTestSite(
    {
      spaces: [
        {
          key: 'MKTG',
          name: 'Marketing',
          viewers: { groups: ['marketing', 'it-approvers'] },
          editors: { groups: ['marketing'] }
        }
      ],
      pages: [
        { id: '2001', spaceKey: 'MKTG', title: 'Retro S12', authorId: USERS.requester.accountId },
        {
          id: '2002',
          spaceKey: 'MKTG',
          title: 'Private',
          authorId: USERS.requester.accountId,
          restrictions: { read: { users: [USERS.requester.accountId] } }
        },
        {
          id: '2003',
          spaceKey: 'MKTG',
          title: 'Locked',
          authorId: USERS.requester.accountId,
          restrictions: { update: { users: [USERS.admin.accountId] } }
        }
      ]
    },
    { handlers: { issuePanelResolver: () => body() } }
  );
  probe = (accountId) => t.runtime.fireTrigger('issue-panel-resolver', {}, { accountId });
});

afterEach(() => {
  t.expectClean();
  t.close();
});

async function accessOf(pageId: string, who: keyof typeof USERS): Promise<PageAccess> {
  const accountId = USERS[who].accountId;
  body = () => pageAccess(pageId, accountId);
  return (await probe(accountId)) as PageAccess;
}

async function refusal(run: () => Promise<void>, who: keyof typeof USERS): Promise<string> {
  body = async () => {
    try {
      await run();
      return 'allowed';
    } catch (error) {
      if (error instanceof ForbiddenError) return `forbidden: ${error.message}`;
      throw error;
    }
  };
  return (await probe(USERS[who].accountId)) as string;
}

describe('pageAccess', () => {
  it('an editor of the space can view and edit, and gets the title and space', async () => {
    const access = await accessOf('2001', 'requester');
    expect(access).toMatchObject({ canView: true, canEdit: true, title: 'Retro S12' });
    expect(access.spaceId).toMatch(/^[0-9]+$/);
  });

  it('a viewer of the space can view, not edit', async () => {
    expect(await accessOf('2001', 'approver')).toMatchObject({ canView: true, canEdit: false });
  });

  it('someone outside the space, or kept out by a page restriction, can do nothing (404 from Confluence)', async () => {
    expect(await accessOf('2001', 'outsider')).toEqual({ canView: false, canEdit: false });
    expect(await accessOf('2002', 'approver')).toEqual({ canView: false, canEdit: false });
    expect(await accessOf('9999', 'requester')).toEqual({ canView: false, canEdit: false });
  });

  it('an update restriction leaves viewing but not editing', async () => {
    expect(await accessOf('2003', 'requester')).toMatchObject({ canView: true, canEdit: false });
  });

  it('one call per check, as the user, to the v2 page with its operations', async () => {
    await accessOf('2001', 'requester');
    const calls = t.exchanges.filter((e) => e.path.startsWith('/wiki/'));
    expect(calls).toHaveLength(1);
    expect(calls[0]).toMatchObject({ method: 'GET', path: '/wiki/api/v2/pages/2001' });
    expect(t.contractViolations).toEqual([]);
  });
});

describe('requirePageView / requirePageEdit', () => {
  it('let through who may, refuse who may not with FORBIDDEN', async () => {
    expect(await refusal(() => requirePageView('2001', USERS.approver.accountId), 'approver')).toBe(
      'allowed'
    );
    expect(await refusal(() => requirePageEdit('2001', USERS.requester.accountId), 'requester')).toBe(
      'allowed'
    );
    expect(await refusal(() => requirePageEdit('2001', USERS.approver.accountId), 'approver')).toBe(
      'forbidden: You cannot edit page 2001'
    );
    expect(await refusal(() => requirePageView('2002', USERS.approver.accountId), 'approver')).toBe(
      'forbidden: You cannot view page 2002'
    );
    expect(await refusal(() => requirePageEdit('2002', USERS.outsider.accountId), 'outsider')).toBe(
      'forbidden: You cannot view page 2002'
    );
  });
});
