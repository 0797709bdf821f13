/**
 * Atlassian's own deploy-time checks, run offline (no Forge login): manifest validation
 * (@forge/manifest), the client-side linters (@forge/lint, with the permission linter fed the
 * local OpenAPI documents) and the backend bundler (@forge/bundler, with a stub Node runtime).
 * Used by test/forge/*.test.ts and by scripts/forge-check.ts.
 *
 * The Forge libraries resolve paths against process.cwd() (tsconfig, src/, manifest.yml), as
 * the CLI does when run in the app folder: each helper switches to the app folder for the
 * duration of the call and back.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import yaml from 'js-yaml';
import { specsDir } from '../../preview/openapi/specs-dir';

export const REPO_ROOT = path.resolve(__dirname, '../..');
export const FIXTURES = path.join(REPO_ROOT, 'test/forge/fixtures');

export { specsDir };

export interface Problem {
  file: string;
  line: number;
  column: number;
  message: string;
  reference?: string;
}

/** Loose view of the parsed manifest, enough for our checks. */
export interface Manifest {
  app?: { runtime?: { name?: string }; package?: { path?: string } };
  permissions?: { scopes?: Array<string | Record<string, unknown>> };
  resources?: Array<{ key: string; path: string }>;
  modules?: Record<string, Array<Record<string, unknown>> | undefined>;
  [key: string]: unknown;
}

export function readManifest(root = REPO_ROOT): Manifest {
  return yaml.load(fs.readFileSync(path.join(root, 'manifest.yml'), 'utf8')) as Manifest;
}

export function manifestScopes(manifest: Manifest): string[] {
  return (manifest.permissions?.scopes ?? []).map((s) =>
    typeof s === 'string' ? s : (Object.keys(s)[0] ?? '')
  );
}

/** Handlers named in the manifest (`index.handler` → { file: 'index', func: 'handler' }). */
export function manifestHandlers(manifest: Manifest): Array<{ key: string; file: string; func: string }> {
  return (manifest.modules?.function ?? []).map((f) => {
    const [file = '', func = ''] = String(f.handler).split('.');
    return { key: String(f.key), file, func };
  });
}

async function inDir<T>(dir: string, fn: () => Promise<T>): Promise<T> {
  const previous = process.cwd();
  process.chdir(dir);
  try {
    return await fn();
  } finally {
    process.chdir(previous);
  }
}

/**
 * Each manifest linter (and validate()) builds its own Ajv instance and compiles the same
 * 2 MB manifest schema object, about 5 s each. While `fn` runs, identical compiles (same
 * schema object, same options) reuse the first result: the validators are the same code.
 */
async function withSchemaCompileCache<T>(fn: () => Promise<T>): Promise<T> {
  const ajvPath = require.resolve('ajv', { paths: [path.dirname(require.resolve('@forge/manifest'))] });
  type AjvModule = { default: { prototype: { compile: (...a: unknown[]) => unknown; opts: unknown } } };
  // The instance @forge/manifest uses (jest keeps a module registry per test file).
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const ajvModule = require(ajvPath) as AjvModule;
  const AjvClass = ajvModule.default;
  const proto = AjvClass.prototype;
  const original = proto.compile;
  // Keyed by the schema's `properties` object: `tslib.__importStar` gives each importing
  // module its own shallow copy of the JSON module, but the nested objects are shared.
  const cache = new WeakMap<object, Array<{ definitions: unknown; key: string; validate: unknown }>>();
  proto.compile = function (this: { opts: Record<string, unknown> }, schema: unknown, ...rest: unknown[]) {
    const props = (schema as { properties?: unknown } | null)?.properties;
    if (typeof props !== 'object' || props === null || rest.length)
      return original.call(this, schema, ...rest);
    const definitions = (schema as { definitions?: unknown }).definitions;
    const key = JSON.stringify([
      this.opts.allErrors,
      this.opts.verbose,
      this.opts.strict,
      this.opts.coerceTypes
    ]);
    let entries = cache.get(props);
    if (!entries) cache.set(props, (entries = []));
    let hit = entries.find((e) => e.key === key && e.definitions === definitions);
    if (!hit) entries.push((hit = { definitions, key, validate: original.call(this, schema) }));
    return hit.validate;
  };
  try {
    return await fn();
  } finally {
    proto.compile = original;
  }
}

const quietLogger = {
  info: (): void => undefined,
  warn: (): void => undefined,
  error: (): void => undefined,
  debug: (): void => undefined,
  trace: (): void => undefined,
  verbose: (): void => undefined
};

