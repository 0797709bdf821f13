import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type {
  AuditExportPage,
  GuardrailView,
  ImportHtmlResult,
  PolicyOverview
} from '../../src/contract/guardrails';
import type { Result } from '../../src/contract/result';
import { main, type CliIo } from '../../src/guardrails/cli';
import { DEFAULT_POLICY, withGroupIds, type Policy } from '../../src/guardrails/domain/policy';
import type { IssueDoc } from '../../preview/backend/types';
import { USERS, issue, project, teamProject } from '../support/site-seeds';
import { createTestSite, type TestSite } from '../support/test-site';
import { compliantPage, withFields } from '../support/page-definitions';

/**
 * The panel's view (issue type, project style, what the caller may do, the policy in force), the
 * HTML import, the versioned site policy and the administrators' audit export, end to end over
 * the embedded Jira and KVS.
 */

const requester = USERS.requester.accountId;
const approver = USERS.approver.accountId;
const admin = USERS.admin.accountId;
const browseOnly = USERS.browseOnly.accountId;
const outsider = USERS.outsider.accountId;

const PRIVACY = DEFAULT_POLICY.tiers.T2.approverGroup ?? '';
const DPO = DEFAULT_POLICY.tiers.T3.approverGroup ?? '';

let t: TestSite;
const ids: Record<string, string> = {};

afterEach(() => {
  t.expectClean();
  t.close();
});

/** Jira's group ids on this site, by name. */
function siteGroupIds(): Map<string, string> {
  return new Map(
    t.site.docs.all<{ name: string; groupId: string }>('groups').map((g) => [g.name, g.groupId])
  );
}

function setup(): void {
  t = createTestSite({
    groups: [{ name: PRIVACY }, { name: DPO }],
    // The IT approver persona reviews T2 pages (the default policy's group for that tier).
    users: [{ ...USERS.approver, groups: [...USERS.approver.groups, PRIVACY] }],
    issueTypes: [
      { name: 'Landing Page', description: 'Adopted by Tandem' },
      { name: 'Formulaire web', description: 'Named in French' }
    ],
    projects: [project({ key: 'GRD', name: 'Guarded pages' }), teamProject({ key: 'SQD', name: 'Squad' })],
    issues: [
      issue({ project: 'GRD', issuetype: 'Landing Page', summary: 'Spring landing page' }),
      issue({ project: 'GRD', issuetype: 'Formulaire web', summary: 'Contact form' }),
      issue({ project: 'GRD', issuetype: 'Task', summary: 'Unrelated task' }),
      issue({ project: 'SQD', issuetype: 'Task', summary: 'Team-managed page' })
    ]
  });
  for (const doc of t.site.docs.all<IssueDoc>('issues')) ids[doc.summary] = doc.id;
}

async function call<T>(accountId: string, key: string, payload?: unknown): Promise<Result<T>> {
  return t.asUser(accountId).invoke<Result<T>>(key, payload);
}

async function must<T>(accountId: string, key: string, payload?: unknown): Promise<T> {
  const result = await call<T>(accountId, key, payload);
  if (!result.ok) throw new Error(`${key} as ${accountId}: ${result.error.code} ${result.error.message}`);
  return result.data;
}

const landing = () => ids['Spring landing page'] ?? '';
const get = (who: string, issueId = landing()) => must<GuardrailView>(who, 'guardrails/get', { issueId });

