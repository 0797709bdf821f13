import fs from 'node:fs';
import type { FrameLocator, Page } from 'playwright-core';
import { policySchema, type Policy } from '../../src/guardrails/domain/policy';
import {
  actAs,
  adminFrame,
  expectAttribute,
  expectCount,
  expectText,
  expectVisible,
  invokeAsPersona,
  openAdminPageAs,
  openAdminTab,
  previewForSuite,
  screenshot,
  startPreview,
  tempDir,
  text
} from './support/harness';

const en = (key: Parameters<typeof text>[1]) => text('en', key);
const fill = (template: string, vars: Record<string, string | number>) =>
  template.replace(/\{(\w+)\}/g, (_, name: string) => String(vars[name]));

/** The JSON in the export's read-only box (the same text the download holds). */
async function exportedPolicy(frame: FrameLocator): Promise<Policy> {
  const box = frame.getByRole('textbox', { name: en('policy.export.jsonLabel') });
  const raw = await box.inputValue();
  return policySchema.parse(JSON.parse(raw));
}

async function openPolicyAsAdmin(page: Page, url: string, locale: 'en' | 'fr' = 'en'): Promise<FrameLocator> {
  const frame = await openAdminPageAs(page, url, 'admin', locale);
  await openAdminTab(frame, text(locale, 'policy.tabs.policy'));
  await expectVisible(frame.getByRole('heading', { name: text(locale, 'policy.heading'), exact: true }));
  return frame;
}

