import fs from 'node:fs';
import path from 'node:path';
import yaml from 'js-yaml';
import type { FrameLocator, Locator, Page } from 'playwright-core';
import { buildDemoSeed } from '../../preview/demo/demo';
import type { CapacityPageView } from '../../src/contract/capacity';
import {
  ROOT,
  actAs,
  chooseLocale,
  chooseTheme,
  expectAttribute,
  expectText,
  expectVisible,
  invokeAsPersona,
  previewForSuite,
  screenshot,
  startPreview,
  tempDir,
  text,
  until
} from './support/harness';

/** A module's key, from the manifest (the preview serves it under that key). */
function moduleKey(type: 'jira:projectPage' | 'jira:projectSettingsPage'): string {
  const manifest = yaml.load(fs.readFileSync(path.join(ROOT, 'manifest.yml'), 'utf8')) as {
    modules?: Record<string, Array<{ key: string; resource?: string }>>;
  };
  const module = manifest.modules?.[type]?.[0];
  if (!module) throw new Error(`manifest.yml has no ${type} module`);
  return module.key;
}

const MODULE = moduleKey('jira:projectPage');
const SETTINGS_MODULE = moduleKey('jira:projectSettingsPage');
const PROJECT = 'MKT';

function lanesFrame(page: Page): FrameLocator {
  return page.frameLocator(`iframe[data-module-key="${MODULE}"]`);
}

/** Opens the lanes page of MKT as `role` and waits for the board; returns the frame and the ms it took. */
async function openLanes(
  page: Page,
  baseUrl: string,
  role: string,
  locale: 'en' | 'fr' = 'en'
): Promise<{ frame: FrameLocator; renderMs: number }> {
  await page.goto(`${baseUrl}/`);
  await actAs(page, role);
  await chooseLocale(page, locale);
  const started = Date.now();
  await page.goto(`${baseUrl}/jira/projects/${PROJECT}/apps/${encodeURIComponent(MODULE)}`);
  const frame = lanesFrame(page);
  await expectVisible(frame.locator('.lanes-lane').first(), 60_000);
  return { frame, renderMs: Date.now() - started };
}

async function pageView(page: Page): Promise<CapacityPageView> {
  // The project's id, read from Jira as the frame's requestJira would.
  const fetched = await page.evaluate<{ body: string }>(`fetch('/api/product-fetch', {
    method: 'POST',
    credentials: 'same-origin',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ product: 'jira', restPath: '/rest/api/3/project/${PROJECT}' })
  }).then((r) => r.json())`);
  const project = JSON.parse(fetched.body) as { id: string };
  const answer = (await invokeAsPersona(page, {
    moduleKey: MODULE,
    functionKey: 'capacity/page',
    payload: { projectId: project.id },
    location: { projectKey: PROJECT }
  })) as { ok: boolean; data: CapacityPageView };
  if (!answer.ok) throw new Error(`capacity/page answered ${JSON.stringify(answer)}`);
  return answer.data;
}

async function attributes(locator: Locator, name: string): Promise<string[]> {
  const values: string[] = [];
  for (const element of await locator.all()) values.push((await element.getAttribute(name)) ?? '');
  return values;
}

/**
 * The demo's lanes come with the preview's seed (capacity-backend); while a seed has none, they are
 * set up as a project admin does on the settings page, so the page has something to show.
 */
async function ensureLanes(page: Page): Promise<void> {
  const view = await pageView(page);
  if (view.board !== null) return;
  const ids: Record<string, string> = {};
  for (const option of await page.locator('#switch-user option').all())
    ids[(await option.getAttribute('data-role')) ?? ''] = (await option.getAttribute('value')) ?? '';
  const saved = (await invokeAsPersona(page, {
    moduleKey: SETTINGS_MODULE,
    functionKey: 'capacity/settings-save',
    payload: {
      projectId: view.project.id,
      basedOn: view.settingsVersion,
      settings: {
        lanes: [
          {
            id: 'refonte',
            name: 'Refonte du site',
            kind: 'dedicated',
            owner: ids.approver,
            colour: 'blue',
            wipLimit: 2
          },
          { id: 'run', name: 'Run', kind: 'run', colour: 'gray' },
          { id: 'experiments', name: 'Experiments', kind: 'experiments', colour: 'purple' }
        ],
        rules: [
          { field: 'component', value: 'Landing pages', lane: 'refonte' },
          { field: 'label', value: 'bulk-web', lane: 'refonte' }
        ],
        people: [
          { accountId: ids.requester, hoursPerWeek: 35, shares: { refonte: 0.5 } },
          { accountId: ids.approver, hoursPerWeek: 35, shares: { refonte: 0.8 } },
          { accountId: ids.creative, hoursPerWeek: 35 }
        ]
      }
    },
    location: { projectKey: PROJECT }
  })) as { ok: boolean };
  expect(saved).toMatchObject({ ok: true });
}

