/**
 * Static inventory of the product REST calls the app makes, read from src/ with the
 * TypeScript compiler API. Two call shapes are recognised:
 *
 *   A. the platform convention  `send('POST', route`/rest/api/3/issuetype`, ...)`
 *      (any callee; first argument a literal HTTP method, second a `route`-tagged template)
 *   B. Forge's own shape        `requestJira(route`/rest/api/3/...`, { method: 'POST', ... })`
 *      (callee named exactly requestJira / requestConfluence; the shape @forge/lint's
 *      permission linter reads; no options or no `method` means GET)
 *
 * Every `route` template in src/ must sit in one of those calls, so nothing escapes the scope
 * check. After the `?` of a template, a `${...}` must either follow `name=` (route escapes the
 * value) or be a URLSearchParams (route passes it through): a query string glued together from
 * raw input is reported. `assumeTrustedRoute` / `routeFromAbsolute` are reported anywhere.
 */
import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

export type Product = 'jira' | 'confluence';

export interface ProductCall {
  /** Path relative to the repository root. */
  file: string;
  line: number;
  method: string;
  product: Product;
  /** Path part of the template, each `${...}` replaced by `{pN}`; query removed. */
  path: string;
  /** The template as written, for messages. */
  template: string;
  shape: 'send' | 'requestProduct';
}

export interface ScanResult {
  calls: ProductCall[];
  /** Violations of the rules above, one line each (file:line: message). */
  problems: string[];
  filesScanned: number;
}

const HTTP_METHODS = new Set(['GET', 'POST', 'PUT', 'DELETE', 'PATCH']);
const PRODUCT_CALLEES: Record<string, Product> = { requestJira: 'jira', requestConfluence: 'confluence' };

export function listSourceFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string): void => {
    if (!fs.existsSync(d)) return;
    for (const entry of fs.readdirSync(d, { withFileTypes: true })) {
      const full = path.join(d, entry.name);
      if (entry.isDirectory()) {
        if (entry.name !== 'node_modules') walk(full);
      } else if (/\.(ts|tsx)$/.test(entry.name) && !entry.name.endsWith('.d.ts')) {
        out.push(full);
      }
    }
  };
  walk(dir);
  return out.sort();
}

function calleeName(expr: ts.Expression): string | undefined {
  if (ts.isIdentifier(expr)) return expr.text;
  if (ts.isPropertyAccessExpression(expr)) return expr.name.text;
  return undefined;
}

function isRouteTag(node: ts.Node): node is ts.TaggedTemplateExpression {
  return ts.isTaggedTemplateExpression(node) && calleeName(node.tag) === 'route';
}

function literalText(node: ts.Node | undefined): string | undefined {
  if (!node) return undefined;
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return node.text;
  return undefined;
}

function isUrlSearchParams(checker: ts.TypeChecker, expr: ts.Expression): boolean {
  const type = checker.getTypeAtLocation(expr);
  const name = type.getSymbol()?.getName() ?? checker.typeToString(type);
  return name === 'URLSearchParams';
}

