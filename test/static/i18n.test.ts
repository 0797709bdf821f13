import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { adminPageMessages } from '../../static/admin-page/src/messages';
import {
  localeFromTag,
  placeholdersOf,
  setMessages,
  translate,
  type I18nKey
} from '../../static/common/i18n';
import { messages } from '../../static/common/messages';
import { panelMessages } from '../../static/issue-panel/src/messages';

const STATIC = path.resolve(__dirname, '../../static');

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    if (entry.name === 'build' || entry.name === 'node_modules') return [];
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sources(full);
    return /\.tsx?$/.test(entry.name) ? [full] : [];
  });
}

const en = messages.en;
const fr = messages.fr;
const enKeys = Object.keys(en).sort();
const namespaces = new Set(enKeys.map((key) => key.split('.')[0]));
const files = sources(STATIC).filter(
  (file) => !file.endsWith(path.join('common', 'i18n.ts')) && !file.includes(path.join('common', 'messages'))
);

/** Keys passed to t('…') directly. */
function tCalls(text: string): string[] {
  return [...text.matchAll(/\bt\(\s*'([^']+)'/g)].map((m) => m[1] ?? '');
}

/** Every string literal shaped like a message key (lookup tables hold keys, not t() calls). */
function keyLiterals(text: string): string[] {
  return [...text.matchAll(/'([a-z]+\.[A-Za-z0-9_.-]+)'/g)]
    .map((m) => m[1] ?? '')
    .filter((literal) => namespaces.has(literal.split('.')[0]));
}

describe('i18n messages', () => {
  it('has the same keys in English and French', () => {
    expect(Object.keys(fr).sort()).toEqual(enKeys);
  });

  it('has no empty string in either language', () => {
    for (const strings of [en, fr]) {
      const empty = Object.entries(strings).filter(([, text]) => text.trim() === '');
      expect(empty).toEqual([]);
    }
  });

  it('uses the same placeholders in both languages', () => {
    const mismatched = enKeys.filter(
      (key) => placeholdersOf(en[key as I18nKey]).join(',') !== placeholdersOf(fr[key as I18nKey]).join(',')
    );
    expect(mismatched).toEqual([]);
  });

  it('has every key that static/ sources pass to t()', () => {
    expect(files.length).toBeGreaterThan(0);
    const used = files.flatMap((file) => tCalls(readFileSync(file, 'utf8')).map((key) => ({ file, key })));
    expect(used.length).toBeGreaterThan(0);
    const missing = used
      .filter(({ key }) => !(key in en))
      .map(({ file, key }) => `${path.relative(STATIC, file)}: ${key}`);
    expect(missing).toEqual([]);
  });

  it('has every key-shaped literal of static/ sources, and no key nobody uses', () => {
    const literals = new Set(files.flatMap((file) => keyLiterals(readFileSync(file, 'utf8'))));
    expect([...literals].filter((key) => !(key in en))).toEqual([]);
    expect(enKeys.filter((key) => !literals.has(key))).toEqual([]);
  });
});

describe('each surface registers the strings it shows', () => {
  // A surface ships only its own strings: a key it uses but did not register would show as the key.
  const surfaces = [
    { dir: 'issue-panel', registered: panelMessages },
    { dir: 'admin-page', registered: adminPageMessages }
  ];
  const shared = files.filter((file) => file.startsWith(path.join(STATIC, 'common') + path.sep));

  it.each(surfaces)(
    '$dir registers every key its sources and static/common use, in both languages',
    ({ dir, registered }) => {
      const own = files.filter((file) => file.startsWith(path.join(STATIC, dir) + path.sep));
      expect(own.length).toBeGreaterThan(0);
      const used = new Set([...own, ...shared].flatMap((file) => keyLiterals(readFileSync(file, 'utf8'))));
      expect([...used].filter((key) => !(key in registered.en))).toEqual([]);
      expect(Object.keys(registered.fr).sort()).toEqual(Object.keys(registered.en).sort());
    }
  );

  it('the panel does not ship the admin page’s strings', () => {
    expect(Object.keys(panelMessages.en).filter((key) => /^(admin|policy)\./.test(key))).toEqual([]);
  });
});

describe('t()', () => {
  beforeAll(() => setMessages(messages));

  it('picks French for fr tags and English for anything else', () => {
    expect(localeFromTag('fr-FR')).toBe('fr');
    expect(localeFromTag('fr_CA')).toBe('fr');
    expect(localeFromTag('fr')).toBe('fr');
    expect(localeFromTag('en-US')).toBe('en');
    expect(localeFromTag('de-DE')).toBe('en');
    expect(localeFromTag('frisian')).toBe('en');
    expect(localeFromTag(undefined)).toBe('en');
  });

  it('fills placeholders as plain text, in the chosen language', () => {
    expect(translate('fr', 'admin.catalogue.jiraName', { name: '<img src=x onerror=alert(1)>' })).toBe(
      'Dans Jira sous le nom «\u202f<img src=x onerror=alert(1)>\u202f»'
    );
    expect(translate('en', 'admin.projects.selectedMany', { count: 3 })).toBe('3 projects selected');
    expect(translate('en', 'admin.forbidden.title')).toMatch(/^Only Jira administrators can set up Tandem/);
  });
});