function missingResources(root: string, manifest: Manifest): Array<{ key: string; path: string }> {
  return (manifest.resources ?? []).filter((r) => {
    const p = path.resolve(root, r.path);
    return !fs.existsSync(p) || (fs.statSync(p).isDirectory() && fs.readdirSync(p).length === 0);
  });
}

/**
 * A temporary copy of the app as `forge lint` sees it (manifest, tsconfig, package.json,
 * .gitignore, translations, src/; node_modules linked), with a placeholder index.html for
 * each resource folder the front-end build has not produced yet.
 */
function copyAppLayout(
  root: string,
  manifest: Manifest
): { dir: string; placeholders: string[]; cleanup: () => void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tandem-forge-app-'));
  const copy = (rel: string): void => {
    const from = path.join(root, rel);
    if (fs.existsSync(from)) fs.cpSync(from, path.join(dir, rel), { recursive: true });
  };
  for (const rel of ['manifest.yml', 'tsconfig.json', 'package.json', '.gitignore', 'src']) copy(rel);
  const translations =
    (manifest.translations as { resources?: Array<{ path?: string }> } | undefined)?.resources ?? [];
  for (const t of translations) if (t.path) copy(t.path);
  fs.symlinkSync(path.join(root, 'node_modules'), path.join(dir, 'node_modules'));
  const missing = missingResources(root, manifest);
  for (const r of manifest.resources ?? []) {
    if (missing.includes(r)) {
      fs.mkdirSync(path.join(dir, r.path), { recursive: true });
      fs.writeFileSync(
        path.join(dir, r.path, 'index.html'),
        '<!doctype html><html><body><div id="root"></div></body></html>\n'
      );
    } else {
      copy(r.path);
    }
  }
  return {
    dir,
    placeholders: missing.map((r) => r.path),
    cleanup: () => fs.rmSync(dir, { recursive: true, force: true })
  };
}

// ---------------------------------------------------------------------------------------
// Manifest

export interface ManifestValidation {
  success: boolean;
  errors: Problem[];
  /** 'in place' when every resource folder exists; otherwise the temporary layout used. */
  mode: 'in place' | 'temporary layout';
  placeholders: string[];
}

/**
 * `validate()` from @forge/manifest (FULL, as `forge deploy`). It checks that resource folders
 * exist and hold an index.html: when a resource has not been built yet (`npm run build`), the
 * manifest is validated in a temporary copy of the layout (manifest, locales, src linked)
 * where each missing resource folder holds a placeholder index.html, so the check does not
 * depend on the front-end build. Everything else is the real file tree.
 */
export async function validateManifest(root = REPO_ROOT, manifestText?: string): Promise<ManifestValidation> {
  const { validate } = await import('@forge/manifest');
  const text = manifestText ?? fs.readFileSync(path.join(root, 'manifest.yml'), 'utf8');
  const manifest = yaml.load(text) as Manifest;
  const missing = missingResources(root, manifest);
  let dir = root;
  let cleanup = (): void => undefined;
  if (missing.length || manifestText !== undefined) {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tandem-manifest-'));
    cleanup = () => fs.rmSync(dir, { recursive: true, force: true });
    for (const entry of fs.readdirSync(root)) {
      if (entry === 'manifest.yml' || entry === 'static' || entry === '.git') continue;
      fs.symlinkSync(path.join(root, entry), path.join(dir, entry));
    }
    fs.writeFileSync(path.join(dir, 'manifest.yml'), text);
    for (const r of manifest.resources ?? []) {
      const target = path.join(dir, r.path);
      fs.mkdirSync(path.dirname(target), { recursive: true });
      if (missing.includes(r)) {
        fs.mkdirSync(target, { recursive: true });
        fs.writeFileSync(
          path.join(target, 'index.html'),
          '<!doctype html><html><body><div id="root"></div></body></html>\n'
        );
      } else if (!fs.existsSync(target)) {
        fs.symlinkSync(path.resolve(root, r.path), target);
      }
    }
  }
  try {
    const result = await inDir(dir, () =>
      withSchemaCompileCache(() => validate(false, path.join(dir, 'manifest.yml')))
    );
    return {
      success: result.success,
      errors: (result.errors ?? []).map((e) => ({
        file: 'manifest.yml',
        line: e.line ?? 0,
        column: e.column ?? 0,
        message: e.message,
        reference: e.reference
      })),
      mode: dir === root ? 'in place' : 'temporary layout',
      placeholders: missing.map((r) => r.path)
    };
  } finally {
    cleanup();
  }
}

