import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../../src/guardrails/cli';
import { processIo } from '../../../src/guardrails/cli/io';

const CI = join(__dirname, '..', 'fixtures', 'ci');

/** A working directory holding the CI fixtures, as a web team's checkout would. */
function checkout(): string {
  const dir = mkdtempSync(join(tmpdir(), 'tandem-formats-'));
  cpSync(join(CI, 'site'), join(dir, 'site'), { recursive: true });
  cpSync(join(CI, 'mixed'), join(dir, 'mixed'), { recursive: true });
  return dir;
}

function runIn(cwd: string, ...args: string[]) {
  let stdout = '';
  let stderr = '';
  const code = main(args, {
    ...processIo,
    stdout: (text) => (stdout += text),
    stderr: (text) => (stderr += text),
    readFile: (path) => readFileSync(join(cwd, path), 'utf8'),
    kindOf: (path) => processIo.kindOf(join(cwd, path)),
    list: (path) => processIo.list(join(cwd, path)),
    cwd: () => cwd
  });
  return { code, stdout, stderr };
}

function lineOf(file: string, marker: string): number {
  const text = readFileSync(file, 'utf8');
  return text.slice(0, text.indexOf(marker)).split('\n').length;
}

interface SarifResult {
  ruleId: string;
  ruleIndex: number;
  level: string;
  message: { text: string };
  locations: Array<{
    physicalLocation: {
      artifactLocation: { uri: string; uriBaseId?: string };
      region: { startLine: number };
    };
  }>;
}
interface SarifLog {
  version: string;
  runs: Array<{
    tool: { driver: { name: string; rules: Array<{ id: string; shortDescription: { text: string } }> } };
    invocations: Array<{ executionSuccessful: boolean; exitCode: number }>;
    originalUriBaseIds: Record<string, { uri: string }>;
    results: SarifResult[];
  }>;
}

/*
 * The OASIS SARIF 2.1.0 schema (errata 01), committed unmodified as a fixture (see SOURCES.md beside it).
 * It is written in JSON Schema draft-04; Ajv 8 reads draft-06 and later, and this schema uses no keyword
 * whose meaning changed since draft-04, so only the draft-04 `$schema` and `id` markers are set aside.
 */
function sarifValidator() {
  const schema = JSON.parse(readFileSync(join(CI, 'sarif-schema-2.1.0.json'), 'utf8')) as Record<
    string,
    unknown
  >;
  delete schema.$schema;
  delete schema.id;
  const ajv = new Ajv({ strict: false, allErrors: true });
  addFormats(ajv);
  return ajv.compile(schema);
}

describe('--format sarif', () => {
  const dir = checkout();
  const { code, stdout } = runIn(dir, 'site', '--format', 'sarif');
  const log = JSON.parse(stdout) as SarifLog;
  const run = log.runs[0];

  it('is valid against the SARIF 2.1.0 schema', () => {
    const validate = sarifValidator();
    expect(validate(log)).toBe(true);
    expect(validate.errors ?? []).toEqual([]);
    // The validator is not vacuous: a result without its message is refused.
    const broken = JSON.parse(stdout) as SarifLog;
    delete (broken.runs[0]?.results[0] as Partial<SarifResult>).message;
    expect(validate(broken)).toBe(false);
  });

  it('has one rule per finding code and one result per finding, at the right file and line', () => {
    expect(code).toBe(3);
    expect(run?.tool.driver.name).toBe('tandem-check');
    const rules = run?.tool.driver.rules ?? [];
    const results = run?.results ?? [];
    expect(results.map((result) => [result.ruleId, result.level])).toEqual([
      ['field.personal', 'warning'],
      ['consent.preticked', 'error'],
      ['field.prohibited', 'error']
    ]);
    for (const result of results) expect(rules[result.ruleIndex]?.id).toBe(result.ruleId);
    expect(rules.find((rule) => rule.id === 'consent.preticked')?.shortDescription.text).toBe(
      'A consent box is ticked in advance.'
    );
    const locationOf = (ruleId: string) =>
      results.find((r) => r.ruleId === ruleId)?.locations[0]?.physicalLocation;
    // Relative to the working directory, which code scanning resolves against the repository.
    expect(locationOf('field.prohibited')).toEqual({
      artifactLocation: { uri: 'site/shop/checkout.htm', uriBaseId: 'SRCROOT' },
      region: {
        startLine: lineOf(join(dir, 'site/shop/checkout.htm'), '<input id="cc"'),
        startColumn: expect.any(Number) as number
      }
    });
    expect(locationOf('field.personal')?.region.startLine).toBe(
      lineOf(join(dir, 'site/events/salon.html'), '<input id="s-naissance"')
    );
    expect(locationOf('consent.preticked')?.region.startLine).toBe(
      lineOf(join(dir, 'site/newsletter.json'), '"consents"')
    );
    expect(run?.originalUriBaseIds.SRCROOT?.uri).toMatch(/^file:\/\/\/.*\/$/);
    expect(run?.invocations[0]).toEqual({ executionSuccessful: true, exitCode: 3 });
  });

  it('reports a page it could not check as an error result, in the language asked for', () => {
    const mixed = runIn(dir, 'mixed', '--format', 'sarif', '--lang', 'fr');
    expect(mixed.code).toBe(64);
    const sarif = JSON.parse(mixed.stdout) as SarifLog;
    expect(sarifValidator()(sarif)).toBe(true);
    const invalid = sarif.runs[0]?.results.find((result) => result.ruleId === 'input.invalid');
    expect(invalid?.level).toBe('error');
    expect(invalid?.message.text).toContain('définition invalide');
    expect(invalid?.locations[0]?.physicalLocation.artifactLocation.uri).toBe('mixed/invalid.json');
    expect(sarif.runs[0]?.invocations[0]).toMatchObject({ executionSuccessful: false, exitCode: 64 });
  });
});

