/**
 * The manifest's scopes against the product operations the code calls, found statically
 * (preview/openapi/product-calls.ts) and looked up in Atlassian's OpenAPI documents
 * (preview/openapi/scope-check.ts).
 */
import path from 'node:path';
import { checkScopes, formatScopeTable, type ScopeReport } from '../../preview/openapi/scope-check';
import { scanProductCalls } from '../../preview/openapi/product-calls';

const ROOT = path.resolve(__dirname, '../..');

jest.setTimeout(60_000);

describe('manifest scopes cover exactly the product operations the code calls', () => {
  let report: ScopeReport;

  beforeAll(() => {
    report = checkScopes(ROOT);
    console.log(
      `Product operations called by src/ (${report.scan.filesScanned} files) → manifest scope that grants each:\n${formatScopeTable(report)}`
    );
  });

  it('finds product calls (an empty scan means the scan is broken, not that the app is safe)', () => {
    expect(report.scan.filesScanned).toBeGreaterThan(0);
    expect(report.scan.calls.length).toBeGreaterThan(0);
  });

  it('every route is built safely and sits in a call the scan can see', () => {
    expect(report.scan.problems).toEqual([]);
  });

  it('every call matches a documented, non-deprecated operation', () => {
    expect(report.unmatched).toEqual([]);
    expect(report.deprecated).toEqual([]);
  });

  it('the manifest satisfies, for every operation, one of its scope alternatives, the classic one where there is one', () => {
    expect(report.missing).toEqual([]);
    expect(report.granularWhereClassicExists).toEqual([]);
  });

  it('the manifest asks for no scope that no operation or trigger needs (least privilege; storage:app aside)', () => {
    expect(report.unused).toEqual([]);
  });

  it('a scope removed from the manifest is reported missing, an extra one unused', () => {
    const needed = [...new Set(report.rows.flatMap((r) => r.satisfiedBy?.scopes ?? []))];
    expect(needed.length).toBeGreaterThan(0);
    for (const scope of needed) {
      const reduced = report.granted.filter((s) => s !== scope);
      const manifest = `permissions:\n  scopes:\n${reduced.map((s) => `    - ${s}\n`).join('')}`;
      const check = checkScopes(ROOT, manifest, report.scan);
      expect(check.missing.join('\n')).toContain(scope);
    }
    const extra = `permissions:\n  scopes:\n${[...report.granted, 'write:confluence-content'].map((s) => `    - ${s}\n`).join('')}`;
    expect(checkScopes(ROOT, extra, report.scan).unused).toContain('write:confluence-content');
  });

  it('the scan reports raw query strings, assumeTrustedRoute and routes outside recognised calls', () => {
    const bad = scanProductCalls(ROOT, path.join(__dirname, 'fixtures/unsafe-calls'));
    const at = (line: number): string =>
      bad.problems.filter((p) => p.includes(`client.ts:${line}:`)).join('\n');
    expect(bad.calls.map((c) => c.path)).toContain('/rest/api/3/issuetypescheme/project');
    expect(at(9)).toBe(''); // URLSearchParams after '?'
    expect(at(10)).toBe(''); // name=${value}: route escapes it
    expect(at(11)).toMatch(/query string built from raw input/); // params.toString()
    expect(at(12)).toMatch(/query string built from raw input/); // glued string
    expect(at(13)).toMatch(/query string built from raw input/); // raw after '&'
    expect(at(14)).toMatch(/assumeTrustedRoute/);
    expect(at(15)).toMatch(/not the argument of a recognised product call/);
  });
});
