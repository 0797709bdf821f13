import type { AuditPage, GuardrailView } from '../../src/contract/guardrails';
import type { Result } from '../../src/contract/result';
import type { IssueDoc } from '../../preview/backend/types';
import { GROUPS, USERS, issue, project, user } from '../support/site-seeds';
import { createTestSite, type TestSite } from '../support/test-site';
import { compliantPage, withBirthDate, withFields } from '../support/page-definitions';

/**
 * The guardrail resolvers end to end: real resolvers, real @forge/* packages, the embedded Jira
 * (every exchange checked against the spec) and the embedded KVS.
 */

const PRIVACY = 'tandem-privacy-reviewers';
const DPO = 'tandem-data-protection-officer';

/** Edits the marketing project and is also a DPO: for the "not your own request" rule. */
const editorApprover = user({
  accountId: '62c9d5e1f3a4b50080c6d7e8',
  displayName: 'Camille Roux',
  groups: [GROUPS.marketing, PRIVACY, DPO]
});
const secondApprover = user({
  accountId: '63d0e6f2a4b5c60091d7e8f9',
  displayName: 'Hugo Lambert',
  groups: [PRIVACY]
});

const requester = USERS.requester.accountId;
const approver = USERS.approver.accountId;
const admin = USERS.admin.accountId;
const browseOnly = USERS.browseOnly.accountId;
const outsider = USERS.outsider.accountId;

let t: TestSite;
let issueId: string;
let t3IssueId: string;

afterEach(() => {
  t.expectClean();
  t.close();
});

function setup(): void {
  t = createTestSite(
    {
      groups: [{ name: PRIVACY }, { name: DPO }],
      users: [
        { ...USERS.approver, groups: [GROUPS.approvers, PRIVACY, DPO] },
        editorApprover,
        secondApprover
      ],
      // Approvers browse the marketing project but cannot edit it: deciding must still work.
      projects: [
        project({
          key: 'GRD',
          name: 'Guarded pages',
          roles: {
            Administrators: { users: [admin] },
            Members: { groups: [GROUPS.marketing] },
            Viewers: { users: [browseOnly, approver, secondApprover.accountId] }
          }
        })
      ],
      issues: [
        issue({ project: 'GRD', summary: 'Spring landing page', reporter: requester }),
        issue({ project: 'GRD', summary: 'Health survey', reporter: editorApprover.accountId })
      ]
    },
    {}
  );
  const issues = t.site.docs.all<IssueDoc>('issues').filter((doc) => doc.key.startsWith('GRD-'));
  issueId = issues.find((doc) => doc.key === 'GRD-1')!.id;
  t3IssueId = issues.find((doc) => doc.key === 'GRD-2')!.id;
}

async function call<T>(accountId: string, key: string, payload?: unknown): Promise<Result<T>> {
  return t.asUser(accountId).invoke<Result<T>>(key, payload);
}

async function must<T>(accountId: string, key: string, payload?: unknown): Promise<T> {
  const result = await call<T>(accountId, key, payload);
  if (!result.ok) throw new Error(`${key} as ${accountId}: ${result.error.code} ${result.error.message}`);
  return result.data;
}

const get = (who = requester, id = issueId) => must<GuardrailView>(who, 'guardrails/get', { issueId: id });
const save = (definition: unknown, who = requester, id = issueId) =>
  must<GuardrailView>(who, 'guardrails/save', { issueId: id, definition });
const requestApproval = (who = requester, id = issueId) =>
  must<GuardrailView>(who, 'guardrails/request-approval', { issueId: id });
const approve = (who = approver, id = issueId) =>
  call<GuardrailView>(who, 'guardrails/decide', { issueId: id, decision: 'approve' });
const audit = async (who = requester, id = issueId) =>
  (await must<AuditPage>(who, 'guardrails/audit', { issueId: id })).events;

const kvs = () => t.site.kvs.dump();
const auditEntries = () => Object.entries(kvs()).filter(([key]) => key.includes(':guardrails:audit:'));

const basicForm = () => compliantPage();
const withHealth = () =>
  withFields(
    [
      { name: 'email', label: 'Adresse e-mail professionnelle', inputType: 'email', required: true },
      { name: 'health', label: 'Health condition', kind: 'health' }
    ],
    {
      retentionMonths: 12,
      legalBasis: 'consent',
      explicitConsentText: 'I explicitly consent to the processing of my health data',
      dpiaCompleted: true
    }
  );
