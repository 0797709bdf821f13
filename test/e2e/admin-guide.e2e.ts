import fs from 'node:fs';
import path from 'node:path';
import yaml from 'js-yaml';
import { DEMO_IDS } from '../../preview/demo/demo';
import type { Locator, Page } from 'playwright-core';
import {
  actAs,
  chooseLocale,
  chooseTheme,
  expectText,
  expectVisible,
  openAdminPageAs,
  openAdminTab,
  previewForSuite,
  ROOT,
  screenshot,
  startPreview,
  tempDir,
  text
} from './support/harness';

/**
 * The README's admin guide, step by step in the preview, with the screenshots it shows. Each
 * screenshot also runs the axe audit (harness `screenshot`). The guide's images are documentation
 * committed in docs/admin-guide/: a normal run checks they exist and stay small; a run with
 * TANDEM_GUIDE_SCREENSHOTS=update rewrites them from what the preview shows now.
 */

const GUIDE = path.join(ROOT, 'docs', 'admin-guide');
const UPDATE = process.env.TANDEM_GUIDE_SCREENSHOTS === 'update';
const MAX_BYTES = 250 * 1024;

function moduleKey(type: string): string {
  const manifest = yaml.load(fs.readFileSync(path.join(ROOT, 'manifest.yml'), 'utf8')) as {
    modules: Record<string, Array<{ key: string }> | undefined>;
  };
  const key = manifest.modules[type]?.[0]?.key;
  if (!key) throw new Error(`manifest.yml has no ${type} module`);
  return key;
}

/** The surface's frame only, at the preview's viewport width: what the guide needs to show. */
async function guideShot(page: Page, surface: Locator, name: string, maxHeight?: number): Promise<void> {
  await screenshot(page, `admin-guide-${name}`);
  const file = path.join(GUIDE, `${name}.png`);
  if (UPDATE) {
    fs.mkdirSync(GUIDE, { recursive: true });
    const box = maxHeight === undefined ? null : await surface.boundingBox();
    // A content-tall frame (the idea backlog) is cut to its first screenful, what the guide shows.
    if (box && maxHeight !== undefined)
      await page.screenshot({
        path: file,
        fullPage: true,
        clip: { ...box, height: Math.min(box.height, maxHeight) }
      });
    else await surface.screenshot({ path: file });
  }
  expect(fs.existsSync(file)).toBe(true);
  const bytes = fs.readFileSync(file);
  expect(bytes.subarray(1, 4).toString('latin1')).toBe('PNG');
  expect(bytes.length).toBeLessThan(MAX_BYTES);
}

const PROJECT = 'MKT';

describe('README admin guide', () => {
  const suite = previewForSuite(() => startPreview({ dataDir: tempDir('admin-guide') }));

  it('set up the types, export the policy, set up lanes, copy a lane’s JQL', async () => {
    const page = await suite.browser().page();
    const url = suite.preview().url;
    const adminSurface = page.locator('#surface-slot iframe');

    // 1. Set up the shared types: the language, the projects, Set up; the run finishes.
    const admin = await openAdminPageAs(page, url, 'admin', 'en');
    await admin.getByRole('radio', { name: text('en', 'admin.language.en') }).check();
    const mkt = admin.getByRole('checkbox', { name: /\bMKT\b/ });
    await expectVisible(mkt);
    await mkt.check();
    await guideShot(page, adminSurface, '1-set-up-types');
    await admin.getByRole('button', { name: text('en', 'admin.action.setup') }).click();
    await expectText(
      admin.locator('.adm-run__line'),
      new RegExp(text('en', 'admin.run.status.done')),
      60_000
    );
    await guideShot(page, adminSurface, '2-set-up-done');

    // 2. Export the policy for the web team's CI: the JSON tandem-check --policy reads.
    await openAdminTab(admin, text('en', 'policy.tabs.policy'));
    const exported = admin.getByRole('textbox', { name: text('en', 'policy.export.jsonLabel') });
    await expectVisible(exported);
    expect(JSON.parse(await exported.inputValue())).toHaveProperty('tiers');
    await exported.scrollIntoViewIfNeeded();
    await guideShot(page, adminSurface, '3-export-policy');

    // 3. Set up lanes: the project's settings page (Project settings → Tandem lanes).
    await page.goto(`${url}/`);
    await actAs(page, 'admin');
    await chooseLocale(page, 'en');
    await chooseTheme(page, 'light');
    await page.goto(
      `${url}/jira/projects/${PROJECT}/apps/${encodeURIComponent(moduleKey('jira:projectSettingsPage'))}`
    );
    const settings = page.frameLocator('#surface-slot iframe');
    await expectVisible(settings.getByRole('heading', { name: text('en', 'ps.people.heading') }));
    await guideShot(page, page.locator('#surface-slot iframe'), '4-set-up-lanes');

    // 4. A lane's JQL for board swimlanes: the project page's JQL tab.
    const lanesModule = moduleKey('jira:projectPage');
    await page.goto(`${url}/jira/projects/${PROJECT}/apps/${encodeURIComponent(lanesModule)}`);
    const lanes = page.frameLocator(`iframe[data-module-key="${lanesModule}"]`);
    await expectVisible(lanes.locator('.lanes-lane').first(), 60_000);
    await lanes.getByRole('tab', { name: text('en', 'lanes.tabs.jql') }).click();
    await expectVisible(lanes.getByText(text('en', 'lanes.jql.step2')));
    const query = lanes.getByRole('textbox').first();
    expect(await query.inputValue()).toMatch(/^tandemLane = "[a-z0-9-]+"$/);
    await guideShot(page, page.locator(`iframe[data-module-key="${lanesModule}"]`), '5-lane-jql');

    suite.browser().expectNoProblems();
  });

  it('inserts the retrospective and idea backlog macros on Confluence pages', async () => {
    const page = await suite.browser().page();
    const url = suite.preview().url;
    await page.goto(`${url}/`);
    await actAs(page, 'admin');
    await chooseLocale(page, 'en');
    await chooseTheme(page, 'light');

    // 7. The retro macro's settings, as its dialog opens on insert (here: edited on the demo retro).
    await page.goto(`${url}/wiki/pages/${DEMO_IDS.pages.retroSept}?configure=retro-sept`);
    const retroDialog = '.macro[data-macro="tandem-retro"] .macro-config iframe';
    await expectVisible(
      page.frameLocator(retroDialog).getByLabel(text('en', 'retro.config.titleLabel')),
      60_000
    );
    await guideShot(page, page.locator(retroDialog), '6-retro-settings');

    // 8. The idea backlog on its page: absolute scores, stages, review flags.
    await page.goto(`${url}/wiki/pages/${DEMO_IDS.pages.ideas}`);
    const ideas = 'iframe[data-module-key="tandem-idea-backlog"]';
    await expectVisible(page.frameLocator(ideas).locator('.ideas-table, .ideas-board').first(), 60_000);
    await guideShot(page, page.locator(ideas), '7-idea-backlog', 720);
    await page.close();
    suite.browser().expectNoProblems();
  });
});
