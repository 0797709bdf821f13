import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { checkPage, type LocatedFinding } from '../../../src/guardrails/cli/check';
import { processIo } from '../../../src/guardrails/cli/io';
import { DEFAULT_POLICY } from '../../../src/guardrails/domain';

const CI = join(__dirname, '..', 'fixtures', 'ci');

function located(file: string) {
  const path = join(CI, file);
  const text = readFileSync(path, 'utf8');
  const result = checkPage(path, DEFAULT_POLICY, processIo);
  if (!result.ok) throw new Error(`fixture ${file} did not check`);
  /** The 1-based line and column where `marker` starts in the fixture: what an editor shows. */
  const at = (marker: string, occurrence = 1) => {
    let offset = -1;
    for (let n = 0; n < occurrence; n++) offset = text.indexOf(marker, offset + 1);
    if (offset === -1) throw new Error(`marker ${marker} not in ${file}`);
    const before = text.slice(0, offset);
    return { line: before.split('\n').length, column: offset - before.lastIndexOf('\n') };
  };
  const finding = (code: string, field?: string): LocatedFinding => {
    const match = result.findings.find(
      (item) => item.finding.code === code && (field === undefined || item.finding.field === field)
    );
    if (match === undefined) throw new Error(`no ${code} ${field ?? ''} in ${file}`);
    return match;
  };
  return { at, finding, result };
}

describe('findings point at the line of what they are about', () => {
  describe('in an HTML page (parsed again with source positions)', () => {
    const { at, finding } = located('located.html');

    it.each([
      ['field.personal', 'naissance', '<input id="i-naissance"'],
      ['consent.preticked', 'offres', '<input type="checkbox" name="offres"'],
      ['field.sensitive', 'antecedents', '<textarea id="s-antecedents"'],
      ['script.not_allowed', 'static.hotjar.com', '<script src="https://static.hotjar.com'],
      ['script.invalid_url', 'javascript:void(0)', '<script src="javascript:void(0)"'],
      ['embed.not_allowed', 'www.dailymotion.com', '<iframe'],
      ['module.retired', 'hero@1.4.0', '<section data-module="hero"'],
      ['import.invalid_attribute', 'data-audience', 'data-audience="kids"']
    ])('%s (%s) at the element or attribute', (code, field, marker) => {
      expect(finding(code, field).position).toEqual(at(marker));
    });

    it('a form-level finding at the attribute that declares it, or at the link', () => {
      expect(finding('page.retention_too_long').position).toEqual(at('data-retention-months="48"'));
      expect(finding('page.privacy_notice_invalid').position).toEqual(at('<a href="confidentialite.html"'));
    });

    it('a page-level finding at the form that raised the page to its tier', () => {
      expect(finding('sensitive.dpia_missing').position).toEqual(at('<form', 2));
      expect(finding('sensitive.legal_basis_missing').position).toEqual(at('<form', 2));
    });
  });

  describe('in a JSON definition (at the JSON path)', () => {
    const { at, finding } = located('located.json');

    it.each([
      ['field.personal', 'naissance', '{ "name": "naissance"'],
      ['consent.preticked', 'offres', '{ "id": "offres"'],
      ['script.not_allowed', 'static.hotjar.com', '{ "url": "https://static.hotjar.com'],
      ['embed.not_allowed', 'www.dailymotion.com', '{ "inline"'],
      ['module.retired', 'hero@1.4.0', '{ "id": "hero"']
    ])('%s (%s) at its array entry', (code, field, marker) => {
      expect(finding(code, field).position).toEqual(at(marker));
    });

    it('a form-level finding at the key that declares it, the page’s when the form has none', () => {
      expect(finding('page.retention_too_long').position).toEqual(at('"retentionMonths": 48'));
    });
  });

  it('a page with nothing to point at is located at its start, never nowhere', () => {
    const { result } = located('site/newsletter.json');
    expect(result.findings.map((item) => item.position.line)).toEqual([9]);
  });
});
