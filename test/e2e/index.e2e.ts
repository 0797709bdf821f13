import {
  previewForSuite,
  ADMIN_MODULE,
  expectAttribute,
  expectCount,
  expectText,
  screenshot,
  startPreview,
  tempDir
} from './support/harness';

describe('preview index', () => {
  const suite = previewForSuite(() => startPreview({ dataDir: tempDir('index') }));

  it('lists the admin page from manifest.yml with a link that frames it', async () => {
    const page = await suite.browser().page();
    await page.goto(`${suite.preview().url}/`);

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
      'allow-downloads allow-forms allow-modals allow-pointer-lock allow-popups allow-same-origin allow-scripts'
    );
    await expectText(
      page.frameLocator(`iframe[data-module-key="${ADMIN_MODULE}"]`).getByRole('heading', { level: 1 }),
      'Tandem'
    );

    await screenshot(page, 'index-admin-page');
    suite.browser().expectNoProblems();
  });
});
