import { publishWith } from '../../src/guardrails/enforcement/publish';
import { KEYS as PROVISIONING_KEYS, IDLE_RUN } from '../../src/issue-types/records';
import { forgeStore } from '../../src/platform/store';
import { USERS } from '../support/site-seeds';
import {
  createGuardrailSite,
  GRD_ISSUES,
  IT,
  itUser,
  logsOf,
  PRIVACY,
  type GuardrailSite
} from '../support/guardrail-site';
import { compliantPage, withBirthDate } from '../support/page-definitions';

/**
 * After each write the resolvers publish the change: the JQL-indexed issue property and Jira's
 * e-mail notifications (approvers on a request, requester and reporter on a decision), each at
 * most once per approval revision, in the set-up language, with every user value escaped.
 */

const requester = USERS.requester.accountId;
const approver = USERS.approver.accountId;

let g: GuardrailSite;

beforeEach(() => {
  g = createGuardrailSite();
});

afterEach(() => {
  g.t.expectClean();
  g.t.close();
});

const save = (definition: unknown, key?: string) => g.save(definition, key);
const requestApproval = (key?: string) => g.requestApproval(key);
const decide = (decision: 'approve' | 'reject', reason?: string, who = approver, key?: string) =>
  g.decide(decision, { ...(reason ? { reason } : {}), who, ...(key ? { issueKey: key } : {}) });

async function jql(query: string, who = requester): Promise<string[]> {
  const response = await g.rest({ kind: 'user', accountId: who }, 'POST', '/rest/api/3/search/jql', {
    jql: query,
    fields: ['summary'],
    maxResults: 50
  });
  expect(response.status).toBe(200);
  return ((response.body.issues ?? []) as { key: string }[]).map((i) => i.key).sort();
}

describe('the issue property copy', () => {
  it('is written as the app after a save, with the documented shape', async () => {
    const view = await save(withBirthDate());
    expect(g.property(GRD_ISSUES.page)).toEqual({
      decision: 'approval',
      approval: 'none',
      tier: 'T2',
      mayGoLive: false,
      policyVersion: view.evaluation.policyVersion,
      definitionHash: view.definitionHash,
      updatedAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/) as unknown
    });
    const puts = g.t.exchanges.filter(
      (ex) =>
        ex.method === 'PUT' &&
        ex.path === `/rest/api/3/issue/${g.id(GRD_ISSUES.page)}/properties/tandemGuardrail`
    );
    expect(puts).toHaveLength(1);
    expect(puts[0]?.asUser).toBe(false);
  });

  it('follows requests and decisions, and JQL finds it through the manifest’s search aliases', async () => {
    await save(withBirthDate());
    await save(compliantPage(), GRD_ISSUES.second);
    expect(await jql('tandemDecision = approval')).toEqual([GRD_ISSUES.page]);
    expect(await jql('tandemDecision = go')).toEqual([GRD_ISSUES.second]);
    await requestApproval();
    expect(await jql('tandemApproval = requested ORDER BY updated')).toEqual([GRD_ISSUES.page]);
    expect(await jql('project = GRD AND tandemTier IN (T2, T3)')).toEqual([GRD_ISSUES.page]);
    await decide('approve');
    expect(await jql('tandemApproval = requested')).toEqual([]);
    expect(await jql('tandemApproval = approved AND tandemDecision = approval')).toEqual([GRD_ISSUES.page]);
    // Only the paths manifest.yml declares are indexed, as in Jira: mayGoLive is not one.
    expect(await jql('issue.property[tandemGuardrail].mayGoLive = true')).toEqual([]);
    expect(g.property(GRD_ISSUES.page)).toMatchObject({ approval: 'approved', mayGoLive: true });
  });

  it('a failed copy never fails the write; the failure is logged', async () => {
    const fault = g.t.site.faults.inject({
      product: 'jira',
      method: 'PUT',
      pathPattern: /properties/,
      status: 500
    });
    const view = await save(withBirthDate());
    expect(view.evaluation.decision).toBe('approval');
    expect(fault.hits()).toBeGreaterThan(0);
    expect(g.property(GRD_ISSUES.page)).toBeUndefined();
    g.t.site.faults.clear();
    // Direct call with the test's logger: resolves, logs.
    g.t.site.faults.inject({ product: 'jira', method: 'PUT', pathPattern: /properties/, status: 500 });
    await expect(
      publishWith(g.deps, { kind: 'saved', issueId: g.id(GRD_ISSUES.page), state: view, actor: requester })
    ).resolves.toBeUndefined();
    expect(logsOf(g.t).join('\n')).toMatch(/could not copy the guardrail state to the issue property/);
    g.t.site.faults.clear();
    // Nothing trusted the copy: the validator still recomputes from KVS.
    const verdict = await g.t.runtime.runValidator('validate-guardrail', {
      issue: { key: GRD_ISSUES.page },
      transition: { from: { id: '1' }, to: { id: '2' } }
    });
    expect(verdict.result).toBe(false);
  });

  it('refuses an id that is not an issue id without calling Jira', async () => {
    const view = await save(compliantPage());
    const before = g.t.exchanges.length;
    await publishWith(g.deps, { kind: 'saved', issueId: '../../x', state: view, actor: requester });
    expect(g.t.exchanges.length).toBe(before);
  });
});

