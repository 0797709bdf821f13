import type { FrameLocator, Page } from 'playwright-core';
import { buildDemoSeed, DEMO_IDS, IDEA_BACKLOG_MACRO } from '../../preview/demo/demo';
import type { LicenceState } from '../../preview/runtime';
import { VALIDATOR_LICENCE_TEXTS } from '../../src/platform/licence';
import {
  actAs,
  chooseLocale,
  expectCount,
  expectText,
  expectVisible,
  guardrailPanel,
  openAdminPage,
  previewForSuite,
  screenshot,
  startPreview,
  tempDir,
  text
} from './support/harness';

/**
 * The preview's licence switch (issue #10, "Licensing"): with the licence inactive every surface
 * shows the unlicensed page instead of its content, in the session's language, the workflow
 * validator still blocks an unapproved page (saying the licence is why), and with no licence at all
 * (a free app, a development installation) or an active one the surfaces work as usual.
 */

const seed = buildDemoSeed();
const LANDING = (() => {
  const key = (seed.issues ?? []).find(
    (i) => i.project === 'MKT' && i.issuetype === 'Landing Page' && i.status === 'To Do'
  )?.key;
  if (!key) throw new Error('The demo has no MKT Landing Page to do');
  return key;
})();

async function chooseLicence(page: Page, licence: LicenceState): Promise<void> {
  if ((await page.locator('#switch-license').inputValue()) === licence) return;
  await Promise.all([page.waitForEvent('load'), page.selectOption('#switch-license', licence)]);
}

/** The unlicensed page in a frame: its heading, and the surface's own content out of sight. */
async function expectUnlicensed(frame: FrameLocator, locale: 'en' | 'fr'): Promise<void> {
  await expectText(frame.getByRole('heading', { level: 1 }), text(locale, 'common.unlicensed.title'));
  await expectVisible(frame.getByText(text(locale, 'common.unlicensed.admin')));
  await expectVisible(frame.getByText(text(locale, 'common.unlicensed.validator')));
  await expectCount(frame.locator('#root:visible'), 0);
  await expectCount(frame.getByRole('heading', { name: text(locale, 'common.unlicensed.title') }), 1);
}

describe('licence switch: the unlicensed page, and the validator that keeps enforcing', () => {
  const { preview, browser } = previewForSuite(() => startPreview({ dataDir: tempDir('licence') }));
  let page: Page;

  beforeAll(async () => {
    page = await browser().page();
  });

  afterEach(() => {
    browser().expectNoProblems();
  });

  it('a. the issue panel shows the unlicensed page when the licence is inactive', async () => {
    await page.goto(`${preview().url}/jira/browse/${LANDING}`);
    await actAs(page, 'requester');
    await chooseLocale(page, 'en');
    await chooseLicence(page, 'inactive');
    const panel = guardrailPanel(page);
    await expectUnlicensed(panel, 'en');
    await screenshot(page, 'licence-unlicensed-panel');
  });

  it('b. the admin page shows it too, in French for a French session', async () => {
    await page.goto(`${preview().url}/`);
    await actAs(page, 'admin');
    await chooseLocale(page, 'fr');
    const admin = await openAdminPage(page, preview().url);
    await expectUnlicensed(admin, 'fr');
    await screenshot(page, 'licence-unlicensed-admin-fr');
    await chooseLocale(page, 'en');
    await expectUnlicensed(page.frameLocator('iframe[data-module-key="tandem-admin"]'), 'en');
    await screenshot(page, 'licence-unlicensed-admin');
  });

  it('b2. so do the project page and the project settings page', async () => {
    for (const moduleKey of ['tandem-lanes', 'tandem-lanes-settings']) {
      await page.goto(`${preview().url}/jira/projects/MKT/apps/${moduleKey}`);
      await actAs(page, 'admin');
      await expectUnlicensed(page.frameLocator(`iframe[data-module-key="${moduleKey}"]`), 'en');
    }
    await screenshot(page, 'licence-unlicensed-project-settings');
  });

  it('b3. and so do both Confluence macros (one resolver call path for every surface)', async () => {
    for (const [pageId, moduleKey] of [
      [DEMO_IDS.pages.retroSept, 'tandem-retro'],
      [DEMO_IDS.pages.ideas, IDEA_BACKLOG_MACRO.moduleKey]
    ] as const) {
      await page.goto(`${preview().url}/wiki/pages/${pageId}`);
      await actAs(page, 'requester');
      await expectUnlicensed(page.frameLocator(`.macro[data-macro="${moduleKey}"] iframe`), 'en');
    }
    await screenshot(page, 'licence-unlicensed-idea-backlog');
  });

  it('c. the go-live transition of an unapproved page stays blocked, and says why', async () => {
    await page.goto(`${preview().url}/jira/browse/${LANDING}`);
    await actAs(page, 'requester');
    const before = (await page.locator('#status-name').textContent())?.trim();
    await page.locator('#status-button').click();
    const done = page.getByRole('menuitem', { name: 'Done', exact: true });
    await expectVisible(done);
    await done.click();

    const banner = page.locator('#transition-error');
    await expectVisible(banner);
    const message = (await banner.locator('.banner-message').textContent()) ?? '';
    expect(message).toContain(VALIDATOR_LICENCE_TEXTS.en.unlicensed);
    await expectText(page.locator('#status-name'), before ?? '');
    await screenshot(page, 'licence-unlicensed-transition-blocked');
  });

  it('d. with no licence at all (free app, development) or an active one, the surfaces work', async () => {
    for (const licence of ['none', 'active'] as const) {
      await page.goto(`${preview().url}/jira/browse/${LANDING}`);
      await actAs(page, 'requester');
      await chooseLicence(page, licence);
      const panel = guardrailPanel(page);
      await expectVisible(panel.locator('main.gp-panel:not(.gp-loading)'));
      await expectCount(panel.getByRole('heading', { name: text('en', 'common.unlicensed.title') }), 0);
    }
    await screenshot(page, 'licence-active-panel');
  });
});
