import fs from 'node:fs';
import path from 'node:path';
import { buildDemoSeed } from '../../preview/demo/demo';
import {
  Browser,
  GUARDRAIL_PANEL_MODULE,
  actAs,
  adminFrame,
  expectText,
  expectVisible,
  invokeAsPersona,
  openAdminPage,
  openIssueAs,
  screenshot,
  startPreview,
  surfaceFrame,
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

  it('shows hostile text in every guardrail editor field and in imported HTML as text in the issue panel', async () => {
    const seed = buildDemoSeed();
    const landing = (seed.issues ?? []).find(
      (i) => i.project === 'MKT' && i.issuetype === 'Landing Page' && i.status === 'To Do'
    );
    if (!landing?.key) throw new Error('demo seed changed: a MKT Landing Page to do expected');
    const page = await browser.page();
    await openIssueAs(page, preview.url, landing.key, 'requester');
    const answer = await page.evaluate<{ body: string }>(
      `fetch('/api/product-fetch', { method: 'POST', headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ product: 'jira', restPath: '/rest/api/3/issue/${landing.key}?fields=summary' })
      }).then((res) => res.json())`
    );
    const issueId = (JSON.parse(answer.body) as { id: string }).id;

    // Every text the editor shows back, each a payload: saved through the panel's own resolver.
    const definition = {
      title: PAYLOADS.script,
      purpose: PAYLOADS.img,
      privacyNoticeUrl: PAYLOADS.js,
      retentionMonths: 12,
      consentManagementPlatform: PAYLOADS.svg,
      modules: [{ id: PAYLOADS.attr, version: PAYLOADS.img }],
      forms: [
        {
          id: PAYLOADS.svg,
          fields: [
            { name: PAYLOADS.attr, label: PAYLOADS.img, inputType: 'email', autocomplete: PAYLOADS.script },
            { name: 'comment', label: PAYLOADS.script, inputType: PAYLOADS.svg }
          ],
          consents: [{ id: PAYLOADS.attr, purpose: PAYLOADS.svg, preTicked: false }]
        }
      ],
      scripts: [{ url: PAYLOADS.js }, { inline: PAYLOADS.script, tags: [PAYLOADS.img] }],
      embeds: [{ url: `https://x.example/${PAYLOADS.attr}` }]
    };
    const saved = await invokeAsPersona(page, {
      moduleKey: GUARDRAIL_PANEL_MODULE,
      functionKey: 'guardrails/save',
      payload: { issueId, definition },
      location: { issueKey: landing.key }
    });
    expect(saved).toMatchObject({ ok: true });

    const panel = await openIssueAs(page, preview.url, landing.key, 'requester');
    const frame = await surfaceFrame(page, GUARDRAIL_PANEL_MODULE);
    // The payloads are on screen as typed: values of the editor's inputs and text in the findings.
    const values = await frame.evaluate<string[]>(
      "[...document.querySelectorAll('input, textarea')].map((input) => input.value)"
    );
    for (const payload of [PAYLOADS.img, PAYLOADS.svg, PAYLOADS.attr, PAYLOADS.script])
      expect(values).toContain(payload);
    expect(await frame.locator('body').textContent()).toContain(PAYLOADS.js);
    const hostile = 'img[src="x"], svg[onload], script:not([src]), [onmouseover], a[href^="javascript:"]';
    expect(await frame.locator(hostile).count()).toBe(0);

    // Imported HTML with the same payloads in attributes, labels and scripts.
    await panel.getByText(text('en', 'panel.import.title')).click();
    await panel.getByLabel(text('en', 'panel.import.label')).fill(
      `<main><h1>${PAYLOADS.img}</h1>
       <form id="f" data-purpose="${PAYLOADS.svg.replace(/"/g, '&quot;')}" data-retention-months="${PAYLOADS.img}"
             data-privacy-url="${PAYLOADS.js}">
         <label for="e">${PAYLOADS.img} e-mail</label><input id="e" name="email" type="email">
         <label><input type="checkbox" name="c" checked>${PAYLOADS.svg}</label>
         <label for="t">${PAYLOADS.script}</label><textarea id="t" name="t"></textarea>
       </form>
       <a href="${PAYLOADS.js}">Privacy policy</a>
       <script>window.__xss=6</script><script src="https://x.example/${PAYLOADS.attr}"></script>
       <iframe src="${PAYLOADS.js}" onload="window.__xss=7"></iframe></main>`
    );
    await panel.getByRole('button', { name: text('en', 'panel.import.run'), exact: true }).click();
    await expectText(
      panel.getByRole('status').filter({ hasText: text('en', 'panel.import.done') }),
      text('en', 'panel.import.done')
    );
    await frame.locator('input, textarea').first().hover();
    expect(await frame.locator(hostile).count()).toBe(0);
    expect(await frame.evaluate('window.__xss')).toBeUndefined();
    expect(await page.evaluate('window.__xss')).toBeUndefined();
    await screenshot(page, 'xss-guardrail-panel');
    browser.expectNoProblems();
  });
});