describe('--format junit', () => {
  /** The markup of a JUnit report, with every text and attribute value taken out. */
  const tags = (xml: string) => [...xml.matchAll(/<\/?([a-z-]+)[^<>]*>/g)].map((match) => match[0]);
  const unescape = (text: string) =>
    text
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&quot;/g, '"')
      .replace(/&apos;/g, "'")
      .replace(/&#10;/g, '\n')
      .replace(/&amp;/g, '&');

  it('has one test suite, one test case per page and one failure per finding', () => {
    const dir = checkout();
    const { code, stdout } = runIn(dir, 'site', '--format', 'junit');
    expect(code).toBe(3);
    expect(stdout.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<testsuite ')).toBe(true);
    expect(stdout).toContain(
      '<testsuite name="Tandem guardrail" tests="4" failures="3" errors="0" skipped="0"'
    );
    const cases = [...stdout.matchAll(/<testcase [^>]*name="([^"]*)"[^>]*>([\s\S]*?)<\/testcase>/g)];
    expect(cases.map((match) => [match[1], (match[2]?.match(/<failure /g) ?? []).length])).toEqual([
      ['site/events/salon.html', 1],
      ['site/index.html', 0],
      ['site/newsletter.json', 1],
      ['site/shop/checkout.htm', 1]
    ]);
    const salon = cases[0]?.[2] ?? '';
    expect(salon).toContain('type="field.personal"');
    expect(salon).toMatch(
      /site\/events\/salon\.html:\d+:\d+ \[approval\] field\.personal \(salon \/ naissance\)/
    );
    expect(tags(stdout).filter((tag) => tag.startsWith('<testsuite'))).toHaveLength(1);
  });

  it('escapes what pages contain, so the XML stays well-formed', () => {
    const dir = checkout();
    writeFileSync(
      join(dir, 'site', 'tricky.html'),
      `<!doctype html><form id="a&amp;b" data-purpose="x" data-retention-months="6" data-privacy-url="/p">
<label for="d">Date de naissance &lt;/failure&gt; &amp; "quotes" 'apostrophes' \u0001</label><input id="d" name="dob&lt;1&gt;" type="date" />
</form>`
    );
    const { stdout } = runIn(dir, 'site/tricky.html', 'site/index.html', '--format', 'junit');
    // Only the report's own elements are markup; everything from the page is text.
    expect(new Set(tags(stdout).map((tag) => /^<\/?([a-z-]+)/.exec(tag)?.[1]))).toEqual(
      new Set(['testsuite', 'testcase', 'failure', 'system-out'])
    );
    const withoutMarkup = stdout
      .replace(/^<\?xml[^>]*\?>/, '')
      .replace(/<\/?[a-z-]+(?:\s+[a-z]+="[^"<]*")*\s*\/?>/g, '');
    expect(withoutMarkup).not.toMatch(/[<>]/);
    expect(withoutMarkup).not.toMatch(/&(?!(?:amp|lt|gt|quot|apos|#\d+);)/);
    expect(stdout.includes('\u0001')).toBe(false);
    const failure = /<failure type="field.personal" message="([^"]*)">([^<]*)<\/failure>/.exec(stdout);
    expect(unescape(failure?.[2] ?? '')).toContain(`(a&b / dob<1>)`);
    expect(unescape(failure?.[1] ?? '')).toContain(`Date de naissance </failure> & "quotes" 'apostrophes'`);
  });
});

describe('--format json for many pages', () => {
  it('lists every page with its findings, their severity and their line', () => {
    const dir = checkout();
    const { code, stdout } = runIn(dir, 'site/events', 'site/newsletter.json', '--json');
    expect(code).toBe(1);
    const report = JSON.parse(stdout) as {
      decision: string;
      exitCode: number;
      pages: Array<{ file: string; decision: string; findings: Array<Record<string, unknown>> }>;
    };
    expect(report).toMatchObject({ decision: 'fix', exitCode: 1 });
    expect(report.pages.map((page) => [page.file, page.decision])).toEqual([
      ['site/events/salon.html', 'approval'],
      ['site/newsletter.json', 'fix']
    ]);
    expect(report.pages[1]?.findings).toEqual([
      {
        code: 'consent.preticked',
        severity: 'fix',
        form: 'nl',
        field: 'nl-optin',
        message: expect.stringContaining('Untick consent box') as string,
        line: lineOf(join(dir, 'site/newsletter.json'), '"consents"'),
        column: expect.any(Number) as number
      }
    ]);
  });
});
