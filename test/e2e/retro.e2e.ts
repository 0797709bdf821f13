import type { FrameLocator, Page } from 'playwright-core';
import { buildDemoSeed, DEMO_IDS } from '../../preview/demo/demo';
import {
  Browser,
  actAs,
  chooseLocale,
  chooseTheme,
  expectText,
  expectVisible,
  previewForSuite,
  screenshot,
  startPreview,
  tempDir,
  text,
  until
} from './support/harness';

/**
 * The retrospective macro in the preview, on the demo's retro pages: September's retro in progress
 * (add phase), August's done with open actions carried over. Two browser contexts (two sessions)
 * see each other's cards within 2 s; a card becomes a Jira action whose status shows; script
 * payloads typed in every text field run nothing. Screenshots under test-results/screenshots/
 * (retro-*.png), each also an axe check (support/a11y.ts).
 */

const MODULE = 'tandem-retro';
const SEPT = DEMO_IDS.pages.retroSept;
const AUG = DEMO_IDS.pages.retroAug;
/** A payload per text field: each would set window.__xss if the text ever became markup. */
const XSS_CARD = '<img src=x onerror="window.__xss=1"><script>window.__xss=1</script>';
const XSS_ACTION = '"><svg onload="window.__xss=1">';
const XSS_TITLE = 'Retro <iframe srcdoc="<script>parent.__xss=1</script>"></iframe>';

const { preview, browser } = previewForSuite(() => startPreview({ dataDir: tempDir('retro'), reset: true }));

function retroFrame(page: Page): FrameLocator {
  return page.frameLocator(`.macro[data-macro="${MODULE}"] iframe`);
}

async function openRetro(
  page: Page,
  pageId: string,
  role: string,
  locale: 'en' | 'fr' = 'en'
): Promise<FrameLocator> {
  await page.goto(`${preview().url}/`);
  await actAs(page, role);
  await chooseLocale(page, locale);
  await page.goto(`${preview().url}/wiki/pages/${pageId}`);
  const frame = retroFrame(page);
  await expectVisible(frame.locator('.retro-title'), 60_000);
  return frame;
}

async function noScriptRan(page: Page): Promise<void> {
  for (const frame of page.frames()) {
    const ran = await frame.evaluate('typeof window.__xss !== "undefined"').catch(() => false);
    expect(ran).toBe(false);
  }
}

async function nextPhase(frame: FrameLocator, phaseKey: Parameters<typeof text>[1]): Promise<void> {
  const label = text('en', phaseKey);
  await frame.getByRole('button', { name: `Next phase: ${label}` }).click();
  await expectText(frame.locator('[aria-current="step"]'), label, 20_000);
}

