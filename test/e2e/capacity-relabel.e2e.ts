import fs from 'node:fs';
import path from 'node:path';
import yaml from 'js-yaml';
import type { FrameLocator, Page } from 'playwright-core';
import { buildDemoSeed } from '../../preview/demo/demo';
import {
  ROOT,
  actAs,
  chooseLocale,
  expectVisible,
  previewForSuite,
  screenshot,
  startPreview,
  tempDir,
  text,
  until
} from './support/harness';

/**
 * A rule change on the settings page relabels the project's issues in a queued job: the page shows
 * the job's progress while it runs and its outcome when it ends. MKT gets 1,500 more issues so
 * the job takes many pages (100 issues each); how fast it runs depends on the machine, so the test
 * requires the running message and counts that never go back, and prints the counts it saw.
 */

const PROJECT = 'MKT';
const EXTRA = 1500;
const LABEL = 'bulk-rebuild';

type Key = Parameters<typeof text>[1];
const en = (key: Key, vars: Record<string, string | number> = {}) =>
  text('en', key).replace(/\{(\w+)\}/g, (_, name: string) => String(vars[name]));

function settingsModuleKey(): string {
  const manifest = yaml.load(fs.readFileSync(path.join(ROOT, 'manifest.yml'), 'utf8')) as {
    modules: Record<string, Array<{ key: string }> | undefined>;
  };
  const key = manifest.modules['jira:projectSettingsPage']?.[0]?.key;
  if (!key) throw new Error('manifest.yml has no jira:projectSettingsPage module');
  return key;
}

async function openSettings(page: Page, url: string): Promise<FrameLocator> {
  await page.goto(`${url}/`);
  await actAs(page, 'admin');
  await chooseLocale(page, 'en');
  await page.goto(`${url}/jira/projects/${PROJECT}/apps/${encodeURIComponent(settingsModuleKey())}`);
  const frame = page.frameLocator('#surface-slot iframe');
  await expectVisible(frame.getByRole('heading', { name: en('ps.rules.heading') }), 60_000);
  return frame;
}

/** "Issues checked: N, lane changed: M." → [N, M]; null for any other text. */
function counts(line: string): [number, number] | null {
  const m = /Issues checked: ([\d,  ]+), lane changed: ([\d,  ]+)\./.exec(line);
  return m ? [Number(m[1]!.replace(/\D/g, '')), Number(m[2]!.replace(/\D/g, ''))] : null;
}

describe('relabel progress on the settings page', () => {
  const suite = previewForSuite(() => {
    const seed = buildDemoSeed();
    seed.issues = [
      ...(seed.issues ?? []),
      ...Array.from({ length: EXTRA }, (_, i) => ({
        project: PROJECT,
        issuetype: 'Task',
        summary: `Rebuild chore ${i + 1}`,
        status: i % 2 === 0 ? 'To Do' : 'In Progress',
        labels: [LABEL]
      }))
    ];
    const dir = tempDir('capacity-relabel');
    const file = path.join(dir, 'seed.json');
    fs.writeFileSync(file, JSON.stringify(seed));
    return startPreview({ dataDir: path.join(dir, 'data'), seed: file });
  });

  it('a new rule starts the relabel job; the page shows it running, then finished with its counts', async () => {
    const page = await suite.browser().page();
    const frame = await openSettings(page, suite.preview().url);
    const rules = frame.getByRole('textbox', { name: /^Value of rule \d+$/ });
    const before = await rules.count();

    // Label "bulk-rebuild" → the dedicated rebuild lane (the editor's default lane for a new rule).
    await frame.getByRole('button', { name: en('ps.rules.add') }).click();
    const value = frame.getByRole('textbox', { name: en('ps.rules.valueOf', { position: before + 1 }) });
    await value.fill(LABEL);
    const lane = frame.getByRole('combobox', { name: en('ps.rules.laneOf', { position: before + 1 }) });
    await lane.selectOption('refonte-site');
    await frame.getByRole('button', { name: en('ps.save.button'), exact: true }).click();
    await expectVisible(frame.getByRole('heading', { name: /^Saved as version / }));

    // Progress: the job's message appears with the save, then its counts grow while it runs.
    const running = frame.getByRole('heading', { name: en('ps.relabel.runningTitle') });
    const finished = frame.getByRole('heading', { name: en('ps.relabel.doneTitle') });
    await expectVisible(running.or(finished));
    const seen: Array<[number, number]> = [];
    let sawRunning = false;
    let shot = false;
    await until(
      'the relabel job to finish',
      async () => {
        if ((await finished.count()) > 0) return true;
        if ((await running.count()) === 0) return false;
        sawRunning = true;
        const line = (await frame.locator('.tdm-message p').allTextContents()).map(counts).find(Boolean);
        if (line && !seen.some(([p]) => p === line[0])) seen.push(line);
        if (!shot) {
          shot = true;
          await running.scrollIntoViewIfNeeded().catch(() => undefined);
          await screenshot(page, 'capacity-relabel-running');
        }
        return false;
      },
      (done) => done,
      400_000
    ).catch((error: unknown) => {
      throw new Error(`${String(error)}; counts seen: ${seen.map(([p]) => p).join(', ')}`);
    });

    const outcome = counts(
      (await frame.locator('.tdm-message p').allTextContents()).find((l) => counts(l) !== null) ?? ''
    );
    expect(outcome).not.toBeNull();
    const [processed, changed] = outcome!;
    // Every MKT issue was checked; at least the labelled ones changed lane.
    expect(processed).toBeGreaterThanOrEqual(EXTRA);
    expect(changed).toBeGreaterThanOrEqual(EXTRA);
    // The progress was on screen on the way, and its counts only grew, up to the outcome's.
    expect(sawRunning).toBe(true);
    for (let i = 1; i < seen.length; i++) expect(seen[i]![0]).toBeGreaterThanOrEqual(seen[i - 1]![0]);
    for (const [p, c] of seen) expect(p <= processed && c <= changed).toBe(true);
    await finished.scrollIntoViewIfNeeded();
    await screenshot(page, 'capacity-relabel');
    console.log(
      `relabel: ${processed} issues checked, ${changed} changed; counts seen while running: ${seen
        .map(([p]) => p)
        .join(', ')}`
    );
    suite.browser().expectNoProblems();
  }, 480_000);
});
