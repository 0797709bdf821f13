#!/usr/bin/env node
// The one test command (`npm test`): builds the Custom UI resources, runs the unit,
// resolver and contract tests, then the browser tests, and ends with one line summing
// every runner's own JSON report: "N passed, N failed, N skipped".
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const reports = path.join(root, 'test-results');
mkdirSync(reports, { recursive: true });

function run(label, command, args) {
  console.log(`\n=== ${label}: ${command} ${args.join(' ')}`);
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', env: process.env });
  return result.status ?? 1;
}

const buildStatus = run('build', 'npm', ['run', 'build', '--silent']);
if (buildStatus !== 0) {
  console.error('The Custom UI build failed: the tests need it.');
  console.log('0 passed, 1 failed');
  process.exit(1);
}

const suites = [
  { label: 'unit, resolver and contract tests', config: 'jest.config.js', report: 'unit.json' },
  { label: 'browser tests', config: 'jest.e2e.config.js', report: 'e2e.json' }
];

let passed = 0;
let failed = 0;
let skipped = 0;
let runnerFailures = 0;
for (const suite of suites) {
  const report = path.join(reports, suite.report);
  rmSync(report, { force: true });
  const status = run(suite.label, 'npx', ['jest', '-c', suite.config, '--json', `--outputFile=${report}`]);
  if (!existsSync(report)) {
    console.error(`${suite.label}: jest wrote no report (exit ${status})`);
    runnerFailures++;
    continue;
  }
  const json = JSON.parse(readFileSync(report, 'utf8'));
  passed += json.numPassedTests;
  failed += json.numFailedTests;
  skipped += json.numPendingTests + (json.numTodoTests ?? 0);
  // A suite that could not run (compile error, crash) has no failed test but did fail.
  const brokenSuites = json.numRuntimeErrorTestSuites ?? 0;
  runnerFailures += brokenSuites;
  if (status !== 0 && json.numFailedTests === 0 && brokenSuites === 0) runnerFailures++;
  if (json.numTotalTests === 0) {
    console.error(`${suite.label}: no test ran`);
    runnerFailures++;
  }
}

failed += runnerFailures;
console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(failed > 0 ? 1 : 0);
