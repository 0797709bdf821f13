/**
 * Atlassian's client-side linters (`forge lint`, also run by `forge deploy`), offline: the
 * permission linter reads the OpenAPI documents found by preview/openapi/specs-dir.ts (USE_LOCAL_SWAGGER).
 */
import { operationFor } from '../../preview/openapi/openapi';
import { scanProductCalls, type ScanResult } from '../../preview/openapi/product-calls';
import {
  manifestScopes,
  readManifest,
  REPO_ROOT,
  runForgeLinters,
  type LintOutcome
} from '../../scripts/forge/forge-tools';

jest.setTimeout(180_000);

const describeProblems = (o: LintOutcome): string[] =>
  o.errors.map((e) => `${e.file}:${e.line}:${e.column} ${e.message} (${e.reference ?? ''})`);

describe('@forge/lint client-side linters', () => {
  let outcome: LintOutcome;
  let scan: ScanResult;

  beforeAll(async () => {
    scan = scanProductCalls(REPO_ROOT);
    outcome = await runForgeLinters(REPO_ROOT);
    console.log(
      `forge lint (${outcome.mode}): ${outcome.errors.length} errors, ${outcome.warnings.length} warnings, ` +
        `${outcome.filesParsed.length}/${outcome.filesGiven.length} files parsed, ${outcome.productCallsSeen.length} product calls seen`
    );
    if (outcome.warnings.length) {
      console.log(
        `forge lint warnings:\n  ${outcome.warnings.map((w) => `${w.file}:${w.line} ${w.message}`).join('\n  ')}`
      );
    }
  });

  it('run clean on the app', () => {
    expect(describeProblems(outcome)).toEqual([]);
  });

  it('parse every file under src/ (they silently skip .ts files tsconfig.json "include" does not list)', () => {
    expect(outcome.filesGiven.length).toBeGreaterThan(0);
    expect(outcome.filesParsed).toEqual(outcome.filesGiven);
  });

  it('see every product call the scope scan sees (calls written requestJira(route`...`, { method }))', () => {
    const seen = new Set(outcome.productCallsSeen.map((c) => `${c.file}:${c.line} ${c.method}`));
    const unseen = scan.calls
      .filter((c) => !seen.has(`${c.file}:${c.line} ${c.method}`))
      .map((c) => `${c.file}:${c.line} ${c.method} ${c.path}`);
    expect(scan.calls.length).toBeGreaterThan(0);
    expect(unseen).toEqual([]);
  });

  it('fail when a scope the code needs is removed from the manifest', async () => {
    const manifest = readManifest();
    const needed = new Set(
      scan.calls.flatMap(
        (c) => operationFor(c.method, c.path)?.scopes.find((s) => s.state === 'Current')?.scopes ?? []
      )
    );
    const removable = manifestScopes(manifest).filter((s) => needed.has(s));
    expect(removable.length).toBeGreaterThan(0);
    for (const scope of removable) {
      const reduced = {
        ...manifest,
        permissions: { ...manifest.permissions, scopes: manifestScopes(manifest).filter((s) => s !== scope) }
      };
      const result = await runForgeLinters(REPO_ROOT, reduced, 'permission');
      const messages = result.errors.map((e) => e.message);
      expect({ scope, reported: messages.some((m) => m.includes(`"${scope}"`)) }).toEqual({
        scope,
        reported: true
      });
    }
  });
});