const withCard = () => withFields([{ name: 'card', label: 'Card number', kind: 'payment_card' }]);

/** Brings the issue to a pending T2 request by the requester. */
async function pendingT2(): Promise<void> {
  await save(withBirthDate());
  await requestApproval();
}

describe('guardrail resolvers: who may do what', () => {
  const readers = [requester, approver, admin, browseOnly];

  it('get and audit: whoever can browse the issue; an outsider is refused', async () => {
    setup();
    await save(basicForm());
    for (const who of readers) {
      expect((await get(who)).evaluation.decision).toBe('go');
      expect((await audit(who)).map((event) => event.type)).toEqual(['saved']);
    }
    for (const key of ['guardrails/get', 'guardrails/audit']) {
      const refused = await call(outsider, key, { issueId });
      expect(refused).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    }
  });

  it('save: editors only; approvers, browse-only users and outsiders are refused and nothing is written', async () => {
    setup();
    for (const who of [approver, browseOnly, outsider]) {
      const before = kvs();
      const result = await call(who, 'guardrails/save', { issueId, definition: basicForm() });
      expect(result).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
      expect(kvs()).toEqual(before);
    }
    expect((await save(basicForm(), requester)).definition).not.toBeNull();
    expect((await save(withBirthDate(), admin)).evaluation.decision).toBe('approval');
  });

  it('request-approval: editors only; nothing is written for the others', async () => {
    setup();
    await save(withBirthDate());
    for (const who of [approver, browseOnly, outsider]) {
      const before = kvs();
      const result = await call(who, 'guardrails/request-approval', { issueId });
      expect(result).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
      expect(kvs()).toEqual(before);
    }
    expect((await requestApproval()).approval.state).toBe('requested');
  });

  it('decide: members of the tier approver group only, even without Edit issues; nothing is written for the others', async () => {
    setup();
    await pendingT2();
    for (const who of [requester, admin, browseOnly, outsider]) {
      const before = kvs();
      const result = await approve(who);
      expect(result).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
      expect(kvs()).toEqual(before);
    }
    const decided = await approve(approver);
    expect(decided).toMatchObject({ ok: true, data: { approval: { state: 'approved' } } });
  });
});

describe('guardrail resolvers: identity and inputs', () => {
  it('forged identities in payloads are refused and change nothing; the caller comes from the context', async () => {
    setup();
    await save(withBirthDate());
    const before = kvs();
    const forged = [
      call(outsider, 'guardrails/save', { issueId, definition: basicForm(), accountId: requester }),
      call(browseOnly, 'guardrails/request-approval', { issueId, requestedBy: requester }),
      call(requester, 'guardrails/request-approval', { issueId, requester: approver }),
      call(requester, 'guardrails/decide', { issueId, decision: 'approve', accountId: approver }),
      call(outsider, 'guardrails/decide', { issueId, decision: 'approve', approver })
    ];
    for (const result of await Promise.all(forged)) {
      expect(result.ok).toBe(false);
      expect(result.ok ? '' : result.error.code).toMatch(/^(INVALID_INPUT|FORBIDDEN)$/);
    }
    expect(kvs()).toEqual(before);

    const view = await requestApproval(requester);
    expect(view.approval.record?.requestedBy).toBe(requester);
    expect(view.approval.record?.reporter).toBe(requester);
    const decided = await approve(approver);
    expect(decided.ok && decided.data.approval.record?.decidedBy).toBe(approver);
    const events = await audit();
    expect(events.map((event) => [event.type, event.actor])).toEqual([
      ['approved', approver],
      ['requested', requester],
      ['saved', requester]
    ]);
  });

  it('malformed payloads answer INVALID_INPUT naming the field, and the matching valid input succeeds', async () => {
    setup();
    const cases: [string, unknown, string][] = [
      ['guardrails/get', {}, 'issueId'],
      ['guardrails/get', { issueId: 10001 }, 'issueId'],
      ['guardrails/get', { issueId: '10001/../../rest/api/3/user' }, 'issueId'],
      ['guardrails/audit', { issueId: 'GRD-1' }, 'issueId'],
      ['guardrails/save', { issueId }, 'definition'],
      [
        'guardrails/save',
        { issueId, definition: { forms: [{ id: 'f', fields: [{ name: '' }] }] } },
        'definition.forms[0].fields[0].name'
      ],
      ['guardrails/save', { issueId, definition: { retentionMonths: -1 } }, 'definition.retentionMonths'],
      ['guardrails/save', { issueId, definition: { unexpected: true } }, 'definition'],
      ['guardrails/decide', { issueId, decision: 'maybe' }, 'decision'],
      ['guardrails/decide', { issueId, decision: 'reject', reason: 7 }, 'reason']
    ];
    for (const [key, payload, field] of cases) {
      const before = kvs();
      const result = await call(requester, key, payload);
      expect({ key, payload, result }).toMatchObject({
        key,
        payload,
        result: { ok: false, error: { code: 'INVALID_INPUT', field } }
      });
      expect(kvs()).toEqual(before);
    }
    expect((await save({ retentionMonths: 12 })).definition?.retentionMonths).toBe(12);
    await pendingT2();
    const noReason = await call(approver, 'guardrails/decide', { issueId, decision: 'reject', reason: ' ' });
    expect(noReason).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', field: 'reason' } });
    const rejected = await call<GuardrailView>(approver, 'guardrails/decide', {
      issueId,
      decision: 'reject',
      reason: 'Date of birth is not needed'
    });
    expect(rejected).toMatchObject({ ok: true, data: { approval: { state: 'rejected' } } });
  });
});

