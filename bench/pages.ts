/**
 * tandem-check throughput: pages per second over a folder of 1,000 generated HTML pages of every tier,
 * through the CLI's own entry point (discovery, reading, import, evaluation, line lookup, report), then
 * the whole CLI process once, as a CI step runs it. Prints; never fails.
 * Run: npx tsx bench/pages.ts
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { main } from '../src/guardrails/cli';
import { processIo } from '../src/guardrails/cli/io';

const PAGE_COUNT = 1000;
const BIN = join(__dirname, '..', 'bin', 'tandem-check.js');

/** Forms of every tier, as agencies write them: the page's tier cycles through them. */
const FORMS = [
  // T0: an anonymous satisfaction survey
  `<form id="survey" data-purpose="Measure satisfaction" data-retention-months="12" data-privacy-url="/privacy">
      <fieldset><legend>How satisfied are you?</legend>
        <label><input type="radio" name="score" value="1" /> 1</label>
        <label><input type="radio" name="score" value="5" /> 5</label>
      </fieldset>
      <button>Send</button>
    </form>`,
  // T1: contact with a pre-ticked newsletter box
  `<form id="contact" data-purpose="Answer the request" data-retention-months="24">
      <label for="n">Full name</label><input id="n" name="name" autocomplete="name" />
      <label for="e">Work email</label><input id="e" name="email" type="email" />
      <label for="c">Company</label><input id="c" name="company" />
      <label><input type="checkbox" name="news" checked /> I agree to receive the newsletter</label>
      <p><a href="https://www.example.com/privacy">Privacy policy</a></p>
      <button>Contact us</button>
    </form>`,
  // T2: event registration with date of birth
  `<form id="event" data-purpose="Inscription au salon" data-retention-months="6" data-privacy-url="https://www.exemple.fr/confidentialite">
      <label for="m">E-mail</label><input id="m" name="mail" type="email" />
      <label for="d">Date de naissance</label><input id="d" name="naissance" type="date" />
      <label for="a">Adresse postale</label><input id="a" name="adresse" autocomplete="street-address" />
      <button>Valider</button>
    </form>`,
  // T3: health questions
  `<form id="rdv" data-purpose="Prise de rendez-vous" data-retention-months="6" data-privacy-url="/confidentialite">
      <label for="p">Prénom</label><input id="p" name="prenom" />
      <label for="s">Décrivez vos symptômes</label><textarea id="s" name="symptomes"></textarea>
      <button>Réserver</button>
    </form>`,
  // T4: card payment on a marketing page
  `<form id="checkout" data-purpose="Pay the workshop" data-retention-months="12" data-privacy-url="/privacy">
      <label for="cc">Card number</label><input id="cc" name="cardnumber" autocomplete="cc-number" />
      <label for="cvc">CVC</label><input id="cvc" name="cvc" autocomplete="cc-csc" />
      <button>Pay</button>
    </form>`
];

function page(index: number): string {
  const form = FORMS[index % FORMS.length] ?? '';
  const paragraphs = Array.from(
    { length: 12 },
    (_, n) =>
      `<p>Section ${n + 1} of campaign page ${index}: why teams choose us, what the offer includes and how to get started today.</p>`
  ).join('\n      ');
  return `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <title>Campaign page ${index}</title>
    <script src="https://www.googletagmanager.com/gtm.js?id=GTM-${index}"></script>
    ${index % 3 === 0 ? '<script src="https://static.hotjar.com/c/hotjar-1.js"></script>' : ''}
  </head>
  <body>
    <header data-module="hero" data-module-version="${index % 7 === 0 ? '1.4.0' : '2.1.0'}"><h1>Offer ${index}</h1></header>
    <main>
      ${paragraphs}
    ${form}
    </main>
    <footer data-module="footer" data-module-version="1.5.0"><a href="/legal">Legal notice</a></footer>
  </body>
</html>
`;
}

function generate(): string {
  const dir = mkdtempSync(join(os.tmpdir(), 'tandem-bench-pages-'));
  for (let i = 0; i < PAGE_COUNT; i++) {
    // Nested folders, as a static-site build writes them.
    const folder = join(dir, 'site', `section-${i % 10}`);
    mkdirSync(folder, { recursive: true });
    writeFileSync(join(folder, `page-${String(i).padStart(4, '0')}.html`), page(i));
  }
  return dir;
}

function inProcess(dir: string, format: string): { seconds: number; cpuSeconds: number; exitCode: number } {
  const cpuStart = process.cpuUsage();
  const start = performance.now();
  const exitCode = main([join(dir, 'site'), '--format', format, '--output', join(dir, `report.${format}`)], {
    ...processIo,
    stdout: () => undefined,
    stderr: () => undefined
  });
  const seconds = (performance.now() - start) / 1000;
  const cpu = process.cpuUsage(cpuStart);
  return { seconds, cpuSeconds: (cpu.user + cpu.system) / 1e6, exitCode };
}

const rate = (pages: number, seconds: number) => Math.round(pages / seconds).toLocaleString('en');

function run(): void {
  const started = performance.now();
  const dir = generate();
  try {
    console.log(
      `pages: ${PAGE_COUNT} generated HTML pages (T0–T4, ${Math.round(page(1).length / 100) / 10} kB each) in ${Math.round(performance.now() - started)} ms`
    );
    // The first pass includes the JIT's warm-up, which a CI step always pays; later passes show steady state.
    const cold = inProcess(dir, 'sarif');
    console.log(
      `pages: first pass ${rate(PAGE_COUNT, cold.seconds)} pages/s (${cold.seconds.toFixed(2)} s, exit code ${cold.exitCode})`
    );
    for (const format of ['text', 'json', 'sarif', 'junit']) {
      const best = inProcess(dir, format);
      console.log(
        `pages: --format ${format.padEnd(5)} ${rate(PAGE_COUNT, best.seconds)} pages/s wall, ${rate(PAGE_COUNT, best.cpuSeconds)} pages per CPU-second`
      );
    }
    const start = performance.now();
    const child = spawnSync(
      process.execPath,
      [BIN, join(dir, 'site'), '--format', 'sarif', '--output', join(dir, 'cli.sarif')],
      { encoding: 'utf8', timeout: 300_000 }
    );
    const seconds = (performance.now() - start) / 1000;
    console.log(
      `pages: whole CLI process (node bin/tandem-check.js, loader included) ${seconds.toFixed(2)} s for ${PAGE_COUNT} pages = ${rate(PAGE_COUNT, seconds)} pages/s, exit code ${child.status ?? 'none'}`
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

try {
  run();
} catch (error) {
  // A benchmark reports; it never fails the run that calls it.
  console.log(`pages: benchmark could not run: ${error instanceof Error ? error.message : String(error)}`);
}