describe('the panel view', () => {
  it('says which issues the guardrail applies to and whether the project can enforce it', async () => {
    setup();
    const page = await get(requester);
    expect(page.issue).toEqual({
      issueKey: 'GRD-1',
      issueTypeName: 'Landing Page',
      isGuardrailType: true,
      keptAfterTypeChange: false,
      projectKey: 'GRD',
      projectStyle: 'company-managed',
      enforceable: true
    });
    expect((await get(requester, ids['Contact form'])).issue.isGuardrailType).toBe(true);
    expect((await get(requester, ids['Unrelated task'])).issue.isGuardrailType).toBe(false);
    const team = await get(requester, ids['Team-managed page']);
    expect(team.issue).toMatchObject({ projectStyle: 'team-managed', enforceable: false });
    // The groups the default policy names, with the ids Jira gives them (membership is by id).
    expect(page.policy).toEqual(withGroupIds(DEFAULT_POLICY, siteGroupIds()));
  });

  it('recognises a type by the id provisioning recorded, whatever it is called now', async () => {
    setup();
    const task = t.site.docs.all<{ id: string; name: string }>('issueTypes').find((x) => x.name === 'Task');
    expect((await get(requester, ids['Unrelated task'])).issue.isGuardrailType).toBe(false);
    t.site.kvs.handle('/api/v1/set', {
      key: 'tandem:provisioning:item:issueType:web-form',
      value: {
        key: 'web-form',
        kind: 'issueType',
        state: 'adopted',
        jiraId: task?.id,
        jiraName: 'Task',
        updatedAt: '2026-11-01T00:00:00.000Z'
      }
    });
    expect((await get(requester, ids['Unrelated task'])).issue.isGuardrailType).toBe(true);
  });

  it('tells each persona what they may do: editors edit, approvers decide only a pending request', async () => {
    setup();
    expect((await get(requester)).permissions).toEqual({ canEdit: true, canDecide: false });
    expect((await get(browseOnly)).permissions).toEqual({ canEdit: false, canDecide: false });
    expect((await get(approver)).permissions.canDecide).toBe(false);
    await must(requester, 'guardrails/save', {
      issueId: landing(),
      definition: withFields([{ name: 'dob', label: 'Date de naissance' }])
    });
    await must(requester, 'guardrails/request-approval', { issueId: landing() });
    expect((await get(approver)).permissions.canDecide).toBe(true);
    expect((await get(requester)).permissions.canDecide).toBe(false);
    expect((await call(outsider, 'guardrails/get', { issueId: landing() })).ok).toBe(false);
  });
});

describe('HTML import', () => {
  const html = `<!doctype html><html><body>
    <form id="contact" data-purpose="Recontacter" data-retention-months="12"
          data-privacy-url="https://www.example.com/confidentialite">
      <label for="e">E-mail</label><input id="e" name="email" type="email" autocomplete="email">
      <label>Date de naissance <input name="dob" type="date" autocomplete="bday"></label>
      <input type="hidden" name="iban">
    </form></body></html>`;

  it('parses a page into a definition and evaluates it with the policy in force, storing nothing', async () => {
    setup();
    const before = Object.keys(t.site.kvs.dump()).length;
    const result = await must<ImportHtmlResult>(requester, 'guardrails/import-html', {
      issueId: landing(),
      html
    });
    expect(result.definition.forms[0]?.fields.map((f) => f.name)).toEqual(['email', 'dob', 'iban']);
    expect(result.evaluation.tier).toBe('T3');
    expect(result.evaluation.decision).not.toBe('go');
    expect(result.evaluation.approvals.map((a) => a.group)).toContain(DPO);
    expect(Object.keys(t.site.kvs.dump()).length).toBe(before);
  });

  it('takes a definition in JSON too, and names the path of what is wrong in it', async () => {
    setup();
    const json = JSON.stringify(withFields([{ name: 'dob', label: 'Date of birth' }]));
    const result = await must<ImportHtmlResult>(requester, 'guardrails/import-html', {
      issueId: landing(),
      html: `  ${json}\n`
    });
    expect(result.definition.forms[0]?.fields.map((f) => f.name)).toEqual(['dob']);
    expect(result.evaluation).toMatchObject({ tier: 'T2', decision: 'approval' });
    const wrong = JSON.stringify({
      forms: [{ id: 'f', fields: [{ name: 'x', label: 'X', inputType: 42 }] }]
    });
    const refused = await call(requester, 'guardrails/import-html', { issueId: landing(), html: wrong });
    expect(refused).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    if (!refused.ok) expect(refused.error.field).toMatch(/^definition\.forms\[0\]\.fields\[0\]/);
    expect(
      await call(requester, 'guardrails/import-html', { issueId: landing(), html: '{ nope' })
    ).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT', field: 'html' }
    });
  });

  it('is for editors only, and refuses empty or oversized HTML naming the field', async () => {
    setup();
    expect(await call(browseOnly, 'guardrails/import-html', { issueId: landing(), html })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' }
    });
    expect(await call(requester, 'guardrails/import-html', { issueId: landing(), html: '' })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT', field: 'html' }
    });
    const huge = `<form>${'x'.repeat(2 * 1024 * 1024)}</form>`;
    expect(await call(requester, 'guardrails/import-html', { issueId: landing(), html: huge })).toMatchObject(
      {
        ok: false,
        error: { code: 'INVALID_INPUT', field: 'html' }
      }
    );
  });
});