describe('notifications', () => {
  it('a request goes to the groups that must approve, with the issue and tier; HTML escaped', async () => {
    await save(withBirthDate());
    await requestApproval();
    expect(g.t.notifications).toHaveLength(1);
    const notice = g.t.notifications[0]!;
    expect(notice.issueKey).toBe(GRD_ISSUES.page);
    expect(notice.by).toEqual({ kind: 'app' });
    expect(notice.to).toEqual({ groups: [{ name: PRIVACY }] });
    expect(notice.restrict).toEqual({ permissions: [{ key: 'BROWSE' }] });
    expect(notice.subject).toBe('[GRD-1] Approval requested – Spring <b>landing</b> page');
    expect(notice.textBody).toContain('Approval is requested for page GRD-1 (Spring <b>landing</b> page).');
    expect(notice.textBody).toContain(`Tier T2: members of ${PRIVACY} must approve or reject it`);
    expect(notice.htmlBody).toContain('Spring &lt;b&gt;landing&lt;/b&gt; page');
    expect(notice.htmlBody).not.toContain('<b>landing');
  });

  it('an approval goes to the requester and the reporter, with its expiry', async () => {
    await save(withBirthDate());
    await requestApproval();
    const view = await decide('approve');
    const notices = g.t.notifications;
    expect(notices).toHaveLength(2);
    const notice = notices[1]!;
    expect(notice.to).toEqual({ users: [{ accountId: requester }], reporter: true });
    expect(notice.subject).toBe('[GRD-1] Page approved – Spring <b>landing</b> page');
    expect(notice.textBody).toContain(
      `The approval is valid until ${view.approval.record?.expiresAt?.slice(0, 10) ?? ''}`
    );
  });

  it('a rejection carries the reason, escaped in HTML', async () => {
    await save(withBirthDate());
    await requestApproval();
    await decide('reject', 'No <script>alert(1)</script> & no birth dates');
    const notice = g.t.notifications[1]!;
    expect(notice.subject).toBe('[GRD-1] Approval rejected – Spring <b>landing</b> page');
    expect(notice.textBody).toContain('Reason: No <script>alert(1)</script> & no birth dates');
    expect(notice.htmlBody).toContain('No &lt;script&gt;alert(1)&lt;/script&gt; &amp; no birth dates');
    expect(notice.htmlBody).not.toMatch(/<script/i);
  });

  it('a partial grant says who approved and who is still expected', async () => {
    await save({ ...withBirthDate(), scripts: [{ url: 'https://cdn.tracker.example/t.js' }] });
    await requestApproval();
    expect(g.t.notifications[0]?.to).toEqual({ groups: [{ name: PRIVACY }, { name: IT }] });
    await decide('approve');
    const partial = g.t.notifications[1]!;
    expect(partial.subject).toMatch(/^\[GRD-1\] Approval partly granted/);
    expect(partial.textBody).toContain(`is approved by ${PRIVACY}.`);
    expect(partial.textBody).toContain(`It still needs approval from ${IT} before it may go live.`);
    await decide('approve', undefined, itUser.accountId);
    expect(g.t.notifications[2]?.subject).toMatch(/^\[GRD-1\] Page approved/);
    expect(g.t.notifications).toHaveLength(3);
  });

  it('at most once per approval revision: publishing the same change again sends nothing', async () => {
    await save(withBirthDate());
    const requested = await requestApproval();
    expect(g.t.notifications).toHaveLength(1);
    await publishWith(g.deps, {
      kind: 'requested',
      issueId: g.id(GRD_ISSUES.page),
      state: requested,
      actor: requester
    });
    await publishWith(g.deps, {
      kind: 'requested',
      issueId: g.id(GRD_ISSUES.page),
      state: requested,
      actor: requester
    });
    expect(g.t.notifications).toHaveLength(1);
    const decided = await decide('reject', 'Not now');
    await publishWith(g.deps, {
      kind: 'decided',
      issueId: g.id(GRD_ISSUES.page),
      state: decided,
      actor: approver
    });
    expect(g.t.notifications).toHaveLength(2);
    // A new request is a new revision: its approvers hear about it.
    await save({ ...withBirthDate(), title: 'Second try' });
    await requestApproval();
    expect(g.t.notifications).toHaveLength(3);
    expect(g.t.notifications[2]?.subject).toMatch(/Approval requested/);
  });

  it('a notify Jira refuses is released and sent on the next attempt', async () => {
    await save(withBirthDate());
    g.t.site.faults.inject({
      product: 'jira',
      method: 'POST',
      pathPattern: /\/notify$/,
      status: 400,
      times: 1
    });
    const requested = await requestApproval();
    expect(g.t.notifications).toHaveLength(0);
    await publishWith(g.deps, {
      kind: 'requested',
      issueId: g.id(GRD_ISSUES.page),
      state: requested,
      actor: requester
    });
    expect(g.t.notifications).toHaveLength(1);
  });

  it('speaks the set-up language', async () => {
    await forgeStore.set(PROVISIONING_KEYS.run, { ...IDLE_RUN, language: 'fr' });
    await save(withBirthDate());
    await requestApproval();
    await decide('reject', 'Pas de date de naissance');
    const [request, rejection] = g.t.notifications;
    expect(request?.subject).toBe('[GRD-1] Approbation demandée – Spring <b>landing</b> page');
    expect(request?.textBody).toContain(`Niveau T2 : les membres de ${PRIVACY} doivent approuver ou refuser`);
    expect(rejection?.subject).toMatch(/^\[GRD-1\] Approbation refusée/);
    expect(rejection?.textBody).toContain('Motif : Pas de date de naissance');
  });

  it('saving sends nothing', async () => {
    await save(withBirthDate());
    await save(compliantPage());
    expect(g.t.notifications).toEqual([]);
  });
});
