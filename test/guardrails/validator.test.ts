import type { GuardrailView } from '../../src/contract/guardrails';
import { definitionHash } from '../../src/guardrails/domain';
import { propertyOf } from '../../src/guardrails/enforcement/publish';
import { explainBlock } from '../../src/guardrails/enforcement/validator';
import { POLICY_KEYS } from '../../src/guardrails/policy-store';
import { KEYS } from '../../src/guardrails/records';
import { KEYS as PROVISIONING_KEYS, IDLE_RUN } from '../../src/issue-types/records';
import { forgeStore } from '../../src/platform/store';
import { USERS } from '../support/site-seeds';
import {
  createGuardrailSite,
  GRD_ISSUES,
  IT,
  itUser,
  PRIVACY,
  type GuardrailSite
} from '../support/guardrail-site';
import { compliantPage, withBirthDate, withFields } from '../support/page-definitions';

/**
 * The workflow validator over the embedded site: Forge's validator call (runtime.runValidator) and
 * a real transition through Jira's REST API with the validator attached to the workflow. It must
 * recompute from the app's records, never from the issue property, and fail closed.
 */

jest.setTimeout(30_000);

const requester = USERS.requester.accountId;
const approver = USERS.approver.accountId;

let g: GuardrailSite;

afterEach(() => {
  g.t.expectClean();
  g.t.close();
});

const DONE = '41';

/** Every blocking message, by test, printed at the end (the fault matrix in one place). */
const blockedMessages = new Map<string, string>();

afterAll(() => {
  console.log([...blockedMessages].map(([test, message]) => `${test}\n  → ${message}`).join('\n'));
});

async function validate(key: string = GRD_ISSUES.page) {
  const verdict = await g.t.runtime.runValidator('validate-guardrail', {
    issue: { key },
    transition: { from: { id: '10000' }, to: { id: '10002' } }
  });
  if (!verdict.result)
    blockedMessages.set(expect.getState().currentTestName ?? '', verdict.errorMessage ?? '');
  return verdict;
}

async function transition(key: string = GRD_ISSUES.page, who = requester) {
  return g.rest({ kind: 'user', accountId: who }, 'POST', `/rest/api/3/issue/${key}/transitions`, {
    transition: { id: DONE }
  });
}

const save = (definition: unknown, key?: string) => g.save(definition, key);
const requestApproval = (key?: string) => g.requestApproval(key);
const decide = (decision: 'approve' | 'reject', reason?: string, who = approver, key?: string) =>
  g.decide(decision, { ...(reason ? { reason } : {}), who, ...(key ? { issueKey: key } : {}) });

const FAIL_CLOSED =
  /^Tandem could not check this page's guardrail \(.+\); the transition was blocked\. Try again in a minute\.$/;

describe('allowed transitions', () => {
  beforeEach(() => {
    g = createGuardrailSite();
    g.t.runtime.attachWorkflowValidator('guardrail-validator');
  });

  it('a go page passes, through Forge and through a real transition', async () => {
    const view = await save(compliantPage());
    expect(view.evaluation.decision).toBe('go');
    expect(await validate()).toEqual({ result: true });
    expect((await transition()).status).toBe(204);
    expect(g.t.site.issue(GRD_ISSUES.page)?.statusId).toBe('10002');
  });

  it('an approval granted for exactly this definition passes', async () => {
    await save(withBirthDate());
    await requestApproval();
    const approved = await decide('approve');
    expect(approved.approval.state).toBe('approved');
    expect(await validate()).toEqual({ result: true });
    expect((await transition()).status).toBe(204);
  });

  it('an issue that is not a Landing Page or Web Form passes without any record', async () => {
    expect(await validate(GRD_ISSUES.task)).toEqual({ result: true });
    expect((await transition(GRD_ISSUES.task)).status).toBe(204);
  });

  it('looks the issue up as the app with only the fields it needs', async () => {
    await save(compliantPage());
    await validate();
    const lookups = g.t.exchanges.filter(
      (ex) => ex.method === 'GET' && ex.path === `/rest/api/3/issue/${GRD_ISSUES.page}`
    );
    expect(lookups).toHaveLength(1);
    expect(lookups[0]?.asUser).toBe(false);
    expect(lookups[0]?.query.fields).toBe('issuetype,project');
  });
});