// ---------------------------------------------------------------------------------------
// Linters

export interface LintOutcome {
  errors: Problem[];
  warnings: Problem[];
  /** Files handed to the linters (as `forge lint` does: everything under src/). */
  filesGiven: string[];
  /** Files the linters actually parsed (they skip .ts files tsconfig.json does not include). */
  filesParsed: string[];
  /** 'temporary layout' when unbuilt resource folders had to be replaced by placeholders. */
  mode: 'in place' | 'temporary layout';
  /** Product calls the permission linter recognised (`requestJira(route`...`, { method })`). */
  productCallsSeen: Array<{ file: string; line: number; product: string; method: string; path: string }>;
}

/** Environment for the permission linter to read the OpenAPI documents from disk. */
export function localSwaggerEnv(): Record<string, string> {
  const specs = specsDir();
  const stub = path.join(FIXTURES, 'openapi-stub.json');
  return {
    USE_LOCAL_SWAGGER: '1',
    LOCAL_JIRA_SWAGGER: path.join(specs, 'jira-platform-v3.openapi.json'),
    LOCAL_JSW_SWAGGER: path.join(specs, 'jira-software-agile.openapi.json'),
    LOCAL_CONF_SWAGGER: path.join(specs, 'confluence-v1.openapi.json'),
    LOCAL_CONF_V2_SWAGGER: path.join(specs, 'confluence-v2.openapi.json'),
    LOCAL_JSM_SWAGGER: stub,
    LOCAL_BB_SWAGGER: stub
  };
}

/**
 * The client-side linters of `forge lint` (the set `forge deploy` and `forge tunnel` run),
 * over the files `forge lint` gives them (everything under src/ minus .gitignore entries).
 * `manifest` overrides the parsed manifest handed to the code linters (the permission linter
 * judges scopes against it); the manifest linters always read manifest.yml in `root`.
 */
export async function runForgeLinters(
  root = REPO_ROOT,
  manifest?: Manifest,
  only?: 'permission'
): Promise<LintOutcome> {
  Object.assign(process.env, localSwaggerEnv());
  const lintLib = await import('@forge/lint');
  const cliShared = await import('@forge/cli-shared');
  const onDisk = readManifest(root);
  // Only the manifest linters look at resource folders; the permission linter alone runs in place.
  const layout =
    only !== 'permission' && missingResources(root, onDisk).length ? copyAppLayout(root, onDisk) : undefined;
  const mode = layout ? ('temporary layout' as const) : ('in place' as const);
  try {
    return await inDir(layout?.dir ?? root, () =>
      withSchemaCompileCache(async () => {
        const reader = new cliShared.FileSystemReader();
        const exclude = [...(await cliShared.listGitIgnoreFiles(reader)), '.git', 'node_modules'];
        const files: string[] = await reader.recursiveReadDir('./src', exclude);
        const parsedManifest = (manifest ??
          (await new cliShared.ConfigFile(reader, new cliShared.FileSystemWriter()).readConfig())) as never;
        const statsig = { getDeprecatedRuntimes: () => Promise.resolve([]) } as never;
        const linters =
          only === 'permission'
            ? [new lintLib.PermissionLinter('development', parsedManifest, quietLogger)]
            : await lintLib.getClientSideLintersOnly(parsedManifest, 'development', quietLogger, statsig);
        const parsed: string[] = [];
        const results = await lintLib.lint(files, parsedManifest, 'development', quietLogger, statsig, {
          linters,
          parseFunction: async (filepath: string, parser: never) => {
            parsed.push(filepath);
            return lintLib.parseSourceFile(filepath, parser);
          }
        } as never);
        const errors: Problem[] = [];
        const warnings: Problem[] = [];
        for (const r of results) {
          for (const e of r.errors)
            errors.push({
              file: r.file,
              line: e.line,
              column: e.column,
              message: e.message,
              reference: e.reference
            });
          for (const w of [...r.warnings, ...r.approvals])
            warnings.push({
              file: r.file,
              line: w.line,
              column: w.column,
              message: w.message,
              reference: w.reference
            });
        }
        const productCallsSeen: LintOutcome['productCallsSeen'] = [];
        for (const linter of linters) {
          if (!(linter instanceof lintLib.PermissionLinter)) continue;
          // `matches` is the linter's own record of what its visitors found, per file.
          const matches = (
            linter as unknown as {
              matches: Map<string, Record<string, Array<{ method?: string; path?: string; line?: number }>>>;
            }
          ).matches;
          for (const [file, byKind] of matches) {
            for (const product of ['jira', 'confluence', 'bitbucket']) {
              for (const call of byKind[product] ?? []) {
                productCallsSeen.push({
                  file,
                  line: call.line ?? 0,
                  product,
                  method: String(call.method ?? 'GET').toUpperCase(),
                  path: String(call.path ?? '')
                });
              }
            }
          }
        }
        return {
          errors,
          warnings,
          // The linters read code only; a JSON file under src/ (the CLI's loader messages) is data.
          filesGiven: files.filter((f) => /\.[cm]?[jt]sx?$/.test(f)).sort(),
          filesParsed: parsed.sort(),
          mode,
          productCallsSeen
        };
      })
    );
  } finally {
    layout?.cleanup();
  }
}

