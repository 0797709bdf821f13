import { SYSTEM_ACTOR } from '../../src/contract/guardrails';
import type { Policy } from '../../src/guardrails/domain';
import { POLICY_KEYS } from '../../src/guardrails/policy-store';
import { SWEEP_KEYS, type SweepReport } from '../../src/guardrails/enforcement/sweep';
import { forgeStore } from '../../src/platform/store';
import { KEYS } from '../../src/guardrails/records';
import { USERS, issue } from '../support/site-seeds';
import {
  createGuardrailSite,
  DPO,
  GRD_ISSUES,
  IT,
  logsOf,
  PRIVACY,
  type GuardrailSiteOptions,
  type GuardrailSite
} from '../support/guardrail-site';
import { withBirthDate, withFields } from '../support/page-definitions';

/**
 * The hourly sweep, driven through the scheduled trigger's function with a clock the test moves:
 * SLA escalations and re-review reminders once each, the property re-published when the clock
 * expires an approval, paging with a time budget and a stored resume cursor.
 */

const requester = USERS.requester.accountId;
const approver = USERS.approver.accountId;

let g: GuardrailSite;

function setup(options: GuardrailSiteOptions = {}): void {
  g = createGuardrailSite(options);
}

afterEach(() => {
  g.t.expectClean();
  g.t.close();
});

const save = (definition: unknown, key?: string) => g.save(definition, key);
const requestApproval = (key?: string) => g.requestApproval(key);
const approve = (key?: string, who = approver) =>
  g.decide('approve', { who, ...(key ? { issueKey: key } : {}) });

const sweep = async () => (await g.t.runtime.fireTrigger('guardrail-sweep', {})) as SweepReport;

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

const after = (count: number) => g.t.notifications.slice(count);

describe('SLA escalation', () => {
  beforeEach(() => setup());

  it('escalates a T2 request once its 48 hours are passed, to the approver group and IT, once', async () => {
    await save(withBirthDate());
    await requestApproval();
    const sent = g.t.notifications.length;
    g.clock.advanceHours(47);
    expect(await sweep()).toMatchObject({ approvals: 1, escalations: 0 });
    expect(after(sent)).toEqual([]);

    g.clock.advanceHours(2);
    expect(await sweep()).toMatchObject({ approvals: 1, escalations: 1, failures: 0 });
    const [escalation] = after(sent);
    expect(escalation?.to).toEqual({ groups: [{ name: PRIVACY }, { name: IT }] });
    expect(escalation?.subject).toBe('[GRD-1] Approval overdue – Spring <b>landing</b> page');
    expect(escalation?.textBody).toContain(`has been waiting for ${PRIVACY} since `);
    expect(escalation?.textBody).toContain('the 48-hour approval time is passed');
    expect(escalation?.htmlBody).toContain('Spring &lt;b&gt;landing&lt;/b&gt; page');

    g.clock.advanceHours(24);
    expect(await sweep()).toMatchObject({ escalations: 0 });
    expect(after(sent)).toHaveLength(1);
  });

  it('two sweeps running at once (a retried delivery) send each escalation once', async () => {
    await save(withBirthDate());
    await requestApproval();
    const sent = g.t.notifications.length;
    g.clock.advanceHours(49);
    const reports = await Promise.all([sweep(), sweep(), sweep()]);
    expect(reports.reduce((sum, report) => sum + report.escalations, 0)).toBe(1);
    expect(reports.every((report) => report.failures === 0)).toBe(true);
    expect(after(sent)).toHaveLength(1);
  });

  it('uses the tier’s own SLA (T3: 120 hours)', async () => {
    await save(withHealth());
    await requestApproval();
    const sent = g.t.notifications.length;
    g.clock.advanceHours(100);
    expect(await sweep()).toMatchObject({ escalations: 0 });
    g.clock.advanceHours(21);
    expect(await sweep()).toMatchObject({ escalations: 1 });
    expect(after(sent)[0]?.to).toEqual({ groups: [{ name: DPO }, { name: IT }] });
  });

  it('a failing issue does not stop the others', async () => {
    for (const key of [GRD_ISSUES.page, GRD_ISSUES.second]) {
      await save(withBirthDate(), key);
      await requestApproval(key);
    }
    g.clock.advanceHours(49);
    const sent = g.t.notifications.length;
    g.t.site.faults.inject({
      product: 'jira',
      method: 'POST',
      pathPattern: /\/notify$/,
      status: 400,
      times: 1
    });
    expect(await sweep()).toMatchObject({ approvals: 2, escalations: 1, failures: 1 });
    expect(logsOf(g.t).join('\n')).toMatch(/sweep: issue \d+/);
    // The refused notice was released, and the issue is due again in an hour: that pass sends it.
    expect(await sweep()).toMatchObject({ approvals: 0, escalations: 0 });
    g.clock.advanceHours(1);
    expect(await sweep()).toMatchObject({ escalations: 1, failures: 0 });
    expect(after(sent)).toHaveLength(2);
  });

  it('a decided request is not escalated', async () => {
    await save(withBirthDate());
    await requestApproval();
    await approve();
    const sent = g.t.notifications.length;
    g.clock.advanceHours(72);
    expect(await sweep()).toMatchObject({ escalations: 0, reminders: 0 });
    expect(after(sent)).toEqual([]);
  });
});

