import fs from 'node:fs';
import path from 'node:path';
import { ENFORCEMENT_TEXTS, placeholdersOf } from '../../src/guardrails/enforcement/texts';

/**
 * The validator's and the notices' texts come from one catalogue, in English and French: every key
 * exists in both languages with the same placeholders, and the enforcement code itself holds no
 * sentence a person reads.
 */

type Tree = { [key: string]: string | readonly string[] | Tree };

function leaves(tree: Tree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    const at = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string') out.set(at, value);
    else if (Array.isArray(value)) (value as string[]).forEach((text, i) => out.set(`${at}[${i}]`, text));
    else for (const [k, v] of leaves(value as Tree, at)) out.set(k, v);
  }
  return out;
}

const en = leaves(ENFORCEMENT_TEXTS.en);
const fr = leaves(ENFORCEMENT_TEXTS.fr);

describe('enforcement text catalogue', () => {
  it('has every key in both languages', () => {
    expect([...fr.keys()].sort()).toEqual([...en.keys()].sort());
    expect(en.size).toBeGreaterThan(30);
  });

  it('gives each text the same placeholders in both languages, and no empty text', () => {
    for (const [key, text] of en) {
      expect([key, placeholdersOf(fr.get(key) ?? '')]).toEqual([key, placeholdersOf(text)]);
      expect([key, text.trim().length > 0]).toEqual([key, true]);
    }
  });

  it('is translated: the French sentences are not the English ones', () => {
    const same = [...en].filter(([key, text]) => text.split(' ').length > 3 && fr.get(key) === text);
    expect(same).toEqual([]);
  });

  it('leaves no sentence inline in the validator or the notices', () => {
    const dir = path.resolve(__dirname, '../../src/guardrails/enforcement');
    for (const file of ['validator.ts', 'notifications.ts']) {
      const source = fs.readFileSync(path.join(dir, file), 'utf8');
      // A string literal of three words or more, leaving out comments, log lines and errors meant
      // for developers (the first argument of log(), super() and Error(), and the error prefixes startsWith() matches).
      const code = source
        .replace(/\/\*[\s\S]*?\*\//g, '')
        .replace(/\/\/.*$/gm, '')
        .replace(/\b(?:log|super|Error|startsWith)\(\s*(['"`])(?:(?!\1)[^\\]|\\.)*\1/g, '');
      const literals = [...code.matchAll(/(['"`])((?:(?!\1)[^\\\n]|\\.)*)\1/g)].map((m) => m[2] ?? '');
      const sentences = literals.filter((text) => /[A-Za-zÀ-ÿ]+ [A-Za-zÀ-ÿ]+ [A-Za-zÀ-ÿ]+/.test(text));
      expect([file, sentences]).toEqual([file, []]);
    }
  });
});
