import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
import { CLI_MESSAGES, type CliMessages } from '../../../src/guardrails/cli/messages';

const CLI_DIR = join(__dirname, '..', '..', '..', 'src', 'guardrails', 'cli');

/** Every string the catalogue produces, rendering functions with sample arguments. */
function texts(messages: CliMessages): Map<string, string> {
  const out = new Map<string, string>();
  const visit = (value: unknown, key: string) => {
    if (typeof value === 'string') out.set(key, value);
    else if (typeof value === 'function')
      out.set(key, String((value as (...args: unknown[]) => unknown)('X', 2, 3, 'Y')));
    else if (typeof value === 'object' && value !== null)
      for (const [child, inner] of Object.entries(value)) visit(inner, `${key}.${child}`);
  };
  visit(messages, '');
  return out;
}

describe('the CLI catalogue', () => {
  const en = texts(CLI_MESSAGES.en);
  const fr = texts(CLI_MESSAGES.fr);

  it('has the same keys in English and French', () => {
    expect([...fr.keys()].sort()).toEqual([...en.keys()].sort());
  });

  it('is translated: a French sentence is not the English one', () => {
    const untranslated = [...en].filter(([key, text]) => /\s/.test(text) && fr.get(key) === text);
    expect(untranslated).toEqual([]);
  });

  it('follows French typography: a narrow no-break space before : ; ! ? and inside « »', () => {
    const wrong = [...fr].filter(([, text]) =>
      / [:;!?](\s|$)|« | »/.test(text.replace(/https?:\/\/\S+/g, ''))
    );
    expect(wrong).toEqual([]);
  });
});

/*
 * A sentence written straight into a CLI module would reach users in English only. Every string literal
 * of the CLI's code outside the catalogue is read with the TypeScript parser; one that reads like words
 * (two words separated by a space) fails this test, unless it is markup of a report format.
 */
describe('CLI modules outside the catalogue', () => {
  const FORMAT_MARKUP = [/^\s*<[?/]?[a-z-]+[\s>]/, /^https:\/\/docs\.oasis-open\.org\//];
  const files = readdirSync(CLI_DIR).filter((file) => file.endsWith('.ts') && file !== 'messages.ts');

  it.each(files)('%s writes no user-visible sentence of its own', (file) => {
    const source = ts.createSourceFile(
      file,
      readFileSync(join(CLI_DIR, file), 'utf8'),
      ts.ScriptTarget.ES2022
    );
    const sentences: string[] = [];
    const visit = (node: ts.Node) => {
      if (ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) return;
      const pieces: string[] = [];
      if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) pieces.push(node.text);
      if (ts.isTemplateExpression(node))
        pieces.push(node.head.text, ...node.templateSpans.map((span) => span.literal.text));
      for (const piece of pieces)
        if (
          /[A-Za-zÀ-ÿ]{2,} [A-Za-zÀ-ÿ]{2,}/.test(piece) &&
          !FORMAT_MARKUP.some((allowed) => allowed.test(piece))
        )
          sentences.push(piece);
      ts.forEachChild(node, visit);
    };
    visit(source);
    expect(sentences).toEqual([]);
  });
});
