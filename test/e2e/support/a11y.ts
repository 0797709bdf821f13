import fs from 'node:fs';
import path from 'node:path';
import type { Frame, Page } from 'playwright-core';

/**
 * axe-core inside every Custom UI frame of a page (issue #10). The frames run under Forge's CSP
 * (script-src 'self'), so a script tag pointing at axe would be refused: the source is evaluated
 * through the DevTools protocol instead, which the page's CSP does not govern.
 */

const AXE_SOURCE = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

/** WCAG 2.0/2.1 A and AA rules: what an enterprise accessibility review asks for. */
const RULE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

/** Impacts that fail a test; minor and moderate ones are written to the report only. */
const FAILING = new Set(['serious', 'critical']);

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: unknown[]; failureSummary?: string }[];
}

export interface FrameAudit {
  moduleKey: string;
  url: string;
  lang: string;
  theme: string;
  violations: AxeViolation[];
  passes: number;
}

export const A11Y_REPORTS = path.resolve(__dirname, '..', '..', '..', 'test-results', 'a11y');

/** The Custom UI frames on a host page, by module key (the host marks each iframe with it). */
async function customUiFrames(page: Page): Promise<{ moduleKey: string; frame: Frame }[]> {
  const out: { moduleKey: string; frame: Frame }[] = [];
  for (const element of await page.$$('iframe[data-module-key]')) {
    const moduleKey = (await element.getAttribute('data-module-key')) ?? '?';
    const frame = await element.contentFrame();
    if (frame) out.push({ moduleKey, frame });
  }
  return out;
}

interface RawAudit {
  violations: AxeViolation[];
  passes: number;
  lang: string;
  theme: string;
}

async function auditFrame(frame: Frame): Promise<RawAudit> {
  const present = await frame.evaluate<boolean>(`typeof window.axe === 'object'`);
  if (!present) await frame.evaluate(AXE_SOURCE);
  // A string, not a function: the root tsconfig has no DOM types, on purpose.
  return frame.evaluate<RawAudit>(`
    window.axe
      .run(document, {
        runOnly: { type: 'tag', values: ${JSON.stringify(RULE_TAGS)} },
        iframes: false,
        resultTypes: ['violations']
      })
      .then((r) => ({
        passes: r.passes.length,
        lang: document.documentElement.lang,
        theme: document.documentElement.getAttribute('data-color-mode') || 'light',
        violations: r.violations.map((v) => ({
          id: v.id,
          impact: v.impact,
          help: v.help,
          nodes: v.nodes.map((n) => ({ target: n.target, failureSummary: n.failureSummary }))
        }))
      }))
  `);
}

/**
 * Runs axe in every Custom UI frame of the page, writes test-results/a11y/<name>.json (and a
 * line per frame to summary.jsonl, the coverage the closing note lists), and throws when a frame
 * has a serious or critical violation.
 */
export async function auditPage(page: Page, name: string): Promise<FrameAudit[]> {
  const audits: FrameAudit[] = [];
  for (const { moduleKey, frame } of await customUiFrames(page)) {
    audits.push({ moduleKey, url: frame.url(), ...(await auditFrame(frame)) });
  }
  fs.mkdirSync(A11Y_REPORTS, { recursive: true });
  fs.writeFileSync(path.join(A11Y_REPORTS, `${name}.json`), `${JSON.stringify(audits, null, 2)}\n`);
  for (const audit of audits) {
    fs.appendFileSync(
      path.join(A11Y_REPORTS, 'summary.jsonl'),
      `${JSON.stringify({
        screenshot: name,
        moduleKey: audit.moduleKey,
        theme: audit.theme,
        lang: audit.lang,
        passes: audit.passes,
        violations: audit.violations.map((v) => `${v.id} (${v.impact ?? '?'})`)
      })}\n`
    );
  }
  const failing = audits.flatMap((audit) =>
    audit.violations
      .filter((v) => FAILING.has(v.impact ?? ''))
      .map(
        (v) =>
          `${audit.moduleKey}: ${v.id} (${v.impact}) ${v.help}\n      ` +
          v.nodes.map((n) => `${JSON.stringify(n.target)} ${n.failureSummary ?? ''}`).join('\n      ')
      )
  );
  if (failing.length > 0) {
    throw new Error(
      `axe-core found serious or critical accessibility violations on "${name}":\n  ${failing.join('\n  ')}`
    );
  }
  return audits;
}
