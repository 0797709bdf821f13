import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { discoverPages } from '../../../src/guardrails/cli/discover';
import { InputError } from '../../../src/guardrails/cli/errors';
import { globToRegExp, splitPattern } from '../../../src/guardrails/cli/glob';
import { processIo, type FullIo } from '../../../src/guardrails/cli/io';
import { CLI_MESSAGES } from '../../../src/guardrails/cli/messages';

describe('glob patterns', () => {
  it.each([
    ['site/*.html', 'site/a.html', true],
    ['site/*.html', 'site/sub/a.html', false],
    ['site/**/*.html', 'site/a.html', true],
    ['site/**/*.html', 'site/x/y/z.html', true],
    ['site/**', 'site/x/y/z.json', true],
    ['**/*.{html,htm}', 'a/b.htm', true],
    ['**/*.{html,htm}', 'a/b.json', false],
    ['page-?.html', 'page-1.html', true],
    ['page-?.html', 'page-10.html', false],
    ['page-[0-9].html', 'page-7.html', true],
    ['page-[!0-9].html', 'page-7.html', false],
    ['page-[!0-9].html', 'page-x.html', true],
    ['a+b (1).html', 'a+b (1).html', true],
    ['a+b (1).html', 'aab (1).html', false]
  ])('%s matches %s: %s', (pattern, path, expected) => {
    expect(globToRegExp(pattern).test(path)).toBe(expected);
  });

  it('walks only from the part of the pattern without wildcards', () => {
    expect(splitPattern('site/en/**/*.html')).toEqual({ base: 'site/en', rest: '**/*.html' });
    expect(splitPattern('*.html')).toEqual({ base: '.', rest: '*.html' });
    expect(splitPattern('/srv/site/*.json')).toEqual({ base: '/srv/site', rest: '*.json' });
  });
});

describe('finding the pages', () => {
  function tree(files: string[]): string {
    const root = mkdtempSync(join(tmpdir(), 'tandem-discover-'));
    for (const file of files) {
      mkdirSync(dirname(join(root, file)), { recursive: true });
      writeFileSync(join(root, file), '<form></form>');
    }
    return root;
  }
  const io = (root: string): FullIo => ({ ...processIo, cwd: () => root });
  const relativeFiles = (root: string, paths: string[], exclude?: string) =>
    discoverPages(
      paths.map((path) => join(root, path)),
      io(root),
      exclude === undefined ? undefined : join(root, exclude)
    ).files.map((file) => file.slice(root.length + 1));
  const errorOf = (fn: () => unknown): string => {
    try {
      fn();
    } catch (error) {
      if (error instanceof InputError) return error.render(CLI_MESSAGES.en);
      throw error;
    }
    throw new Error('expected an input error');
  };

  it('finds .html, .htm and .json pages in a directory, recursively and sorted, skipping hidden and node_modules', () => {
    const root = tree([
      'site/b.html',
      'site/a.htm',
      'site/data/page.JSON',
      'site/img/logo.svg',
      'site/.cache/old.html',
      'site/node_modules/pkg/demo.html',
      'site/.hidden.html'
    ]);
    expect(relativeFiles(root, ['site'])).toEqual(['site/a.htm', 'site/b.html', 'site/data/page.JSON']);
  });

  it('takes an existing path literally even when it looks like a pattern', () => {
    const root = tree(['site/blog/[slug].html', 'site/blog/s.html']);
    expect(relativeFiles(root, ['site/blog/[slug].html'])).toEqual(['site/blog/[slug].html']);
    expect(relativeFiles(root, ['site/blog/[s]*.html'])).toEqual(['site/blog/s.html']);
  });

  it('lists each page once, in the order of the arguments, and leaves out the policy file', () => {
    const root = tree(['site/a.html', 'site/b.json', 'site/tandem-policy.json']);
    expect(relativeFiles(root, ['site/b.json', 'site', 'site/*.html'], 'site/tandem-policy.json')).toEqual([
      'site/b.json',
      'site/a.html'
    ]);
  });

  it('names a single file as such, so the report keeps the single-page shape', () => {
    const root = tree(['site/a.html']);
    expect(discoverPages([join(root, 'site/a.html')], io(root), undefined).single).toBe(true);
    expect(discoverPages([join(root, 'site')], io(root), undefined).single).toBe(false);
    expect(discoverPages([join(root, 'site/*.html')], io(root), undefined).single).toBe(false);
  });

  it('refuses a missing path, an empty directory and a pattern that matches nothing', () => {
    const root = tree(['site/a.html', 'empty/readme.txt', 'policy-only/tandem-policy.json']);
    expect(errorOf(() => relativeFiles(root, ['site/zz.html']))).toMatch(/zz\.html: no such file$/);
    expect(errorOf(() => relativeFiles(root, ['empty']))).toMatch(
      /^no \.html, \.htm or \.json page in .*empty$/
    );
    expect(errorOf(() => relativeFiles(root, ['policy-only'], 'policy-only/tandem-policy.json'))).toMatch(
      /page in .*policy-only$/
    );
    expect(errorOf(() => relativeFiles(root, ['site/**/*.htm']))).toMatch(/matches .*site\/\*\*\/\*\.htm$/);
  });
});
