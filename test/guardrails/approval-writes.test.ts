import type { AuditPage, GuardrailView } from '../../src/contract/guardrails';
import type { Result } from '../../src/contract/result';
import type { IssueDoc } from '../../preview/backend/types';
import { REVISION_CLAIM_TTL_SECONDS } from '../../src/guardrails/service';
import { GROUPS, USERS, issue, project, user } from '../support/site-seeds';
import { createTestSite, type TestSite } from '../support/test-site';
import { compliantPage, withBirthDate } from '../support/page-definitions';

/**
 * How the approval writes hold up when the platform fails or the code is changed carelessly: a
 * claim left by a function that died, a decision and its audit event landing together, the
 * permission checks a decision needs before anything is written.
 */

const PRIVACY = 'tandem-privacy-reviewers';
const DPO = 'tandem-data-protection-officer';

/** In the privacy approver group but in no role of the project: cannot browse its issues. */
const blindApprover = user({
  accountId: '66a3b9c5d7e8f922c4a01b2c',
  displayName: 'Lucie Perrin',
  groups: [PRIVACY]
});

const requester = USERS.requester.accountId;
const approver = USERS.approver.accountId;
const browseOnly = USERS.browseOnly.accountId;

let t: TestSite;
let issueId: string;
/** The embedded KVS's clock (TTLs), moved by the tests; resolvers keep the real clock. */
let offsetMs = 0;

beforeEach(() => {
  offsetMs = 0;
  t = createTestSite(
    {
      groups: [{ name: PRIVACY }, { name: DPO }],
      users: [{ ...USERS.approver, groups: [GROUPS.approvers, PRIVACY, DPO] }, blindApprover],
      projects: [
        project({
          key: 'GRD',
          name: 'Guarded pages',
          roles: {
            Administrators: { users: [USERS.admin.accountId] },
            Members: { groups: [GROUPS.marketing] },
            Viewers: { users: [browseOnly, approver] }
          }
        })
      ],
      issues: [issue({ project: 'GRD', summary: 'Spring landing page', reporter: requester })]
    },
    { now: () => Date.now() + offsetMs }
  );
  issueId = t.site.docs.all<IssueDoc>('issues').find((doc) => doc.key === 'GRD-1')!.id;
});

afterEach(() => {
  t.expectClean();
  t.close();
});

const call = <T>(who: string, key: string, payload: unknown) => t.asUser(who).invoke<Result<T>>(key, payload);

async function must<T = GuardrailView>(who: string, key: string, payload: unknown): Promise<T> {
  const result = await call<T>(who, key, payload);
  if (!result.ok) throw new Error(`${key}: ${result.error.code} ${result.error.message}`);
  return result.data;
}

const save = (definition: unknown) => must(requester, 'guardrails/save', { issueId, definition });
const requestApproval = () => call<GuardrailView>(requester, 'guardrails/request-approval', { issueId });
const decide = (who: string, decision: 'approve' | 'reject' = 'approve') =>
  call<GuardrailView>(who, 'guardrails/decide', {
    issueId,
    decision,
    ...(decision === 'reject' ? { reason: 'Retention too long' } : {})
  });
const get = () => must(requester, 'guardrails/get', { issueId });
const audit = async () => (await must<AuditPage>(requester, 'guardrails/audit', { issueId })).events;
const kvs = () => t.site.kvs.dump();

describe('an approval claim left by a function that died', () => {
  it('lapses: the next request is refused only until the claim expires, then goes through', async () => {
    await save(withBirthDate());
    // The function "dies" after claiming: its transaction fails and so does the release.
    t.site.faults.inject({ product: 'kvs', pathPattern: /transaction/, status: 500, times: 1 });
    t.site.faults.inject({ product: 'kvs', pathPattern: /delete/, status: 500, times: 1 });
    expect(await requestApproval()).toMatchObject({ ok: false, error: { code: 'UPSTREAM' } });
    t.site.faults.clear();

    expect(await requestApproval()).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    offsetMs = (REVISION_CLAIM_TTL_SECONDS + 1) * 1000;
    expect(await requestApproval()).toMatchObject({ ok: true, data: { approval: { state: 'requested' } } });
    expect(await decide(approver)).toMatchObject({ ok: true, data: { approval: { state: 'approved' } } });
  });

  it('a confirmed revision stays claimed after the lapse: a stale writer cannot reuse it', async () => {
    await save(withBirthDate());
    expect((await requestApproval()).ok).toBe(true);
    const claims = Object.entries(kvs()).filter(([key]) => key.includes(':approval-revision:'));
    expect(claims).toHaveLength(1);
    offsetMs = (REVISION_CLAIM_TTL_SECONDS + 1) * 1000;
    // Still there once the TTL has passed: the transaction rewrote it without one.
    expect(Object.keys(kvs())).toContain(claims[0]![0]);
  });
});