describe('what is missing: each blocked transition says it', () => {
  beforeEach(() => {
    g = createGuardrailSite();
    g.t.runtime.attachWorkflowValidator('guardrail-validator');
  });

  async function blocked(key: string = GRD_ISSUES.page): Promise<string> {
    const verdict = await validate(key);
    expect(verdict.result).toBe(false);
    const message = verdict.errorMessage ?? '';
    // The real transition is refused with the same message and the issue stays where it was.
    const before = g.t.site.issue(key)?.statusId;
    const response = await transition(key);
    expect(response.status).toBe(400);
    expect(response.body.errorMessages).toEqual([message]);
    expect(g.t.site.issue(key)?.statusId).toBe(before);
    return message;
  }

  it('missing definition: the validator, the panel and the JQL copy agree it is not described, not a go', async () => {
    const message = await blocked();
    expect(message).toMatch(/^Describe the page first/);
    const view = await g.must<GuardrailView>(requester, 'guardrails/get', { issueId: g.id(GRD_ISSUES.page) });
    expect(view.definition).toBeNull();
    expect(view.evaluation.decision).toBe('fix');
    expect(view.mayGoLive).toBe(false);
    // The panel's finding says it in the very words the transition was refused with.
    expect(view.evaluation.findings.map((finding) => finding.message.en)).toEqual([message]);
    const property = propertyOf(view, new Date());
    expect(property.decision).not.toBe('go');
    expect(property.mayGoLive).toBe(false);
    // A French site gets the French words, the same as the panel's French text.
    expect(explainBlock(view, 'fr')).toBe(view.evaluation.findings[0]?.message.fr);
  });

  it('fix: lists the findings to fix by field', async () => {
    await save(compliantPage({ privacyNoticeUrl: undefined, retentionMonths: undefined }));
    const message = await blocked();
    expect(message).toMatch(/^Fix these 2 findings in the “Tandem guardrail” panel before going live: /);
    expect(message).toMatch(/privacy/i);
    expect(message).toMatch(/kept/);
  });

  it('missing approval: who must approve, and that nobody asked', async () => {
    await save(withBirthDate());
    expect(await blocked()).toBe(
      `This page (tier T2) needs approval from ${PRIVACY} before it goes live: approval has not been requested. Request it in the “Tandem guardrail” panel.`
    );
  });

  it('approval requested and pending from the group', async () => {
    await save(withBirthDate());
    await requestApproval();
    const today = new Date().toISOString().slice(0, 10);
    expect(await blocked()).toBe(
      `This page (tier T2) needs approval from ${PRIVACY} before it goes live: approval was requested on ${today} and is still pending from ${PRIVACY}.`
    );
  });

  it('rejected, with the approver’s reason', async () => {
    await save(withBirthDate());
    await requestApproval();
    await decide('reject', 'Date of birth is not needed for a newsletter');
    expect(await blocked()).toMatch(
      /approval was rejected on \d{4}-\d{2}-\d{2}: “Date of birth is not needed for a newsletter”\. Change the page, then request approval again\.$/
    );
  });

  it('expired approval (the clock moved past its 12 months)', async () => {
    await save(withBirthDate());
    await requestApproval();
    const approved = await decide('approve');
    const expiresAt = approved.approval.record?.expiresAt ?? '';
    expect(await validate()).toEqual({ result: true });
    g.clock.advanceMonths(13);
    expect(await blocked()).toMatch(
      new RegExp(`the approval expired on ${expiresAt.slice(0, 10)}\\. Request approval again\\.$`)
    );
  });

  it('hash mismatch: the definition record replaced in KVS (with its own hash) voids the approval', async () => {
    await save(withBirthDate());
    await requestApproval();
    await decide('approve');
    const key = KEYS.definition(g.id(GRD_ISSUES.page));
    const stored = (g.t.site.kvs.dump()[key] ?? {}) as { definition: { title?: string } };
    const changed = { ...stored.definition, title: 'Changed behind Tandem' };
    await forgeStore.set(key, { ...stored, definition: changed, hash: definitionHash(changed as never) });
    expect(await blocked()).toMatch(/the approval was voided because the page changed after it was approved/);
  });

  it('hash mismatch: the definition replaced in KVS but keeping the approved hash is caught', async () => {
    await save(withBirthDate());
    await requestApproval();
    await decide('approve');
    const key = KEYS.definition(g.id(GRD_ISSUES.page));
    const stored = (g.t.site.kvs.dump()[key] ?? {}) as { definition: { title?: string }; hash: string };
    // Same hash as approved, different content: only hashing the content again notices.
    await forgeStore.set(key, { ...stored, definition: { ...stored.definition, title: 'Swapped' } });
    expect(await blocked()).toMatch(
      /stored definition does not match its hash: it was changed outside Tandem/
    );
  });

  it('tampered issue property: an editor writing go/approved changes nothing', async () => {
    await save(withBirthDate());
    const put = await g.rest(
      { kind: 'user', accountId: requester },
      'PUT',
      `/rest/api/3/issue/${GRD_ISSUES.page}/properties/tandemGuardrail`,
      { decision: 'go', approval: 'approved', tier: 'T0', mayGoLive: true }
    );
    expect([200, 201]).toContain(put.status);
    expect(g.property(GRD_ISSUES.page)).toMatchObject({ decision: 'go', approval: 'approved' });
    expect(await blocked()).toMatch(/approval has not been requested/);
  });

  it('blocked (T4): can never be approved, remove the field', async () => {
    await save(withFields([{ name: 'card', label: 'Card number', kind: 'payment_card' }]));
    expect(await blocked()).toMatch(
      /^This page collects prohibited data \(tier T4\) and can never be approved: remove card\. card: Remove field/
    );
  });

  it('approved by one group, still pending from the other: names the one left', async () => {
    // A date of birth (privacy reviewers) and a script from outside the allow-list (IT reviewers).
    await save({ ...withBirthDate(), scripts: [{ url: 'https://cdn.tracker.example/t.js' }] });
    const requested = await requestApproval();
    expect(requested.approval.record?.requiredGroups).toEqual([PRIVACY, IT]);
    await decide('approve');
    expect(await blocked()).toMatch(
      new RegExp(
        `^This page \\(tier T2\\) needs approval from ${PRIVACY} and ${IT} before it goes live: approval was requested on \\d{4}-\\d{2}-\\d{2} and is still pending from ${IT}\\.$`
      )
    );
    await decide('approve', undefined, itUser.accountId);
    expect(await validate()).toEqual({ result: true });
  });

  it('speaks the language chosen at set-up', async () => {
    await forgeStore.set(PROVISIONING_KEYS.run, { ...IDLE_RUN, language: 'fr' });
    await save(withBirthDate());
    expect(await blocked()).toBe(
      `Cette page (niveau T2) doit être approuvée par ${PRIVACY} avant la mise en ligne : l'approbation n'a pas été demandée. Demandez-la dans le panneau « Tandem guardrail ».`
    );
  });
});

