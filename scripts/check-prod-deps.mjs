#!/usr/bin/env node
// Production dependencies are few and deliberate: compares the installed production tree
// (`npm ls --omit=dev --all`) with the committed allowlist. `--update` rewrites the list
// after a deliberate change. The advisory database is not reachable from our machines, so
// `npm audit` is a release step (README), and this list is what CI can check.
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const allowlistPath = path.join(root, 'scripts/forge/prod-deps.allowlist');

export function productionPackages() {
  const out = execFileSync('npm', ['ls', '--omit=dev', '--all', '--json'], {
    cwd: root,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024
  });
  const names = new Set();
  const walk = (deps) => {
    for (const [name, info] of Object.entries(deps ?? {})) {
      if (names.has(name)) continue;
      names.add(name);
      walk(info.dependencies);
    }
  };
  walk(JSON.parse(out).dependencies);
  return [...names].sort();
}

export function readAllowlist() {
  return readFileSync(allowlistPath, 'utf8')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith('#'));
}

if (process.argv[1] && import.meta.url === `file://${process.argv[1]}`) {
  const installed = productionPackages();
  if (process.argv.includes('--update')) {
    writeFileSync(
      allowlistPath,
      `# Production dependency tree (npm ls --omit=dev --all), reviewed. Regenerate with\n# node scripts/check-prod-deps.mjs --update after a deliberate change.\n${installed.join('\n')}\n`
    );
    console.log(`allowlist updated: ${installed.length} packages`);
    process.exit(0);
  }
  const allowed = new Set(readAllowlist());
  const unexpected = installed.filter((name) => !allowed.has(name));
  const gone = [...allowed].filter((name) => !installed.includes(name));
  if (unexpected.length || gone.length) {
    if (unexpected.length) console.error(`not in the allowlist: ${unexpected.join(', ')}`);
    if (gone.length) console.error(`in the allowlist but no longer installed: ${gone.join(', ')}`);
    process.exit(1);
  }
  console.log(`production dependencies: ${installed.length} packages, all in the allowlist`);
}