describe('admin page: guardrail policy, export and audit export', () => {
  const suite = previewForSuite(() => startPreview({ dataDir: tempDir('policy') }));

  it('edits the T2 approver group and the module library, saves a new version that survives a reload', async () => {
    const page = await suite.browser().page();
    const frame = await openPolicyAsAdmin(page, suite.preview().url);

    // The default policy is in force before anyone saves.
    await expectVisible(frame.getByText(en('policy.inForce.default'), { exact: true }));
    await expectVisible(frame.getByText(en('policy.history.none')));
    expect((await exportedPolicy(frame)).version).toBe('default-2026-12');

    // "Reset to the values in force" drops every unsaved edit.
    const t0Group = frame.getByRole('textbox', { name: 'T0 Approver group' });
    await t0Group.fill('someone-else');
    await expectVisible(frame.getByRole('tab', { name: new RegExp(en('policy.unsaved')) }));
    await frame.getByRole('button', { name: en('policy.save.reset') }).click();
    expect(await t0Group.inputValue()).toBe('');
    expect(await frame.getByRole('tab', { name: new RegExp(en('policy.unsaved')) }).count()).toBe(0);

    // The library is long enough for a filter box.
    const modules = frame.getByRole('table', { name: en('policy.modules.heading'), exact: true });
    await frame.getByRole('searchbox', { name: en('policy.modules.filter') }).fill('lead');
    await expectCount(modules.getByRole('rowheader'), 2);
    await frame.getByRole('searchbox', { name: en('policy.modules.filter') }).fill('');
    await expectCount(modules.getByRole('rowheader'), 9);

    const t2Group = frame.getByRole('textbox', { name: 'T2 Approver group' });
    expect(await t2Group.inputValue()).toBe('tandem-privacy-reviewers');
    await t2Group.fill('web-privacy-team');

    // A half-typed number is named, and Save refuses while it is wrong.
    const t2Sla = frame.getByRole('textbox', { name: 'T2 Approval SLA (hours)' });
    await t2Sla.fill('4x');
    await expectVisible(frame.getByText(en('policy.problem.wholeNumber')));
    await frame.getByRole('button', { name: en('policy.save.button') }).click();
    await expectVisible(frame.getByRole('heading', { name: en('policy.save.invalidTitle') }));
    await expectVisible(frame.getByText(`T2 Approval SLA (hours): ${en('policy.problem.wholeNumber')}`));
    await t2Sla.fill('24');

    // Add a module version, and retire an old one.
    await frame
      .getByRole('combobox', { name: en('policy.modules.col.module'), exact: true })
      .fill('pricing-table');
    await frame.getByRole('textbox', { name: en('policy.modules.col.version'), exact: true }).fill('1.0.0');
    await frame.getByRole('button', { name: en('policy.modules.add'), exact: true }).click();
    await frame.getByRole('button', { name: 'Retire testimonials 1.0.3' }).click();

    // A script domain that is not a host name is refused where it is typed; a URL keeps its host.
    const addScript = frame.getByRole('textbox', { name: `Add to ${en('policy.domains.scripts')}` });
    await addScript.fill('not a host');
    await frame.getByRole('button', { name: `Add to ${en('policy.domains.scripts')}` }).click();
    await expectVisible(frame.getByText(fill(en('policy.domains.invalid'), { host: 'not a host' })));
    await addScript.fill('https://cdn.example.org/tag.js');
    await frame.getByRole('button', { name: `Add to ${en('policy.domains.scripts')}` }).click();
    await expectVisible(frame.getByRole('button', { name: 'Remove cdn.example.org' }));
    // Each allowed script host says whether it is a tracker; the admin marks the new one as analytics.
    expect(
      await frame
        .getByRole('combobox', {
          name: fill(en('policy.trackers.label'), { host: 'www.googletagmanager.com' })
        })
        .inputValue()
    ).toBe('tag_manager');
    const newHost = frame.getByRole('combobox', {
      name: fill(en('policy.trackers.label'), { host: 'cdn.example.org' })
    });
    expect(await newHost.inputValue()).toBe('');
    await newHost.selectOption({ label: en('policy.trackers.analytics') });

    // Unsaved changes show on the tab and next to Save.
    await expectVisible(frame.getByRole('tab', { name: new RegExp(en('policy.unsaved')) }));

    await frame.getByRole('button', { name: en('policy.save.button') }).click();
    await expectVisible(
      frame.getByRole('heading', { name: fill(en('policy.save.savedTitle'), { version: 'site-v1' }) })
    );
    const history = frame.getByRole('table', { name: en('policy.history.heading') });
    await expectCount(history.getByRole('rowheader'), 1);
    await expectText(history.getByRole('rowheader').first(), /^site-v1/);
    // Saved by the admin persona: the history names them (Jira's user API, as the viewer).
    const adminOption = await page.locator('#switch-user option[data-role="admin"]').textContent();
    const adminName = (adminOption ?? '').split(' — ')[0]?.trim() ?? '';
    expect(adminName).not.toBe('');
    await expectText(history.getByRole('row').nth(1).getByRole('cell').nth(1), adminName);
    expect(await frame.getByRole('tab', { name: new RegExp(en('policy.unsaved')) }).count()).toBe(0);
    await frame.getByRole('tab', { name: en('policy.tabs.policy') }).scrollIntoViewIfNeeded();
    await screenshot(page, 'admin-policy');
    await frame
      .getByRole('table', { name: en('policy.tiers.heading'), exact: true })
      .scrollIntoViewIfNeeded();
    await screenshot(page, 'admin-policy-tiers');

    // Reload: the saved version is in force, with the changes.
    await page.reload();
    const again = await openPolicyAsAdmin(page, suite.preview().url);
    await expectText(again.locator('.adm-version'), 'site-v1');
    expect(await again.getByRole('textbox', { name: 'T2 Approver group' }).inputValue()).toBe(
      'web-privacy-team'
    );
    expect(await again.getByRole('textbox', { name: 'T2 Approval SLA (hours)' }).inputValue()).toBe('24');
    await expectVisible(again.getByRole('button', { name: 'Retire pricing-table 1.0.0' }));
    await expectVisible(again.getByRole('button', { name: 'Approve testimonials 1.0.3' }));
    expect(
      await again
        .getByRole('combobox', { name: fill(en('policy.trackers.label'), { host: 'cdn.example.org' }) })
        .inputValue()
    ).toBe('analytics');

    // The export is the JSON tandem-check reads, with the new version.
    const exported = await exportedPolicy(again);
    expect(exported.version).toBe('site-v1');
    expect(exported.tiers.T2).toEqual(
      expect.objectContaining({ approverGroup: 'web-privacy-team', approvalSlaHours: 24 })
    );
    expect(exported.moduleLibrary).toContainEqual({
      id: 'pricing-table',
      version: '1.0.0',
      status: 'approved'
    });
    expect(exported.moduleLibrary).toContainEqual({
      id: 'testimonials',
      version: '1.0.3',
      status: 'retired'
    });
    expect(exported.allowedDomains.scripts).toContain('cdn.example.org');
    expect(exported.trackers).toContainEqual({ domain: 'cdn.example.org', category: 'analytics' });
    await expectVisible(
      again.getByRole('button', {
        name: en('policy.export.download').replace('{file}', 'tandem-policy-site-v1.json')
      })
    );

    // Exactly JSON.stringify(current, null, 2) of what the server has in force.
    const overview = (await invokeAsPersona(page, {
      moduleKey: 'tandem-admin',
      functionKey: 'guardrails/policy-get',
      payload: {}
    })) as { ok: true; data: { current: Policy } };
    const shown = await again.getByRole('textbox', { name: en('policy.export.jsonLabel') }).inputValue();
    expect(shown).toBe(JSON.stringify(overview.data.current, null, 2));

    // The download: Forge's Custom UI frame has allow-downloads; a host whose sandbox lacks it
    // drops the download silently (Chromium), which is why the JSON box is there.
    const sandbox =
      (await page.locator('iframe[data-module-key="tandem-admin"]').getAttribute('sandbox')) ?? '';
    const downloading = page.waitForEvent('download', { timeout: 5000 }).catch(() => undefined);
    await again.getByRole('button', { name: /tandem-policy-site-v1\.json/ }).click();
    const download = await downloading;
    if (sandbox.split(/\s+/).includes('allow-downloads')) {
      expect(download?.suggestedFilename()).toBe('tandem-policy-site-v1.json');
      const file = await download?.path();
      expect(file && fs.readFileSync(file, 'utf8')).toBe(shown);
    } else {
      expect(download).toBeUndefined();
    }

    suite.browser().expectNoProblems();
  });

  it('says when someone else saved meanwhile, and reloads the version now in force', async () => {
    const first = await suite.browser().page();
    const frameA = await openPolicyAsAdmin(first, suite.preview().url);
    const second = await suite.browser().context.newPage();
    const frameB = await openPolicyAsAdmin(second, suite.preview().url);

    // Both start from the same version; A saves first.
    const before = (await frameA.locator('.adm-version').textContent()) ?? '';
    const next = `site-v${Number(/^site-v(\d+)$/.exec(before)?.[1] ?? 0) + 1}`;
    await expectText(frameB.locator('.adm-version'), before);
    await frameA.getByRole('textbox', { name: 'T3 Approval SLA (hours)' }).fill('96');
    await frameA.getByRole('button', { name: en('policy.save.button') }).click();
    await expectVisible(
      frameA.getByRole('heading', { name: fill(en('policy.save.savedTitle'), { version: next }) })
    );

    await frameB.getByRole('textbox', { name: 'T3 Approval SLA (hours)' }).fill('72');
    await frameB.getByRole('button', { name: en('policy.save.button') }).click();
    await expectVisible(frameB.getByRole('heading', { name: en('policy.save.conflictTitle') }));
    await frameB.getByRole('button', { name: en('policy.save.reload') }).click();
    await expectText(frameB.locator('.adm-version'), next);
    expect(await frameB.getByRole('textbox', { name: 'T3 Approval SLA (hours)' }).inputValue()).toBe('96');
    await second.close();
    suite.browser().expectNoProblems();
  });

  it('exports the audit trail: says so when it is empty, then counts the events once there are some', async () => {
    const page = await suite.browser().page();
    const frame = await openAdminPageAs(page, suite.preview().url, 'admin', 'en');
    await openAdminTab(frame, en('policy.tabs.audit'));
    await frame.getByRole('button', { name: en('policy.audit.start') }).click();
    await expectVisible(frame.getByRole('heading', { name: en('policy.audit.emptyTitle') }));
    expect(await frame.getByRole('button', { name: en('policy.audit.downloadCsv') }).count()).toBe(0);

    // A marketer saves a page definition on MKT-1 (through the panel's resolver): one audit event.
    await page.goto(`${suite.preview().url}/`);
    await actAs(page, 'requester');
    const issueId = await page.evaluate(async () => {
      const res = await fetch('/api/product-fetch', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ product: 'jira', restPath: '/rest/api/3/issue/MKT-1?fields=summary' })
      });
      const answer = (await res.json()) as { body: string };
      return (JSON.parse(answer.body) as { id: string }).id;
    });
    const saved = (await invokeAsPersona(page, {
      moduleKey: 'tandem-guardrail-panel',
      functionKey: 'guardrails/save',
      payload: {
        issueId,
        definition: {
          title: 'Spring webinar',
          forms: [{ id: 'signup', fields: [{ name: 'email', label: 'Email', kind: 'email' }] }]
        }
      },
      location: { issueKey: 'MKT-1' }
    })) as { ok: boolean };
    expect(saved.ok).toBe(true);

    const again = await openAdminPageAs(page, suite.preview().url, 'admin', 'en');
    await openAdminTab(again, en('policy.tabs.audit'));
    await again.getByRole('button', { name: en('policy.audit.start') }).click();
    await expectVisible(again.getByText(fill(en('policy.audit.done'), { events: 1, issues: 1 })));
    await expectVisible(again.getByRole('button', { name: en('policy.audit.downloadJson') }));
    await expectVisible(again.getByRole('button', { name: en('policy.audit.downloadCsv') }));
    await again.getByText(en('policy.audit.showCsv')).click();
    const csv = await again.getByRole('textbox', { name: en('policy.audit.csvLabel') }).inputValue();
    // A textarea's value has its line breaks as LF; the downloaded file keeps CRLF (RFC 4180).
    const [header, row, end] = csv.split(/\r?\n/);
    expect(header).toBe(
      '"at","issueId","type","actor","tier","decision","policyVersion","definitionHash","reason"'
    );
    const requesterId = await page
      .locator('#switch-user option[data-role="requester"]')
      .getAttribute('value');
    expect(row).toContain(`"${issueId}","saved","${requesterId}","T1"`);
    expect(row).toMatch(/"site-v\d+","[0-9a-f]{64}",""$/);
    expect(end).toBe('');
    await again.getByText(en('policy.audit.showCsv')).scrollIntoViewIfNeeded();
    await screenshot(page, 'admin-audit-export');
    suite.browser().expectNoProblems();
  });

  it('refuses the policy and the audit export to a browse-only user, in French', async () => {
    const page = await suite.browser().page();
    const frame = await openAdminPageAs(page, suite.preview().url, 'browser', 'fr');
    await openAdminTab(frame, text('fr', 'policy.tabs.policy'));
    await expectVisible(frame.getByRole('heading', { name: text('fr', 'policy.forbidden.title') }));
    expect(await frame.getByRole('button', { name: text('fr', 'policy.save.button') }).count()).toBe(0);

    await openAdminTab(frame, text('fr', 'policy.tabs.audit'));
    await frame.getByRole('button', { name: text('fr', 'policy.audit.start') }).click();
    await expectVisible(frame.getByRole('heading', { name: text('fr', 'policy.audit.forbiddenTitle') }));
    expect(await adminFrame(page).evaluate('document.documentElement.lang')).toBe('fr');
    suite.browser().expectProblem(/HTTP 4\d\d for POST \/api\/invoke/);
    suite.browser().expectNoProblems();
  });

  it('renders the policy editor in French for an admin, field kinds included', async () => {
    const page = await suite.browser().page();
    const frame = await openPolicyAsAdmin(page, suite.preview().url, 'fr');
    await expectVisible(frame.getByRole('table', { name: text('fr', 'policy.kinds.heading') }));
    await expectVisible(frame.getByRole('rowheader', { name: 'date de naissance', exact: true }));
    await expectVisible(frame.getByRole('combobox', { name: 'Niveau de «\u202fmot de passe\u202f»' }));
    await expectVisible(frame.getByText(text('fr', 'policy.effect')));
    const gtm = frame.getByRole('combobox', { name: 'Traceur : www.googletagmanager.com' });
    expect(await gtm.inputValue()).toBe('tag_manager');
    await expectText(gtm.locator('option:checked'), text('fr', 'policy.trackers.tag_manager'));
    await screenshot(page, 'admin-policy-fr');

    // The tabs follow the ARIA pattern: arrow keys, Home and End move and select.
    const policyTab = frame.getByRole('tab', { name: text('fr', 'policy.tabs.policy') });
    await policyTab.focus();
    await policyTab.press('ArrowRight');
    await expectAttribute(
      frame.getByRole('tab', { name: text('fr', 'policy.tabs.audit') }),
      'aria-selected',
      'true'
    );
    await expectVisible(frame.getByRole('button', { name: text('fr', 'policy.audit.start') }));
    await frame.getByRole('tab', { name: text('fr', 'policy.tabs.audit') }).press('Home');
    await expectAttribute(
      frame.getByRole('tab', { name: text('fr', 'policy.tabs.setup') }),
      'aria-selected',
      'true'
    );
    await expectVisible(frame.getByRole('button', { name: text('fr', 'admin.action.setup') }));
    expect(await adminFrame(page).evaluate('location.hash')).toBe('#setup');
    suite.browser().expectNoProblems();
  });
});