describe('fault matrix: any failure blocks, and says it could not check', () => {
  afterEach(() => {
    g.t.site.faults.clear();
  });

  it('storage error', async () => {
    g = createGuardrailSite();
    g.t.runtime.attachWorkflowValidator('guardrail-validator');
    await save(compliantPage());
    g.t.site.faults.inject({ product: 'kvs', status: 503 });
    const verdict = await validate();
    expect(verdict.result).toBe(false);
    expect(verdict.errorMessage).toMatch(FAIL_CLOSED);
    expect(verdict.errorMessage).toContain("(Tandem's storage is unavailable)");
    const response = await transition();
    expect(response.status).toBe(400);
    expect(response.body.errorMessages?.[0]).toMatch(FAIL_CLOSED);
  });

  it('Jira 429 on the issue lookup', async () => {
    g = createGuardrailSite();
    await save(compliantPage());
    const fault = g.t.site.faults.inject({
      product: 'jira',
      as: 'app',
      method: 'GET',
      pathPattern: /^\/rest\/api\/3\/issue\/GRD-1$/,
      status: 429,
      headers: { 'Retry-After': '30' },
      body: { errorMessages: ['Rate limit exceeded.'] }
    });
    const verdict = await validate();
    expect(fault.hits()).toBe(1);
    expect(verdict).toEqual({
      result: false,
      errorMessage:
        "Tandem could not check this page's guardrail (Jira answered 429: too many requests); the transition was blocked. Try again in a minute."
    });
  });

  it('Jira 503 on the issue lookup, after one retry', async () => {
    g = createGuardrailSite();
    await save(compliantPage());
    const fault = g.t.site.faults.inject({ product: 'jira', as: 'app', status: 503 });
    const verdict = await validate();
    expect(fault.hits()).toBe(2);
    expect(verdict.result).toBe(false);
    expect(verdict.errorMessage).toContain('(Jira answered 503)');
  });

  it('a hanging lookup: the time budget answers first', async () => {
    g = createGuardrailSite({ validator: { budgetMs: 400 } });
    await save(compliantPage());
    g.t.site.faults.inject({ product: 'jira', as: 'app', hang: true });
    const started = Date.now();
    const verdict = await validate();
    expect(Date.now() - started).toBeLessThan(2000);
    expect(g.t.site.faults.hanging).toBeGreaterThanOrEqual(1);
    expect(verdict).toEqual({
      result: false,
      errorMessage:
        "Tandem could not check this page's guardrail (no answer within 0.4 s); the transition was blocked. Try again in a minute."
    });
  });

  it('a hanging storage read: the time budget answers first', async () => {
    g = createGuardrailSite({ validator: { budgetMs: 400 } });
    await save(compliantPage());
    g.t.site.faults.inject({ product: 'kvs', hang: true });
    const verdict = await validate();
    expect(verdict.result).toBe(false);
    expect(verdict.errorMessage).toBe(
      "Tandem could not check this page's guardrail (no answer within 0.4 s); the transition was blocked. Try again in a minute."
    );
  });

  it('a hanging lookup with the shipped settings answers well before Forge’s 25 s', async () => {
    g = createGuardrailSite();
    g.t.runtime.attachWorkflowValidator('guardrail-validator');
    await save(compliantPage());
    g.t.site.faults.inject({ product: 'jira', as: 'app', hang: true });
    const started = Date.now();
    const response = await transition();
    const elapsed = Date.now() - started;
    expect(elapsed).toBeLessThan(10_000);
    expect(response.status).toBe(400);
    expect(response.body.errorMessages?.[0]).toMatch(FAIL_CLOSED);
    expect(response.body.errorMessages?.[0]).toMatch(
      /\((Jira did not answer in time|no answer within 8 s)\)/
    );
  });

  it('broken policy record', async () => {
    g = createGuardrailSite();
    await save(compliantPage());
    await forgeStore.set(POLICY_KEYS.current, {
      number: 1,
      policy: { version: 'site-v1', tiers: 'nonsense' }
    });
    const verdict = await validate();
    expect(verdict.result).toBe(false);
    expect(verdict.errorMessage).toMatch(FAIL_CLOSED);
    expect(verdict.errorMessage).toContain('a Tandem record is unreadable');
  });

  it('malformed approval record', async () => {
    g = createGuardrailSite();
    await save(withBirthDate());
    await forgeStore.set(KEYS.approval(g.id(GRD_ISSUES.page)), {
      revision: 'one',
      record: { state: 'approved' }
    });
    const verdict = await validate();
    expect(verdict.result).toBe(false);
    expect(verdict.errorMessage).toContain('a Tandem record is unreadable');
  });

  it('no issue in the arguments', async () => {
    g = createGuardrailSite();
    const verdict = await g.t.runtime.runValidator('validate-guardrail', {
      issue: { key: '' },
      transition: { from: { id: '1' }, to: { id: '2' } }
    });
    expect(verdict.result).toBe(false);
    expect(verdict.errorMessage).toMatch(FAIL_CLOSED);
  });
});
