import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { main, type CliIo } from '../../src/guardrails/cli';
import { DEFAULT_POLICY, type Policy } from '../../src/guardrails/domain';

const ROOT = join(__dirname, '..', '..');
const BIN = join(ROOT, 'bin', 'tandem-check.js');
const DEFS = join(__dirname, 'fixtures', 'definitions');
const PAGES = join(__dirname, 'fixtures', 'pages');
const CI = join(__dirname, 'fixtures', 'ci');
const SITE = 'test/guardrails/fixtures/ci/site';

function run(...args: string[]) {
  const result = spawnSync(process.execPath, [BIN, ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    timeout: 20_000
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

function runJson(...args: string[]) {
  const result = run(...args, '--json');
  return { ...result, report: JSON.parse(result.stdout) as Record<string, unknown> };
}

describe('tandem-check (the real bin, spawned)', () => {
  it.each([
    ['t1-go.json', 0, 'go', 'T1'],
    ['t1-fix.json', 1, 'fix', 'T1'],
    ['t2-approval.json', 2, 'approval', 'T2'],
    ['t4-blocked.json', 3, 'blocked', 'T4']
  ])('%s exits %i (%s)', (file, code, decision, tier) => {
    const { code: exit, report } = runJson(join(DEFS, file));
    expect(exit).toBe(code);
    expect(report).toMatchObject({ decision, tier });
  });

  it('prints exactly { tier, decision, findings: [{ code, field?, message }] } with --json', () => {
    const { report, stderr } = runJson(join(DEFS, 't1-fix.json'));
    expect(stderr).toBe('');
    expect(Object.keys(report)).toEqual(['tier', 'decision', 'findings']);
    const findings = report.findings as Array<Record<string, unknown>>;
    expect(findings.map((f) => f.code).sort()).toEqual([
      'consent.preticked',
      'page.privacy_notice_missing',
      'page.retention_too_long'
    ]);
    for (const finding of findings) {
      expect(Object.keys(finding).every((key) => ['code', 'field', 'message'].includes(key))).toBe(true);
      expect(typeof finding.message).toBe('string');
    }
    expect(findings.find((f) => f.code === 'consent.preticked')).toMatchObject({ field: 'nl' });
    expect(findings.find((f) => f.code === 'page.retention_too_long')).not.toHaveProperty('field');
  });

  it('checks HTML pages too, detected by extension', () => {
    const { code, report } = runJson(join(PAGES, '05-salon-inscription.html'));
    expect(code).toBe(2);
    expect(report).toMatchObject({ tier: 'T2', decision: 'approval' });
  });

  it('prints a human report in English by default and in French with --lang fr', () => {
    const en = run(join(DEFS, 't2-approval.json'));
    expect(en.code).toBe(2);
    expect(en.stdout).toContain('Tier: T2 (personal data)');
    expect(en.stdout).toContain('Must approve: tandem-privacy-reviewers');
    expect(en.stdout).toContain('field.personal (jeu / dob)');
    const fr = run(join(DEFS, 't2-approval.json'), '--lang', 'fr');
    expect(fr.code).toBe(2);
    expect(fr.stdout).toContain('Niveau\u202f: T2 (données personnelles)');
    expect(fr.stdout).toContain('Décision\u202f: APPROBATION');
    expect(fr.stdout).toContain('Le champ “Date de naissance” collecte');
    const frJson = runJson(join(DEFS, 't2-approval.json'), '--lang=fr');
    expect((frJson.report.findings as Array<{ message: string }>)[0]?.message).toMatch(
      /relecteur vie privée/
    );
  });

  it('applies the policy given with --policy', () => {
    const { code, report } = runJson(
      join(DEFS, 't2-approval.json'),
      '--policy',
      join(DEFS, 'policy-dob-basic.json')
    );
    expect(code).toBe(0);
    expect(report).toMatchObject({ tier: 'T1', decision: 'go' });
  });

  it('exits 64 naming the JSON path of an invalid definition', () => {
    const { code, stdout, stderr } = run(join(DEFS, 'invalid-field.json'));
    expect(code).toBe(64);
    expect(stdout).toBe('');
    expect(stderr).toContain('forms[0].fields[1].name');
  });

  it('exits 64 on unreadable files, broken JSON, bad policies and bad options', () => {
    const missing = run(join(DEFS, 'nope.json'));
    expect(missing).toMatchObject({ code: 64 });
    expect(missing.stderr).toContain('no such file');
    const broken = run(join(DEFS, 'broken-definition.txt'));
    expect(broken.code).toBe(64);
    expect(broken.stderr).toMatch(/broken-definition\.txt: invalid JSON/);
    const badPolicy = run(join(DEFS, 't1-go.json'), '--policy', join(DEFS, 't1-go.json'));
    expect(badPolicy.code).toBe(64);
    expect(badPolicy.stderr).toMatch(/invalid policy: .*version/);
    expect(run(join(DEFS, 't1-go.json'), '--lang', 'de')).toMatchObject({ code: 64 });
    expect(run(join(DEFS, 't1-go.json'), '--frobnicate').code).toBe(64);
    expect(run().code).toBe(64);
  });

  it('runs through npx without a build step', () => {
    const result = spawnSync(
      'npx',
      ['--offline', '--no-install', 'tandem-check', join(DEFS, 't1-go.json'), '--json'],
      {
        cwd: ROOT,
        encoding: 'utf8',
        timeout: 30_000
      }
    );
    expect(result.status).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ tier: 'T1', decision: 'go' });
  });
});

describe('tandem-check main(): internal errors', () => {
  it('exits 70 when something unexpected fails, without blaming the input', () => {
    const errors: string[] = [];
    const io: CliIo = {
      readFile: () => '{"forms":[]}',
      kindOf: () => 'file',
      stdout: () => {
        throw new Error('EPIPE');
      },
      stderr: (text) => errors.push(text)
    };
    expect(main(['page.json'], io)).toBe(70);
    expect(errors.join('')).toContain('internal error');
  });
});

/** The summary table's rows as [page, tier, decision, findings], header first. */
function tableRows(stdout: string): string[][] {
  const lines = stdout.split('\n');
  return lines.slice(0, lines.indexOf('')).map((line) => line.split(/ {2,}/));
}

function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'tandem-check-'));
}