describe('re-review reminder and expiry', () => {
  beforeEach(() => setup());

  it('reminds the requester and reporter a month before expiry, once', async () => {
    await save(withBirthDate());
    await requestApproval();
    const view = await approve();
    const expiresAt = view.approval.record?.expiresAt ?? '';
    const sent = g.t.notifications.length;
    g.clock.advanceMonths(10);
    expect(await sweep()).toMatchObject({ reminders: 0 });
    g.clock.advanceMonths(1);
    g.clock.advanceHours(24);
    expect(await sweep()).toMatchObject({ reminders: 1 });
    const [reminder] = after(sent);
    expect(reminder?.to).toEqual({ users: [{ accountId: requester }], reporter: true });
    expect(reminder?.subject).toBe('[GRD-1] Approval expires soon – Spring <b>landing</b> page');
    expect(reminder?.textBody).toContain(`expires on ${expiresAt.slice(0, 10)}`);
    g.clock.advanceHours(24);
    expect(await sweep()).toMatchObject({ reminders: 0 });
    expect(after(sent)).toHaveLength(1);
  });

  it('re-publishes the property when the clock expires the approval, and only once', async () => {
    await save(withBirthDate());
    await requestApproval();
    await approve();
    expect(g.property(GRD_ISSUES.page)).toMatchObject({ approval: 'approved', mayGoLive: true });
    g.clock.advanceMonths(13);
    expect(await sweep()).toMatchObject({ republished: 1 });
    expect(g.property(GRD_ISSUES.page)).toMatchObject({ approval: 'expired', mayGoLive: false });
    // The expiry is in the audit trail, recorded by Tandem itself, once.
    const expiredEvents = () =>
      Object.entries(g.t.site.kvs.dump()).filter(
        ([key, value]) =>
          key.includes(':guardrails:audit:') && (value as { type?: string }).type === 'expired'
      );
    expect(expiredEvents().map(([, value]) => value)).toEqual([
      expect.objectContaining({ type: 'expired', actor: SYSTEM_ACTOR, tier: 'T2' })
    ]);
    const found = await g.rest({ kind: 'user', accountId: requester }, 'POST', '/rest/api/3/search/jql', {
      jql: 'tandemApproval = expired',
      fields: ['summary']
    });
    expect((found.body.issues as { key: string }[]).map((i) => i.key)).toEqual([GRD_ISSUES.page]);

    const exchanges = g.t.exchanges.length;
    expect(await sweep()).toMatchObject({ republished: 0, reminders: 0, escalations: 0 });
    expect(g.t.exchanges.length).toBe(exchanges);
    expect(expiredEvents()).toHaveLength(1);
  });
});

describe('paging, budget and resume', () => {
  const extra = ['GRD-5', 'GRD-6', 'GRD-7'];

  beforeEach(() =>
    setup({
      seed: {
        issues: extra.map((_, i) =>
          issue({ project: 'GRD', issuetype: 'Landing Page', summary: `Extra page ${i + 1}` })
        )
      },
      // Out of time after every page: each run does one page and stores where to resume.
      sweep: { budgetMs: 0, pageSize: 2 }
    })
  );

  it('works through what is due over several runs, a page at a time, each escalated exactly once', async () => {
    const keys = [GRD_ISSUES.page, GRD_ISSUES.second, ...extra];
    for (const key of keys) {
      await save(withBirthDate(), key);
      await requestApproval(key);
    }
    const sent = g.t.notifications.length;
    g.clock.advanceHours(49);

    const reports: SweepReport[] = [];
    for (let i = 0; i < 12; i++) reports.push(await sweep());
    // Out of time after every page: no run visits more than a page of approvals.
    expect(reports.every((r) => r.approvals <= 2)).toBe(true);
    expect(reports[0]).toMatchObject({ cutShort: true });
    expect(reports.some((r) => r.resumed)).toBe(true);
    const escalated = after(sent)
      .map((n) => n.issueKey)
      .sort();
    expect(escalated).toEqual([...keys].sort());
    expect(reports.reduce((n, r) => n + r.escalations, 0)).toBe(keys.length);
    expect(reports.reduce((n, r) => n + r.reconciled, 0)).toBe(keys.length);
    const dump = g.t.site.kvs.dump();
    expect(dump[SWEEP_KEYS.cursor]).toBeUndefined();
    expect(dump[SWEEP_KEYS.definitionCursor]).toBeUndefined();
    // Settled: a further run has nothing due and reads no approval.
    expect(await sweep()).toMatchObject({ approvals: 0, escalations: 0, cutShort: false });
  });
});

