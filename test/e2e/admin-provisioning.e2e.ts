import type { FrameLocator, Page } from 'playwright-core';
import {
  Browser,
  SHARED_TYPES,
  actAs,
  expectCount,
  expectText,
  expectVisible,
  openAdminPage,
  screenshot,
  startPreview,
  tempDir,
  text,
  type RunningPreview
} from './support/harness';

/** The state lozenge of one row of the catalogue's issue-type table. */
function typeState(frame: FrameLocator, name: string) {
  const table = frame.getByRole('table', { name: text('en', 'admin.catalogue.types') });
  return table
    .getByRole('row')
    .filter({ has: frame.getByRole('rowheader', { name, exact: true }) })
    .locator('.tdm-lozenge');
}

async function expectTypeStates(
  frame: FrameLocator,
  expected: Record<string, string>,
  timeoutMs?: number
): Promise<void> {
  for (const [name, state] of Object.entries(expected))
    await expectText(typeState(frame, name), state, timeoutMs);
}

describe('admin page: provisioning as a Jira admin', () => {
  let preview: RunningPreview | undefined;
  let browser: Browser;
  const dataDir = tempDir('provisioning');

  beforeAll(async () => {
    browser = await Browser.open();
  });

  afterAll(async () => {
    await browser?.close();
    await preview?.stop();
  });

  it('sets up the shared types for MKT in French, shows the run finish, and keeps it across a restart', async () => {
    preview = await startPreview({ dataDir });
    const page: Page = await browser.page();
    await page.goto(`${preview.url}/`);
    await actAs(page, 'admin');
    const frame = await openAdminPage(page, preview.url);

    // Before: marketing's own "Campaign", "Landing Page" and "Web Form" types are already in Jira;
    // the catalogue says they exist and will be adopted, and only the rest is missing.
    const typesTable = frame.getByRole('table', { name: text('en', 'admin.catalogue.types') });
    await expectVisible(typesTable);
    await expectCount(typesTable.getByRole('rowheader'), SHARED_TYPES.length);
    const existing = ['Campaign', 'Landing Page', 'Web Form'];
    await expectTypeStates(
      frame,
      Object.fromEntries(
        SHARED_TYPES.map((name) => [
          name,
          text('en', existing.includes(name) ? 'admin.state.willAdopt' : 'admin.state.missing')
        ])
      )
    );
    const landingRow = typesTable
      .getByRole('row')
      .filter({ has: frame.getByRole('rowheader', { name: 'Landing Page', exact: true }) });
    await expectText(
      landingRow.locator('.adm-state__note'),
      text('en', 'admin.catalogue.willAdopt').replace('{name}', 'Landing Page')
    );
    await screenshot(page, 'admin-provisioning-before-adoptable');

    // The admin picks French names and the MKT project, then sets up.
    await frame.getByRole('radio', { name: text('en', 'admin.language.fr') }).check();
    const mkt = frame.getByRole('checkbox', { name: /\bMKT\b/ });
    await expectVisible(mkt);
    await mkt.check();
    await frame.getByRole('button', { name: text('en', 'admin.action.setup') }).click();

    // The run progresses to done on its own (queue delivery runs in the background).
    const runLine = frame.locator('.adm-run__line');
    await expectText(runLine, new RegExp(text('en', 'admin.run.status.done')), 45_000);
    await expectTypeStates(frame, {
      Campaign: text('en', 'admin.state.adopted'),
      'Landing Page': text('en', 'admin.state.adopted'),
      'Web Form': text('en', 'admin.state.adopted'),
      'Retro Action': text('en', 'admin.state.created')
    });
    const projects = frame.getByRole('table', { name: text('en', 'admin.run.projects') });
    await expectText(
      projects.getByRole('row').filter({ hasText: 'MKT' }).locator('.tdm-lozenge'),
      text('en', 'admin.projectState.done')
    );
    await screenshot(page, 'admin-provisioning-done');
    browser.expectNoProblems();

    // Stop and start again on the same data folder: everything is still there.
    await preview.stop();
    preview = await startPreview({ dataDir });
    await page.goto(`${preview.url}/`);
    const again = await openAdminPage(page, preview.url);
    await expectText(again.locator('.adm-run__line'), new RegExp(text('en', 'admin.run.status.done')));
    await expectTypeStates(again, {
      Campaign: text('en', 'admin.state.adopted'),
      'Landing Page': text('en', 'admin.state.adopted'),
      Experiment: text('en', 'admin.state.created')
    });
    await screenshot(page, 'admin-provisioning-after-restart');
    browser.expectNoProblems();
  });
});
