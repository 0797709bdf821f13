import fs from 'node:fs';
import path from 'node:path';
import yaml from 'js-yaml';
import type { Frame, FrameLocator, Page } from 'playwright-core';
import {
  actAs,
  chooseLocale,
  chooseTheme,
  expectAttribute,
  expectText,
  expectVisible,
  previewForSuite,
  ROOT,
  screenshot,
  startPreview,
  tempDir,
  text,
  until
} from './support/harness';

type Key = Parameters<typeof text>[1];
const en = (key: Key, vars: Record<string, string | number> = {}) =>
  text('en', key).replace(/\{(\w+)\}/g, (_, name: string) => String(vars[name]));

/** The settings page's module key, from the manifest (`jira:projectSettingsPage`). */
function settingsModuleKey(): string {
  const manifest = yaml.load(fs.readFileSync(path.join(ROOT, 'manifest.yml'), 'utf8')) as {
    modules: Record<string, Array<{ key: string }> | undefined>;
  };
  const key = manifest.modules['jira:projectSettingsPage']?.[0]?.key;
  if (!key) throw new Error('manifest.yml has no jira:projectSettingsPage module');
  return key;
}

const PROJECT = 'MKT';
const LANE = 'Salon e2e';
const PERSON = 'Léa Martin';

/** Opens the MKT settings page as a persona, in a language and theme, and waits for the editor. */
async function openSettings(
  page: Page,
  url: string,
  role: string,
  opts: { locale?: 'en' | 'fr'; theme?: 'light' | 'dark' } = {}
): Promise<FrameLocator> {
  await page.goto(`${url}/`);
  await actAs(page, role);
  await chooseLocale(page, opts.locale ?? 'en');
  await chooseTheme(page, opts.theme ?? 'light');
  await page.goto(`${url}/jira/projects/${PROJECT}/apps/${encodeURIComponent(settingsModuleKey())}`);
  const frame = page.frameLocator('#surface-slot iframe');
  await expectVisible(frame.getByRole('heading', { name: text(opts.locale ?? 'en', 'ps.people.heading') }));
  return frame;
}

const saveButton = (frame: FrameLocator) =>
  frame.getByRole('button', { name: en('ps.save.button'), exact: true });
const shareBox = (frame: FrameLocator, lane: string) =>
  frame.getByRole('textbox', { name: en('ps.people.shareOf', { name: PERSON, lane }) });

/** Saves and waits for the page to name the new version. */
async function saveAndWait(frame: FrameLocator): Promise<void> {
  await saveButton(frame).click();
  await expectVisible(frame.getByRole('heading', { name: /^Saved as version / }));
}

/** The settings page's frame, for evaluating in it (expressions as strings: no DOM types here). */
async function settingsFrame(page: Page): Promise<Frame> {
  const handle = await page.locator('#surface-slot iframe').elementHandle();
  const inner = await handle?.contentFrame();
  if (!inner) throw new Error('The settings frame is not on the page');
  return inner;
}

/**
 * Presses Tab until the focused element inside the settings frame has the accessible label `name`
 * (keyboard only, starting from wherever the host page has focus).
 */
async function tabTo(page: Page, name: string, max = 250): Promise<void> {
  const inner = await settingsFrame(page);
  for (let i = 0; i < max; i += 1) {
    await page.keyboard.press('Tab');
    // A string, evaluated in the frame: the test's own tsconfig has no DOM types.
    const label = await inner.evaluate<string>(`(() => {
      const el = document.activeElement;
      if (!el || el === document.body) return '';
      const labelled = el.getAttribute('aria-label');
      if (labelled) return labelled;
      const id = el.getAttribute('id');
      const label = id ? document.querySelector('label[for="' + CSS.escape(id) + '"]') : null;
      return ((label ? label.textContent : el.textContent) || '').trim();
    })()`);
    if (label === name) return;
  }
  throw new Error(`Tab never reached "${name}"`);
}

