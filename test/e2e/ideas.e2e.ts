import type { FrameLocator, Page } from 'playwright-core';
import { DEMO_IDS, IDEA_BACKLOG_MACRO } from '../../preview/demo/demo';
import { auditPage } from './support/a11y';
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
 * The idea backlog macro on the demo's backlog page ("Backlog d’idées stratégiques"), driven as
 * people use it: list and board, filters, quick capture (a Jira issue), votes seen live by another
 * session, evidence, review mode, turn into experiment with the lane's headroom, script payloads in
 * every text field, and the axe audit in light, dark, English and French.
 */

const PAGE_ID = DEMO_IDS.pages.ideas;
const MODULE = IDEA_BACKLOG_MACRO.moduleKey;

const suite = previewForSuite(() => startPreview({ dataDir: tempDir('ideas') }));

// Each open backlog holds a server-sent event stream (the preview's realtime); a tab left open by
// one test would keep its stream and, past Chromium's six connections per host, stall the next.
afterEach(async () => {
  for (const page of suite.browser().context.pages()) await page.close().catch(() => undefined);
});

function ideasFrame(page: Page): FrameLocator {
  return page.frameLocator(`iframe[data-module-key="${MODULE}"]`);
}

async function openIdeas(
  page: Page,
  role = 'requester',
  opts: { locale?: 'en' | 'fr'; theme?: 'light' | 'dark' } = {}
): Promise<FrameLocator> {
  const base = suite.preview().url;
  await page.goto(`${base}/`);
  await actAs(page, role);
  await chooseLocale(page, opts.locale ?? 'en');
  await chooseTheme(page, opts.theme ?? 'light');
  await page.goto(`${base}/wiki/pages/${PAGE_ID}`);
  const frame = ideasFrame(page);
  await expectVisible(frame.locator('.ideas-table, .ideas-board').first(), 60_000);
  return frame;
}

/** Issues the caller's Jira search finds, through the preview's product fetch (as the frame would). */
async function searchJira(
  page: Page,
  jql: string
): Promise<Array<{ key: string; fields: { summary: string; labels: string[] } }>> {
  const fetched = await page.evaluate<{ body: string }, string>(
    (query) =>
      fetch('/api/product-fetch', {
        method: 'POST',
        credentials: 'same-origin',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          product: 'jira',
          restPath: '/rest/api/3/search/jql',
          fetchRequestInit: {
            method: 'POST',
            body: JSON.stringify({ jql: query, fields: ['summary', 'labels'], maxResults: 50 })
          }
        })
      }).then((r) => r.json() as Promise<{ body: string }>),
    jql
  );
  return (
    JSON.parse(fetched.body) as {
      issues: Array<{ key: string; fields: { summary: string; labels: string[] } }>;
    }
  ).issues;
}

const rows = (frame: FrameLocator) => frame.locator('tbody tr');