// ---------------------------------------------------------------------------------------
// Bundler

export interface BundleOutcome {
  outputDir: string;
  /** Every output file (relative) with its size in bytes. */
  files: Array<{ file: string; bytes: number }>;
  /** Bytes of the JavaScript entry bundles (no source maps, no runtime stub). */
  codeBytes: number;
  /** Exports of each entry module, read by loading the bundle with @forge/* stubbed out. */
  entryNames: string[];
  warnings: string[];
  nodeModules: string[];
}

/**
 * Stand-ins for the Forge Node runtime wrapper and loader that `forge deploy` downloads from
 * Atlassian's CDN; @forge/bundler only copies them into the artefact. Written to a temp folder
 * at run time so no generated-looking dist/ folder lives in git.
 */
function writeRuntimeStub(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tandem-forge-runtime-'));
  fs.mkdirSync(path.join(dir, 'dist'));
  for (const name of ['wrapper', 'loader']) {
    fs.writeFileSync(
      path.join(dir, 'dist', `${name}.js`),
      `'use strict';\nmodule.exports = { stub: 'tandem-offline-runtime-${name}' };\n`
    );
  }
  return dir;
}

/**
 * `@forge/bundler` as `forge deploy` runs it: entry points from the manifest handlers,
 * webpack + ts-loader with the app's tsconfig (type errors fail the bundle). The Node runtime
 * wrapper/loader normally comes from Atlassian's CDN; FORGE_RUNTIME_PATH points at a stub.
 */
export async function bundleBackend(root = REPO_ROOT): Promise<BundleOutcome> {
  process.env.FORGE_RUNTIME_PATH = writeRuntimeStub();
  const bundler = await import('@forge/bundler');
  const cliShared = await import('@forge/cli-shared');
  return inDir(root, async () => {
    const reader = new cliShared.FileSystemReader();
    const configFile = new cliShared.ConfigFile(reader, new cliShared.FileSystemWriter());
    const handlers = await configFile.getAppHandlers();
    const warnings: string[] = [];
    const logger = { ...quietLogger, warn: (m: string) => void warnings.push(String(m)) };
    const wrapperProvider = bundler.getWrapperProvider({ fileSystemReader: reader });
    const nodeBundler = bundler.getNodeBundler(logger as never, wrapperProvider, configFile);
    const manifest = await configFile.readConfig();
    const output = await nodeBundler.bundle({
      appDirectory: root,
      entryPoints: bundler.getEntryPoints(handlers),
      i18nConfig: (manifest as { translations?: never }).translations
    });
    const files: Array<{ file: string; bytes: number }> = [];
    const walk = (d: string): void => {
      for (const e of fs.readdirSync(d, { withFileTypes: true })) {
        const full = path.join(d, e.name);
        if (e.isDirectory()) walk(full);
        else files.push({ file: path.relative(output.outputDir, full), bytes: fs.statSync(full).size });
      }
    };
    walk(output.outputDir);
    for (const [name, content] of output.additionalOutputs ?? []) {
      files.push({
        file: `${name} (runtime artefact)`,
        bytes: typeof content === 'string' ? Buffer.byteLength(content) : content.length
      });
    }
    const entryNames = [...new Set(handlers.map((h: { module: string }) => h.module))];
    const codeBytes = files
      .filter((f) => entryNames.some((n) => f.file === `${n}.cjs`) || /^\d+\.cjs$/.test(f.file))
      .reduce((n, f) => n + f.bytes, 0);
    return {
      outputDir: output.outputDir,
      files,
      codeBytes,
      entryNames,
      warnings,
      nodeModules: output.metadata?.modules ?? []
    };
  });
}
