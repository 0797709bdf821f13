import type { GuardrailView, PolicyOverview } from '../../src/contract/guardrails';
import type { Result } from '../../src/contract/result';
import { DEFAULT_POLICY, type Policy } from '../../src/guardrails/domain/policy';
import { POLICY_KEYS } from '../../src/guardrails/policy-store';
import type { IssueDoc } from '../../preview/backend/types';
import { GROUPS, USERS, issue, project } from '../support/site-seeds';
import { createTestSite, type TestSite } from '../support/test-site';
import { withBirthDate } from '../support/page-definitions';

/**
 * Approver groups by id (issue #9): Jira administrators rename groups, and a renamed group must
 * keep its approvals working, while a new group given the old name must not inherit them. A policy
 * stored before ids existed names its groups only: it is migrated once, by name, through
 * GET /group/bulk; a name Jira does not know is an admin warning and lets nobody decide.
 */

const PRIVACY = 'tandem-privacy-reviewers';
const RENAMED = 'Privacy & data reviewers';

const requester = USERS.requester.accountId;
const approver = USERS.approver.accountId;
const admin = USERS.admin.accountId;
const browseOnly = USERS.browseOnly.accountId;

let t: TestSite;
let issueId: string;

afterEach(() => {
  t.expectClean();
  t.close();
});

function setup(): void {
  t = createTestSite(
    {
      groups: [{ name: PRIVACY }],
      users: [{ ...USERS.approver, groups: [GROUPS.approvers, PRIVACY] }],
      projects: [
        project({
          key: 'GRD',
          name: 'Guarded pages',
          roles: {
            Administrators: { users: [admin] },
            Members: { groups: [GROUPS.marketing] },
            Viewers: { users: [browseOnly, approver] }
          }
        })
      ],
      issues: [issue({ project: 'GRD', summary: 'Spring landing page', reporter: requester })]
    },
    {}
  );
  issueId = t.site.docs.all<IssueDoc>('issues').find((doc) => doc.key === 'GRD-1')!.id;
}

/** A policy as stored before group ids existed: version 1, names only. */
function storeNamesOnlyPolicy(): void {
  const record = {
    number: 1,
    policy: { ...DEFAULT_POLICY, version: 'site-v1' },
    savedAt: '2026-01-05T09:00:00.000Z',
    savedBy: admin
  };
  t.site.kvs.handle('/api/v1/set', { key: POLICY_KEYS.version(1), value: record });
  t.site.kvs.handle('/api/v1/set', { key: POLICY_KEYS.current, value: record });
}

function storedPolicy(): Policy {
  return (t.site.kvs.dump()[POLICY_KEYS.current] as { policy: Policy }).policy;
}

const groupId = (name: string) =>
  t.site.docs.all<{ name: string; groupId: string }>('groups').find((g) => g.name === name)!.groupId;

async function call<T>(accountId: string, key: string, payload?: unknown): Promise<Result<T>> {
  return t.asUser(accountId).invoke<Result<T>>(key, payload);
}

async function must<T>(accountId: string, key: string, payload?: unknown): Promise<T> {
  const result = await call<T>(accountId, key, payload);
  if (!result.ok) throw new Error(`${key} as ${accountId}: ${result.error.code} ${result.error.message}`);
  return result.data;
}

const bulkLookups = () => t.exchanges.filter((ex) => ex.path === '/rest/api/3/group/bulk').length;

async function requestT2Approval(): Promise<void> {
  await must<GuardrailView>(requester, 'guardrails/save', { issueId, definition: withBirthDate() });
  const requested = await must<GuardrailView>(requester, 'guardrails/request-approval', { issueId });
  expect(requested.approval.state).toBe('requested');
}

