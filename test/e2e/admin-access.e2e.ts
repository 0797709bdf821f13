import {
  Browser,
  actAs,
  adminFrame,
  chooseLocale,
  expectText,
  expectVisible,
  openAdminPage,
  screenshot,
  startPreview,
  tempDir,
  text,
  type RunningPreview
} from './support/harness';

describe('admin page: someone who is not a Jira admin', () => {
  let preview: RunningPreview;
  let browser: Browser;

  beforeAll(async () => {
    preview = await startPreview({ dataDir: tempDir('access') });
    browser = await Browser.open();
  });

  afterAll(async () => {
    await browser?.close();
    await preview?.stop();
  });

  it('shows the browse-only user the refusal, in French, and no set-up form', async () => {
    const page = await browser.page();
    await page.goto(`${preview.url}/`);
    await actAs(page, 'browser');
    await chooseLocale(page, 'fr');
    const frame = await openAdminPage(page, preview.url);

    await expectText(
      frame.getByRole('heading', { name: text('fr', 'admin.forbidden.title') }),
      text('fr', 'admin.forbidden.title')
    );
    await expectVisible(frame.getByText(text('fr', 'admin.forbidden.body')));
    expect(await frame.getByRole('button', { name: text('fr', 'admin.action.setup') }).count()).toBe(0);
    expect(await frame.getByRole('table').count()).toBe(0);
    expect(await adminFrame(page).evaluate('document.documentElement.lang')).toBe('fr');

    await screenshot(page, 'admin-forbidden-fr');
    browser.expectNoProblems();
  });

  it('refuses the marketing requester too (English)', async () => {
    const page = await browser.page();
    await page.goto(`${preview.url}/`);
    await actAs(page, 'requester');
    await chooseLocale(page, 'en');
    const frame = await openAdminPage(page, preview.url);
    await expectText(
      frame.getByRole('heading', { name: text('en', 'admin.forbidden.title') }),
      text('en', 'admin.forbidden.title')
    );
    browser.expectNoProblems();
  });
});
