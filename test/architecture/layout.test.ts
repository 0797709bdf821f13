/**
 * The layout rules of docs/architecture.md that a file-by-file lint cannot see (rule 9): no
 * import cycle in src/, and proof that the static/ boundary lint rule refuses a bad import.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

const ROOT = path.resolve(__dirname, '../..');
const SRC = path.join(ROOT, 'src');

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return /\.tsx?$/.test(entry.name) && !entry.name.endsWith('.d.ts') ? [full] : [];
  });
}

/** Relative imports and re-exports of a file that exist at run time (`import type` is erased). */
function runtimeImports(file: string): string[] {
  const source = ts.createSourceFile(file, fs.readFileSync(file, 'utf8'), ts.ScriptTarget.ES2022, false);
  const targets: string[] = [];
  for (const statement of source.statements) {
    let spec: ts.Expression | undefined;
    if (ts.isImportDeclaration(statement)) {
      const clause = statement.importClause;
      const typeOnly =
        clause?.isTypeOnly === true ||
        (clause !== undefined &&
          clause.name === undefined &&
          clause.namedBindings !== undefined &&
          ts.isNamedImports(clause.namedBindings) &&
          clause.namedBindings.elements.length > 0 &&
          clause.namedBindings.elements.every((e) => e.isTypeOnly));
      if (!typeOnly) spec = statement.moduleSpecifier;
    } else if (ts.isExportDeclaration(statement) && !statement.isTypeOnly) {
      spec = statement.moduleSpecifier;
    }
    if (!spec || !ts.isStringLiteral(spec) || !spec.text.startsWith('.')) continue;
    const base = path.resolve(path.dirname(file), spec.text);
    const resolved = [`${base}.ts`, `${base}.tsx`, path.join(base, 'index.ts')].find((c) => fs.existsSync(c));
    if (resolved) targets.push(resolved);
  }
  return targets;
}

/** Every cycle found by a depth-first walk, each as the chain of files that closes it. */
function cycles(files: string[]): string[][] {
  const graph = new Map(files.map((f) => [f, runtimeImports(f)]));
  const found: string[][] = [];
  const done = new Set<string>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const visit = (file: string): void => {
    if (done.has(file)) return;
    if (onStack.has(file)) {
      found.push([...stack.slice(stack.indexOf(file)), file].map((f) => path.relative(ROOT, f)));
      return;
    }
    onStack.add(file);
    stack.push(file);
    for (const next of graph.get(file) ?? []) visit(next);
    stack.pop();
    onStack.delete(file);
    done.add(file);
  };
  for (const file of files) visit(file);
  return found;
}

describe('layout', () => {
  it('has no import cycle in src/', () => {
    const files = sourceFiles(SRC);
    expect(files.length).toBeGreaterThan(20);
    expect(cycles(files)).toEqual([]);
  });

  it('the cycle check sees a cycle when there is one', () => {
    const dir = fs.mkdtempSync(path.join(ROOT, 'test', 'architecture', '.cycle-'));
    try {
      fs.writeFileSync(path.join(dir, 'a.ts'), "import { b } from './b';\nexport const a = () => b;\n");
      fs.writeFileSync(path.join(dir, 'b.ts'), "import { a } from './a';\nexport const b = () => a;\n");
      fs.writeFileSync(path.join(dir, 'c.ts'), "import type { a } from './a';\nexport type C = typeof a;\n");
      const found = cycles(sourceFiles(dir));
      expect(found).toHaveLength(1);
      expect(found[0]?.map((f) => path.basename(f))).toEqual(['a.ts', 'b.ts', 'a.ts']);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('lint refuses static/ code that imports the platform or a domain index', () => {
    // A real file under a surface's src/ so static/tsconfig.json (and type-aware lint) covers it.
    const file = path.join(ROOT, 'static', 'issue-panel', 'src', `LayoutProbe${process.pid}.ts`);
    fs.writeFileSync(
      file,
      [
        "import { jiraAsUser } from '../../../src/platform/jira';",
        "import { importHtml } from '../../../src/guardrails/domain';",
        "import { evaluateDefinition } from '../../../src/guardrails/domain/evaluate';",
        "import { IssuePayloadSchema } from '@contract/guardrail-payloads';",
        "import type { IssuePayload } from '@contract/guardrail-payloads';",
        'export const probe = [jiraAsUser, importHtml, evaluateDefinition, IssuePayloadSchema];',
        'export type Probe = IssuePayload;',
        ''
      ].join('\n')
    );
    try {
      const out = spawnSync(
        process.execPath,
        [path.join(ROOT, 'node_modules', 'eslint', 'bin', 'eslint.js'), '--format', 'json', file],
        { cwd: ROOT, encoding: 'utf8' }
      );
      const [report] = JSON.parse(out.stdout) as { messages: { ruleId: string | null; line: number }[] }[];
      const refused = (report?.messages ?? []).filter(
        (m) => m.ruleId === '@typescript-eslint/no-restricted-imports'
      );
      // The platform, the domain index and a payload schema as a value are refused; a pure
      // domain module by name and a payload type are allowed.
      expect(refused.map((m) => m.line).sort()).toEqual([1, 2, 4]);
    } finally {
      fs.rmSync(file, { force: true });
    }
  }, 120_000);
});
