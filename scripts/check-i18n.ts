/**
 * The i18n check (issue #10), run by test/static/i18n-check.test.ts in the jest run and usable
 * alone: `tsx scripts/check-i18n.ts` (exit 1 on any problem). It reads source with the
 * TypeScript compiler API, so it sees what a reviewer would:
 *   1. every message catalogue under static/common/messages/ pairs an English object `fooEn`
 *      with a French `fooFr` holding exactly the same keys (a key in one language only fails);
 *   2. no user-visible string in a surface (static/**\/*.tsx) bypasses the catalogue: JSX text,
 *      and string literals given to attributes people read or hear (aria-label, title,
 *      placeholder, alt, label, …) must come from t(). Only non-language tokens pass: numbers,
 *      punctuation, symbols and product names.
 */
import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

export const REPO_ROOT = path.resolve(__dirname, '..');
const STATIC = path.join(REPO_ROOT, 'static');
const CATALOGUES = path.join(STATIC, 'common', 'messages');

/** Attributes (and component props) whose text a person reads or a screen reader speaks. */
const USER_FACING_ATTRIBUTES = new Set([
  'aria-label',
  'aria-description',
  'aria-placeholder',
  'aria-roledescription',
  'aria-valuetext',
  'title',
  'placeholder',
  'alt',
  'label',
  'heading',
  'message',
  'description'
]);

/** Words that are the same in every language: product and format names. */
const PRODUCT_NAMES = ['Tandem', 'JQL', 'Jira', 'Confluence', 'Atlassian', 'JSON', 'CSV', 'HTML', 'SARIF'];

/** True when the text carries no words of a language (numbers, punctuation, product names, a URL scheme). */
export function isLanguageFree(text: string): boolean {
  let rest = text.replace(/\b[a-z][a-z0-9+.-]*:\/\/\S*/gi, ' ');
  for (const name of PRODUCT_NAMES) rest = rest.split(name).join(' ');
  return !/\p{L}/u.test(rest);
}

export interface I18nProblem {
  file: string;
  line: number;
  message: string;
}

function sources(dir: string, ext: RegExp): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    if (entry.name === 'build' || entry.name === 'node_modules') return [];
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sources(full, ext);
    return ext.test(entry.name) ? [full] : [];
  });
}

function parse(file: string): ts.SourceFile {
  const kind = file.endsWith('.tsx') ? ts.ScriptKind.TSX : ts.ScriptKind.TS;
  return ts.createSourceFile(file, fs.readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true, kind);
}

function lineOf(source: ts.SourceFile, node: ts.Node): number {
  return source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1;
}

function propertyName(name: ts.PropertyName): string | undefined {
  if (ts.isStringLiteral(name) || ts.isIdentifier(name) || ts.isNumericLiteral(name)) return name.text;
  return undefined;
}

/** The top-level `const xxxEn = {…}` / `const xxxFr = {…}` objects of a catalogue file and their keys. */
function catalogueObjects(source: ts.SourceFile): Map<string, { keys: Map<string, number> }> {
  const out = new Map<string, { keys: Map<string, number> }>();
  for (const statement of source.statements) {
    if (!ts.isVariableStatement(statement)) continue;
    for (const decl of statement.declarationList.declarations) {
      if (!ts.isIdentifier(decl.name) || !decl.initializer) continue;
      let init: ts.Expression = decl.initializer;
      while (ts.isAsExpression(init) || ts.isSatisfiesExpression(init) || ts.isParenthesizedExpression(init))
        init = init.expression;
      if (!ts.isObjectLiteralExpression(init)) continue;
      const keys = new Map<string, number>();
      for (const prop of init.properties) {
        if (!ts.isPropertyAssignment(prop)) continue;
        const name = propertyName(prop.name);
        if (name !== undefined) keys.set(name, lineOf(source, prop));
      }
      out.set(decl.name.text, { keys });
    }
  }
  return out;
}

