import { checkCatalogues, checkI18n, checkSurfaceSource, isLanguageFree } from '../../scripts/check-i18n';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/**
 * The build fails (this test is part of the jest run) when a message key exists in one language
 * only or when a surface shows a string that does not come from the catalogue (issue #10).
 */

describe('i18n check over the repository', () => {
  it('finds every catalogue key in both languages and no surface text outside the catalogue', () => {
    expect(checkI18n().map((p) => `${p.file}:${p.line} ${p.message}`)).toEqual([]);
  });
});

describe('i18n check: what it refuses', () => {
  it('refuses JSX text and user-facing attributes written in a language', () => {
    const problems = checkSurfaceSource(
      'static/x/App.tsx',
      `export const A = () => (
        <section aria-label="Decision">
          <h2>Guardrail</h2>
          <input placeholder={'Your email'} title={ok ? t('a.b') : 'Missing'} />
          <img alt={\`Logo of \${name}\`} />
          <p>{'Plain words'}</p>
          <Spinner label="Chargement" />
        </section>
      );`
    );
    expect(problems.map((p) => `${p.line} ${p.message.split(' bypasses')[0]}`)).toEqual([
      '2 aria-label= "Decision"',
      '3 JSX text "Guardrail"',
      '4 placeholder= "Your email"',
      '4 title= "Missing"',
      '5 alt= "Logo of"',
      '6 JSX text "Plain words"',
      '7 label= "Chargement"'
    ]);
  });

  it('lets through catalogue lookups, non-language tokens and attributes nobody reads', () => {
    const problems = checkSurfaceSource(
      'static/x/App.tsx',
      `export const A = () => (
        <section aria-label={t('panel.decision.title')} className="gp-section" data-state="ready">
          <h2>{t('panel.decision.title')}</h2>
          <span>{count} · {total}</span> <span>#1 / 2 (50 %)</span> <span>Tandem</span> <code>JQL</code>
          <input placeholder="https://" type="url" id="gp-url" />
        </section>
      );`
    );
    expect(problems).toEqual([]);
  });

  it('refuses a key that exists in one language only, naming the language', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tandem-i18n-'));
    fs.writeFileSync(
      path.join(dir, 'demo.ts'),
      `export const demoEn = { 'demo.a': 'A', 'demo.b': 'B' } as const;
       export const demoFr = { 'demo.a': 'A', 'demo.c': 'C' };
       export const loneEn = { 'lone.a': 'A' };`
    );
    try {
      expect(checkCatalogues(dir).map((p) => p.message)).toEqual([
        '"demo.b" exists in English only (demoEn)',
        '"demo.c" exists in French only (demoFr)',
        'loneEn has no loneFr beside it'
      ]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('counts numbers, punctuation and product names as language-free, and words as language', () => {
    expect(isLanguageFree(' 42 · — (%) ')).toBe(true);
    expect(isLanguageFree('Tandem')).toBe(true);
    expect(isLanguageFree('JQL:')).toBe(true);
    expect(isLanguageFree('Tandem guardrail')).toBe(false);
    expect(isLanguageFree('Décision')).toBe(false);
  });
});
