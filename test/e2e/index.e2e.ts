import {
  ADMIN_MODULE,
  Browser,
  expectAttribute,
  expectCount,
  expectText,
  screenshot,
  startPreview,
  tempDir,
  type RunningPreview
} from './support/harness';

describe('preview index', () => {
  let preview: RunningPreview;
  let browser: Browser;

  beforeAll(async () => {
    preview = await startPreview({ dataDir: tempDir('index') });
    browser = await Browser.open();
  });

  afterAll(async () => {
    await browser?.close();
    await preview?.stop();
  });

  it('lists the admin page from manifest.yml with a link that frames it', async () => {
    const page = await browser.page();
    await page.goto(`${preview.url}/`);

    await expectText(page.getByRole('heading', { level: 1 }), 'Surfaces');
    const card = page.locator(`.surface-card[data-module-key="${ADMIN_MODULE}"]`);
    await expectCount(card, 1);
    await expectText(card, /Tandem/);
    await expectText(card, /jira:adminPage/);
    await expectCount(page.locator('#switch-user option'), 6);
    await expectText(page.locator('#switch-user option[data-role="admin"]'), /Jira admin/);

    await screenshot(page, 'index');

    await Promise.all([page.waitForEvent('load'), card.getByRole('link').first().click()]);
    expect(new URL(page.url()).pathname).toBe(`/jira/settings/apps/${ADMIN_MODULE}`);
    const frameElement = page.locator(`iframe[data-module-key="${ADMIN_MODULE}"]`);
    await expectAttribute(
      frameElement,
      'sandbox',
      'allow-scripts allow-same-origin allow-forms allow-popups'
    );
    await expectText(
      page.frameLocator(`iframe[data-module-key="${ADMIN_MODULE}"]`).getByRole('heading', { level: 1 }),
      'Tandem'
    );

    await screenshot(page, 'index-admin-page');
    browser.expectNoProblems();
  });
});