describe('approver groups by id', () => {
  it('keeps approvals working when the group is renamed in Jira, migrating a names-only policy once', async () => {
    setup();
    storeNamesOnlyPolicy();
    await requestT2Approval();

    // The approver sees they may decide; the stored policy now carries the group's id.
    const seen = await must<GuardrailView>(approver, 'guardrails/get', { issueId });
    expect(seen.permissions.canDecide).toBe(true);
    expect(storedPolicy().tiers.T2).toMatchObject({
      approverGroup: PRIVACY,
      approverGroupId: groupId(PRIVACY)
    });
    expect(storedPolicy().version).toBe('site-v1');
    const lookupsAfterMigration = bulkLookups();

    t.site.renameGroup(PRIVACY, RENAMED);

    const after = await must<GuardrailView>(approver, 'guardrails/get', { issueId });
    expect(after.permissions.canDecide).toBe(true);
    const decided = await must<GuardrailView>(approver, 'guardrails/decide', {
      issueId,
      decision: 'approve'
    });
    expect(decided.approval.state).toBe('approved');
    // Only the IT group (which this site lacks) is still looked up by name: the privacy group's id is stored.
    const lookups = t.exchanges
      .filter((ex) => ex.path === '/rest/api/3/group/bulk')
      .slice(lookupsAfterMigration);
    for (const ex of lookups) expect(ex.query.groupName).not.toContain(PRIVACY);
  });

  it('does not let a new group that took the old name decide', async () => {
    setup();
    storeNamesOnlyPolicy();
    await requestT2Approval();
    await must<GuardrailView>(approver, 'guardrails/get', { issueId });

    t.site.renameGroup(PRIVACY, RENAMED);
    // Jira gives a new group a new id (the preview would derive the old one from the name).
    t.site.addGroup(PRIVACY, '7a1f3c52-9e0b-4d6a-b8c4-2f5e1d0a9b37');
    t.site.addToGroup(PRIVACY, browseOnly);

    const impostor = await must<GuardrailView>(browseOnly, 'guardrails/get', { issueId });
    expect(impostor.permissions.canDecide).toBe(false);
    const refused = await call(browseOnly, 'guardrails/decide', { issueId, decision: 'approve' });
    expect(refused).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    const view = await must<GuardrailView>(requester, 'guardrails/get', { issueId });
    expect(view.approval.state).toBe('requested');
  });

  it('warns the admin of a group name Jira does not know, and nobody can decide for it', async () => {
    setup();
    t.site.kvs.handle('/api/v1/set', {
      key: POLICY_KEYS.current,
      value: {
        number: 1,
        policy: {
          ...DEFAULT_POLICY,
          version: 'site-v1',
          tiers: {
            ...DEFAULT_POLICY.tiers,
            T2: { ...DEFAULT_POLICY.tiers.T2, approverGroup: 'privacy-typo' }
          }
        },
        savedAt: '2026-01-05T09:00:00.000Z',
        savedBy: admin
      }
    });
    // The approver belongs to a group of that name nowhere: it does not exist.
    await requestT2Approval();
    const seen = await must<GuardrailView>(approver, 'guardrails/get', { issueId });
    expect(seen.permissions.canDecide).toBe(false);
    expect(await call(approver, 'guardrails/decide', { issueId, decision: 'approve' })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' }
    });

    const overview = await must<PolicyOverview>(admin, 'guardrails/policy-get', {});
    expect(overview.groupWarnings).toEqual([
      { field: 'tiers.T2.approverGroup', group: 'privacy-typo' },
      { field: 'tiers.T3.approverGroup', group: DEFAULT_POLICY.tiers.T3.approverGroup },
      { field: 'itApproverGroup', group: DEFAULT_POLICY.itApproverGroup }
    ]);
  });

  it('saves the id of each group the admin names, and looks a renamed field up afresh', async () => {
    setup();
    t.site.addGroup('web-privacy');
    const first = await must<PolicyOverview>(admin, 'guardrails/policy-save', {
      policy: DEFAULT_POLICY,
      basedOn: DEFAULT_POLICY.version
    });
    expect(first.current.tiers.T2.approverGroupId).toBe(groupId(PRIVACY));
    // The editor changes the name but sends the old id back: the id must follow the name.
    const second = await must<PolicyOverview>(admin, 'guardrails/policy-save', {
      policy: {
        ...first.current,
        tiers: { ...first.current.tiers, T2: { ...first.current.tiers.T2, approverGroup: 'web-privacy' } }
      },
      basedOn: first.current.version
    });
    expect(second.current.tiers.T2).toMatchObject({
      approverGroup: 'web-privacy',
      approverGroupId: groupId('web-privacy')
    });
    // This site has no DPO nor IT reviewers group.
    expect(second.groupWarnings).toEqual([
      { field: 'tiers.T3.approverGroup', group: DEFAULT_POLICY.tiers.T3.approverGroup },
      { field: 'itApproverGroup', group: DEFAULT_POLICY.itApproverGroup }
    ]);
  });

  it('e-mails the approver group by its id once the policy knows it, so a renamed group still gets the request', async () => {
    setup();
    await must<PolicyOverview>(admin, 'guardrails/policy-save', {
      policy: DEFAULT_POLICY,
      basedOn: DEFAULT_POLICY.version
    });
    t.site.renameGroup(PRIVACY, RENAMED);
    await requestT2Approval();
    const requested = t.notifications.filter((n) => n.issueKey === 'GRD-1');
    expect(requested).toHaveLength(1);
    expect((requested[0]!.to as { groups: unknown[] }).groups).toEqual([
      { name: PRIVACY, groupId: groupId(RENAMED) }
    ]);
  });
});