describe('idea backlog macro', () => {
  it('shows the Strategic Ideas as a list with absolute scores and as a board with every stage, and filters them', async () => {
    const page = await suite.browser().page();
    const frame = await openIdeas(page);
    await until(
      'ideas listed',
      () => rows(frame).count(),
      (n) => n >= 20
    );
    await expectVisible(frame.getByText(text('en', 'ideas.notScored'), { exact: false }).first());
    await screenshot(page, 'ideas-list');

    await frame.getByRole('tab', { name: text('en', 'ideas.tabs.board') }).click();
    for (const stage of ['captured', 'reviewing', 'experiment', 'adopted', 'parked', 'dropped'] as const) {
      const column = frame.getByRole('region', {
        name: new RegExp(`^${text('en', `ideas.stage.${stage}`)}`)
      });
      await until(
        `a card in ${stage}`,
        () => column.locator('.ideas-card').count(),
        (n) => n >= 1
      );
    }
    await screenshot(page, 'ideas-board');

    await frame.getByRole('tab', { name: text('en', 'ideas.tabs.list') }).click();
    await frame.getByLabel(text('en', 'ideas.filters.stage'), { exact: true }).selectOption('parked');
    await until(
      'one parked idea',
      () => rows(frame).count(),
      (n) => n === 1
    );
    await frame.getByLabel(text('en', 'ideas.filters.stage'), { exact: true }).selectOption('');
    await frame.getByLabel(text('en', 'ideas.filters.scored'), { exact: true }).check();
    const scoredRows = await rows(frame).count();
    expect(
      await rows(frame)
        .filter({ hasText: text('en', 'ideas.notScored') })
        .count()
    ).toBe(0);
    expect(scoredRows).toBeGreaterThan(5);
    await screenshot(page, 'ideas-filtered');
    suite.browser().expectNoProblems();
  });

  it('quick capture creates the idea in Jira as the user (before set-up: a Task labelled idea), by keyboard', async () => {
    const page = await suite.browser().page();
    const frame = await openIdeas(page);
    const capture = frame.getByRole('form', { name: text('en', 'ideas.capture.title') });
    const summary = `Atelier réparation en ligne ${Date.now()}`;
    await capture.getByLabel(text('en', 'ideas.capture.summary'), { exact: true }).fill(summary);
    await capture.getByLabel(text('en', 'ideas.capture.source'), { exact: true }).selectOption('event');
    await capture
      .getByLabel(text('en', 'ideas.capture.notes'), { exact: true })
      .fill('Seen at the Lyon outdoor fair.');
    await capture.getByLabel(text('en', 'ideas.capture.notes'), { exact: true }).press('Tab');
    await page.keyboard.press('Enter');
    await expectVisible(rows(frame).filter({ hasText: summary }));
    const found = await searchJira(page, `project = MKT AND labels = "source-event"`);
    expect(found.find((i) => i.fields.summary === summary)?.fields.labels).toEqual(['idea', 'source-event']);
    await screenshot(page, 'ideas-captured');
    suite.browser().expectNoProblems();
  });

  it('two people on the page see each other’s votes within 2 seconds', async () => {
    const other = await Browser.open();
    try {
      const page = await suite.browser().page();
      const frame = await openIdeas(page, 'requester');
      const page2 = await other.page();
      const frame2 = await openIdeas(page2, 'creative');
      const row = rows(frame).nth(3);
      const key = ((await row.locator('.ideas-key').textContent()) ?? '').trim();
      const count = () => frame2.getByTestId(`votes-${key}`).first().textContent();
      const before = Number(await count());
      await row.getByRole('button', { name: new RegExp(`^${text('en', 'ideas.vote')}`) }).click();
      const started = Date.now();
      await until(
        'the other session sees the vote',
        async () => Number(await count()),
        (n) => n === before + 1,
        2_000
      );
      expect(Date.now() - started).toBeLessThanOrEqual(2_000);
      // And back: the other person votes, the first sees it.
      await rows(frame2)
        .filter({ hasText: key })
        .getByRole('button', { name: new RegExp(`^${text('en', 'ideas.vote')}`) })
        .click();
      await until(
        'the first session sees the second vote',
        async () => Number(await frame.getByTestId(`votes-${key}`).first().textContent()),
        (n) => n === before + 2,
        2_000
      );
      await screenshot(page2, 'ideas-votes-live');
      other.expectNoProblems();
      suite.browser().expectNoProblems();
    } finally {
      await other.close();
    }
  });

  it('adds evidence to an idea and counts it', async () => {
    const page = await suite.browser().page();
    const frame = await openIdeas(page);
    const row = rows(frame).first();
    const before = Number((await row.locator('td').nth(4).textContent()) ?? '0');
    await row.locator('.ideas-link').click();
    const dialog = frame.getByRole('dialog');
    await expectVisible(dialog);
    await dialog
      .getByLabel(text('en', 'ideas.evidence.kind'), { exact: true })
      .selectOption('call-recording');
    await dialog
      .getByLabel(text('en', 'ideas.evidence.snippet'), { exact: true })
      .fill('Customer: “I never know which tent fits four”.');
    await dialog.getByRole('button', { name: text('en', 'ideas.evidence.add') }).click();
    await expectText(
      dialog.getByRole('heading', { name: /Evidence/ }),
      text('en', 'ideas.evidence.title').replace('{count}', String(before + 1))
    );
    await screenshot(page, 'ideas-evidence');
    await page.keyboard.press('Escape');
    await expectText(rows(frame).first().locator('td').nth(4), String(before + 1));
    suite.browser().expectNoProblems();
  });

  it('review mode walks the flagged ideas; a decision resets the flag', async () => {
    const page = await suite.browser().page();
    const frame = await openIdeas(page);
    const tab = frame.getByRole('tab', { name: /Review mode/ });
    const flagged = async () => Number(/\((\d+)\)/.exec((await tab.textContent()) ?? '')?.[1] ?? '0');
    const before = await flagged();
    expect(before).toBeGreaterThan(0);
    await tab.click();
    const title = await frame.locator('#ideas-review-title').textContent();
    await frame
      .getByLabel(text('en', 'ideas.review.note'), { exact: true })
      .fill('Worth a small test after the launch.');
    await frame.getByRole('button', { name: text('en', 'ideas.decision.park'), exact: true }).click();
    await until('one flag fewer', flagged, (n) => n === before - 1);
    expect(await frame.locator('#ideas-review-title').textContent()).not.toBe(title);
    await screenshot(page, 'ideas-review');
    suite.browser().expectNoProblems();
  });

  it('turns an idea into a linked Experiment issue and shows the experiments lane’s headroom', async () => {
    const page = await suite.browser().page();
    const frame = await openIdeas(page);
    await frame.getByLabel(text('en', 'ideas.filters.stage'), { exact: true }).selectOption('captured');
    await rows(frame).first().locator('.ideas-link').click();
    const dialog = frame.getByRole('dialog');
    await dialog.getByRole('button', { name: text('en', 'ideas.experiment.start') }).click();
    const form = dialog.getByRole('form', { name: text('en', 'ideas.experiment.title') });
    // MKT's experiments lane (demo capacity settings) is measured: either hours left or a warning.
    await expectVisible(form.locator('p.tdm-small, .tdm-message--warning').first());
    await form
      .getByLabel(text('en', 'ideas.experiment.hypothesis'), { exact: true })
      .fill('If the quiz is on the home page, bag sales rise 5 %');
    await form.getByLabel(text('en', 'ideas.experiment.metric'), { exact: true }).fill('bag sales ≥ +5 %');
    const stop = new Date(Date.now() + 14 * 86_400_000).toISOString().slice(0, 10);
    await form.getByLabel(text('en', 'ideas.experiment.stopDate'), { exact: true }).fill(stop);
    await screenshot(page, 'ideas-experiment-form');
    await form.getByRole('button', { name: text('en', 'ideas.experiment.create') }).click();
    const linked = dialog.getByTestId('idea-experiment');
    await expectVisible(linked);
    const key = /MKT-\d+/.exec((await linked.textContent()) ?? '')?.[0];
    expect(key).toBeDefined();
    const experiments = await searchJira(page, `key = ${key}`);
    expect(experiments).toHaveLength(1);
    // The idea and its experiment are linked in Jira.
    const ideaKey = /MKT-\d+/.exec((await dialog.locator('#ideas-detail-title').textContent()) ?? '')?.[0];
    const fetched = await page.evaluate<{ body: string }, string>(
      (path) =>
        fetch('/api/product-fetch', {
          method: 'POST',
          credentials: 'same-origin',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ product: 'jira', restPath: path })
        }).then((r) => r.json() as Promise<{ body: string }>),
      `/rest/api/3/issue/${ideaKey}?fields=issuelinks`
    );
    const links = (
      JSON.parse(fetched.body) as {
        fields: { issuelinks: Array<{ outwardIssue?: { key: string }; inwardIssue?: { key: string } }> };
      }
    ).fields.issuelinks;
    expect(links.some((l) => l.outwardIssue?.key === key || l.inwardIssue?.key === key)).toBe(true);
    await screenshot(page, 'ideas-experiment-created');
    suite.browser().expectNoProblems();
  });

  it('runs no script from any text field (summary, notes, evidence, review note, experiment)', async () => {
    const page = await suite.browser().page();
    const frame = await openIdeas(page);
    const payload = '<img src=x onerror="window.top.__xss=1"><script>window.top.__xss=2</script>';
    const capture = frame.getByRole('form', { name: text('en', 'ideas.capture.title') });
    await capture.getByLabel(text('en', 'ideas.capture.summary'), { exact: true }).fill(`XSS ${payload}`);
    await capture.getByLabel(text('en', 'ideas.capture.notes'), { exact: true }).fill(payload);
    await frame.getByRole('button', { name: text('en', 'ideas.capture.submit') }).click();
    const row = rows(frame).filter({ hasText: 'XSS <img' });
    await expectVisible(row);
    await row.locator('.ideas-link').click();
    const dialog = frame.getByRole('dialog');
    await dialog.getByLabel(text('en', 'ideas.evidence.snippet'), { exact: true }).fill(payload);
    await dialog.getByRole('button', { name: text('en', 'ideas.evidence.add') }).click();
    await expectVisible(dialog.locator('.ideas-snippet').filter({ hasText: '<script>' }));
    await dialog.getByRole('button', { name: text('en', 'ideas.experiment.start') }).click();
    const form = dialog.getByRole('form', { name: text('en', 'ideas.experiment.title') });
    await form.getByLabel(text('en', 'ideas.experiment.hypothesis'), { exact: true }).fill(payload);
    await form.getByLabel(text('en', 'ideas.experiment.metric'), { exact: true }).fill(payload.slice(0, 200));
    await form
      .getByLabel(text('en', 'ideas.experiment.stopDate'), { exact: true })
      .fill(new Date(Date.now() + 7 * 86_400_000).toISOString().slice(0, 10));
    await form.getByRole('button', { name: text('en', 'ideas.experiment.create') }).click();
    await expectVisible(dialog.getByTestId('idea-experiment'));
    await page.keyboard.press('Escape');
    await frame.getByRole('tab', { name: /Review mode/ }).click();
    const note = frame.getByLabel(text('en', 'ideas.review.note'), { exact: true });
    if (await note.count()) {
      await note.fill(payload);
      await frame.getByRole('button', { name: text('en', 'ideas.decision.keep'), exact: true }).click();
    }
    await page.reload();
    await expectVisible(ideasFrame(page).locator('.ideas-table'), 60_000);
    const fired = await page.evaluate<number | null>('window.__xss ?? null');
    expect(fired).toBeNull();
    for (const frameHandle of page.frames())
      expect(await frameHandle.evaluate<number | null>('window.__xss ?? null')).toBeNull();
    expect(await ideasFrame(page).locator('img[src="x"], tbody script').count()).toBe(0);
    await screenshot(page, 'ideas-xss');
    suite.browser().expectNoProblems();
  });

  it('passes the accessibility audit in light and dark, English and French', async () => {
    const page = await suite.browser().page();
    for (const [locale, theme] of [
      ['en', 'light'],
      ['en', 'dark'],
      ['fr', 'light'],
      ['fr', 'dark']
    ] as const) {
      const frame = await openIdeas(page, 'requester', { locale, theme });
      await expectText(frame.locator('.ideas-title'), text(locale, 'ideas.title'));
      await auditPage(page, `ideas-a11y-list-${locale}-${theme}`);
      await frame.getByRole('tab', { name: text(locale, 'ideas.tabs.board') }).click();
      await screenshot(page, `ideas-board-${locale}-${theme}`);
    }
    await chooseTheme(page, 'light');
    await chooseLocale(page, 'en');
    suite.browser().expectNoProblems();
  });
});
