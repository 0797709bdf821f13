import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ISSUE_TYPES } from '../../../src/issue-types/domain/catalogue';
import {
  chromium,
  type BrowserContext,
  type Frame,
  type FrameLocator,
  type Locator,
  type Page
} from 'playwright-core';
import type { I18nKey } from '../../../static/common/i18n';
import { messages } from '../../../static/common/messages';
import { auditPage } from './a11y';

/**
 * Browser-test harness: starts the local preview exactly as `npm start` does (a separate Node
 * process on a free port, a fresh data folder), drives Debian's chromium with playwright-core,
 * and records every console error, uncaught exception and failed request of the page and its
 * frames, so a test fails on any of them.
 */

export const ROOT = path.resolve(__dirname, '..', '..', '..');
export const SCREENSHOTS = path.join(ROOT, 'test-results', 'screenshots');
export const ADMIN_MODULE = 'tandem-admin';

const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync'
];

export function findChromium(): string {
  const fromEnv = process.env.TANDEM_CHROMIUM;
  if (fromEnv && fs.existsSync(fromEnv)) return fromEnv;
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    for (const name of ['chromium', 'chromium-browser']) {
      const candidate = path.join(dir, name);
      try {
        fs.accessSync(candidate, fs.constants.X_OK);
        return candidate;
      } catch {
        // keep looking
      }
    }
  }
  throw new Error(
    'The browser tests need Chromium and none is on PATH. Install Debian’s chromium with ' +
      '`apt-get install -y chromium` (as root; .ci/run does it), or point TANDEM_CHROMIUM at a Chromium binary.'
  );
}

export function tempDir(prefix: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), `tandem-${prefix}-`));
}

// ---- the preview server ----------------------------------------------------------------------------

export interface RunningPreview {
  url: string;
  dataDir: string;
  output(): string;
  stop(): Promise<void>;
}

export async function startPreview(opts: {
  dataDir: string;
  seed?: string;
  reset?: boolean;
  /** Another app folder (manifest.yml, src/, static/) instead of Tandem itself. */
  appRoot?: string;
}): Promise<RunningPreview> {
  const args = ['--import', 'tsx', 'preview/main.ts', '--port', '0', '--data-dir', opts.dataDir];
  if (opts.seed) args.push('--seed', opts.seed);
  if (opts.reset) args.push('--reset');
  if (opts.appRoot) args.push('--app-root', opts.appRoot);
  const env = { ...process.env };
  delete env.PORT;
  delete env.TANDEM_DATA_DIR;
  const child: ChildProcess = spawn(process.execPath, args, {
    cwd: ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe']
  });
  let output = '';
  child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));

  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`The preview did not start within 45 s:\n${output}`)),
      45_000
    );
    const poll = setInterval(() => {
      const m = /running at (http:\/\/\S+)/.exec(output);
      if (m) {
        clearTimeout(timer);
        clearInterval(poll);
        resolve((m[1] as string).replace(/\/$/, ''));
      }
    }, 50);
    void exited.then((code) => {
      clearTimeout(timer);
      clearInterval(poll);
      reject(new Error(`The preview exited (code ${code}) before serving:\n${output}`));
    });
  });

  return {
    url,
    dataDir: opts.dataDir,
    output: () => output,
    async stop() {
      if (child.exitCode !== null) return;
      child.kill('SIGTERM');
      const killer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(killer);
    }
  };
}

/** Runs the preview CLI to completion (for flag and seed-refusal tests). */
export function runPreviewCli(
  args: string[],
  timeoutMs = 30_000
): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'preview/main.ts', ...args], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe']
    });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.once('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, output });
    });
  });
}

// ---- the browser ------------------------------------------------------------------------------------

export class Browser {
  readonly problems: string[] = [];

  private constructor(
    readonly context: BrowserContext,
    private readonly userDataDir: string
  ) {}

  static async open(): Promise<Browser> {
    const executablePath = findChromium();
    const userDataDir = tempDir('chromium');
    const context = await chromium.launchPersistentContext(userDataDir, {
      executablePath,
      headless: true,
      args: CHROMIUM_FLAGS,
      viewport: { width: 1400, height: 1000 }
    });
    const browser = new Browser(context, userDataDir);
    context.on('page', (page) => browser.watch(page));
    for (const page of context.pages()) browser.watch(page);
    return browser;
  }

