/**
 * Offline stand-in for `forge lint` + the packaging step of `forge deploy`:
 *   1. @forge/manifest validate() on manifest.yml
 *   2. @forge/lint client-side linters (permission linter fed the OpenAPI documents of preview/openapi/specs-dir.ts)
 *   3. Tandem's scope check (every product call → OpenAPI operation → manifest scope)
 *   4. @forge/bundler: bundle + type-check the backend
 * Usage: tsx scripts/forge-check.ts [--skip-bundle] [--skip-lint]
 * Exit code 1 when any step reports an error.
 */
import fs from 'node:fs';
import { checkScopes, formatScopeTable } from '../preview/openapi/scope-check';
import {
  bundleBackend,
  manifestHandlers,
  readManifest,
  REPO_ROOT,
  runForgeLinters,
  validateManifest
} from './forge/forge-tools';

const args = new Set(process.argv.slice(2));
let failures = 0;

function section(title: string): void {
  console.log(`\n== ${title}`);
}

function report(ok: boolean, message: string): void {
  if (!ok) failures++;
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${message}`);
}

async function main(): Promise<void> {
  const started = Date.now();

  section('manifest: @forge/manifest validate()');
  const manifest = await validateManifest();
  report(
    manifest.success,
    `manifest.yml (${manifest.mode}${manifest.placeholders.length ? `; placeholders for ${manifest.placeholders.join(', ')}` : ''})`
  );
  for (const e of manifest.errors)
    console.log(`     manifest.yml:${e.line}:${e.column} ${e.message} (${e.reference ?? ''})`);

  section('scopes: product calls in src/ against the OpenAPI documents and manifest.yml');
  const scopes = checkScopes(REPO_ROOT);
  console.log(formatScopeTable(scopes));
  report(
    scopes.scan.calls.length > 0,
    `${scopes.scan.calls.length} product calls found in ${scopes.scan.filesScanned} files`
  );
  const scopeProblems = [
    ...scopes.scan.problems,
    ...scopes.unmatched,
    ...scopes.deprecated,
    ...scopes.missing,
    ...scopes.granularWhereClassicExists,
    ...scopes.unused.map((s) => `scope ${s} is not needed by any call or trigger`)
  ];
  report(
    scopeProblems.length === 0,
    'routes safe, operations documented, scopes sufficient and least-privilege'
  );
  for (const p of scopeProblems) console.log(`     ${p}`);

  if (!args.has('--skip-lint')) {
    section('lint: @forge/lint client-side linters (forge lint, offline)');
    const lint = await runForgeLinters();
    report(lint.errors.length === 0, `${lint.errors.length} errors, ${lint.warnings.length} warnings`);
    for (const e of lint.errors)
      console.log(`     error   ${e.file}:${e.line}:${e.column} ${e.message} (${e.reference ?? ''})`);
    for (const w of lint.warnings)
      console.log(`     warning ${w.file}:${w.line}:${w.column} ${w.message} (${w.reference ?? ''})`);
    const skipped = lint.filesGiven.filter((f) => !lint.filesParsed.includes(f));
    report(
      skipped.length === 0,
      `${lint.filesParsed.length}/${lint.filesGiven.length} files under src/ parsed${skipped.length ? ' (tsconfig.json "include" must list them as globs, e.g. "src/**/*")' : ''}`
    );
    const seen = new Set(lint.productCallsSeen.map((c) => `${c.file}:${c.line} ${c.method}`));
    const unseen = scopes.scan.calls.filter((c) => !seen.has(`${c.file}:${c.line} ${c.method}`));
    report(
      unseen.length === 0,
      `permission linter sees ${scopes.scan.calls.length - unseen.length}/${scopes.scan.calls.length} product calls`
    );
    for (const c of unseen)
      console.log(
        `     unseen ${c.file}:${c.line} ${c.method} ${c.path} (write it requestJira(route\`...\`, { method: '${c.method}', ... }))`
      );
  }

  if (!args.has('--skip-bundle')) {
    section('bundle: @forge/bundler (webpack + ts-loader, as forge deploy)');
    try {
      const bundle = await bundleBackend();
      report(
        true,
        `${bundle.entryNames.map((n) => `${n}.cjs`).join(', ')}: ${(bundle.codeBytes / 1024).toFixed(1)} KB`
      );
      for (const w of bundle.warnings) console.log(`     warning ${w}`);
      const handlers = manifestHandlers(readManifest());
      console.log(`     handlers: ${handlers.map((h) => `${h.key} → ${h.file}.${h.func}`).join(', ')}`);
      fs.rmSync(bundle.outputDir, { recursive: true, force: true });
    } catch (error) {
      report(false, `bundling failed: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  console.log(
    `\n${failures === 0 ? 'forge-check passed' : `forge-check: ${failures} step(s) failed`} in ${((Date.now() - started) / 1000).toFixed(1)} s`
  );
  process.exitCode = failures === 0 ? 0 : 1;
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