describe('the site policy', () => {
  const edited = (change: (p: Policy) => void): Policy => {
    const copy = structuredClone(DEFAULT_POLICY);
    change(copy);
    return copy;
  };

  it('is read and saved by Jira administrators only; others change nothing', async () => {
    setup();
    for (const who of [requester, approver, browseOnly]) {
      expect(await call(who, 'guardrails/policy-get', {})).toMatchObject({
        ok: false,
        error: { code: 'FORBIDDEN' }
      });
      const refused = await call(who, 'guardrails/policy-save', {
        policy: DEFAULT_POLICY,
        basedOn: DEFAULT_POLICY.version
      });
      expect(refused).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    }
    const overview = await must<PolicyOverview>(admin, 'guardrails/policy-get', {});
    expect(overview).toEqual({
      current: withGroupIds(DEFAULT_POLICY, siteGroupIds()),
      isDefault: true,
      history: [],
      // The IT reviewers' group does not exist on this site: the admin is told, nobody can approve for it.
      groupWarnings: [{ field: 'itApproverGroup', group: DEFAULT_POLICY.itApproverGroup }]
    });
    expect(Object.keys(t.site.kvs.dump()).filter((k) => k.includes(':policy:'))).toEqual([]);
  });

  it('keeps every version, names it on the server, and refuses a save based on a stale version', async () => {
    setup();
    const first = await must<PolicyOverview>(admin, 'guardrails/policy-save', {
      policy: edited((p) => {
        p.version = 'chosen-by-the-client';
        p.moduleLibrary.push({ id: 'quiz', version: '1.0.0', status: 'approved' });
      }),
      basedOn: DEFAULT_POLICY.version
    });
    expect(first.isDefault).toBe(false);
    expect(first.current.version).toBe('site-v1');
    expect(first.current.moduleLibrary).toContainEqual({ id: 'quiz', version: '1.0.0', status: 'approved' });
    const second = await must<PolicyOverview>(admin, 'guardrails/policy-save', {
      policy: edited((p) => (p.tiers.T2.approvalSlaHours = 24)),
      basedOn: 'site-v1'
    });
    expect(second.history.map((v) => v.version)).toEqual(['site-v2', 'site-v1']);
    expect(second.history[0]).toMatchObject({ savedBy: admin });
    const stale = await call(admin, 'guardrails/policy-save', { policy: DEFAULT_POLICY, basedOn: 'site-v1' });
    expect(stale).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    expect((await must<PolicyOverview>(admin, 'guardrails/policy-get', {})).current.version).toBe('site-v2');
  });

  it('refuses an invalid policy naming the path, and writes nothing', async () => {
    setup();
    const bad = edited((p) => (p.allowedDomains.scripts = ['not a host']));
    const refused = await call(admin, 'guardrails/policy-save', {
      policy: bad,
      basedOn: DEFAULT_POLICY.version
    });
    expect(refused).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT', field: 'policy.allowedDomains.scripts[0]' }
    });
    expect(await call(admin, 'guardrails/policy-save', { basedOn: 'x' })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT', field: 'policy' }
    });
    expect(Object.keys(t.site.kvs.dump()).filter((k) => k.includes(':policy:'))).toEqual([]);
  });

  it('is the policy every issue is evaluated with, and voids an approval only where it changes the outcome', async () => {
    setup();
    const contact = ids['Contact form'] ?? '';
    const dob = withFields([{ name: 'dob', label: 'Date of birth' }]);
    for (const id of [landing(), contact]) {
      await must(requester, 'guardrails/save', {
        issueId: id,
        definition: id === contact ? compliantPage() : dob
      });
    }
    await must(requester, 'guardrails/request-approval', { issueId: landing() });
    const approved = await must<GuardrailView>(approver, 'guardrails/decide', {
      issueId: landing(),
      decision: 'approve'
    });
    expect(approved.approval.state).toBe('approved');
    // A shorter T2 SLA changes neither the tier nor the findings of the date-of-birth page…
    await must(admin, 'guardrails/policy-save', {
      policy: edited((p) => (p.tiers.T2.approvalSlaHours = 12)),
      basedOn: DEFAULT_POLICY.version
    });
    expect((await get(requester)).approval.state).toBe('approved');
    // …but making dates of birth T3 changes its tier: the approval no longer covers it.
    await must(admin, 'guardrails/policy-save', {
      policy: edited((p) => (p.kindTiers.date_of_birth = 'T3')),
      basedOn: 'site-v1'
    });
    const after = await get(requester);
    expect(after.policy.version).toBe('site-v2');
    expect(after.evaluation.tier).toBe('T3');
    expect(after.approval.state).toBe('voided');
    expect(after.mayGoLive).toBe(false);
    expect((await get(requester, contact)).evaluation.decision).toBe('go');
  });

  it('exports as exactly the JSON `tandem-check --policy` reads', async () => {
    setup();
    const saved = await must<PolicyOverview>(admin, 'guardrails/policy-save', {
      policy: edited((p) => (p.kindTiers.email = 'T2')),
      basedOn: DEFAULT_POLICY.version
    });
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tandem-policy-'));
    const policyFile = path.join(dir, `tandem-policy-${saved.current.version}.json`);
    fs.writeFileSync(policyFile, JSON.stringify(saved.current, null, 2));
    const pageFile = path.join(dir, 'page.json');
    fs.writeFileSync(pageFile, JSON.stringify(compliantPage()));
    const run = (...args: string[]) => {
      let stdout = '';
      const io: CliIo = {
        stdout: (text) => (stdout += text),
        stderr: () => undefined,
        readFile: (file) => fs.readFileSync(file, 'utf8')
      };
      const code = main(args, io);
      return { code, report: JSON.parse(stdout) as { tier: string; decision: string } };
    };
    expect(run(pageFile, '--json')).toMatchObject({ code: 0, report: { tier: 'T1', decision: 'go' } });
    expect(run(pageFile, '--policy', policyFile, '--json')).toMatchObject({
      code: 2,
      report: { tier: 'T2', decision: 'approval' }
    });
  });
});

describe('the audit export', () => {
  it('pages through every issue’s events for Jira administrators only', async () => {
    setup();
    for (const name of ['Spring landing page', 'Contact form']) {
      const issueId = ids[name] ?? '';
      await must(requester, 'guardrails/save', { issueId, definition: compliantPage() });
      await must(requester, 'guardrails/save', {
        issueId,
        definition: compliantPage({ retentionMonths: 24 })
      });
    }
    for (const who of [requester, approver, browseOnly]) {
      expect(await call(who, 'guardrails/audit-export', {})).toMatchObject({
        ok: false,
        error: { code: 'FORBIDDEN' }
      });
    }
    const events = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = await must<AuditExportPage>(admin, 'guardrails/audit-export', cursor ? { cursor } : {});
      events.push(...page.events);
      cursor = page.nextCursor;
      pages++;
    } while (cursor && pages < 10);
    expect(events).toHaveLength(4);
    expect(new Set(events.map((e) => e.issueId))).toEqual(new Set([landing(), ids['Contact form']]));
    expect(events.every((e) => e.type === 'saved' && e.actor === requester)).toBe(true);
    expect(await call(admin, 'guardrails/audit-export', { cursor: 'forged' })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT', field: 'cursor' }
    });
  });
});