describe('project settings page (Tandem lanes)', () => {
  const suite = previewForSuite(() => startPreview({ dataDir: tempDir('project-settings') }));

  it('an admin adds a lane and a person, gives a share, saves; a reload keeps it', async () => {
    const page = await suite.browser().page();
    const frame = await openSettings(page, suite.preview().url, 'admin');

    await frame.getByRole('button', { name: en('ps.lanes.add') }).click();
    const lanes = await frame.getByRole('textbox', { name: en('ps.lanes.name') }).count();
    const nameBox = frame.getByRole('textbox', { name: en('ps.lanes.name') }).nth(lanes - 1);
    await nameBox.fill(LANE);
    await expectVisible(frame.getByText('JQL: tandemLane = "salon-e2e"'));

    if ((await frame.getByRole('rowheader', { name: PERSON, exact: true }).count()) === 0) {
      await frame.getByRole('searchbox', { name: en('ps.people.search') }).fill('Léa');
      await frame.getByRole('searchbox', { name: en('ps.people.search') }).press('Enter');
      await frame.getByRole('button', { name: en('ps.people.add', { name: PERSON }) }).click();
      await expectVisible(frame.getByRole('rowheader', { name: PERSON, exact: true }));
    }
    await shareBox(frame, LANE).fill('20');
    await expectVisible(frame.getByText(en('ps.unsaved')));
    await saveAndWait(frame);
    await screenshot(page, 'capacity-settings');

    // The saved version is in force after a reload, with who saved it.
    await page.reload();
    const again = page.frameLocator('#surface-slot iframe');
    await expectVisible(again.getByRole('heading', { name: en('ps.people.heading') }));
    expect(await shareBox(again, LANE).inputValue()).toBe('20');
    await expectVisible(again.getByRole('table', { name: en('ps.history.heading') }));
    await expectText(
      again
        .getByRole('table', { name: en('ps.history.heading') })
        .locator('tbody td')
        .nth(1),
      'Marc Lefèvre'
    );
    suite.browser().expectNoProblems();
  });

  it('a share that pushes a person over 100 % shows the server’s field error at the total, announced', async () => {
    const page = await suite.browser().page();
    const frame = await openSettings(page, suite.preview().url, 'admin');
    // A second lane (not saved) takes 30 % on top of 80 %: 110 % at least, whatever else she gives.
    await frame.getByRole('button', { name: en('ps.lanes.add') }).click();
    const names = frame.getByRole('textbox', { name: en('ps.lanes.name') });
    await names.nth((await names.count()) - 1).fill('Salon bis');
    await shareBox(frame, 'Salon bis').fill('30');
    await shareBox(frame, LANE).fill('80');
    const total = frame.locator(`.ps-total__value[data-person="${PERSON}"]`);
    await expectText(total, /over 100/);
    await saveButton(frame).click();

    const problem = frame.locator('.ps-total [role="alert"]');
    await expectText(problem, /^sum is \d+(\.\d+)? %, at most 100 %$/);
    await expectAttribute(total, 'aria-describedby', (await problem.getAttribute('id')) ?? 'missing');
    await expectVisible(frame.getByRole('heading', { name: en('ps.save.failedTitle') }));
    await (
      await settingsFrame(page)
    ).evaluate(`document.querySelector('.ps-total [role="alert"]').scrollIntoView({ block: 'center' })`);
    await screenshot(page, 'capacity-settings-error');

    // Reset brings back the values in force and clears the error.
    await frame.getByRole('button', { name: en('ps.save.reset') }).click();
    expect(await shareBox(frame, LANE).inputValue()).toBe('20');
    expect(await problem.count()).toBe(0);
    suite.browser().expectProblem(/HTTP 4\d\d|console\.error/);
    suite.browser().expectNoProblems();
  });

  it('keyboard only: reaches a share, types it, saves with Enter', async () => {
    const page = await suite.browser().page();
    const frame = await openSettings(page, suite.preview().url, 'admin');
    await tabTo(page, en('ps.people.shareOf', { name: PERSON, lane: LANE }));
    await page.keyboard.press('Control+A');
    await page.keyboard.type('30');
    await tabTo(page, en('ps.save.button'));
    await page.keyboard.press('Enter');
    await expectVisible(frame.getByRole('heading', { name: /^Saved as version / }));
    expect(await shareBox(frame, LANE).inputValue()).toBe('30');
    suite.browser().expectNoProblems();
  });

  it('someone who cannot configure sees the settings read-only and edits their own time off', async () => {
    const page = await suite.browser().page();
    const frame = await openSettings(page, suite.preview().url, 'requester');
    await expectVisible(frame.getByRole('heading', { name: en('ps.readOnly.title') }));
    expect(await saveButton(frame).count()).toBe(0);
    expect(await shareBox(frame, LANE).isDisabled()).toBe(true);

    await frame.getByRole('button', { name: en('ps.timeOff.addOwn') }).click();
    const mine = frame.locator('li.ps-card', { hasText: PERSON }).last();
    await mine.getByLabel(en('ps.timeOff.start'), { exact: true }).fill('2027-01-04');
    await mine.getByLabel(en('ps.timeOff.end'), { exact: true }).fill('2027-01-05');
    await mine.getByLabel(en('ps.timeOff.endHalf')).check();
    await frame.getByRole('button', { name: en('ps.timeOff.saveOwn') }).click();
    await expectVisible(frame.getByRole('heading', { name: /^Saved as version / }));

    await page.reload();
    const again = page.frameLocator('#surface-slot iframe');
    await expectVisible(again.getByText(en('ps.timeOff.legend', { name: PERSON, start: '2027-01-04' })));
    suite.browser().expectNoProblems();
  });

  it('two editors: the second save gets CONFLICT and a reload that shows the first one’s version', async () => {
    const first = await suite.browser().page();
    const second = await suite.browser().context.newPage();
    const a = await openSettings(first, suite.preview().url, 'admin');
    const b = await openSettings(second, suite.preview().url, 'admin');

    await shareBox(a, LANE).fill('40');
    await saveAndWait(a);

    await shareBox(b, LANE).fill('50');
    await saveButton(b).click();
    await expectVisible(b.getByRole('heading', { name: en('ps.save.conflictTitle') }));
    await expectAttribute(b.locator('.tdm-message--warning'), 'role', 'alert');
    await b.getByRole('button', { name: en('ps.save.reload') }).click();
    await until(
      'the first editor’s share',
      () => shareBox(b, LANE).inputValue(),
      (v) => v === '40'
    );
    await second.close();
    suite.browser().expectProblem(/HTTP 4\d\d|console\.error/);
    suite.browser().expectNoProblems();
  });

  it('French and dark', async () => {
    const page = await suite.browser().page();
    const fr = await openSettings(page, suite.preview().url, 'admin', { locale: 'fr' });
    await expectVisible(fr.getByRole('heading', { name: text('fr', 'ps.title') }));
    await expectVisible(fr.getByRole('button', { name: text('fr', 'ps.save.button'), exact: true }));
    await screenshot(page, 'capacity-settings-fr');

    const dark = await openSettings(page, suite.preview().url, 'admin', { theme: 'dark' });
    await expectVisible(dark.locator('.ps-card').first());
    const background = await (
      await settingsFrame(page)
    ).evaluate<string>(`getComputedStyle(document.querySelector('.ps-card')).backgroundColor`);
    const [r, g, b] = (/rgba?\((\d+),\s*(\d+),\s*(\d+)/.exec(background) ?? []).slice(1).map(Number);
    expect((r ?? 255) + (g ?? 255) + (b ?? 255)).toBeLessThan(3 * 100);
    await screenshot(page, 'capacity-settings-dark');
    suite.browser().expectNoProblems();
  });
});
