import { readFileSync } from 'node:fs';
import { extname } from 'node:path';
import {
  DEFAULT_POLICY,
  HtmlImportError,
  TIER_NAMES,
  describeIssues,
  evaluateDefinition,
  importHtml,
  parseDefinition,
  parsePolicy,
  type Decision,
  type Evaluation,
  type Lang,
  type Policy
} from './domain';

export const EXIT = { go: 0, fix: 1, approval: 2, blocked: 3, usage: 64, internal: 70 } as const;

const DECISION_EXIT: Record<Decision, number> = {
  go: EXIT.go,
  fix: EXIT.fix,
  approval: EXIT.approval,
  blocked: EXIT.blocked
};

const USAGE = `Usage: tandem-check FILE [--policy POLICY.json] [--json] [--lang en|fr]

FILE is a page definition in JSON or an HTML page.
Exit codes: 0 go, 1 fix, 2 approval, 3 blocked, 64 unreadable or invalid input, 70 internal error.`;

export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  readFile: (path: string) => string;
}

const processIo: CliIo = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  readFile: (path) => readFileSync(path, 'utf8')
};

/** Invalid input, reported with exit code 64 and a message naming the problem. */
class InputError extends Error {}

interface Options {
  file: string;
  policyFile: string | undefined;
  json: boolean;
  lang: Lang;
}

function parseArgs(argv: ReadonlyArray<string>): Options | 'help' {
  let file: string | undefined;
  let policyFile: string | undefined;
  let json = false;
  let lang: Lang = 'en';
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    const [flag, inlineValue] =
      arg.startsWith('--') && arg.includes('=') ? arg.split('=', 2) : [arg, undefined];
    const value = (): string => {
      const next = inlineValue ?? argv[++i];
      if (next === undefined || next === '') throw new InputError(`${flag} needs a value`);
      return next;
    };
    switch (flag) {
      case '--help':
      case '-h':
        return 'help';
      case '--json':
        json = true;
        break;
      case '--policy':
        policyFile = value();
        break;
      case '--lang': {
        const chosen = value();
        if (chosen !== 'en' && chosen !== 'fr')
          throw new InputError(`--lang must be "en" or "fr", not "${chosen}"`);
        lang = chosen;
        break;
      }
      default:
        if (arg.startsWith('-') && arg !== '-') throw new InputError(`unknown option ${arg}`);
        if (file !== undefined)
          throw new InputError(`only one FILE can be checked at a time (got "${file}" and "${arg}")`);
        file = arg;
    }
  }
  if (file === undefined) throw new InputError('FILE is missing');
  return { file, policyFile, json, lang };
}

function readInput(path: string, io: CliIo): string {
  try {
    return io.readFile(path).replace(/^\uFEFF/, '');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason =
      code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory' : (code ?? String(error));
    throw new InputError(`cannot read ${path}: ${reason}`);
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
      throw new InputError(`${path}: invalid JSON at line ${line}, column ${column}: ${message}`);
    }
    throw new InputError(`${path}: invalid JSON: ${message}`);
  }
}

function loadPolicy(path: string | undefined, io: CliIo): Policy {
  if (path === undefined) return DEFAULT_POLICY;
  const parsed = parsePolicy(parseJson(readInput(path, io), path));
  if (!parsed.ok) throw new InputError(`${path}: invalid policy: ${describeIssues(parsed.issues)}`);
  return parsed.value;
}

function looksLikeHtml(path: string, text: string): boolean {
  const extension = extname(path).toLowerCase();
  if (extension === '.html' || extension === '.htm') return true;
  if (extension === '.json') return false;
  const first = text.trimStart()[0];
  if (first === '{' || first === '[') return false;
  if (first === '<') return true;
  throw new InputError(`${path}: neither a JSON definition nor an HTML page (use a .json or .html file)`);
}

function evaluateFile(path: string, policy: Policy, io: CliIo): Evaluation {
  const text = readInput(path, io);
  if (looksLikeHtml(path, text)) {
    try {
      const imported = importHtml(text);
      return evaluateDefinition(imported.definition, policy, imported.findings);
    } catch (error) {
      if (error instanceof HtmlImportError) throw new InputError(`${path}: ${error.message}`);
      throw error;
    }
  }
  const parsed = parseDefinition(parseJson(text, path));
  if (!parsed.ok) throw new InputError(`${path}: invalid definition: ${describeIssues(parsed.issues)}`);
  return evaluateDefinition(parsed.value, policy);
}

