/**
 * Guardrail evaluation throughput: classifier + decision over the committed corpus, one core, no
 * caching between evaluations (every run re-classifies every field). Prints; never fails.
 * Run: npx tsx bench/guardrails.ts
 */
import { readFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import {
  DEFAULT_POLICY,
  evaluateDefinition,
  parseDefinition,
  type PageDefinition
} from '../src/guardrails/domain';

const raw = JSON.parse(readFileSync(join(__dirname, 'corpus', 'definitions.json'), 'utf8')) as unknown[];
const corpus: PageDefinition[] = raw.map((item, index) => {
  const parsed = parseDefinition(item);
  if (!parsed.ok) throw new Error(`corpus entry ${index} is invalid: ${JSON.stringify(parsed.issues)}`);
  return parsed.value;
});
const formCount = corpus.reduce((sum, page) => sum + page.forms.length, 0);
const fieldCount = corpus.reduce(
  (sum, page) => sum + page.forms.reduce((s, form) => s + form.fields.length, 0),
  0
);

let sink = 0;
function runPass(): void {
  for (const page of corpus) {
    const evaluation = evaluateDefinition(page, DEFAULT_POLICY);
    sink += evaluation.findings.length;
  }
}

// Warm-up lets the JIT settle so the figure reflects steady state, as in a warm Forge function.
const warmUntil = performance.now() + 500;
while (performance.now() < warmUntil) runPass();

const durationMs = 3000;
let passes = 0;
const cpuStart = process.cpuUsage();
const start = performance.now();
while (performance.now() - start < durationMs) {
  runPass();
  passes++;
}
const wallSeconds = (performance.now() - start) / 1000;
const cpu = process.cpuUsage(cpuStart);
// CPU seconds of this (single-threaded) process: the "one core" figure, robust to a busy machine.
const cpuSeconds = (cpu.user + cpu.system) / 1e6;
const rate = (count: number, seconds: number) => Math.round(count / seconds).toLocaleString('en');

console.log(
  `guardrails: corpus of ${corpus.length} pages, ${formCount} forms, ${fieldCount} fields; ${passes} passes`
);
console.log(
  `guardrails: ${rate(passes * formCount, cpuSeconds)} form evaluations per CPU-second (target ≥ 50,000 on one core)`
);
console.log(`guardrails: ${rate(passes * corpus.length, cpuSeconds)} page evaluations per CPU-second`);
console.log(
  `guardrails: wall clock ${rate(passes * formCount, wallSeconds)} forms/s; load average ${os.loadavg()[0]?.toFixed(1)} on ${os.cpus().length} CPUs (checksum ${sink % 997})`
);