  private watch(page: Page): void {
    const where = (url: string) => url.replace(/^https?:\/\/[^/]+/, '');
    page.on('console', (msg) => {
      if (msg.type() === 'error' || msg.type() === 'assert') {
        this.problems.push(
          `console.${msg.type()} in ${where(msg.location().url || page.url())}: ${msg.text()}`
        );
      }
    });
    page.on('pageerror', (error) => this.problems.push(`uncaught exception: ${error.message}`));
    page.on('requestfailed', (request) => {
      const failure = request.failure()?.errorText ?? 'failed';
      // A reload we trigger ourselves (identity switch) aborts the old page's requests.
      if (failure === 'net::ERR_ABORTED') return;
      this.problems.push(`request failed: ${request.method()} ${where(request.url())} (${failure})`);
    });
    page.on('response', (response) => {
      if (response.status() >= 400) {
        this.problems.push(
          `HTTP ${response.status()} for ${response.request().method()} ${where(response.url())}`
        );
      }
    });
  }

  async page(): Promise<Page> {
    const existing = this.context.pages().find((p) => p.url() === 'about:blank');
    return existing ?? (await this.context.newPage());
  }

  /** Fails the test with everything that went wrong in the browser. */
  /** Removes problems a test provoked on purpose; returns how many matched. */
  expectProblem(pattern: RegExp): number {
    const before = this.problems.length;
    const kept = this.problems.filter((p) => !pattern.test(p));
    this.problems.splice(0, this.problems.length, ...kept);
    return before - kept.length;
  }

  expectNoProblems(): void {
    if (this.problems.length > 0) {
      throw new Error(`The browser reported problems:\n  ${this.problems.join('\n  ')}`);
    }
  }

  async close(): Promise<void> {
    await this.context.close().catch(() => undefined);
    fs.rmSync(this.userDataDir, { recursive: true, force: true });
  }
}

/**
 * Saves a full-page screenshot, then runs axe-core inside every Custom UI frame on the page and
 * fails on a serious or critical violation: every screenshot a test takes, of any surface, is
 * also an accessibility check (support/a11y.ts).
 */
