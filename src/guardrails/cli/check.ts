import { extname } from 'node:path';
import {
  DEFAULT_POLICY,
  HtmlImportError,
  describeIssues,
  evaluateDefinition,
  importHtml,
  parseDefinition,
  parsePolicy,
  type Evaluation,
  type Finding,
  type Policy
} from '../domain';
import { InputError, fsReason } from './errors';
import type { FullIo } from './io';
import { jsonLocator } from './locate-json';
import { htmlLocator } from './locate-html';
import type { Locator, Position } from './locate';

export interface LocatedFinding {
  finding: Finding;
  position: Position;
}

export type PageResult =
  | { path: string; ok: true; evaluation: Evaluation; findings: LocatedFinding[] }
  | { path: string; ok: false; error: InputError };

function readInput(path: string, io: FullIo): string {
  try {
    return io.readFile(path).replace(/^\uFEFF/, '');
  } catch (error) {
    throw new InputError((m) => m.cannotRead(path, fsReason(error, m)));
  }
}

function parseJson(text: string, path: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    const message = (error as Error).message;
    const position = /position (\d+)/.exec(message);
    if (position?.[1] !== undefined) {
      const offset = Number(position[1]);
      const before = text.slice(0, offset);
      const line = before.split('\n').length;
      const column = offset - before.lastIndexOf('\n');
      throw new InputError((m) => m.invalidJsonAt(path, line, column, message));
    }
    throw new InputError((m) => m.invalidJson(path, message));
  }
}

export function loadPolicy(path: string | undefined, io: FullIo): Policy {
  if (path === undefined) return DEFAULT_POLICY;
  const parsed = parsePolicy(parseJson(readInput(path, io), path));
  if (!parsed.ok) {
    const detail = describeIssues(parsed.issues);
    throw new InputError((m) => m.invalidPolicy(path, detail));
  }
  return parsed.value;
}

function looksLikeHtml(path: string, text: string): boolean {
  const extension = extname(path).toLowerCase();
  if (extension === '.html' || extension === '.htm') return true;
  if (extension === '.json') return false;
  const first = text.trimStart()[0];
  if (first === '{' || first === '[') return false;
  if (first === '<') return true;
  throw new InputError((m) => m.notAPage(path));
}

function evaluatePage(
  path: string,
  text: string,
  policy: Policy
): { evaluation: Evaluation; locate: Locator } {
  if (looksLikeHtml(path, text)) {
    try {
      const imported = importHtml(text);
      return {
        evaluation: evaluateDefinition(imported.definition, policy, imported.findings),
        locate: htmlLocator(text, imported.definition)
      };
    } catch (error) {
      if (error instanceof HtmlImportError) {
        const detail = error.message;
        throw new InputError((m) => m.htmlNotImported(path, detail));
      }
      throw error;
    }
  }
  const document = parseJson(text, path);
  const parsed = parseDefinition(document);
  if (!parsed.ok) {
    const detail = describeIssues(parsed.issues);
    throw new InputError((m) => m.invalidDefinition(path, detail));
  }
  return { evaluation: evaluateDefinition(parsed.value, policy), locate: jsonLocator(text, document) };
}

/**
 * Checks one page. Input problems come back as a result, not an exception, so that one broken page
 * among a thousand does not hide the report on the others; anything else is a bug and propagates.
 */
export function checkPage(path: string, policy: Policy, io: FullIo): PageResult {
  try {
    const { evaluation, locate } = evaluatePage(path, readInput(path, io), policy);
    // A page-level finding (legal basis, minors…) points at the form that raised the page to its tier.
    const decisiveForm = evaluation.forms.find((form) => form.tier === evaluation.tier)?.form;
    const findings = evaluation.findings.map((finding) => ({
      finding,
      position: locate(finding, decisiveForm)
    }));
    return { path, ok: true, evaluation, findings };
  } catch (error) {
    if (error instanceof InputError) return { path, ok: false, error };
    throw error;
  }
}
