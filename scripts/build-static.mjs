#!/usr/bin/env node
/**
 * Builds every Custom UI surface (a folder of static/ with an index.html; static/common is
 * shared code, not a surface) with Vite into static/<surface>/build, with relative URLs
 * (`base: './'`) because Forge serves each resource from its own path.
 *
 * Checks, each failing the build:
 * - the JavaScript a surface loads up front (entry chunk + its static imports, gzipped)
 *   stays within the budget of ../shared/QUALITY.md; lazy chunks are reported, not counted;
 * - the built index.html has no inline script (Forge's CSP is `script-src 'self'`);
 * - every `--ds-*` custom property the CSS under static/ reads is a real design token, so
 *   a typo cannot silently fall back to the light colour in dark mode.
 */
import { createRequire } from 'node:module';
import { existsSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import react from '@vitejs/plugin-react';
import { build } from 'vite';

const BUDGET_BYTES = 200 * 1024;
const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const staticDir = path.join(repo, 'static');
const SHARED = new Set(['common']);

const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;
const gzipSize = (code) => gzipSync(typeof code === 'string' ? Buffer.from(code) : code, { level: 9 }).length;

function surfaces() {
  if (!existsSync(staticDir)) return [];
  return readdirSync(staticDir)
    .filter((name) => !SHARED.has(name))
    .filter((name) => statSync(path.join(staticDir, name)).isDirectory())
    .filter((name) => existsSync(path.join(staticDir, name, 'index.html')))
    .sort();
}

function cssFiles(dir) {
  const found = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'build' || entry.name === 'node_modules') continue;
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) found.push(...cssFiles(full));
    else if (entry.name.endsWith('.css')) found.push(full);
  }
  return found;
}

function checkTokens() {
  const tokenNames = createRequire(import.meta.url)('@atlaskit/tokens/token-names');
  const known = new Set(Object.values(tokenNames.default ?? tokenNames));
  const problems = [];
  for (const file of cssFiles(staticDir)) {
    const text = readFileSync(file, 'utf8');
    for (const match of text.matchAll(/var\(\s*(--ds-[a-z0-9-]+)/g)) {
      if (!known.has(match[1]))
        problems.push(`${path.relative(repo, file)}: unknown design token ${match[1]}`);
    }
  }
  return problems;
}

/** Entry chunk plus everything it imports statically, transitively. */
function upFrontChunks(chunks) {
  const byName = new Map(chunks.map((chunk) => [chunk.fileName, chunk]));
  const seen = new Set();
  const visit = (name) => {
    if (seen.has(name)) return;
    seen.add(name);
    for (const imported of byName.get(name)?.imports ?? []) visit(imported);
  };
  for (const chunk of chunks) if (chunk.isEntry) visit(chunk.fileName);
  return [...seen].map((name) => byName.get(name)).filter(Boolean);
}

async function buildSurface(name) {
  const root = path.join(staticDir, name);
  const outDir = path.join(root, 'build');
  const result = await build({
    root,
    base: './',
    configFile: false,
    envDir: false,
    logLevel: 'warn',
    plugins: [react()],
    resolve: { alias: { '@contract': path.join(repo, 'src', 'contract') } },
    build: {
      outDir,
      emptyOutDir: true,
      sourcemap: false,
      reportCompressedSize: false,
      chunkSizeWarningLimit: 1024
    }
  });
  const outputs = (Array.isArray(result) ? result : [result]).flatMap((r) => r.output ?? []);
  const chunks = outputs.filter((o) => o.type === 'chunk');
  const upFront = upFrontChunks(chunks);
  const upFrontGzip = upFront.reduce((sum, chunk) => sum + gzipSize(chunk.code), 0);
  const lazy = chunks.filter((chunk) => !upFront.includes(chunk));
  const lazyGzip = lazy.reduce((sum, chunk) => sum + gzipSize(chunk.code), 0);
  const css = outputs.filter((o) => o.type === 'asset' && o.fileName.endsWith('.css'));
  const cssGzip = css.reduce((sum, asset) => sum + gzipSize(asset.source), 0);

  const problems = [];
  const html = readFileSync(path.join(outDir, 'index.html'), 'utf8');
  for (const tag of html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)) {
    if (!/\bsrc=/.test(tag[1]) || tag[2].trim() !== '')
      problems.push(`${name}: inline <script> in build/index.html`);
  }
  if (upFrontGzip > BUDGET_BYTES) {
    problems.push(
      `${name}: ${kb(upFrontGzip)} of JavaScript gzipped up front, over the ${kb(BUDGET_BYTES)} budget`
    );
  }
  // Vite's manifest is not needed at runtime; keep the uploaded resource minimal.
  rmSync(path.join(outDir, '.vite'), { recursive: true, force: true });

  console.log(
    `${name.padEnd(16)} up front ${kb(upFrontGzip).padStart(9)} gzipped (${upFront.length} chunk${upFront.length === 1 ? '' : 's'})` +
      `  lazy ${kb(lazyGzip).padStart(9)} (${lazy.length})  css ${kb(cssGzip).padStart(8)}  budget ${kb(BUDGET_BYTES)}`
  );
  return problems;
}

async function main() {
  const problems = checkTokens();
  const names = surfaces();
  if (names.length === 0) console.log('No surface under static/ (a folder with an index.html).');
  for (const name of names) problems.push(...(await buildSurface(name)));
  if (problems.length > 0) {
    for (const problem of problems) console.error(`✖ ${problem}`);
    process.exitCode = 1;
  }
}

main().catch((err) => {
  console.error(err);
  process.exitCode = 1;
});