describe('tandem-check on many pages (the real bin, spawned)', () => {
  it('checks a directory recursively and exits with the worst decision', () => {
    const { code, stdout, stderr } = run(SITE);
    expect(stderr).toBe('');
    expect(code).toBe(3);
    // Hidden folders and non-page files are left out; the order is stable (sorted by path).
    expect(tableRows(stdout)).toEqual([
      ['Page', 'Tier', 'Decision', 'Findings'],
      [`${SITE}/events/salon.html`, 'T2', 'APPROVAL', '1'],
      [`${SITE}/index.html`, 'T1', 'GO', '0'],
      [`${SITE}/newsletter.json`, 'T1', 'FIX', '1'],
      [`${SITE}/shop/checkout.htm`, 'T4', 'BLOCKED', '1']
    ]);
    expect(stdout).toContain('4 pages: 1 go, 1 fix, 1 approval, 1 blocked.');
    expect(stdout).toContain('Result: BLOCKED (exit code 3).');
    // Each finding is printed as file:line:column, which CI logs and editors turn into links.
    expect(stdout).toMatch(
      new RegExp(
        `\\[blocked\\] field\\.prohibited \\(checkout / cardnumber\\) — ${SITE}/shop/checkout\\.htm:\\d+:\\d+`
      )
    );
  });

  it('takes several files and globs, each page once, and exits with the worst decision (fix over approval)', () => {
    // A page to fix is worse than one awaiting approval: exit code 2 only when approvals alone are left.
    const both = run(`${SITE}/newsletter.json`, `${SITE}/events/salon.html`, `${SITE}/newsletter.json`);
    expect(both.code).toBe(1);
    expect(tableRows(both.stdout).map((row) => row[0])).toEqual([
      'Page',
      `${SITE}/newsletter.json`,
      `${SITE}/events/salon.html`
    ]);
    const glob = run(`${SITE}/**/*.htm*`);
    expect(glob.code).toBe(3);
    expect(tableRows(glob.stdout).map((row) => row[0])).toEqual([
      'Page',
      `${SITE}/events/salon.html`,
      `${SITE}/index.html`,
      `${SITE}/shop/checkout.htm`
    ]);
    expect(run(`${SITE}/*.json`).code).toBe(1);
    expect(run(`${SITE}/index.html`, `${SITE}/events/*.html`).code).toBe(2);
  });

  it('reports a page it cannot check, checks the others, and exits 64', () => {
    const { code, stdout, stderr } = run('test/guardrails/fixtures/ci/mixed');
    expect(code).toBe(64);
    expect(tableRows(stdout)).toEqual([
      ['Page', 'Tier', 'Decision', 'Findings'],
      ['test/guardrails/fixtures/ci/mixed/invalid.json', '—', 'ERROR', '—'],
      ['test/guardrails/fixtures/ci/mixed/ok.html', 'T1', 'GO', '0']
    ]);
    expect(stderr).toContain('mixed/invalid.json: invalid definition: forms[0].fields[0].name');
  });

  it('fails with 64 on a path that finds nothing rather than passing unchecked', () => {
    const missing = run(SITE, `${SITE}/nope.html`);
    expect(missing.code).toBe(64);
    expect(missing.stderr).toContain('nope.html: no such file');
    const glob = run(`${SITE}/**/*.xhtml`);
    expect(glob.code).toBe(64);
    expect(glob.stderr).toContain('no .html, .htm or .json page matches');
    const empty = tempDir();
    expect(run(empty).code).toBe(64);
  });

  it('prints the summary in French with --lang fr', () => {
    const { code, stdout } = run(SITE, '--lang', 'fr');
    expect(code).toBe(3);
    expect(tableRows(stdout)[0]).toEqual(['Page', 'Niveau', 'Décision', 'Constats']);
    expect(tableRows(stdout)[3]).toEqual([`${SITE}/newsletter.json`, 'T1', 'À CORRIGER', '1']);
    expect(stdout).toContain('4 pages\u202f: 1 go, 1 à corriger, 1 en approbation, 1 bloquée.');
    expect(stdout).toContain('Résultat\u202f: BLOQUÉE (code de sortie 3).');
    expect(stdout).toContain('Décochez');
  });

  it('applies the policy exported from the admin page to every page, and never takes it for a page', () => {
    const dir = tempDir();
    cpSync(join(CI, 'site'), join(dir, 'site'), { recursive: true });
    const policy: Policy = {
      ...DEFAULT_POLICY,
      version: 'site-v7',
      kindTiers: { ...DEFAULT_POLICY.kindTiers, date_of_birth: 'T1' },
      tiers: { ...DEFAULT_POLICY.tiers, T1: { ...DEFAULT_POLICY.tiers.T1, checks: ['purpose'] } }
    };
    // The admin page's export is `JSON.stringify(policy, null, 2)` (static/admin-page PolicyExport).
    const policyFile = join(dir, 'site', 'tandem-policy-site-v7.json');
    writeFileSync(policyFile, JSON.stringify(policy, null, 2));
    const withPolicy = spawnSync(
      process.execPath,
      [BIN, 'site', '--policy', policyFile, '--format', 'json'],
      {
        cwd: dir,
        encoding: 'utf8',
        timeout: 20_000
      }
    );
    const report = JSON.parse(withPolicy.stdout) as {
      decision: string;
      policyVersion: string;
      pages: Array<{ file: string; tier: string; decision: string }>;
    };
    expect(report.policyVersion).toBe('site-v7');
    expect(report.pages.map((page) => [page.file, page.tier, page.decision])).toEqual([
      ['site/events/salon.html', 'T1', 'go'],
      ['site/index.html', 'T1', 'go'],
      ['site/newsletter.json', 'T1', 'go'],
      ['site/shop/checkout.htm', 'T4', 'blocked']
    ]);
    expect(withPolicy.status).toBe(3);
    // Without --policy the built-in policy applies again: date of birth needs approval.
    const without = spawnSync(process.execPath, [BIN, 'site/events'], {
      cwd: dir,
      encoding: 'utf8',
      timeout: 20_000
    });
    expect(without.status).toBe(2);
  });

  it('writes the report with --output and still prints the summary for the CI log', () => {
    const dir = tempDir();
    const file = join(dir, 'tandem.sarif');
    const { code, stdout } = run(SITE, '--format', 'sarif', '--output', file);
    expect(code).toBe(3);
    expect(tableRows(stdout)).toHaveLength(5);
    expect(stdout).toContain(`The sarif report is in ${file}.`);
    const sarif = JSON.parse(readFileSync(file, 'utf8')) as { version: string; runs: unknown[] };
    expect(sarif.version).toBe('2.1.0');
    const unwritable = run(SITE, '--format', 'junit', '--output', join(dir, 'missing', 'x.xml'));
    expect(unwritable.code).toBe(64);
    expect(unwritable.stderr).toContain('cannot write');
    expect(run(SITE, '--format', 'xml').code).toBe(64);
  });
});

