import {
  previewForSuite,
  openAdminPageAs,
  adminFrame,
  expectText,
  expectVisible,
  screenshot,
  startPreview,
  tempDir,
  text
} from './support/harness';

describe('admin page: someone who is not a Jira admin', () => {
  const suite = previewForSuite(() => startPreview({ dataDir: tempDir('access') }));

  it('shows the browse-only user the refusal, in French, and no set-up form', async () => {
    const page = await suite.browser().page();
    const frame = await openAdminPageAs(page, suite.preview().url, 'browser', 'fr');

    await expectText(
      frame.getByRole('heading', { name: text('fr', 'admin.forbidden.title') }),
      text('fr', 'admin.forbidden.title')
    );
    await expectVisible(frame.getByText(text('fr', 'admin.forbidden.body')));
    expect(await frame.getByRole('button', { name: text('fr', 'admin.action.setup') }).count()).toBe(0);
    expect(await frame.getByRole('table').count()).toBe(0);
    expect(await adminFrame(page).evaluate('document.documentElement.lang')).toBe('fr');

    await screenshot(page, 'admin-forbidden-fr');
    suite.browser().expectNoProblems();
  });

  it('refuses the marketing requester too (English)', async () => {
    const page = await suite.browser().page();
    const frame = await openAdminPageAs(page, suite.preview().url, 'requester', 'en');
    await expectText(
      frame.getByRole('heading', { name: text('en', 'admin.forbidden.title') }),
      text('en', 'admin.forbidden.title')
    );
    suite.browser().expectNoProblems();
  });
});
