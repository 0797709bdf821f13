import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { injectBridge } from '../../preview/html';

/**
 * The preview's bridge, switcher and host page exist only in the preview: it injects
 * /__tandem_preview__/bridge.js into index.html when it serves a surface. Nothing of it may
 * reach what Forge deploys — the built static/<surface>/build resources and the function
 * bundle built from src/.
 */

const ROOT = path.resolve(__dirname, '..', '..');
const MARKERS = [
  '__tandem_preview__',
  'tandem-preview',
  'tandem_preview',
  '/api/invoke',
  'preview/',
  '__bridge'
];

function markersIn(content: string): string[] {
  return MARKERS.filter((marker) => {
    // @forge/bridge itself reads globalThis.__bridge (Forge's host defines it): only a definition counts.
    if (marker === '__bridge') return /__bridge\s*=|['"]__bridge['"]\s*,\s*\{\s*value/.test(content);
    return content.includes(marker);
  });
}

function surfaces(): string[] {
  const dir = path.join(ROOT, 'static');
  return fs
    .readdirSync(dir)
    .filter((name) => name !== 'common' && fs.existsSync(path.join(dir, name, 'index.html')));
}

function filesUnder(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? filesUnder(full) : [full];
  });
}

describe('no preview code in what Forge deploys', () => {
  beforeAll(() => {
    // `npm test` builds first; build here only when a surface has never been built.
    if (surfaces().some((s) => !fs.existsSync(path.join(ROOT, 'static', s, 'build', 'index.html')))) {
      // As `npm run build` does: under jest NODE_ENV is 'test', and Vite would then emit React's
      // development JSX, which embeds each source file's absolute path.
      const run = spawnSync(process.execPath, ['scripts/build-static.mjs'], {
        cwd: ROOT,
        encoding: 'utf8',
        env: { ...process.env, NODE_ENV: 'production' }
      });
      if (run.status !== 0) throw new Error(`npm run build failed:\n${run.stdout}\n${run.stderr}`);
    }
  }, 180_000);

  it('has at least one built surface to check', () => {
    expect(surfaces().length).toBeGreaterThan(0);
  });

  it('static/*/build contains no preview marker', () => {
    const offenders: string[] = [];
    for (const surface of surfaces()) {
      const files = filesUnder(path.join(ROOT, 'static', surface, 'build'));
      expect(files.length).toBeGreaterThan(0);
      for (const file of files) {
        for (const marker of markersIn(fs.readFileSync(file, 'latin1')))
          offenders.push(`${path.relative(ROOT, file)} contains "${marker}"`);
      }
    }
    expect(offenders).toEqual([]);
  });

  it('would notice the preview bridge if it leaked into a build', () => {
    const index = fs.readFileSync(
      path.join(ROOT, 'static', surfaces()[0] as string, 'build', 'index.html'),
      'utf8'
    );
    expect(markersIn(injectBridge(index))).toContain('__tandem_preview__');
    expect(markersIn(fs.readFileSync(path.join(ROOT, 'preview', 'host', 'bridge.js'), 'utf8'))).toEqual(
      expect.arrayContaining(['tandem-preview', '__bridge'])
    );
  });

  it('the function bundles (src/ from each src/functions entry) import nothing from preview/ or test/', () => {
    const seen = new Set<string>();
    const offenders: string[] = [];
    const resolve = (from: string, spec: string): string | undefined => {
      const base = path.resolve(path.dirname(from), spec);
      for (const candidate of [base, `${base}.ts`, `${base}.tsx`, path.join(base, 'index.ts')]) {
        if (fs.existsSync(candidate) && fs.statSync(candidate).isFile()) return candidate;
      }
      return undefined;
    };
    const visit = (file: string): void => {
      if (seen.has(file)) return;
      seen.add(file);
      const source = fs.readFileSync(file, 'utf8');
      const specs = [
        ...source.matchAll(
          /(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)|require\(\s*['"]([^'"]+)['"]\s*\)/g
        )
      ].map((m) => (m[1] ?? m[2] ?? m[3]) as string);
      for (const spec of specs) {
        if (/^(\.\.?\/|\/)/.test(spec)) {
          const target = resolve(file, spec);
          const relative = target ? path.relative(ROOT, target) : spec;
          if (/^(preview|test|static)[\\/]/.test(relative))
            offenders.push(`${path.relative(ROOT, file)} imports ${spec}`);
          else if (target && relative.startsWith(`src${path.sep}`)) visit(target);
        } else if (/^(preview|@tandem\/preview)/.test(spec)) {
          offenders.push(`${path.relative(ROOT, file)} imports ${spec}`);
        }
      }
      for (const marker of MARKERS.filter((m) => m !== 'preview/' && m !== '__bridge')) {
        if (source.includes(marker)) offenders.push(`${path.relative(ROOT, file)} mentions "${marker}"`);
      }
    };
    for (const entry of filesUnder(path.join(ROOT, 'src', 'functions'))) visit(entry);
    // Files not reachable from an entry are not bundled, but must not lean on the preview either.
    for (const file of filesUnder(path.join(ROOT, 'src')).filter((f) => /\.tsx?$/.test(f))) visit(file);
    expect(seen.size).toBeGreaterThan(1);
    expect(offenders).toEqual([]);
  });
});
