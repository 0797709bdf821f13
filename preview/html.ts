/** Everything the preview adds to a page lives under this path. */
export const PREVIEW_PREFIX = '/__tandem_preview__';

/**
 * Server-side HTML of the preview's host pages. Every value from seed data goes through esc():
 * project names, summaries and page bodies are user data (the XSS browser test seeds payloads).
 */

export function esc(value: unknown): string {
  const text =
    typeof value === 'string' ? value : value === undefined || value === null ? '' : JSON.stringify(value);
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

/** JSON for a <script type="application/json"> data block: no "</script>" or "<!--" can close it. */
export function jsonBlock(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

/** Raw HTML fragment marker, so templates can nest without double escaping. */
export class Html {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

/** Tagged template: interpolated values are escaped unless they are Html (or arrays of Html). */
export function html(strings: TemplateStringsArray, ...values: unknown[]): Html {
  let out = strings[0] ?? '';
  values.forEach((v, i) => {
    out += render(v) + (strings[i + 1] ?? '');
  });
  return new Html(out);
}

function render(v: unknown): string {
  if (v instanceof Html) return v.value;
  if (Array.isArray(v)) return v.map(render).join('');
  if (v === undefined || v === null || v === false) return '';
  return esc(v);
}

type AdfNode = { type?: unknown; text?: unknown; content?: unknown; attrs?: unknown; marks?: unknown };

/** A small ADF → HTML renderer for seeded Confluence pages and issue descriptions (text only). */
export function adfToHtml(doc: unknown): Html {
  const walk = (node: unknown): string => {
    if (typeof node !== 'object' || node === null) return '';
    const n = node as AdfNode;
    const children = Array.isArray(n.content) ? n.content.map(walk).join('') : '';
    switch (n.type) {
      case 'doc':
        return children;
      case 'paragraph':
        return `<p>${children}</p>`;
      case 'heading': {
        const level =
          typeof (n.attrs as { level?: unknown } | undefined)?.level === 'number'
            ? (n.attrs as { level: number }).level
            : 2;
        const h = Math.min(6, Math.max(2, level + 1));
        return `<h${h}>${children}</h${h}>`;
      }
      case 'bulletList':
        return `<ul>${children}</ul>`;
      case 'orderedList':
        return `<ol>${children}</ol>`;
      case 'listItem':
        return `<li>${children}</li>`;
      case 'text':
        return esc(n.text);
      case 'hardBreak':
        return '<br>';
      default:
        return children;
    }
  };
  return new Html(walk(doc));
}

/** Injects the preview bridge before anything else in <head>; the build on disk is untouched. */
export function injectBridge(page: string): string {
  const tag = `<script src="${PREVIEW_PREFIX}/bridge.js"></script>`;
  const head = /<head(\s[^>]*)?>/i.exec(page);
  if (head) return page.slice(0, head.index + head[0].length) + tag + page.slice(head.index + head[0].length);
  return tag + page;
}