describe('guardrail resolvers: the approval lifecycle', () => {
  it('basic form → go; date of birth → approval; request → approve → approved; edit → voided and audited', async () => {
    setup();
    const basic = await save(basicForm());
    expect(basic.evaluation.decision).toBe('go');
    expect(basic.mayGoLive).toBe(true);
    const notNeeded = await call(requester, 'guardrails/request-approval', { issueId });
    expect(notNeeded).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });

    const dob = await save(withBirthDate());
    expect(dob.evaluation).toMatchObject({ tier: 'T2', decision: 'approval' });
    expect(dob.evaluation.approvals.map((a) => a.group)).toEqual([PRIVACY]);
    expect(dob.mayGoLive).toBe(false);

    const requested = await requestApproval();
    expect(requested.approval.state).toBe('requested');
    const approved = await approve();
    expect(approved).toMatchObject({ ok: true, data: { approval: { state: 'approved' }, mayGoLive: true } });
    const view = await get();
    expect(view.approval.state).toBe('approved');
    expect(view.approval.record).toMatchObject({
      definitionHash: view.definitionHash,
      policyVersion: view.evaluation.policyVersion,
      decidedBy: approver
    });
    expect(view.mayGoLive).toBe(true);

    const edited = withBirthDate();
    edited.forms[0]!.fields.push({
      name: 'phone',
      label: 'Téléphone',
      required: false,
      inputType: 'tel',
      hidden: false
    });
    const afterEdit = await save(edited);
    expect(afterEdit.approval.state).toBe('voided');
    expect(afterEdit.mayGoLive).toBe(false);
    expect((await get(browseOnly)).approval).toMatchObject({
      state: 'voided',
      record: { voidReason: 'definition_changed' }
    });
    const events = await audit(browseOnly);
    expect(events.map((event) => event.type)).toEqual([
      'voided',
      'saved',
      'approved',
      'requested',
      'saved',
      'saved'
    ]);
    const approvedEvent = events.find((event) => event.type === 'approved')!;
    expect(approvedEvent.snapshot).toEqual(withBirthDate());
    expect(approvedEvent.definitionHash).toBe(view.definitionHash);
    expect(approvedEvent.bindingHash).toMatch(/^[0-9a-f]{64}$/);
    // Deciding on the voided request is refused: the requester must ask again.
    expect(await approve()).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    expect((await requestApproval()).approval.state).toBe('requested');
  });

  it('saving the same definition twice writes nothing the second time', async () => {
    setup();
    await save(withBirthDate());
    const before = kvs();
    await save(withBirthDate());
    expect(kvs()).toEqual(before);
  });

  it('T4 can never be requested nor approved', async () => {
    setup();
    const view = await save(withCard());
    expect(view.evaluation).toMatchObject({ tier: 'T4', decision: 'blocked' });
    const request = await call(requester, 'guardrails/request-approval', { issueId });
    expect(request).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    expect(request.ok ? '' : request.error.message).toMatch(/never be approved/);
    const before = kvs();
    const decided = await approve(approver);
    expect(decided.ok).toBe(false);
    expect(decided.ok ? '' : decided.error.message).toMatch(/never be approved/);
    expect(kvs()).toEqual(before);
    expect((await get()).mayGoLive).toBe(false);
  });

  it('T3: neither the requester nor the reporter may approve; another DPO member may', async () => {
    setup();
    // Requested by its editor-approver on an issue the requester reported.
    await save(withHealth(), editorApprover.accountId);
    await requestApproval(editorApprover.accountId);
    const own = await approve(editorApprover.accountId);
    expect(own).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(own.ok ? '' : own.error.message).toMatch(/other than the requester/);
    expect((await approve(approver)).ok).toBe(true);

    // The reporter of GRD-2 is the editor-approver; the requester asks, the reporter may not decide.
    await save(withHealth(), requester, t3IssueId);
    const requested = await requestApproval(requester, t3IssueId);
    expect(requested.approval.record).toMatchObject({ tier: 'T3', reporter: editorApprover.accountId });
    const byReporter = await approve(editorApprover.accountId, t3IssueId);
    expect(byReporter).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    // A privacy reviewer who is not a DPO cannot decide a T3 page either.
    expect(await approve(secondApprover.accountId, t3IssueId)).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' }
    });
    expect(await approve(approver, t3IssueId)).toMatchObject({
      ok: true,
      data: { approval: { state: 'approved' } }
    });
  });

  it('two concurrent approvals: one decision, one CONFLICT, exactly one approved event', async () => {
    setup();
    await pendingT2();
    const results = await Promise.all([approve(approver), approve(secondApprover.accountId)]);
    const okCount = results.filter((result) => result.ok).length;
    const conflicts = results.filter((result) => !result.ok && result.error.code === 'CONFLICT');
    expect(okCount).toBe(1);
    expect(conflicts).toHaveLength(1);
    expect(conflicts[0]?.ok === false && conflicts[0].error.message).toMatch(/at the same moment/);
    const events = await audit();
    expect(events.filter((event) => event.type === 'approved')).toHaveLength(1);
    expect((await get()).approval.state).toBe('approved');
  });

  it('audit events never change once written', async () => {
    setup();
    await pendingT2();
    const first = Object.fromEntries(auditEntries());
    expect(Object.keys(first)).toHaveLength(2);
    await approve();
    await save(withHealth());
    await requestApproval();
    await call(approver, 'guardrails/decide', { issueId, decision: 'reject', reason: 'No DPIA on file' });
    const later = Object.fromEntries(auditEntries());
    for (const [key, value] of Object.entries(first)) expect(later[key]).toEqual(value);
    expect(Object.keys(later).length).toBeGreaterThan(Object.keys(first).length);
    const types = (await audit()).map((event) => event.type);
    expect(types).toEqual(['rejected', 'requested', 'voided', 'saved', 'approved', 'requested', 'saved']);
  });
});

