import {
  previewForSuite,
  openAdminPageAs,
  adminFrame,
  chooseLocale,
  chooseTheme,
  expectAttribute,
  expectText,
  expectVisible,
  openAdminPage,
  screenshot,
  startPreview,
  tempDir,
  text
} from './support/harness';

/** Relative luminance (0 black … 1 white) of a CSS rgb()/rgba() colour. */
function luminance(color: string): number {
  const m = /rgba?\((\d+),\s*(\d+),\s*(\d+)/.exec(color);
  if (!m) throw new Error(`Not an rgb colour: ${color}`);
  const [r, g, b] = [m[1], m[2], m[3]].map((c) => {
    const v = Number(c) / 255;
    return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

describe('admin page: locale and theme', () => {
  const suite = previewForSuite(() => startPreview({ dataDir: tempDir('locale-theme') }));

  it('shows the French interface when the locale is fr', async () => {
    const page = await suite.browser().page();
    const frame = await openAdminPageAs(page, suite.preview().url, 'admin', 'fr');

    await expectText(frame.getByRole('heading', { level: 1 }), text('fr', 'admin.title'));
    await expectVisible(frame.getByText(text('fr', 'admin.subtitle')));
    await expectVisible(frame.getByRole('table', { name: text('fr', 'admin.catalogue.types') }));
    await expectVisible(frame.getByRole('button', { name: text('fr', 'admin.action.setup') }));
    // The host chrome follows the locale too.
    await expectText(page.locator('.sidebar-title'), 'Paramètres Jira');
    await screenshot(page, 'admin-fr');
    suite.browser().expectNoProblems();
  });

  it('renders in the dark theme with the design tokens applied inside the frame', async () => {
    const page = await suite.browser().page();
    await page.goto(`${suite.preview().url}/`);
    await chooseLocale(page, 'en');
    await chooseTheme(page, 'dark');
    const frame = await openAdminPage(page, suite.preview().url);
    await expectVisible(frame.getByRole('table', { name: text('en', 'admin.catalogue.types') }));

    await expectAttribute(page.locator('html'), 'data-color-mode', 'dark');
    const inside = adminFrame(page);
    // Evaluated in the frame (a string: the root tsconfig has no DOM types, on purpose).
    const attrs = await inside.evaluate<{
      mode: string;
      theme: string;
      surface: string;
      text: string;
      background: string;
    }>(`({
      mode: document.documentElement.getAttribute('data-color-mode'),
      theme: document.documentElement.getAttribute('data-theme'),
      surface: getComputedStyle(document.documentElement).getPropertyValue('--ds-surface').trim(),
      text: getComputedStyle(document.body).color,
      background: getComputedStyle(document.body).backgroundColor
    })`);
    expect(attrs.mode).toBe('dark');
    expect(attrs.theme).toContain('dark:dark');
    expect(attrs.surface).not.toBe('');
    // Light text on a dark page: the app's colours come from the tokens, not hard-coded light ones.
    expect(luminance(attrs.text)).toBeGreaterThan(0.4);
    if (!/rgba\(0, 0, 0, 0\)|transparent/.test(attrs.background))
      expect(luminance(attrs.background)).toBeLessThan(0.1);
    await screenshot(page, 'admin-dark');
    suite.browser().expectNoProblems();
  });
});
