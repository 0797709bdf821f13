/**
 * The backend as `forge deploy` packages it: @forge/bundler (webpack + ts-loader with the
 * app's tsconfig, so type errors fail), entry points from the manifest's handlers. The Forge
 * Node runtime wrapper normally downloaded from Atlassian's CDN is a stub
 * (written to a temp folder by scripts/forge/forge-tools.ts).
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import {
  bundleBackend,
  manifestHandlers,
  readManifest,
  REPO_ROOT,
  type BundleOutcome
} from '../../scripts/forge/forge-tools';

// One webpack run with type-checking for seven entries: minutes on a loaded shared machine.
jest.setTimeout(600_000);

describe('@forge/bundler', () => {
  let bundle: BundleOutcome;

  beforeAll(async () => {
    bundle = await bundleBackend(REPO_ROOT);
    console.log(
      `backend bundle: ${(bundle.codeBytes / 1024).toFixed(1)} KB of code in ${bundle.entryNames.map((n) => `${n}.cjs`).join(', ')}; ` +
        `node_modules inlined: ${bundle.nodeModules.join(', ')}` +
        (bundle.warnings.length ? `\nwarnings:\n  ${bundle.warnings.join('\n  ')}` : '')
    );
  });

  // @forge/bundler writes to a fresh temporary folder and leaves it behind.
  afterAll(() => {
    if (bundle) fs.rmSync(bundle.outputDir, { recursive: true, force: true });
  });

  it('bundles and type-checks the backend, with the runtime artefacts forge deploy uploads', () => {
    const names = bundle.files.map((f) => f.file);
    for (const entry of bundle.entryNames) expect(names).toContain(`${entry}.cjs`);
    expect(names).toContain('__forge__.cjs (runtime artefact)');
    expect(bundle.codeBytes).toBeGreaterThan(0);
  });

  it('exports every handler the manifest names', () => {
    const handlers = manifestHandlers(readManifest());
    expect(handlers.length).toBeGreaterThan(0);
    for (const file of new Set(handlers.map((h) => h.file))) {
      // Loaded in a separate Node process: the bundle is self-contained CommonJS.
      const out = spawnSync(
        process.execPath,
        [
          '-e',
          `process.stdout.write(JSON.stringify(Object.keys(require(${JSON.stringify(path.join(bundle.outputDir, `${file}.cjs`))}))))`
        ],
        {
          encoding: 'utf8',
          cwd: bundle.outputDir
        }
      );
      expect(out.stderr).toBe('');
      const exported = JSON.parse(out.stdout) as string[];
      const missing = handlers
        .filter((h) => h.file === file && !exported.includes(h.func))
        .map((h) => `${h.key}: ${h.file}.${h.func}`);
      expect(missing).toEqual([]);
    }
  });

  it('contains only src/ code from this repository (nothing from preview/, test/, static/, bench/)', () => {
    const sources: string[] = [];
    for (const entry of bundle.entryNames) {
      const map = JSON.parse(fs.readFileSync(path.join(bundle.outputDir, `${entry}.cjs.map`), 'utf8')) as {
        sources: string[];
      };
      sources.push(...map.sources);
    }
    const own = sources
      .map((s) => s.replace(/^webpack:\/\/[^/]*\//, ''))
      .filter((s) => s.startsWith('./') && !s.startsWith('./node_modules/'));
    expect(own.length).toBeGreaterThan(0);
    expect(own.filter((s) => !s.startsWith('./src/'))).toEqual([]);
    for (const entry of bundle.entryNames) {
      const code = fs.readFileSync(path.join(bundle.outputDir, `${entry}.cjs`), 'utf8');
      expect(code).not.toMatch(/\.\/(preview|test|static|bench)\//);
    }
  });

  /** The files a bundle was built from, as paths from the app folder (`./src/…`, `./node_modules/…`). */
  const sourcesOf = (entry: string): string[] =>
    (
      JSON.parse(fs.readFileSync(path.join(bundle.outputDir, `${entry}.cjs.map`), 'utf8')) as {
        sources: string[];
      }
    ).sources.map((s) => s.replace(/^webpack:\/\/[^/]*\//, ''));

  /*
   * Bytes are deterministic, load times are not: the budget is on size. Issue #8's goal for the
   * validator is < 500 KB; it is about 320 KB since its import path holds no zod (the records it reads
   * are checked by hand-written guards, Jira's answer by the one-call reader, platform/jira-issue.ts).
   * The budget leaves room for a small feature, not for zod (about 360 KB) to come back.
   */
  const VALIDATOR_BUDGET_KB = 360;

  it(`keeps the workflow validator's bundle under ${VALIDATOR_BUDGET_KB} KB, without zod nor the full Jira client`, () => {
    const validator = bundle.files.find((f) => f.file === 'functions/validate-guardrail.cjs');
    expect(validator).toBeDefined();
    expect(Math.round((validator?.bytes ?? Infinity) / 1024)).toBeLessThan(VALIDATOR_BUDGET_KB);
    const validatorSources = sourcesOf('functions/validate-guardrail');
    expect(validatorSources.filter((s) => s.includes('node_modules/zod/'))).toEqual([]);
    expect(validatorSources).not.toContain('./src/platform/jira.ts');
    expect(validatorSources).toContain('./src/platform/jira-issue.ts');
  });

  it('takes zod as ES modules wherever it is bundled: no CommonJS build, no locale but English', () => {
    for (const entry of bundle.entryNames) {
      const zod = sourcesOf(entry).filter((s) => s.includes('node_modules/zod/'));
      // Required as CommonJS, zod brings every module it has (all 40-odd locales among them).
      expect({ entry, commonJs: zod.filter((s) => s.endsWith('.cjs')) }).toEqual({ entry, commonJs: [] });
      expect({ entry, locales: zod.filter((s) => /\/locales\/(?!en\.js$)/.test(s)) }).toEqual({
        entry,
        locales: []
      });
    }
  });

  it("gives each function only what it uses: no HTML parser nor domain index in any function's own bundle", () => {
    for (const entry of bundle.entryNames) {
      const sources = sourcesOf(entry);
      // The issue panel's HTML import loads parse5 on demand (a chunk, below), so no entry file holds it.
      expect({ entry, parse5: sources.filter((s) => s.includes('node_modules/parse5/')) }).toEqual({
        entry,
        parse5: []
      });
      expect(sources).not.toContain('./src/guardrails/domain/index.ts');
    }
  });

  it("loads the issue panel's HTML parser (parse5) from a chunk beside the functions, which Node can require", () => {
    const panelFile = path.join(bundle.outputDir, 'functions/issue-panel-resolver.cjs');
    const code = fs.readFileSync(panelFile, 'utf8');
    // webpack's Node chunk loading: require(<relative prefix> + __webpack_require__.u(id)), u(id) = `${id}.cjs`.
    const prefix = /require\("([./]*)" \+ __webpack_require__\.u\(chunkId\)\)/.exec(code)?.[1];
    expect(prefix).toBe('../');
    const ids = [...code.matchAll(/__webpack_require__\.e\((?:\/\*[^*]*\*\/ )?(\d+)\)/g)].map(
      (m) => m[1] as string
    );
    expect(ids.length).toBeGreaterThan(0);
    const chunkSources: string[] = [];
    for (const id of new Set(ids)) {
      const file = path.join(path.dirname(panelFile), `${prefix}${id}.cjs`);
      const out = spawnSync(
        process.execPath,
        ['-e', `const c=require(${JSON.stringify(file)});process.stdout.write(JSON.stringify(c.ids))`],
        { encoding: 'utf8', cwd: bundle.outputDir }
      );
      expect({ id, stderr: out.stderr }).toEqual({ id, stderr: '' });
      expect(JSON.parse(out.stdout)).toContain(Number(id));
      chunkSources.push(...sourcesOf(`${id}`));
    }
    expect(chunkSources.some((s) => s.includes('node_modules/parse5/'))).toBe(true);
    // Nothing of ours in the chunk: a module shared by the entry and a chunk cannot be concatenated
    // into the entry, and zod split out of the concatenated module made the panel's load 30 % slower.
    expect(chunkSources.filter((s) => s.startsWith('./src/') || s.includes('node_modules/zod/'))).toEqual([]);
    expect(sourcesOf('functions/issue-panel-resolver')).toContain('./src/guardrails/domain/html-import.ts');
  });
});
