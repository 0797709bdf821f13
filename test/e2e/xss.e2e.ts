import fs from 'node:fs';
import path from 'node:path';
import { buildDemoSeed } from '../../preview/demo/demo';
import {
  Browser,
  actAs,
  adminFrame,
  expectVisible,
  openAdminPage,
  screenshot,
  startPreview,
  tempDir,
  text,
  type RunningPreview
} from './support/harness';

/** Markup that runs script if anything renders seed data as HTML. Each sets a different marker. */
const PAYLOADS = {
  img: '<img src=x onerror=window.__xss=1>',
  svg: '<svg onload=window.__xss=2>',
  js: 'javascript:window.__xss=3',
  script: '"><script>window.__xss=4</script>',
  attr: `x' onmouseover='window.__xss=5`
};

describe('seed data is rendered as text, never as markup', () => {
  let preview: RunningPreview;
  let browser: Browser;

  beforeAll(async () => {
    const seed = buildDemoSeed();
    const projects = seed.projects ?? [];
    const mkt = projects.find((p) => p.key === 'MKT');
    const it = projects.find((p) => p.key === 'IT');
    if (!mkt || !it) throw new Error('demo seed changed: MKT and IT expected');
    mkt.name = PAYLOADS.img;
    it.name = PAYLOADS.svg;
    seed.site.name = PAYLOADS.script;
    for (const issue of (seed.issues ?? []).slice(0, 40))
      issue.summary = `${PAYLOADS.js} ${PAYLOADS.img} ${issue.summary}`;
    for (const user of seed.users) user.displayName = `${user.displayName} ${PAYLOADS.attr}`;
    for (const persona of seed.personas)
      persona.label = { en: `${persona.label.en} ${PAYLOADS.svg}`, fr: persona.label.fr };
    for (const page of seed.pages ?? []) page.title = `${page.title} ${PAYLOADS.img}`;
    const dir = tempDir('xss');
    const file = path.join(dir, 'hostile-seed.json');
    fs.writeFileSync(file, JSON.stringify(seed));
    preview = await startPreview({ dataDir: path.join(dir, 'data'), seed: file });
    browser = await Browser.open();
  });

  afterAll(async () => {
    await browser?.close();
    await preview?.stop();
  });

  it('shows hostile project names as text on the admin page and runs no script', async () => {
    const page = await browser.page();
    await page.goto(`${preview.url}/`);
    await actAs(page, 'admin');
    // Host page: the site name and the switcher's labels are text.
    await expectVisible(page.getByText(PAYLOADS.script, { exact: true }));

    const frame = await openAdminPage(page, preview.url);
    await expectVisible(frame.getByRole('table', { name: text('en', 'admin.catalogue.types') }));
    await expectVisible(frame.getByText(PAYLOADS.img, { exact: true }));
    await expectVisible(frame.getByText(PAYLOADS.svg, { exact: true }));
    // Hover and pick the hostile projects, as a user would.
    await frame.getByText(PAYLOADS.img, { exact: true }).hover();
    await frame.getByRole('checkbox', { name: /MKT/ }).check();

    expect(await adminFrame(page).evaluate('window.__xss')).toBeUndefined();
    expect(await page.evaluate('window.__xss')).toBeUndefined();
    expect(await adminFrame(page).locator('img[src="x"], svg[onload]').count()).toBe(0);
    await screenshot(page, 'xss-admin-page');
    browser.expectNoProblems();
  });

  it('shows hostile summaries and page titles as text on the host pages', async () => {
    const page = await browser.page();
    await page.goto(`${preview.url}/jira/browse/MKT-1`);
    await expectVisible(page.getByRole('heading', { level: 1 }));
    expect(await page.locator('h1').textContent()).toContain(PAYLOADS.img);
    await page.goto(`${preview.url}/wiki/pages/131074`);
    expect(await page.locator('h1').textContent()).toContain(PAYLOADS.img);
    expect(await page.evaluate('window.__xss')).toBeUndefined();
    expect(
      await page
        .locator('img[src="x"], svg[onload], script:not([src]):not([type="application/json"])')
        .count()
    ).toBe(0);
    browser.expectNoProblems();
  });
});