export async function screenshot(page: Page, name: string): Promise<string> {
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  const file = path.join(SCREENSHOTS, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  await auditPage(page, name);
  return file;
}

/**
 * One preview and one browser for a describe block, started before its tests and stopped
 * after them; the getters read them inside the tests.
 */
export function previewForSuite(start: () => Promise<RunningPreview>): {
  preview: () => RunningPreview;
  browser: () => Browser;
} {
  let preview: RunningPreview | undefined;
  let browser: Browser | undefined;
  beforeAll(async () => {
    preview = await start();
    browser = await Browser.open();
  });
  afterAll(async () => {
    await browser?.close();
    await preview?.stop();
  });
  const need = <T>(value: T | undefined, what: string): T => {
    if (value === undefined) throw new Error(`${what} did not start`);
    return value;
  };
  return { preview: () => need(preview, 'The preview'), browser: () => need(browser, 'The browser') };
}

// ---- the preview's host page, driven as a user would ---------------------------------------------

/** Picks someone in the "who am I" switcher (by persona role) and waits for the page to reload. */
export async function actAs(page: Page, role: string): Promise<void> {
  const option = page.locator(`#switch-user option[data-role="${role}"]`);
  const value = await option.getAttribute('value');
  if (!value) throw new Error(`No persona "${role}" in the switcher`);
  if ((await page.locator('#switch-user').inputValue()) === value) return;
  await Promise.all([page.waitForEvent('load'), page.selectOption('#switch-user', value)]);
}

export async function chooseLocale(page: Page, locale: 'en' | 'fr'): Promise<void> {
  if ((await page.locator('#switch-locale').inputValue()) === locale) return;
  await Promise.all([page.waitForEvent('load'), page.selectOption('#switch-locale', locale)]);
}

export async function chooseTheme(page: Page, theme: 'light' | 'dark'): Promise<void> {
  if ((await page.locator('#switch-theme').inputValue()) === theme) return;
  await Promise.all([page.waitForEvent('load'), page.selectOption('#switch-theme', theme)]);
}

/** From the index, opens the admin page the way a user does: through its link. */
export async function openAdminPage(page: Page, baseUrl: string): Promise<FrameLocator> {
  if (!page.url().startsWith(baseUrl)) await page.goto(`${baseUrl}/`);
  const card = page.locator(`.surface-card[data-module-key="${ADMIN_MODULE}"]`);
  await Promise.all([page.waitForEvent('load'), card.getByRole('link').first().click()]);
  return page.frameLocator(`iframe[data-module-key="${ADMIN_MODULE}"]`);
}

/** From the index, as the persona `role` (and in `locale` when given), opens the admin page. */
export async function openAdminPageAs(
  page: Page,
  baseUrl: string,
  role: string,
  locale?: 'en' | 'fr'
): Promise<FrameLocator> {
  await page.goto(`${baseUrl}/`);
  await actAs(page, role);
  if (locale) await chooseLocale(page, locale);
  return openAdminPage(page, baseUrl);
}

export function adminFrame(page: Page): Frame {
  const frame = page.frames().find((f) => f.url().includes('/frame/admin-page/'));
  if (!frame) throw new Error('The admin page frame is not on the page');
  return frame;
}

/** The app's own UI text (static/common/messages), so tests follow wording changes made in one place. */
export function text(locale: 'en' | 'fr', key: I18nKey): string {
  return messages[locale][key];
}

/** English names of the shared issue types, from the app's own catalogue. */
export const SHARED_TYPES = ISSUE_TYPES.map((type) => type.names.en);

// ---- waiting assertions (playwright-core has no expect; jest's cannot wait) ------------------------

export async function until<T>(
  what: string,
  probe: () => Promise<T>,
  ok: (value: T) => boolean,
  timeoutMs = 20_000
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: T | undefined;
  let lastError: unknown;
  for (;;) {
    try {
      last = await probe();
      if (ok(last)) return last;
    } catch (e) {
      lastError = e;
    }
    if (Date.now() > deadline) {
      const seen =
        lastError instanceof Error ? `error: ${lastError.message}` : `last seen: ${JSON.stringify(last)}`;
      throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what} (${seen})`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}

const matches = (actual: string | null, expected: string | RegExp) =>
  actual !== null && (typeof expected === 'string' ? actual.trim() === expected : expected.test(actual));

export async function expectText(
  locator: Locator,
  expected: string | RegExp,
  timeoutMs?: number
): Promise<void> {
  await until(
    `text ${String(expected)} in ${locator.toString()}`,
    () => locator.first().textContent(),
    (t) => matches(t, expected),
    timeoutMs
  );
}

export async function expectCount(locator: Locator, count: number, timeoutMs?: number): Promise<void> {
  await until(
    `${count} × ${locator.toString()}`,
    () => locator.count(),
    (n) => n === count,
    timeoutMs
  );
}

export async function expectVisible(locator: Locator, timeoutMs = 20_000): Promise<void> {
  await locator.first().waitFor({ state: 'visible', timeout: timeoutMs });
}

export async function expectAttribute(
  locator: Locator,
  name: string,
  expected: string | RegExp,
  timeoutMs?: number
): Promise<void> {
  await until(
    `${name}=${String(expected)} on ${locator.toString()}`,
    () => locator.first().getAttribute(name),
    (v) => matches(v, expected),
    timeoutMs
  );
}

// ---- the guardrail issue panel -------------------------------------------------------------------

export const GUARDRAIL_PANEL_MODULE = 'tandem-guardrail-panel';

/** The guardrail panel's frame on an issue view. */
export function guardrailPanel(page: Page): FrameLocator {
  return page.frameLocator(`iframe[data-module-key="${GUARDRAIL_PANEL_MODULE}"]`);
}

/**
 * Opens an issue's view as the persona `role` (and in `locale` when given) and waits for the
 * guardrail panel to finish loading (its first heading is on screen).
 */
export async function openIssueAs(
  page: Page,
  baseUrl: string,
  issueKey: string,
  role: string,
  locale?: 'en' | 'fr'
): Promise<FrameLocator> {
  await page.goto(`${baseUrl}/jira/browse/${issueKey}`);
  await actAs(page, role);
  if (locale) await chooseLocale(page, locale);
  const panel = guardrailPanel(page);
  await expectVisible(panel.locator('main.gp-panel:not(.gp-loading)'));
  return panel;
}

// ---- admin page tabs and resolver calls (admin-policy.e2e.ts) ----------------------------------------

/** Opens a tab of the admin page (Set up, Guardrail policy, Audit export) by its label. */
export async function openAdminTab(frame: FrameLocator, label: string): Promise<void> {
  const tab = frame.getByRole('tab', { name: label });
  await tab.click();
  await expectAttribute(tab, 'aria-selected', 'true');
}

/**
 * Calls an app resolver from the preview's host page as the persona chosen there, exactly as a
 * frame's bridge would (POST /api/invoke): for setting up data a test needs, not for what it tests.
 */
export async function invokeAsPersona(
  page: Page,
  call: { moduleKey: string; functionKey: string; payload: unknown; location?: Record<string, string> }
): Promise<unknown> {
  return page.evaluate(async (body) => {
    const res = await fetch('/api/invoke', {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify(body)
    });
    const answer: unknown = await res.json();
    return answer;
  }, call);
}

// ---- first meaningful render -------------------------------------------------------------------------

/**
 * Waits until a surface's frame shows its content (a heading or landmark with text, and no
 * spinner or busy region left) and returns the time since the host page's navigation started,
 * measured in the browser: the frame's clock (timeOrigin + now) minus the host page's origin, so
 * the test runner's own latency is not counted.
 */
export async function firstMeaningfulRender(
  page: Page,
  moduleKey: string,
  timeoutMs = 30_000
): Promise<number> {
  const element = await page.waitForSelector(`iframe[data-module-key="${moduleKey}"]`, {
    timeout: timeoutMs
  });
  const frame = await until(
    `the frame of ${moduleKey}`,
    () => element.contentFrame(),
    (f) => f !== null && f.url() !== 'about:blank' && f.url() !== '',
    timeoutMs
  );
  if (!frame) throw new Error(`No frame for ${moduleKey}`);
  const hostOrigin = await page.evaluate<number>(`performance.timeOrigin`);
  // One evaluation that resolves on the first animation frame where the content is there:
  // waitForFunction would eval() the predicate inside the frame, which Forge's CSP refuses.
  const at = await frame.evaluate<number>(`new Promise((resolve, reject) => {
    const ready = () => {
      const body = document.body;
      if (!body || body.innerText.trim() === '') return false;
      if (document.querySelector('.tdm-spinner, [aria-busy="true"]')) return false;
      return document.querySelector('h1, h2, h3, [role="heading"], main, [role="main"]') !== null;
    };
    const timer = setTimeout(() => reject(new Error('no meaningful render within ${timeoutMs} ms')), ${timeoutMs});
    const check = () => {
      if (ready()) {
        clearTimeout(timer);
        resolve(performance.timeOrigin + performance.now());
      } else requestAnimationFrame(check);
    };
    check();
  })`);
  return Math.round(at - hostOrigin);
}

// ---- keyboard only -------------------------------------------------------------------------------------

/** What has the keyboard focus inside a frame, and how its focus indicator is drawn. */
export interface FocusedElement {
  /** false when the focus is not inside this frame (it is on the host page or another frame). */
  inside: boolean;
  tag: string;
  role: string;
  /** The accessible name as a person would read it: its label, aria-label or text. */
  name: string;
  outlineStyle: string;
  outlineWidth: string;
  boxShadow: string;
}

export async function focusedIn(frame: Frame): Promise<FocusedElement> {
  return frame.evaluate<FocusedElement>(`(() => {
    const el = document.activeElement;
    const inside = document.hasFocus() && el !== null && el !== document.body;
    if (!inside) return { inside: false, tag: '', role: '', name: '', outlineStyle: '', outlineWidth: '', boxShadow: '' };
    const style = getComputedStyle(el);
    const labelled = el.getAttribute('aria-labelledby');
    const name =
      el.getAttribute('aria-label') ||
      (labelled ? labelled.split(' ').map((id) => document.getElementById(id)?.textContent ?? '').join(' ') : '') ||
      (el.labels && el.labels[0] ? el.labels[0].textContent : '') ||
      el.textContent || '';
    return {
      inside,
      tag: el.tagName.toLowerCase(),
      role: el.getAttribute('role') || '',
      name: name.trim().replace(/\\s+/g, ' '),
      outlineStyle: style.outlineStyle,
      outlineWidth: style.outlineWidth,
      boxShadow: style.boxShadow
    };
  })()`);
}

/** A focus ring a person can see: a drawn outline or a box-shadow ring. */
export function hasVisibleFocus(f: FocusedElement): boolean {
  const outline = f.outlineStyle !== 'none' && f.outlineWidth !== '0px' && f.outlineWidth !== '';
  const shadow = f.boxShadow !== 'none' && f.boxShadow !== '';
  return outline || shadow;
}

/**
 * Presses Tab (or Shift+Tab) until the focused element inside `frame` matches, failing when it
 * takes more than `max` presses. Every element of the frame met on the way must show a visible
 * focus indicator (WCAG 2.4.7), checked from its computed style.
 */
export async function tabTo(
  page: Page,
  frame: Frame,
  wanted: (f: FocusedElement) => boolean,
  what: string,
  opts: { backwards?: boolean; max?: number } = {}
): Promise<FocusedElement> {
  const max = opts.max ?? 120;
  for (let i = 0; i < max; i++) {
    await page.keyboard.press(opts.backwards ? 'Shift+Tab' : 'Tab');
    const focused = await focusedIn(frame);
    if (!focused.inside) continue;
    if (!hasVisibleFocus(focused))
      throw new Error(`No visible focus indicator on ${focused.tag} "${focused.name}" (looking for ${what})`);
    if (wanted(focused)) return focused;
  }
  throw new Error(`${what} not reached within ${max} ${opts.backwards ? 'Shift+Tab' : 'Tab'} presses`);
}

/** The Custom UI frame of a module on the page. */
export async function surfaceFrame(page: Page, moduleKey: string): Promise<Frame> {
  const element = await page.waitForSelector(`iframe[data-module-key="${moduleKey}"]`);
  const frame = await element.contentFrame();
  if (!frame) throw new Error(`No frame for ${moduleKey}`);
  return frame;
}