describe('tandem-check help and installation problems', () => {
  it('prints its usage in the language asked for, and exits 0', () => {
    const en = run('--help');
    expect(en.code).toBe(0);
    expect(en.stdout).toContain('Usage: tandem-check [options] PATH...');
    expect(en.stdout).toContain('--format text|json|sarif|junit');
    const fr = run('-h', '--lang', 'fr');
    expect(fr.stdout).toContain('Utilisation\u202f: tandem-check [options] CHEMIN...');
  });

  it('exits 70 with a message in the catalogue when the TypeScript loader is missing', () => {
    // The bin and its message file alone, with no node_modules above them: as after `npm ci --omit=dev`.
    const dir = tempDir();
    mkdirSync(join(dir, 'bin'));
    mkdirSync(join(dir, 'src', 'guardrails', 'cli'), { recursive: true });
    cpSync(BIN, join(dir, 'bin', 'tandem-check.js'));
    cpSync(
      join(ROOT, 'src', 'guardrails', 'cli', 'loader-messages.json'),
      join(dir, 'src', 'guardrails', 'cli', 'loader-messages.json')
    );
    const options = { cwd: dir, encoding: 'utf8' as const, timeout: 20_000, env: { PATH: process.env.PATH } };
    const en = spawnSync(process.execPath, [join(dir, 'bin', 'tandem-check.js'), 'page.html'], options);
    expect(en.status).toBe(70);
    expect(en.stderr).toContain('the TypeScript loader "tsx" is not installed');
    const fr = spawnSync(
      process.execPath,
      [join(dir, 'bin', 'tandem-check.js'), 'page.html', '--lang', 'fr'],
      options
    );
    expect(fr.stderr).toContain('le chargeur TypeScript «\u202ftsx\u202f» n’est pas installé');
  });
});
