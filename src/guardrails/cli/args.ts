import type { Lang } from '../domain';
import { InputError } from './errors';

export const FORMATS = ['text', 'json', 'sarif', 'junit'] as const;
export type Format = (typeof FORMATS)[number];

export interface Options {
  paths: string[];
  policyFile: string | undefined;
  format: Format;
  output: string | undefined;
  lang: Lang;
}

function isLang(value: string): value is Lang {
  return value === 'en' || value === 'fr';
}

function isFormat(value: string): value is Format {
  return (FORMATS as ReadonlyArray<string>).includes(value);
}

/**
 * The language asked for, read before the rest so that an error in another argument is already
 * reported in that language. Falls back to English when --lang is absent or invalid.
 */
export function langOf(argv: ReadonlyArray<string>): Lang {
  let lang: Lang = 'en';
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    const value = arg.startsWith('--lang=')
      ? arg.slice('--lang='.length)
      : arg === '--lang'
        ? argv[i + 1]
        : undefined;
    if (value !== undefined && isLang(value)) lang = value;
  }
  return lang;
}

export function parseArgs(argv: ReadonlyArray<string>): Options | 'help' {
  const paths: string[] = [];
  let policyFile: string | undefined;
  let format: Format = 'text';
  let output: string | undefined;
  let lang: Lang = 'en';
  let onlyPaths = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    if (onlyPaths || !arg.startsWith('-') || arg === '-') {
      paths.push(arg);
      continue;
    }
    const eq = arg.startsWith('--') ? arg.indexOf('=') : -1;
    const flag = eq === -1 ? arg : arg.slice(0, eq);
    const inlineValue = eq === -1 ? undefined : arg.slice(eq + 1);
    const value = (): string => {
      const next = inlineValue ?? argv[++i];
      if (next === undefined || next === '') throw new InputError((m) => m.needsValue(flag));
      return next;
    };
    switch (flag) {
      case '--':
        // Everything after `--` is a path, even one that starts with a dash.
        onlyPaths = true;
        break;
      case '--help':
      case '-h':
        return 'help';
      case '--json':
        format = 'json';
        break;
      case '--format': {
        const chosen = value();
        if (!isFormat(chosen)) throw new InputError((m) => m.badFormat(chosen));
        format = chosen;
        break;
      }
      case '--output':
        output = value();
        break;
      case '--policy':
        policyFile = value();
        break;
      case '--lang': {
        const chosen = value();
        if (!isLang(chosen)) throw new InputError((m) => m.badLang(chosen));
        lang = chosen;
        break;
      }
      default:
        throw new InputError((m) => m.unknownOption(arg), true);
    }
  }
  if (paths.length === 0) throw new InputError((m) => m.pathMissing, true);
  return { paths, policyFile, format, output, lang };
}
