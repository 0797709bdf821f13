import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { main, type CliIo } from '../../src/guardrails/cli';

const ROOT = join(__dirname, '..', '..');
const BIN = join(ROOT, 'bin', 'tandem-check.js');
const DEFS = join(__dirname, 'fixtures', 'definitions');
const PAGES = join(__dirname, 'fixtures', 'pages');

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
    expect(fr.stdout).toContain('Niveau : T2 (données personnelles)');
    expect(fr.stdout).toContain('Décision : APPROBATION');
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
      stdout: () => {
        throw new Error('EPIPE');
      },
      stderr: (text) => errors.push(text)
    };
    expect(main(['page.json'], io)).toBe(70);
    expect(errors.join('')).toContain('internal error');
  });
});