/** The lane a card is shown in, by its key ('' when the card is not on the board). */
async function laneOfCard(frame: FrameLocator, key: string): Promise<string> {
  const card = frame.locator(`.lanes-card[data-card-key="${key}"]`);
  if ((await card.count()) === 0) return '';
  return (
    (await card.first().locator('xpath=ancestor::section[@data-lane-id]').getAttribute('data-lane-id')) ?? ''
  );
}

/** When, in the frame's clock, the page's answer arrived and the board was on screen. */
async function frameMarks(page: Page): Promise<{ answer: number; board: number }> {
  const frame = page.frames().find((f) => f.url().includes('/frame/'));
  const marks = await frame?.evaluate<{ answer: number; board: number }>(`({
    answer: Math.round(performance.getEntriesByName('tandem:lanes-page-answer').at(-1)?.startTime ?? -1),
    board: Math.round(performance.getEntriesByName('tandem:lanes-board-rendered').at(-1)?.startTime ?? -1)
  })`);
  return marks ?? { answer: -1, board: -1 };
}

function luminance(color: string): number {
  const m = /rgba?\((\d+),\s*(\d+),\s*(\d+)/.exec(color);
  if (!m) throw new Error(`Not an rgb colour: ${color}`);
  const [r, g, b] = [m[1], m[2], m[3]].map((c) => {
    const v = Number(c) / 255;
    return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

describe('project page "Tandem lanes" on the demo project', () => {
  const suite = previewForSuite(() => startPreview({ dataDir: tempDir('project-page') }));
  beforeAll(async () => {
    const page = await suite.browser().page();
    await page.goto(`${suite.preview().url}/`);
    await actAs(page, 'admin');
    await ensureLanes(page);
  });

  it('shows the demo lanes with their figures and warnings, and the people strip', async () => {
    const page = await suite.browser().page();
    const { frame, renderMs } = await openLanes(page, suite.preview().url, 'admin');
    const view = await pageView(page);
    if (!view.board) throw new Error('The demo project has no lanes');

    const shown = await frame.locator('.lanes-lane .lanes-lane__toggle').allTextContents();
    expect(shown.map((s) => s.replace(/^[▸▾]/, '').trim())).toEqual(view.board.lanes.map((l) => l.name));
    expect(view.board.lanes.map((l) => l.kind).sort()).toEqual(['dedicated', 'experiments', 'run']);
    expect(shown.join(' ')).toContain('Refonte du site');

    // Each lane's warnings are the domain's sentences, on screen in English.
    const warnings = view.board.lanes.flatMap((l) => l.warnings.map((w) => w.message.en));
    expect(warnings.length).toBeGreaterThan(0);
    for (const warning of warnings) await expectVisible(frame.getByText(warning, { exact: true }).first());

    // The load bar is a meter whose figures are the lane's.
    const first = view.board.lanes[0];
    if (!first) throw new Error('no lane');
    const meter = frame.getByRole('meter', { name: new RegExp(`${first.name}$`) });
    await expectAttribute(
      meter,
      'aria-valuemax',
      String(first.capacityHours > 0 ? first.capacityHours : first.loadHours)
    );
    await expectVisible(frame.getByRole('heading', { name: text('en', 'lanes.people.heading') }));
    expect(await frame.locator('.lanes-person').count()).toBe(view.board.people.length);

    const marks = await frameMarks(page);
    console.log(
      `project page first meaningful render: ${renderMs} ms from navigation to the board; in the frame: ` +
        `resolver answer at ${marks.answer} ms, board rendered at ${marks.board} ms (render ${marks.board - marks.answer} ms)`
    );
    await screenshot(page, 'capacity-board');
    suite.browser().expectNoProblems();
  });

  it('moves a card with the keyboard only, stores the override, and a reload shows it', async () => {
    const page = await suite.browser().page();
    const { frame } = await openLanes(page, suite.preview().url, 'admin');
    const firstLane = frame.locator('section.lanes-lane').first();
    const fromLane = await firstLane.getAttribute('data-lane-id');
    const card = firstLane.locator('.lanes-card').first();
    const key = await card.getAttribute('data-card-key');
    if (!key || !fromLane) throw new Error('no card on the first lane');
    const laneIds = await attributes(frame.locator('section.lanes-lane'), 'data-lane-id');
    // The menu lists the other lanes in board order; ArrowDown once picks the second of them.
    const others = laneIds.filter((id) => id !== fromLane);
    const target = others[1] ?? others[0];

    // From the lane's collapse button, Tab reaches the card's "Move to lane…" button.
    await firstLane.locator('.lanes-lane__toggle').focus();
    const button = card.getByRole('button', {
      name: text('en', 'lanes.move.buttonLabel').replace('{key}', key)
    });
    const focused = async () => (await card.locator('.lanes-move__button:focus').count()) === 1;
    for (let i = 0; i < 10 && !(await focused()); i++) await page.keyboard.press('Tab');
    expect(await focused()).toBe(true);
    await expectVisible(button);
    await page.keyboard.press('Enter');
    await expectVisible(frame.getByRole('menu'));
    if (others.length > 1) await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');

    await until(
      'the card in its new lane',
      () => laneOfCard(frame, key),
      (lane) => lane === target,
      30_000
    );
    await expectText(frame.getByTestId('lanes-live'), new RegExp(`^${key} .+\\.$`));
    await page.reload();
    await expectVisible(lanesFrame(page).locator('.lanes-lane').first(), 60_000);
    expect(await laneOfCard(lanesFrame(page), key)).toBe(target);
    await expectVisible(
      lanesFrame(page)
        .locator(`.lanes-card[data-card-key="${key}"]`)
        .getByText(text('en', 'lanes.card.override'))
    );
    suite.browser().expectNoProblems();
  });

  it('moves a card by drag and drop', async () => {
    const page = await suite.browser().page();
    const { frame } = await openLanes(page, suite.preview().url, 'admin');
    const lanes = frame.locator('section.lanes-lane');
    // A card from any lane but the first, dropped on the first.
    const card = frame.locator('section.lanes-lane:not(:first-child) .lanes-card').first();
    const key = await card.getAttribute('data-card-key');
    const targetLane = await lanes.first().getAttribute('data-lane-id');
    if (!key || !targetLane) throw new Error('no card to drag');
    // Headless Chromium does not turn pointer moves inside a cross-origin frame into HTML drag and
    // drop, so the test sends the events a browser sends (dragstart, dragenter, dragover, drop,
    // dragend) with one DataTransfer, in the frame, to the card and to the target lane.
    await card.scrollIntoViewIfNeeded();
    // Written as source text: the browser's DOM types are not in this Node project's type check.
    // eslint-disable-next-line @typescript-eslint/no-implied-eval -- the test's own code, run in the frame
    const sendDrag = new Function(
      'source',
      'laneId',
      `return (async () => {
        const target = document.querySelector('section.lanes-lane[data-lane-id="' + laneId + '"]');
        if (!target) return 'missing';
        const dataTransfer = new DataTransfer();
        const frameTick = () => new Promise((resolve) => requestAnimationFrame(() => resolve(null)));
        const fire = (el, type) => {
          const box = el.getBoundingClientRect();
          el.dispatchEvent(new DragEvent(type, {
            bubbles: true, cancelable: true, composed: true, dataTransfer,
            clientX: box.left + box.width / 2,
            clientY: box.top + Math.min(20, box.height / 2)
          }));
        };
        fire(source, 'dragstart');
        await frameTick();
        await frameTick();
        fire(target, 'dragenter');
        fire(target, 'dragover');
        await frameTick();
        fire(target, 'dragover');
        await frameTick();
        fire(target, 'drop');
        fire(source, 'dragend');
        return 'sent';
      })();`
    ) as (source: unknown, laneId: string) => Promise<string>;
    const dropped = await card.evaluate(sendDrag, targetLane);
    expect(dropped).toBe('sent');
    await until(
      'the dragged card in its new lane',
      () => laneOfCard(frame, key),
      (lane) => lane === targetLane,
      30_000
    );
    await page.reload();
    await expectVisible(lanesFrame(page).locator('.lanes-lane').first(), 60_000);
    expect(await laneOfCard(lanesFrame(page), key)).toBe(targetLane);
    suite.browser().expectNoProblems();
  });

  it('refuses a move to someone without Edit issues, and says so', async () => {
    const page = await suite.browser().page();
    const { frame } = await openLanes(page, suite.preview().url, 'browser');
    const firstLane = frame.locator('section.lanes-lane').first();
    const card = firstLane.locator('.lanes-card').first();
    const key = (await card.getAttribute('data-card-key')) ?? '';
    const from = await firstLane.getAttribute('data-lane-id');
    await card.locator('.lanes-move__button').click();
    await frame.getByRole('menuitem').first().click();
    const refusal = text('en', 'lanes.move.failed')
      .replace('{key}', key)
      .replace('{reason}', text('en', 'lanes.move.forbidden'));
    await expectText(frame.getByTestId('lanes-problem'), refusal, 30_000);
    await expectText(frame.getByTestId('lanes-live'), refusal);
    expect(await laneOfCard(frame, key)).toBe(from);
    // The resolver's refusal reaches the console of the preview as a 403-free Result; nothing else.
    suite.browser().expectNoProblems();
  });

  it('plan: the table under each chart has the chart’s figures', async () => {
    const page = await suite.browser().page();
    const { frame } = await openLanes(page, suite.preview().url, 'admin');
    await frame.getByRole('tab', { name: text('en', 'lanes.tabs.plan') }).click();
    await expectVisible(frame.locator('.lanes-plan__lane').first(), 30_000);
    const view = await pageView(page);
    for (const lane of view.plan?.lanes ?? []) {
      const table = frame.getByTestId(`lanes-table-${lane.id}`);
      const chart = frame.getByTestId(`lanes-chart-${lane.id}`);
      const tableValues = await attributes(table.locator('td[data-value]'), 'data-value');
      const chartValues = await attributes(chart.locator('text[data-value]'), 'data-value');
      expect(tableValues).toHaveLength(6);
      expect(chartValues).toEqual(tableValues);
      expect(tableValues.map(Number)).toEqual(lane.periodCapacityHours);
      expect(await table.locator('td').allTextContents()).toEqual(
        await chart.locator('text.lanes-chart__value').allTextContents()
      );
    }
    await screenshot(page, 'capacity-plan');
    suite.browser().expectNoProblems();
  });

  it('what-if: adding a person changes the clear date at once, saves nothing, and resets', async () => {
    const page = await suite.browser().page();
    const { frame } = await openLanes(page, suite.preview().url, 'admin');
    await frame.getByRole('tab', { name: text('en', 'lanes.tabs.plan') }).click();
    const view = await pageView(page);
    const lane = view.plan?.lanes.find((l) => l.kind === 'dedicated' && l.clear.status === 'dated');
    if (!lane) throw new Error('No dedicated lane with a clear date in the demo');
    const clear = frame.getByTestId(`lanes-clear-${lane.id}`);
    await expectVisible(clear, 30_000);
    const before = (await clear.textContent()) ?? '';

    await frame.getByLabel(text('en', 'lanes.whatIf.change')).selectOption('addPerson');
    await frame.getByLabel(text('en', 'lanes.whatIf.lane'), { exact: true }).selectOption(lane.id);
    await frame.getByLabel(text('en', 'lanes.whatIf.hours')).fill('40');
    await frame.getByLabel(text('en', 'lanes.whatIf.share')).fill('100');
    await frame.getByRole('button', { name: text('en', 'lanes.whatIf.apply') }).click();

    await until(
      'a new clear date',
      async () => (await clear.textContent()) ?? '',
      (now) => now !== before,
      30_000
    );
    await expectVisible(frame.getByTestId('lanes-not-saved'));
    await expectVisible(frame.getByTestId('lanes-deltas').locator(`tr[data-lane-id="${lane.id}"]`));
    await expectText(frame.getByTestId('lanes-live'), /\.$/);
    await screenshot(page, 'capacity-what-if');

    // Nothing was saved: the resolver and a reload give the old date.
    const saved = await pageView(page);
    expect(saved.plan?.lanes.find((l) => l.id === lane.id)?.clear).toEqual(lane.clear);
    await frame.getByRole('button', { name: text('en', 'lanes.whatIf.reset') }).click();
    await expectText(clear, before);
    await page.reload();
    const again = lanesFrame(page);
    await expectVisible(again.locator('.lanes-lane').first(), 60_000);
    await again.getByRole('tab', { name: text('en', 'lanes.tabs.plan') }).click();
    await expectText(again.getByTestId(`lanes-clear-${lane.id}`), before, 30_000);
    suite.browser().expectNoProblems();
  });

  it('copies a lane’s JQL and lists the swimlane steps', async () => {
    const page = await suite.browser().page();
    const { frame } = await openLanes(page, suite.preview().url, 'admin');
    await frame.getByRole('tab', { name: text('en', 'lanes.tabs.jql') }).click();
    const view = await pageView(page);
    const lane = view.board?.lanes[0];
    if (!lane) throw new Error('no lane');
    const field = frame.getByRole('textbox', {
      name: text('en', 'lanes.jql.query').replace('{lane}', lane.name)
    });
    expect(await field.inputValue()).toBe(`tandemLane = "${lane.id}"`);
    await frame
      .getByRole('button', { name: text('en', 'lanes.jql.copyLabel').replace('{lane}', lane.name) })
      .click();
    // Copied, or (no clipboard permission in the frame) selected for Ctrl+C: either way it is said.
    await expectText(
      frame.getByTestId('lanes-live'),
      new RegExp(
        `^(${text('en', 'lanes.jql.copied').replace('{lane}', lane.name)}|${text('en', 'lanes.jql.selected')
          .replace('{lane}', lane.name)
          .replace(/[()+⌘]/g, '.')})$`
      )
    );
    await expectVisible(frame.getByText(text('en', 'lanes.jql.step2')));
    suite.browser().expectNoProblems();
  });

  it('in French', async () => {
    const page = await suite.browser().page();
    const { frame } = await openLanes(page, suite.preview().url, 'admin', 'fr');
    await expectText(frame.getByRole('heading', { level: 1 }), text('fr', 'lanes.title'));
    await expectVisible(frame.getByRole('tab', { name: text('fr', 'lanes.tabs.plan') }));
    const view = await pageView(page);
    const warning = view.board?.lanes.flatMap((l) => l.warnings)[0];
    if (warning) await expectVisible(frame.getByText(warning.message.fr, { exact: true }).first());
    await screenshot(page, 'capacity-fr');
    suite.browser().expectNoProblems();
  });

  it('in the dark theme, with the tokens applied inside the frame', async () => {
    const page = await suite.browser().page();
    await page.goto(`${suite.preview().url}/`);
    await chooseTheme(page, 'dark');
    const { frame } = await openLanes(page, suite.preview().url, 'admin');
    await expectVisible(frame.locator('.lanes-card').first());
    const inside = page.frames().find((f) => f.url().includes('/frame/'));
    if (!inside) throw new Error('no frame');
    const colours = await inside.evaluate<{ text: string; card: string }>(`({
      text: getComputedStyle(document.body).color,
      card: getComputedStyle(document.querySelector('.lanes-card')).backgroundColor
    })`);
    expect(luminance(colours.text)).toBeGreaterThan(0.4);
    expect(luminance(colours.card)).toBeLessThan(0.1);
    await screenshot(page, 'capacity-dark');
    await chooseTheme(page, 'light');
    suite.browser().expectNoProblems();
  });
});

describe('project page with 2,000 more issues on MKT', () => {
  const EXTRA = 2000;
  const suite = previewForSuite(() => {
    const seed = buildDemoSeed();
    const statuses = ['To Do', 'In Progress', 'To Do', 'In Review'];
    seed.issues = [
      ...(seed.issues ?? []),
      ...Array.from({ length: EXTRA }, (_, i) => ({
        project: PROJECT,
        issuetype: 'Task',
        summary: `Bulk task ${i + 1}`,
        status: statuses[i % statuses.length],
        labels: [i % 3 === 0 ? 'bulk-web' : 'bulk-run']
      }))
    ];
    const dir = tempDir('project-page-many');
    const file = path.join(dir, 'seed.json');
    fs.writeFileSync(file, JSON.stringify(seed));
    return startPreview({ dataDir: path.join(dir, 'data'), seed: file });
  });

  it('renders the board and pages a cell without freezing (times printed)', async () => {
    const page = await suite.browser().page();
    await page.goto(`${suite.preview().url}/`);
    await actAs(page, 'admin');
    await ensureLanes(page);
    const { frame, renderMs } = await openLanes(page, suite.preview().url, 'admin');
    const marks = await frameMarks(page);
    const counted = await pageView(page);
    expect(counted.counted.issues).toBeGreaterThanOrEqual(EXTRA);
    const cards = await frame.locator('.lanes-card').count();

    const more = frame.locator('.lanes-more').first();
    const timings: number[] = [];
    for (let i = 0; i < 5 && (await more.count()) > 0; i++) {
      const before = await frame.locator('.lanes-card').count();
      const started = Date.now();
      await more.click();
      await until(
        'more cards',
        () => frame.locator('.lanes-card').count(),
        (n) => n > before,
        30_000
      );
      timings.push(Date.now() - started);
    }
    const after = await frame.locator('.lanes-card').count();
    expect(after).toBeGreaterThan(cards);
    console.log(
      `project page with ${counted.counted.issues} issues: board with ${cards} cards on screen in ${renderMs} ms ` +
        `from navigation (resolver answer at ${marks.answer} ms, board at ${marks.board} ms in the frame, ` +
        `render ${marks.board - marks.answer} ms); ` +
        `"show more" ×${timings.length}: ${timings.join(', ')} ms (${after} cards on screen)`
    );
    suite.browser().expectNoProblems();
  });
});