describe('retro macro', () => {
  it('opens last month’s retro, done, with its open actions carried over and their Jira status', async () => {
    const page = await browser().page();
    const frame = await openRetro(page, AUG, 'requester');
    await expectText(frame.locator('[aria-current="step"]'), text('en', 'retro.phase.done'));
    await expectVisible(frame.locator('[data-testid="retro-actions"] tbody tr').first());
    const open = buildDemoSeed().issues!.filter(
      (i) => i.labels?.includes('retro-action') && i.status !== 'Done'
    );
    expect(open.length).toBeGreaterThan(0);
    await screenshot(page, 'retro-august-done');
  });

  it('shows each session’s cards to the other within 2 s (two browser contexts)', async () => {
    const first = await browser().page();
    const other = await Browser.open();
    try {
      const second = await other.page();
      const a = await openRetro(first, SEPT, 'requester');
      const b = await openRetro(second, SEPT, 'approver');
      await expectText(a.locator('[aria-current="step"]'), text('en', 'retro.phase.add'));
      const hiddenBefore = await b.locator('.retro-column').first().textContent();
      await a
        .getByLabel(`Add a card to “${text('en', 'retro.column.worked')}”`)
        .fill('Shared brief saved us a week');
      await a.getByLabel(`Add a card to “${text('en', 'retro.column.worked')}”`).press('Enter');
      await expectVisible(a.getByText('Shared brief saved us a week'));
      // Named retro in the add phase: the other session sees one more hidden card, within 2 s.
      const started = Date.now();
      await until(
        'the other session to count the new card',
        () => b.locator('.retro-column').first().textContent(),
        (t) => t !== hiddenBefore,
        2_000
      );
      const countedMs = Date.now() - started;
      await b.getByLabel(`Add a card to “${text('en', 'retro.column.improve')}”`).fill(XSS_CARD);
      await b.getByLabel(`Add a card to “${text('en', 'retro.column.improve')}”`).press('Enter');
      await expectVisible(b.getByText(XSS_CARD));
      // Grouping shows every card: each session sees the other's text within 2 s of the move.
      await nextPhase(a, 'retro.phase.group');
      await until(
        'the approver to see the requester’s card',
        () => b.getByText('Shared brief saved us a week').count(),
        (n) => n > 0,
        2_000
      );
      await until(
        'the requester to see the approver’s card',
        () => a.getByText(XSS_CARD).count(),
        (n) => n > 0,
        2_000
      );
      console.log(`retro live update: the other session counted the new card after ${countedMs} ms`);
      await screenshot(first, 'retro-group-two-sessions');
      await noScriptRan(first);
      await noScriptRan(second);
    } finally {
      await other.close();
    }
  });

  it('votes by keyboard, moves phases and turns a card into a Jira action whose status shows', async () => {
    const page = await browser().page();
    const frame = await openRetro(page, SEPT, 'requester');
    await expectText(frame.locator('[aria-current="step"]'), text('en', 'retro.phase.group'));
    await nextPhase(frame, 'retro.phase.vote');
    const voteButton = frame.getByRole('button', { name: 'Vote for “Shared brief saved us a week”' });
    await voteButton.focus();
    await voteButton.press('Enter');
    await expectText(frame.locator('[data-testid="retro-live"]'), /Vote recorded/);
    await screenshot(page, 'retro-vote');
    await nextPhase(frame, 'retro.phase.discuss');
    await frame.getByRole('button', { name: 'Create action from “Shared brief saved us a week”' }).click();
    await frame
      .getByLabel(text('en', 'retro.action.summary'), { exact: true })
      .fill(`Share one brief ${XSS_ACTION}`);
    await frame.getByLabel(text('en', 'retro.action.ownerSearch')).fill('Léa');
    await until(
      'an owner to choose',
      () => frame.locator('#retro-action-owner option').count(),
      (n) => n > 1
    );
    await frame.locator('#retro-action-owner').selectOption({ index: 1 });
    await frame.getByRole('button', { name: text('en', 'retro.action.submit') }).click();
    const row = frame
      .locator('[data-testid="retro-actions"] tbody tr')
      .filter({ hasText: 'Share one brief' });
    await expectVisible(row);
    await expectText(row.locator('.tdm-lozenge'), /To Do/);
    await expectText(frame.locator('[data-testid="retro-live"]'), /Action MKT-\d+ created in Jira/);
    await screenshot(page, 'retro-actions');
    await noScriptRan(page);
  });

  it('keeps a script payload in the settings dialog’s title as text', async () => {
    const page = await browser().page();
    await openRetro(page, SEPT, 'requester');
    await page.goto(`${preview().url}/wiki/pages/${SEPT}?configure=retro-sept`);
    const dialog = page.frameLocator(`.macro[data-macro="${MODULE}"] .macro-config iframe`);
    const title = dialog.getByLabel(text('en', 'retro.config.titleLabel'));
    await expectVisible(title, 60_000);
    await title.fill(XSS_TITLE);
    // The dialog's selects are fields like the text boxes around them: same height, same width.
    const boxes = await Promise.all(
      [
        title,
        dialog.getByLabel(text('en', 'retro.config.mode')),
        dialog.getByLabel(text('en', 'retro.config.format'))
      ].map((field) => field.boundingBox())
    );
    const [input, ...selects] = boxes.map((box) => ({
      height: Math.round(box?.height ?? 0),
      width: Math.round(box?.width ?? 0)
    }));
    expect(input?.height).toBeGreaterThanOrEqual(28);
    for (const select of selects) {
      expect(select.height).toBe(input?.height);
      expect(select.width).toBeGreaterThanOrEqual(Math.min(input?.width ?? 0, 360));
    }
    await screenshot(page, 'retro-config');
    await Promise.all([
      page.waitForEvent('load'),
      dialog.getByRole('button', { name: text('en', 'retro.config.save') }).click()
    ]);
    await expectText(retroFrame(page).locator('.retro-title'), XSS_TITLE, 60_000);
    await noScriptRan(page);
  });

  it('passes the axe checks in light and dark, English and French', async () => {
    const page = await browser().page();
    for (const locale of ['en', 'fr'] as const)
      for (const theme of ['light', 'dark'] as const) {
        await openRetro(page, SEPT, 'requester', locale);
        await chooseTheme(page, theme);
        await expectVisible(retroFrame(page).locator('.retro-title'), 60_000);
        await screenshot(page, `retro-${theme}-${locale}`);
      }
    await chooseTheme(page, 'light');
    browser().expectNoProblems();
  });
});