describe('guardrail resolvers: no avoidable call', () => {
  /** The Jira calls one resolver call makes, by operation. */
  async function callsOf(run: () => Promise<unknown>): Promise<Record<string, number>> {
    const from = t.exchanges.length;
    await run();
    const counts: Record<string, number> = {};
    for (const ex of t.exchanges.slice(from)) {
      const name = `${ex.asUser ? 'user' : 'app'} ${ex.method} ${ex.path.replace(/\/issue\/[0-9]+/, '/issue/{id}')}`;
      counts[name] = (counts[name] ?? 0) + 1;
    }
    return counts;
  }

  it('each panel call asks mypermissions once, the groups and the issue at most once, and answers with the audit trail', async () => {
    setup();
    const screens: [string, () => Promise<unknown>][] = [
      ['get', () => get()],
      ['save', () => save(withBirthDate())],
      ['request-approval', () => requestApproval()],
      ['decide', () => approve(approver)]
    ];
    for (const [name, run] of screens) {
      const counts = await callsOf(run);
      expect([name, counts['user GET /rest/api/3/mypermissions']]).toEqual([name, 1]);
      expect([name, counts['app GET /rest/api/3/user/groups'] ?? 0]).toEqual([name, 1]);
      // The panel's own read of the issue (an e-mail notice reads it as the app, for its subject).
      expect([name, counts['user GET /rest/api/3/issue/{id}'] ?? 0]).toEqual([name, 1]);
    }
    // The answer carries the trail: the panel needs no guardrails/audit call after it.
    const view = await get();
    expect(view.audit).toEqual(await audit());
    expect(view.audit.map((event) => event.type)).toEqual(['approved', 'requested', 'saved']);
  });
});