/** Path with placeholders, plus query-string problems, for one route template. */
function analyseTemplate(
  checker: ts.TypeChecker,
  tagged: ts.TaggedTemplateExpression
): { path: string; problems: string[] } {
  const tpl = tagged.template;
  const problems: string[] = [];
  if (ts.isNoSubstitutionTemplateLiteral(tpl)) {
    return { path: tpl.text.split(/[?#]/)[0] ?? '', problems };
  }
  const parts: string[] = [tpl.head.text];
  const spans = tpl.templateSpans;
  let inQuery = /[?#]/.test(tpl.head.text);
  let pathText = inQuery ? (tpl.head.text.split(/[?#]/)[0] ?? '') : tpl.head.text;
  let previous = tpl.head.text;
  spans.forEach((span, i) => {
    if (!inQuery) {
      pathText += `{p${i + 1}}`;
    } else {
      const expr = span.expression;
      const afterEquals = /=$/.test(previous);
      const atParamStart = /[?&]$/.test(previous);
      if (!afterEquals && !(atParamStart && isUrlSearchParams(checker, expr))) {
        problems.push(
          `query string built from raw input at \`\${${expr.getText()}}\`: put values after \`name=\` (route escapes them) or pass a URLSearchParams`
        );
      }
    }
    const text = span.literal.text;
    parts.push(text);
    if (!inQuery && /[?#]/.test(text)) {
      pathText += text.split(/[?#]/)[0] ?? '';
      inQuery = true;
    } else if (!inQuery) {
      pathText += text;
    }
    previous = text;
  });
  return { path: pathText, problems };
}

export function scanProductCalls(repoRoot: string, srcDir = path.join(repoRoot, 'src')): ScanResult {
  const files = listSourceFiles(srcDir);
  const configPath = path.join(repoRoot, 'tsconfig.json');
  let options: ts.CompilerOptions = {
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.CommonJS,
    strict: true,
    skipLibCheck: true
  };
  if (fs.existsSync(configPath)) {
    const read = ts.readConfigFile(configPath, (p) => ts.sys.readFile(p));
    options = ts.parseJsonConfigFileContent(read.config, ts.sys, repoRoot).options;
  }
  const program = ts.createProgram(files, { ...options, noEmit: true });
  const checker = program.getTypeChecker();
  const calls: ProductCall[] = [];
  const problems: string[] = [];

  for (const file of files) {
    const sf = program.getSourceFile(file);
    if (!sf) continue;
    const rel = path.relative(repoRoot, file);
    const consumed = new Set<ts.Node>();
    const where = (node: ts.Node): string =>
      `${rel}:${sf.getLineAndCharacterOfPosition(node.getStart(sf)).line + 1}`;

    const visit = (node: ts.Node): void => {
      if (
        ts.isIdentifier(node) &&
        (node.text === 'assumeTrustedRoute' || node.text === 'routeFromAbsolute') &&
        !ts.isImportSpecifier(node.parent)
      ) {
        problems.push(
          `${where(node)}: ${node.text} bypasses route's escaping; build the path with the route tag`
        );
      }
      if (ts.isCallExpression(node)) {
        const [first, second] = node.arguments;
        const method = literalText(first)?.toUpperCase();
        const name = calleeName(node.expression);
        const product = name ? PRODUCT_CALLEES[name] : undefined;
        if (name && !product && /request(Jira|Confluence|Bitbucket)/.test(name)) {
          problems.push(
            `${where(node)}: a callee named '${name}' makes the Forge permission linter throw 'Unknown product'; name it exactly requestJira/requestConfluence or avoid that substring`
          );
        }
        if (method && HTTP_METHODS.has(method) && second && isRouteTag(second)) {
          consumed.add(second);
          const { path: p, problems: qp } = analyseTemplate(checker, second);
          qp.forEach((m) => problems.push(`${where(second)}: ${m}`));
          calls.push({
            file: rel,
            line: sf.getLineAndCharacterOfPosition(second.getStart(sf)).line + 1,
            method,
            product: p.startsWith('/wiki/') ? 'confluence' : 'jira',
            path: p,
            template: second.template.getText(sf),
            shape: 'send'
          });
        } else if (product && first && isRouteTag(first)) {
          consumed.add(first);
          let m = 'GET';
          if (second) {
            if (!ts.isObjectLiteralExpression(second)) {
              problems.push(
                `${where(first)}: ${name}(route, options): options must be an object literal with a literal method (the Forge permission linter cannot read it otherwise)`
              );
            } else {
              const prop = second.properties.find(
                (p): p is ts.PropertyAssignment =>
                  ts.isPropertyAssignment(p) && ts.isIdentifier(p.name) && p.name.text === 'method'
              );
              if (prop) {
                const lit = literalText(prop.initializer)?.toUpperCase();
                if (!lit || !HTTP_METHODS.has(lit)) {
                  problems.push(
                    `${where(first)}: ${name}(route, { method }) needs a literal method (the Forge permission linter assumes GET otherwise)`
                  );
                } else {
                  m = lit;
                }
              }
            }
          }
          const { path: p, problems: qp } = analyseTemplate(checker, first);
          qp.forEach((msg) => problems.push(`${where(first)}: ${msg}`));
          calls.push({
            file: rel,
            line: sf.getLineAndCharacterOfPosition(first.getStart(sf)).line + 1,
            method: m,
            product,
            path: p,
            template: first.template.getText(sf),
            shape: 'requestProduct'
          });
        }
      }
      if (isRouteTag(node) && !consumed.has(node)) {
        problems.push(
          `${where(node)}: route template ${node.template.getText(sf)} is not the argument of a recognised product call (send('METHOD', route\`...\`) or requestJira(route\`...\`, { method })), so the scope check cannot see it`
        );
      }
      ts.forEachChild(node, visit);
    };
    visit(sf);
  }
  return { calls, problems, filesScanned: files.length };
}
