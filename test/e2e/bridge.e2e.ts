import path from 'node:path';
import type { Page } from 'playwright-core';
import {
  Browser,
  actAs,
  expectText,
  expectVisible,
  screenshot,
  startPreview,
  tempDir,
  until,
  type RunningPreview
} from './support/harness';

/**
 * The preview's own machinery, with a probe app (test/e2e/fixtures/probe-app) shown as every
 * kind of surface: the bridge answers @forge/bridge's calls, the context and the resolver's
 * identity come from the server session whatever the frame sends, each module type gets its
 * extension, Forge's CSP blocks inline scripts, and the host shows flags and follows navigation.
 */

const APP = path.join(__dirname, 'fixtures', 'probe-app');

interface Echo {
  accountId: string;
  moduleKey: string;
  locale: string;
  extension: Record<string, unknown> & { type: string };
  payload: Record<string, unknown>;
}

async function probe(page: Page, moduleKey: string): Promise<{ context: Echo; invoke: Echo }> {
  const frame = page.frameLocator(`iframe[data-module-key="${moduleKey}"]`);
  const read = async (id: string) =>
    JSON.parse(
      await until(
        `#${id} in ${moduleKey}`,
        () => frame.locator(`#${id}`).textContent(),
        (t) => !!t && t !== '…',
        20_000
      ).then((t) => t as string)
    ) as Echo;
  return { context: await read('context'), invoke: await read('invoke') };
}

async function sessionAccount(page: Page, baseUrl: string): Promise<string> {
  const res = await page.request.get(`${baseUrl}/api/session`);
  return ((await res.json()) as { accountId: string }).accountId;
}

describe('preview bridge and host pages (probe app)', () => {
  let preview: RunningPreview;
  let browser: Browser;

  beforeAll(async () => {
    preview = await startPreview({ dataDir: tempDir('bridge'), appRoot: APP });
    browser = await Browser.open();
  });

  afterAll(async () => {
    await browser?.close();
    await preview?.stop();
  });

  it('lists every kind of surface of the manifest', async () => {
    const page = await browser.page();
    await page.goto(`${preview.url}/`);
    for (const key of ['probe-admin', 'probe-project', 'probe-panel', 'probe-macro']) {
      await expectVisible(page.locator(`.surface-card[data-module-key="${key}"] a`));
    }
    browser.expectNoProblems();
  });

  it('admin page: context and resolver identity come from the session; CSP blocks inline script; flags; errors', async () => {
    const page = await browser.page();
    await page.goto(`${preview.url}/`);
    await actAs(page, 'admin');
    const me = await sessionAccount(page, preview.url);
    await page.goto(`${preview.url}/jira/settings/apps/probe-admin`);
    const { context, invoke } = await probe(page, 'probe-admin');

    expect(context.accountId).toBe(me);
    expect(context.extension.type).toBe('jira:adminPage');
    expect(context.locale).toBe('en-US');
    expect(invoke.accountId).toBe(me);
    expect(invoke.moduleKey).toBe('probe-admin');
    expect(invoke.payload).toEqual({ accountId: 'forged', hello: 'world' });

    const frame = page.frameLocator('iframe[data-module-key="probe-admin"]');
    await expectText(frame.locator('#inline'), 'inline script did not run');
    expect(browser.expectProblem(/Content Security Policy/)).toBeGreaterThan(0);
    const inside = page.frames().find((f) => f.url().includes('/frame/probe/'));
    expect(await inside?.evaluate('document.documentElement.getAttribute("data-color-mode")')).toBe('light');
    // Another origin than the host page, as Forge serves Custom UI from its CDN: no reaching into the host.
    expect(new URL(inside?.url() ?? '').origin).not.toBe(new URL(page.url()).origin);
    expect(
      await inside?.evaluate(
        '(() => { try { return typeof window.parent.document; } catch (e) { return "blocked"; } })()'
      )
    ).toBe('blocked');

    await frame.locator('#flag').click();
    await expectText(page.locator('.flag .flag-title'), 'Probe flag');

    await frame.locator('#boom').click();
    await expectText(frame.locator('#boom-result'), /^rejected: probe resolver failure/);
    expect(browser.expectProblem(/(HTTP 500|status of 500).*|500 \(Internal Server Error\)/)).toBeGreaterThan(
      0
    );
    await screenshot(page, 'bridge-admin-probe');
    browser.expectNoProblems();

    await Promise.all([page.waitForURL(/\/jira\/browse\/MKT-2$/), frame.locator('#navigate').click()]);
    const panel = await probe(page, 'probe-panel');
    expect(panel.context.extension).toMatchObject({
      type: 'jira:issuePanel',
      issue: { key: 'MKT-2' },
      project: { key: 'MKT' }
    });
    expect(panel.invoke.extension).toMatchObject({ issue: { key: 'MKT-2' } });
    expect(browser.expectProblem(/Content Security Policy/)).toBeGreaterThan(0);
    browser.expectNoProblems();
  });

  it('project page and macro get their project and content in the extension', async () => {
    const page = await browser.page();
    await page.goto(`${preview.url}/jira/projects/MKT/apps/probe-project`);
    const project = await probe(page, 'probe-project');
    expect(project.invoke.extension).toMatchObject({
      type: 'jira:projectPage',
      project: { key: 'MKT', id: '10000' }
    });

    await page.goto(`${preview.url}/wiki/pages/131074?macro=probe-macro`);
    const macro = await probe(page, 'probe-macro');
    expect(macro.invoke.extension).toMatchObject({
      type: 'macro',
      content: { id: '131074' },
      space: { key: 'WEB' }
    });
    await expectText(page.locator('h1.page-title'), /Rétrospective/);
    await screenshot(page, 'bridge-confluence-macro');
    browser.expectProblem(/Content Security Policy/);
    browser.expectNoProblems();
  });

  it('a project the user cannot browse shows no frame, and invoke for it is refused', async () => {
    const page = await browser.page();
    await page.goto(`${preview.url}/`);
    await actAs(page, 'dpo');
    await page.goto(`${preview.url}/jira/projects/CRE/apps/probe-project`);
    await expectVisible(page.locator('main.no-access'));
    expect(await page.locator('iframe').count()).toBe(0);

    const res = await page.request.post(`${preview.url}/api/invoke`, {
      data: { moduleKey: 'probe-project', functionKey: 'whoami', location: { projectKey: 'CRE' } }
    });
    expect(res.status()).toBe(403);
    const forged = await page.request.post(`${preview.url}/api/invoke`, {
      data: { moduleKey: 'probe-admin', functionKey: 'whoami', payload: {}, accountId: 'someone-else' }
    });
    expect(forged.status()).toBe(400);
    browser.expectNoProblems();
  });
});