describe('policy changes', () => {
  it('re-checks every described page once per policy version and fixes copies the new policy changed', async () => {
    setup();
    await save(withBirthDate());
    await save(withBirthDate(), GRD_ISSUES.second);
    await requestApproval(GRD_ISSUES.second);
    expect(await sweep()).toMatchObject({ reconciled: 2, republished: 0 });
    expect(await sweep()).toMatchObject({ reconciled: 0 });
    expect(g.property(GRD_ISSUES.page)).toMatchObject({ decision: 'approval', tier: 'T2' });

    // An administrator decides a date of birth is basic personal data (T1).
    const overview = await g.must<{ current: Policy }>(USERS.admin.accountId, 'guardrails/policy-get', {});
    await g.must(USERS.admin.accountId, 'guardrails/policy-save', {
      policy: { ...overview.current, kindTiers: { ...overview.current.kindTiers, date_of_birth: 'T1' } },
      basedOn: overview.current.version
    });
    const report = await sweep();
    expect(report).toMatchObject({ reconciled: 2, republished: 2, failures: 0 });
    expect(g.property(GRD_ISSUES.page)).toMatchObject({
      decision: 'go',
      tier: 'T1',
      approval: 'none',
      mayGoLive: true
    });
    // The pending request no longer needs anyone: the copy says the page may go live.
    expect(g.property(GRD_ISSUES.second)).toMatchObject({ decision: 'go', tier: 'T1', mayGoLive: true });
    expect(await sweep()).toMatchObject({ reconciled: 0, republished: 0 });
  });
});

describe('a broken policy', () => {
  it('stops the sweep without sending anything, and is logged', async () => {
    setup();
    await save(withBirthDate());
    await requestApproval();
    const sent = g.t.notifications.length;
    await forgeStore.set(POLICY_KEYS.current, { number: 1, policy: { version: 'broken' } });
    g.clock.advanceHours(72);
    expect(await sweep()).toBeUndefined();
    expect(after(sent)).toEqual([]);
    expect(logsOf(g.t).join('\n')).toMatch(/sweep stopped/);
  });
});

describe('due index and retention', () => {
  beforeEach(() => setup());

  const reads = () =>
    ['/api/v1/get', '/api/v1/query', '/api/v1/batch/get']
      .map((path) => g.t.site.kvsRequests.get(path) ?? 0)
      .reduce((a, b) => a + b, 0);

  it('an hour with nothing due reads no approval, however many are stored', async () => {
    await save(withBirthDate());
    await requestApproval();
    await approve();
    // The resolvers stamp their due entries with the real clock, a moment after the test's.
    g.clock.advanceHours(1 / 60);
    expect(await sweep()).toMatchObject({ approvals: 1, failures: 0 });
    // 60 more approved pages, stored as the first one is, with the due entry each write adds.
    const id = g.id(GRD_ISSUES.page);
    const dump = g.t.site.kvs.dump();
    for (let i = 0; i < 60; i += 8) {
      const items = [];
      for (let j = i; j < Math.min(60, i + 8); j++) {
        const issueId = String(800000 + j);
        items.push({ key: KEYS.definition(issueId), value: dump[KEYS.definition(id)] });
        items.push({ key: KEYS.approval(issueId), value: dump[KEYS.approval(id)] });
        items.push({ key: KEYS.due(g.clock.now.getTime(), issueId), value: { revision: 1 } });
      }
      expect(g.t.site.kvs.handle('/api/v1/batch/set', items)?.status).toBe(200);
    }
    // The next run looks at each new one once and files it under its re-review date.
    expect(await sweep()).toMatchObject({ approvals: 60, failures: 0 });
    g.clock.advanceHours(1);
    g.t.site.kvsRequests.clear();
    expect(await sweep()).toMatchObject({ approvals: 0, escalations: 0, reminders: 0 });
    expect(reads()).toBeLessThanOrEqual(8);
  });

  it('prunes a rejected approval once closed for the policy’s approval validity, keeping the audit trail', async () => {
    await save(withBirthDate());
    await requestApproval();
    await g.decide('reject', { reason: 'Retention too long' });
    const id = g.id(GRD_ISSUES.page);
    const auditKeys = () =>
      Object.keys(g.t.site.kvs.dump()).filter((k) => k.startsWith(KEYS.auditPrefix(id)));
    const audit = auditKeys();
    expect(audit.length).toBeGreaterThanOrEqual(3);
    expect(await sweep()).toMatchObject({ pruned: 0 });
    g.clock.advanceMonths(11);
    expect(await sweep()).toMatchObject({ pruned: 0 });
    expect(g.t.site.kvs.dump()[KEYS.approval(id)]).toBeDefined();
    g.clock.advanceMonths(1);
    g.clock.advanceHours(1);
    expect(await sweep()).toMatchObject({ pruned: 1 });
    const after = g.t.site.kvs.dump();
    expect(after[KEYS.approval(id)]).toBeUndefined();
    expect(Object.keys(after).filter((k) => k.startsWith(KEYS.approvalRevisionPrefix(id)))).toEqual([]);
    expect(auditKeys()).toEqual(audit);
    // The page can be sent for approval again: the revision numbering starts afresh.
    await requestApproval();
    expect(g.t.site.kvs.dump()[KEYS.approval(id)]).toMatchObject({
      revision: 1,
      record: { state: 'requested' }
    });
  });
});