/** Rule 1: every English catalogue has a French twin with the same keys, and the reverse. */
export function checkCatalogues(dir = CATALOGUES): I18nProblem[] {
  const problems: I18nProblem[] = [];
  for (const file of sources(dir, /\.ts$/)) {
    const source = parse(file);
    const objects = catalogueObjects(source);
    const rel = path.relative(REPO_ROOT, file);
    for (const [name, { keys }] of objects) {
      const lang = /(En|Fr)$/.exec(name)?.[1];
      if (lang === undefined) continue;
      const twinName = name.slice(0, -2) + (lang === 'En' ? 'Fr' : 'En');
      const twin = objects.get(twinName);
      if (!twin) {
        problems.push({ file: rel, line: 1, message: `${name} has no ${twinName} beside it` });
        continue;
      }
      const language = lang === 'En' ? 'English' : 'French';
      for (const [key, line] of keys) {
        if (!twin.keys.has(key))
          problems.push({ file: rel, line, message: `"${key}" exists in ${language} only (${name})` });
      }
    }
  }
  return problems;
}

function attributeName(attr: ts.JsxAttribute): string {
  return attr.name.getText();
}

/** The literal text an attribute value or expression holds directly, if any. */
function literalTexts(node: ts.Node): { node: ts.Node; text: string }[] {
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node))
    return [{ node, text: node.text }];
  if (ts.isTemplateExpression(node)) {
    const parts = [node.head.text, ...node.templateSpans.map((span) => span.literal.text)].join(' ');
    return [{ node, text: parts }];
  }
  if (ts.isJsxExpression(node) && node.expression) return literalTexts(node.expression);
  if (ts.isParenthesizedExpression(node)) return literalTexts(node.expression);
  if (ts.isConditionalExpression(node))
    return [...literalTexts(node.whenTrue), ...literalTexts(node.whenFalse)];
  if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.PlusToken)
    return [...literalTexts(node.left), ...literalTexts(node.right)];
  if (
    ts.isBinaryExpression(node) &&
    (node.operatorToken.kind === ts.SyntaxKind.BarBarToken ||
      node.operatorToken.kind === ts.SyntaxKind.QuestionQuestionToken ||
      node.operatorToken.kind === ts.SyntaxKind.AmpersandAmpersandToken)
  )
    return literalTexts(node.right);
  return [];
}

/** Rule 2 for one file's source text. */
export function checkSurfaceSource(fileName: string, text: string): I18nProblem[] {
  const source = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TSX);
  const problems: I18nProblem[] = [];
  const report = (node: ts.Node, what: string, value: string) =>
    problems.push({
      file: fileName,
      line: lineOf(source, node),
      message: `${what} "${value.trim().replace(/\s+/g, ' ')}" bypasses the message catalogue (use t())`
    });
  const visit = (node: ts.Node): void => {
    if (ts.isJsxText(node)) {
      if (!isLanguageFree(node.text)) report(node, 'JSX text', node.text);
    } else if (ts.isJsxExpression(node) && node.expression && ts.isJsxElement(node.parent)) {
      // {'Some text'} as a child is JSX text too.
      for (const { node: lit, text: value } of literalTexts(node.expression))
        if (!isLanguageFree(value)) report(lit, 'JSX text', value);
    } else if (ts.isJsxAttribute(node) && node.initializer) {
      const name = attributeName(node);
      if (USER_FACING_ATTRIBUTES.has(name)) {
        for (const { node: lit, text: value } of literalTexts(node.initializer))
          if (!isLanguageFree(value)) report(lit, `${name}=`, value);
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return problems;
}

export function checkSurfaces(dir = STATIC): I18nProblem[] {
  return sources(dir, /\.tsx$/).flatMap((file) =>
    checkSurfaceSource(path.relative(REPO_ROOT, file), fs.readFileSync(file, 'utf8'))
  );
}

export function checkI18n(): I18nProblem[] {
  return [...checkCatalogues(), ...checkSurfaces()];
}

if (require.main === module) {
  const problems = checkI18n();
  for (const p of problems) console.log(`${p.file}:${p.line}  ${p.message}`);
  console.log(problems.length === 0 ? 'i18n check: ok' : `i18n check: ${problems.length} problem(s)`);
  process.exitCode = problems.length === 0 ? 0 : 1;
}