const WORDS = {
  en: {
    file: 'File',
    tier: 'Tier',
    decision: 'Decision',
    decisions: {
      go: 'GO — can go live',
      fix: 'FIX — fix the findings below',
      approval: 'APPROVAL — needs approval',
      blocked: 'BLOCKED — cannot go live'
    },
    approvers: 'Must approve',
    sla: 'within',
    findings: 'Findings',
    none: 'No findings.',
    policy: 'Policy',
    colon: ':',
    severities: { block: 'blocked', fix: 'fix', approval: 'approval', info: 'info' }
  },
  fr: {
    file: 'Fichier',
    tier: 'Niveau',
    decision: 'Décision',
    decisions: {
      go: 'GO — peut être publiée',
      fix: 'À CORRIGER — corrigez les points ci-dessous',
      approval: 'APPROBATION — doit être approuvée',
      blocked: 'BLOQUÉE — ne peut pas être publiée'
    },
    approvers: 'Doit approuver',
    sla: 'sous',
    findings: 'Constats',
    none: 'Aucun constat.',
    policy: 'Politique',
    colon: ' :',
    severities: { block: 'bloquant', fix: 'à corriger', approval: 'approbation', info: 'info' }
  }
} as const;

function humanReport(path: string, evaluation: Evaluation, lang: Lang): string {
  const words = WORDS[lang];
  const c = words.colon;
  const lines = [
    `${words.file}${c} ${path}`,
    `${words.policy}${c} ${evaluation.policyVersion}`,
    `${words.tier}${c} ${evaluation.tier} (${TIER_NAMES[evaluation.tier][lang]})`,
    `${words.decision}${c} ${words.decisions[evaluation.decision]}`
  ];
  for (const approval of evaluation.approvals) {
    const sla = approval.slaHours === null ? '' : `, ${words.sla} ${approval.slaHours} h`;
    lines.push(`${words.approvers}${c} ${approval.group}${sla} — ${approval.reason[lang]}`);
  }
  if (evaluation.findings.length === 0) {
    lines.push(words.none);
  } else {
    lines.push(`${words.findings} (${evaluation.findings.length})${c}`);
    for (const finding of evaluation.findings) {
      const where = [finding.form, finding.field].filter((part) => part !== undefined).join(' / ');
      lines.push(
        `  [${words.severities[finding.severity]}] ${finding.code}${where === '' ? '' : ` (${where})`}`
      );
      lines.push(`      ${finding.message[lang]}`);
    }
  }
  return `${lines.join('\n')}\n`;
}

function jsonReport(evaluation: Evaluation, lang: Lang): string {
  const report = {
    tier: evaluation.tier,
    decision: evaluation.decision,
    findings: evaluation.findings.map((finding) =>
      finding.field === undefined
        ? { code: finding.code, message: finding.message[lang] }
        : { code: finding.code, field: finding.field, message: finding.message[lang] }
    )
  };
  return `${JSON.stringify(report, null, 2)}\n`;
}

export function main(argv: ReadonlyArray<string>, io: CliIo = processIo): number {
  try {
    const options = parseArgs(argv);
    if (options === 'help') {
      io.stdout(`${USAGE}\n`);
      return EXIT.go;
    }
    const policy = loadPolicy(options.policyFile, io);
    const evaluation = evaluateFile(options.file, policy, io);
    io.stdout(
      options.json
        ? jsonReport(evaluation, options.lang)
        : humanReport(options.file, evaluation, options.lang)
    );
    return DECISION_EXIT[evaluation.decision];
  } catch (error) {
    if (error instanceof InputError) {
      io.stderr(
        `tandem-check: ${error.message}\n${error.message.includes('FILE is missing') || error.message.startsWith('unknown option') ? `${USAGE}\n` : ''}`
      );
      return EXIT.usage;
    }
    io.stderr(
      `tandem-check: internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`
    );
    return EXIT.internal;
  }
}

if (require.main === module) {
  process.exitCode = main(process.argv.slice(2));
}