describe('a decision and its audit event land together or not at all', () => {
  // Fails the Nth KVS write of the decision (claim, transaction, …), letting the earlier ones through.
  for (const n of [1, 2, 3]) {
    it(`a fault on write ${n}: the approval and its 'approved' event are both stored or neither`, async () => {
      await save(withBirthDate());
      expect((await requestApproval()).ok).toBe(true);
      const writes = /\/(set|transaction|delete|batch\/set)$/;
      if (n > 1) t.site.faults.inject({ product: 'kvs', method: 'POST', pathPattern: writes, times: n - 1 });
      t.site.faults.inject({ product: 'kvs', method: 'POST', pathPattern: writes, status: 500, times: 1 });
      const result = await decide(approver);
      t.site.faults.clear();
      const state = (await get()).approval.state;
      const approvedEvents = (await audit()).filter((event) => event.type === 'approved');
      if (result.ok) expect(state).toBe('approved');
      expect([state, approvedEvents.length]).toEqual(
        state === 'approved' ? ['approved', 1] : ['requested', 0]
      );
    });
  }
});

describe('decide refuses before writing anything', () => {
  it('an approver-group member who cannot browse the issue gets FORBIDDEN; no write, no notice', async () => {
    await save(withBirthDate());
    expect((await requestApproval()).ok).toBe(true);
    const before = kvs();
    const notices = t.notifications.length;
    const property = t.site.docs.get<IssueDoc>('issues', issueId)?.properties.tandemGuardrail;
    expect(await decide(blindApprover.accountId)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await decide(blindApprover.accountId, 'reject')).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' }
    });
    expect(kvs()).toEqual(before);
    expect(t.notifications).toHaveLength(notices);
    expect(t.site.docs.get<IssueDoc>('issues', issueId)?.properties.tandemGuardrail).toEqual(property);
  });

  it('a non-member on a page with no pending request gets FORBIDDEN, not CONFLICT', async () => {
    // Nothing described yet, then a page that needs approval but was never submitted.
    expect(await decide(browseOnly)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    await save(withBirthDate());
    await save(compliantPage());
    await save(withBirthDate());
    const before = kvs();
    for (const decision of ['approve', 'reject'] as const) {
      expect(await decide(browseOnly, decision)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    }
    expect(kvs()).toEqual(before);
    // A member on the same page learns there is nothing to decide.
    expect(await decide(approver)).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
  });
});

describe('the binding hash covers the definition', () => {
  it('changing the definition under the same policy version voids the approval and changes the binding hash', async () => {
    await save(withBirthDate());
    expect((await requestApproval()).ok).toBe(true);
    expect((await decide(approver)).ok).toBe(true);
    const changed = withBirthDate();
    changed.purpose = `${changed.purpose} (spring edition)`;
    const after = await save(changed);
    expect(after.approval.state).toBe('voided');
    const events = await audit();
    const approved = events.find((event) => event.type === 'approved')!;
    const voided = events.find((event) => event.type === 'voided')!;
    expect(voided.policyVersion).toBe(approved.policyVersion);
    expect(voided.bindingHash).not.toBe(approved.bindingHash);
    expect(voided.definitionHash).not.toBe(approved.definitionHash);
  });
});

describe('a definition or policy too large for one KVS value', () => {
  /** Within every schema bound, but over KVS's 240 KiB once serialised. */
  function hugeDefinition() {
    const page = withBirthDate();
    const form = page.forms[0]!;
    form.fields = [
      ...form.fields,
      ...Array.from({ length: 30 }, (_, i) => ({
        name: `choice${i}`,
        label: `Choice ${i}`,
        required: false,
        inputType: 'select',
        hidden: false,
        options: Array.from({ length: 25 }, (_, j) => `Option ${j} `.padEnd(400, 'x'))
      }))
    ];
    return page;
  }

  it('save answers INVALID_INPUT naming `definition`, and nothing is written', async () => {
    await save(compliantPage());
    const before = kvs();
    const result = await call(requester, 'guardrails/save', { issueId, definition: hugeDefinition() });
    expect(result).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT', field: 'definition' }
    });
    expect(result.ok ? '' : result.error.message).toMatch(/^definition: \d+ KiB once saved/);
    expect(kvs()).toEqual(before);
  });

  it('policy-save answers INVALID_INPUT naming `policy`, and nothing is written', async () => {
    const admin = USERS.admin.accountId;
    const overview = await must<{ current: { version: string; moduleLibrary: unknown[] } }>(
      admin,
      'guardrails/policy-get',
      {}
    );
    const policy = {
      ...overview.current,
      moduleLibrary: Array.from({ length: 5000 }, (_, i) => ({
        id: `module-${i}`.padEnd(60, '-'),
        version: '1.0.0',
        status: 'approved'
      }))
    };
    const before = kvs();
    const result = await call(admin, 'guardrails/policy-save', {
      policy,
      basedOn: overview.current.version
    });
    expect(result).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', field: 'policy' } });
    expect(kvs()).toEqual(before);
  });
});

describe('every resolver call has a deadline', () => {
  it('Jira answering 429 (Retry-After 7 s) in a loop: the panel answers RATE_LIMITED, no wait past the deadline', async () => {
    const fault = t.site.faults.inject({
      product: 'jira',
      status: 429,
      headers: { 'Retry-After': '7' }
    });
    const started = Date.now();
    const result = await call(requester, 'guardrails/get', { issueId });
    const elapsed = Date.now() - started;
    t.site.faults.clear();
    expect(result).toMatchObject({ ok: false, error: { code: 'RATE_LIMITED' } });
    // Three 7 s waits would pass 20 s: the wrapper stops after two instead of sleeping past it,
    // and the answer comes before Forge's 25 s limit would cut the call off (load adds a little).
    expect(fault.hits()).toBe(3);
    expect(elapsed).toBeLessThan(25_000);
  }, 60_000);
});
