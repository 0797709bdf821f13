import { parse } from 'parse5';
import { evaluateDefinition, type Evaluation } from './evaluate';
import { importParsedHtml, type HtmlImport } from './html-import';
import type { PageDefinition } from './definition';
import type { Policy } from './policy';

/**
 * A page's HTML to a definition: parse5 parses, html-import.ts reads the tree. The parser lives
 * here, apart from the reading, so a Forge function can load parse5 on demand (the issue panel
 * does: `import('parse5')`) while the reading stays in its main bundle.
 */
export function importHtml(html: string): HtmlImport {
  return importParsedHtml(parse(html));
}

export function evaluateHtml(
  html: string,
  policy: Policy
): { definition: PageDefinition; evaluation: Evaluation } {
  const imported = importHtml(html);
  return {
    definition: imported.definition,
    evaluation: evaluateDefinition(imported.definition, policy, imported.findings)
  };
}
