import type { Finding } from '../domain';
import {
  PAGE_START,
  declarationOf,
  moduleMatches,
  resourceMatches,
  type Locator,
  type Position
} from './locate';

/**
 * The position of every value of a JSON document, keyed by its path in the notation schema errors use
 * (`forms[0].fields[1]`, `''` for the root). An object member is positioned at its key, where a reader's
 * eye lands. The text has already been accepted by JSON.parse, so this scanner only walks it.
 */
export function jsonPositions(text: string): Map<string, Position> {
  const positions = new Map<string, Position>();
  let i = 0;
  let line = 1;
  let lineStart = 0;
  const here = (): Position => ({ line, column: i - lineStart + 1 });

  const skipSpace = () => {
    while (i < text.length) {
      const char = text[i];
      if (char === '\n') {
        line++;
        lineStart = i + 1;
      } else if (char !== ' ' && char !== '\t' && char !== '\r') {
        return;
      }
      i++;
    }
  };
  const readString = (): string => {
    const start = i + 1;
    i++;
    while (i < text.length && text[i] !== '"') i += text[i] === '\\' ? 2 : 1;
    const raw = text.slice(start, i);
    i++;
    return JSON.parse(`"${raw}"`) as string;
  };
  const child = (path: string, key: string | number) =>
    typeof key === 'number' ? `${path}[${key}]` : path === '' ? key : `${path}.${key}`;

  const value = (path: string, at: Position | undefined) => {
    skipSpace();
    if (!positions.has(path)) positions.set(path, at ?? here());
    const char = text[i];
    if (char === '{') {
      i++;
      skipSpace();
      if (text[i] === '}') {
        i++;
        return;
      }
      for (;;) {
        skipSpace();
        const keyAt = here();
        const key = readString();
        skipSpace();
        i++; // ':'
        value(child(path, key), keyAt);
        skipSpace();
        if (text[i++] === '}') return;
      }
    }
    if (char === '[') {
      i++;
      skipSpace();
      if (text[i] === ']') {
        i++;
        return;
      }
      for (let index = 0; ; index++) {
        value(child(path, index), undefined);
        skipSpace();
        if (text[i++] === ']') return;
      }
    }
    if (char === '"') {
      readString();
      return;
    }
    while (i < text.length && !/[\s,\]}]/.test(text[i] ?? '')) i++;
  };
  value('', undefined);
  return positions;
}

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function arrayAt(value: unknown, key: string): Json[] {
  const items = isObject(value) ? value[key] : undefined;
  return Array.isArray(items) ? items.map((item) => (isObject(item) ? item : {})) : [];
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

/** Locates findings in a JSON definition at the line of the JSON path they are about. */
export function jsonLocator(source: string, document: unknown): Locator {
  const positions = jsonPositions(source);
  const at = (path: string) => positions.get(path);
  const pageStart = at('') ?? PAGE_START;
  const forms = arrayAt(document, 'forms');
  const formIndex = (id: string | undefined) =>
    id === undefined ? -1 : forms.findIndex((form) => form.id === id);

  const inForm = (subject: string, i: number): string | undefined => {
    const form = forms[i];
    const field = arrayAt(form, 'fields').findIndex((item) => item.name === subject);
    if (field !== -1) return `forms[${i}].fields[${field}]`;
    const consent = arrayAt(form, 'consents').findIndex((item) => item.id === subject);
    if (consent !== -1) return `forms[${i}].consents[${consent}]`;
    return form !== undefined && subject in form ? `forms[${i}].${subject}` : undefined;
  };

  const bySubject = (subject: string, i: number): string | undefined => {
    if (i !== -1) {
      const path = inForm(subject, i);
      if (path !== undefined) return path;
    }
    for (let other = 0; other < forms.length; other++) {
      const path = other === i ? undefined : inForm(subject, other);
      if (path !== undefined) return path;
    }
    const module = arrayAt(document, 'modules').findIndex((item) =>
      moduleMatches(subject, text(item.id) ?? '', text(item.version) ?? '')
    );
    if (module !== -1) return `modules[${module}]`;
    for (const key of ['scripts', 'embeds']) {
      const resource = arrayAt(document, key).findIndex((item) =>
        resourceMatches(subject, text(item.url), text(item.inline))
      );
      if (resource !== -1) return `${key}[${resource}]`;
    }
    return undefined;
  };

  return (finding: Finding, fallbackForm: string | undefined): Position => {
    const i = formIndex(finding.form ?? fallbackForm);
    if (finding.field !== undefined) {
      const path = bySubject(finding.field, formIndex(finding.form));
      const position = path === undefined ? undefined : at(path);
      if (position !== undefined) return position;
    }
    const declaration = declarationOf(finding.code);
    if (declaration !== undefined) {
      const position = (i === -1 ? undefined : at(`forms[${i}].${declaration.key}`)) ?? at(declaration.key);
      if (position !== undefined) return position;
    }
    return (i === -1 ? undefined : at(`forms[${i}]`)) ?? pageStart;
  };
}
