/**
 * Per Forge function: the size of the bundle `forge deploy` would upload (@forge/bundler, as
 * test/forge/bundle.test.ts builds it) and its cold load time in a fresh Node process, next to
 * the single shared bundle every function loaded before the per-function entry files (built from
 * BASELINE_REF in the same run, so both figures come from the same machine and load).
 * Prints; never fails on a figure.
 * Run: npx tsx bench/bundles.ts   (BENCH_BASELINE_REF=<commit> to compare with another commit)
 */
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { bundleBackend, manifestHandlers, readManifest, REPO_ROOT } from '../scripts/forge/forge-tools';

/** The last commit where src/index.ts served every function from one bundle. */
const BASELINE_REF = process.env.BENCH_BASELINE_REF ?? '3c85284';
const LOAD_RUNS = 15;
const GOAL_VALIDATOR_KB = 500;
const GOAL_SPEEDUP = 3;

interface Measured {
  label: string;
  bytes: number;
  loadMs: number;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

/** Milliseconds `require(file)` takes in a fresh Node process, module evaluation included. */
function loadOnceMs(file: string): number {
  const script = `const t=process.hrtime.bigint();require(${JSON.stringify(file)});process.stdout.write(String(Number(process.hrtime.bigint()-t)/1e6))`;
  const out = spawnSync(process.execPath, ['-e', script], { cwd: path.dirname(file), encoding: 'utf8' });
  if (out.status !== 0) throw new Error(`loading ${file} failed: ${out.stderr}`);
  return Number(out.stdout);
}

/**
 * Median cold load of each file. The files take turns within each round, so a machine that gets
 * busier or quieter during the run shifts every figure alike instead of favouring one bundle.
 */
function coldLoads(files: string[]): number[] {
  const runs: number[][] = files.map(() => []);
  for (let round = 0; round < LOAD_RUNS; round++) files.forEach((file, i) => runs[i]?.push(loadOnceMs(file)));
  return runs.map(median);
}

/** The app as it was at `ref` (src/, manifest, tsconfig, locales), node_modules linked, in a temp folder. */
function checkoutBaseline(ref: string): string | undefined {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tandem-bench-baseline-'));
  try {
    const archive = execFileSync(
      'git',
      ['archive', ref, 'src', 'manifest.yml', 'tsconfig.json', 'package.json', 'locales'],
      { cwd: REPO_ROOT, maxBuffer: 64 * 1024 * 1024, stdio: ['ignore', 'pipe', 'ignore'] }
    );
    execFileSync('tar', ['-x', '-C', dir], { input: archive });
    fs.symlinkSync(path.join(REPO_ROOT, 'node_modules'), path.join(dir, 'node_modules'));
    return dir;
  } catch {
    fs.rmSync(dir, { recursive: true, force: true });
    return undefined;
  }
}

const kb = (bytes: number): string => `${(bytes / 1024).toFixed(0)} KB`;

async function main(): Promise<void> {
  const handlers = manifestHandlers(readManifest());
  const cleanup: string[] = [];
  try {
    const current = await bundleBackend(REPO_ROOT);
    cleanup.push(current.outputDir);
    const entries = handlers.map((h) => ({
      label: `${h.key} (${h.file}.${h.func})`,
      file: path.join(current.outputDir, `${h.file}.cjs`)
    }));
    // A function's on-demand chunks (the issue panel's HTML import: parse5) load on the first call
    // that needs them; this line shows what that first call adds to the cold load.
    const chunks = fs.readdirSync(current.outputDir).filter((f) => /^\d+\.cjs$/.test(f));
    if (chunks.length) {
      const withChunks = path.join(current.outputDir, 'functions', 'issue-panel-with-chunks.cjs');
      const files = ['issue-panel-resolver.cjs', ...chunks.map((c) => `../${c}`)];
      fs.writeFileSync(withChunks, files.map((f) => `require(${JSON.stringify(`./${f}`)});`).join('\n'));
      entries.push({
        label: `issue-panel-resolver + on-demand chunks (${chunks.join(', ')})`,
        file: withChunks
      });
    }
    const baselineDir = checkoutBaseline(BASELINE_REF);
    if (baselineDir) {
      cleanup.push(baselineDir);
      const old = await bundleBackend(baselineDir);
      cleanup.push(old.outputDir);
      entries.unshift({
        label: `shared bundle at ${BASELINE_REF} (index.cjs)`,
        file: path.join(old.outputDir, 'index.cjs')
      });
    }
    const loads = coldLoads(entries.map((e) => e.file));
    const measured: Measured[] = entries.map((e, i) => ({
      label: e.label,
      bytes: fs.statSync(e.file).size,
      loadMs: loads[i] ?? NaN
    }));
    report(baselineDir ? measured[0] : undefined, baselineDir ? measured.slice(1) : measured);
  } finally {
    for (const dir of cleanup) fs.rmSync(dir, { recursive: true, force: true });
  }
}

function report(baseline: Measured | undefined, functions: Measured[]): void {
  const width = Math.max(...[...functions, ...(baseline ? [baseline] : [])].map((m) => m.label.length));
  console.log(
    `bundles: @forge/bundler output per function; cold load = require() in a fresh node ${process.version}, median of ${LOAD_RUNS}`
  );
  if (baseline)
    console.log(
      `  ${baseline.label.padEnd(width)}  ${kb(baseline.bytes).padStart(8)}  ${baseline.loadMs.toFixed(0).padStart(5)} ms`
    );
  else console.log(`  (no baseline: git archive ${BASELINE_REF} failed; a shallow clone lacks that commit)`);
  for (const m of functions) {
    const speedup = baseline ? `  ${(baseline.loadMs / m.loadMs).toFixed(2)}× faster than shared` : '';
    console.log(
      `  ${m.label.padEnd(width)}  ${kb(m.bytes).padStart(8)}  ${m.loadMs.toFixed(0).padStart(5)} ms${speedup}`
    );
  }
  const validator = functions.find((m) => m.label.startsWith('validate-guardrail '));
  if (validator)
    console.log(
      `bundles: validator ${kb(validator.bytes)} (goal < ${GOAL_VALIDATOR_KB} KB: ${validator.bytes < GOAL_VALIDATOR_KB * 1024 ? 'met' : 'not met'})`
    );
  if (baseline) {
    const slow = functions.filter(
      (m) => !m.label.includes('on-demand') && baseline.loadMs / m.loadMs < GOAL_SPEEDUP
    );
    console.log(
      `bundles: cold load ≥ ${GOAL_SPEEDUP}× faster than shared: ${slow.length === 0 ? 'met by every function' : `not met by ${slow.length} of ${functions.filter((m) => !m.label.includes('on-demand')).length}`}`
    );
  }
}

main().catch((error: unknown) => {
  // Timings never fail the run; a bundle that does not build does.
  console.error(`bundles: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
});
