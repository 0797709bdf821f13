import { BENIGN_KINDS, BENIGN_PHRASES, GROUPS, type TextRule } from './word-tables';

export interface CompiledRule extends TextRule {
  /** Position in priority order: benign phrases first, then T4 down to T0 as listed. */
  order: number;
  benign: boolean;
  /** A benign phrase that only hides its words from the other rules: it never decides the kind. */
  neutral: boolean;
}

/*
 * Speed (QUALITY.md: ≥ 50,000 form evaluations/s). Running every rule's regex over every label costs
 * tens of microseconds, because a big alternation is tried alternative by alternative at each position.
 * Since a match always starts at a word start, the rules are compiled once into one sticky regex per
 * first character, holding only the alternatives that can start with that character. A label is then
 * read word by word with one small regex per word. The rule sources in word-tables.ts stay the single source of truth.
 */
type CharSet = Set<string> | 'any';

function splitTopLevel(source: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let inClass = false;
  let current = '';
  for (let i = 0; i < source.length; i++) {
    const c = source[i] ?? '';
    if (c === '\\') {
      current += c + (source[i + 1] ?? '');
      i++;
      continue;
    }
    if (inClass) inClass = c !== ']';
    else if (c === '[') inClass = true;
    else if (c === '(') depth++;
    else if (c === ')') depth--;
    else if (c === '|' && depth === 0) {
      parts.push(current);
      current = '';
      continue;
    }
    current += c;
  }
  parts.push(current);
  return parts;
}

function closingParen(source: string, open: number): number {
  let depth = 0;
  let inClass = false;
  for (let i = open; i < source.length; i++) {
    const c = source[i];
    if (c === '\\') {
      i++;
      continue;
    }
    if (inClass) inClass = c !== ']';
    else if (c === '[') inClass = true;
    else if (c === '(') depth++;
    else if (c === ')' && --depth === 0) return i;
  }
  throw new Error(`unbalanced pattern: ${source}`);
}

function union(a: CharSet, b: CharSet): CharSet {
  if (a === 'any' || b === 'any') return 'any';
  return new Set([...a, ...b]);
}

/** The characters a match of `source` can start with ('any' when the pattern is too loose to say). */
function firstChars(source: string): CharSet {
  let result: CharSet = new Set();
  let i = 0;
  while (i < source.length) {
    const c = source[i] ?? '';
    let atom: CharSet;
    let next: number;
    if (c === '\\') {
      const escaped = source[i + 1] ?? '';
      if (escaped === 'b') {
        i += 2;
        continue;
      }
      atom = escaped === 'd' ? new Set('0123456789') : 'any';
      next = i + 2;
    } else if (c === '(') {
      const close = closingParen(source, i);
      const inner = source.slice(i + 1, close);
      if (inner.startsWith('?!') || inner.startsWith('?=') || inner.startsWith('?<')) {
        i = close + 1;
        continue;
      }
      const body = inner.startsWith('?:') ? inner.slice(2) : inner;
      atom = splitTopLevel(body).map(firstChars).reduce<CharSet>(union, new Set());
      next = close + 1;
    } else if (c === '[') {
      const close = source.indexOf(']', i);
      const body = source.slice(i + 1, close);
      const chars = new Set<string>();
      for (let k = 0; k < body.length; k++) {
        if (body[k + 1] === '-' && body[k + 2] !== undefined) {
          for (let code = body.charCodeAt(k); code <= body.charCodeAt(k + 2); code++)
            chars.add(String.fromCharCode(code));
          k += 2;
        } else chars.add(body[k] ?? '');
      }
      atom = chars;
      next = close + 1;
    } else {
      atom = new Set([c]);
      next = i + 1;
    }
    const quantifier = source[next];
    result = union(result, atom);
    if (quantifier === '?' || quantifier === '*') {
      i = next + 1;
      continue;
    }
    return result;
  }
  // The whole pattern can match the empty string: it starts with whatever follows, so anything.
  return 'any';
}

export interface CharRegex {
  regex: RegExp;
  /** Capture index of each rule's wrapping group, and the rule it stands for. */
  captureIndices: number[];
  ruleIndices: number[];
}

export interface WordStartIndex {
  byChar: Map<string, CharRegex>;
  any: CharRegex | null;
  rules: CompiledRule[];
}

/**
 * Capturing groups in a pattern: every "(" outside a character class except "(?:", "(?=", "(?!",
 * "(?<=" and "(?<!" ("(?<name>" captures). Read from the source because asking a RegExp (exec on
 * '') compiles each pattern, which was most of the module's load time (cold start of every
 * function that classifies).
 */
function captureCount(source: string): number {
  let count = 0;
  let inClass = false;
  for (let i = 0; i < source.length; i++) {
    const c = source[i];
    if (c === '\\') i++;
    else if (inClass) inClass = c !== ']';
    else if (c === '[') inClass = true;
    else if (c === '(') {
      const lookbehind = source[i + 2] === '<' && (source[i + 3] === '=' || source[i + 3] === '!');
      if (source[i + 1] !== '?' || (source[i + 2] === '<' && !lookbehind)) count++;
    }
  }
  return count;
}

function charRegex(parts: ReadonlyArray<readonly [ruleIndex: number, source: string]>): CharRegex {
  const captureIndices: number[] = [];
  const ruleIndices: number[] = [];
  let next = 1;
  for (const [ruleIndex, source] of parts) {
    captureIndices.push(next);
    ruleIndices.push(ruleIndex);
    next += 1 + captureCount(source);
  }
  const regex = new RegExp(`(?:^| )(?:${parts.map(([, source]) => `(${source})`).join('|')})`, 'y');
  return { regex, captureIndices, ruleIndices };
}

function compileRules(): WordStartIndex {
  const rules: CompiledRule[] = [];
  const sources: string[] = [];
  for (const [token, source] of BENIGN_PHRASES) {
    const kind = BENIGN_KINDS[token];
    if (kind === undefined) throw new Error(`benign phrase ${token} has no kind`);
    rules.push({
      kind: kind === 'neutral' ? 'technical' : kind,
      pattern: new RegExp(`(?:^| )\\b(?:${source})\\b`),
      indirect: false,
      order: rules.length,
      benign: true,
      neutral: kind === 'neutral'
    });
    sources.push(`\\b(${source})\\b`);
  }
  for (const specs of GROUPS) {
    for (const [kind, source, indirect] of specs) {
      rules.push({
        kind,
        pattern: new RegExp(`(?:^| )(?:${source})`),
        indirect: indirect === 'indirect',
        order: rules.length,
        benign: false,
        neutral: false
      });
      sources.push(source);
    }
  }
  const perChar = new Map<string, Array<[number, string]>>();
  const anyStart: Array<[number, string]> = [];
  sources.forEach((source, index) => {
    // Every rule is "\b(alternatives)suffix": split the alternatives, keep the suffix on each part.
    if (!source.startsWith('\\b(')) throw new Error(`rule ${index} must start with \\b(`);
    const close = closingParen(source, 2);
    const suffix = source.slice(close + 1);
    const byChar = new Map<string, string[]>();
    for (const alternative of splitTopLevel(source.slice(3, close))) {
      const chars = firstChars(alternative);
      if (chars === 'any') {
        anyStart.push([index, `\\b(?:${alternative})${suffix}`]);
        continue;
      }
      for (const c of chars) {
        const list = byChar.get(c);
        if (list === undefined) byChar.set(c, [alternative]);
        else list.push(alternative);
      }
    }
    for (const [c, alternatives] of byChar) {
      const part: [number, string] = [index, `\\b(?:${alternatives.join('|')})${suffix}`];
      const list = perChar.get(c);
      if (list === undefined) perChar.set(c, [part]);
      else list.push(part);
    }
  });
  const byChar = new Map<string, CharRegex>();
  for (const [c, parts] of perChar) byChar.set(c, charRegex(parts));
  return { byChar, any: anyStart.length === 0 ? null : charRegex(anyStart), rules };
}

let compiled: WordStartIndex | undefined;

/**
 * The index, compiled on first use rather than at module load: compiling takes 50–150 ms, which a
 * function that never classifies (a transition on another issue type, a page not yet described,
 * a lifecycle event) should not pay on its cold start. A warm function compiles it once.
 */
export function wordStartIndex(): WordStartIndex {
  compiled ??= compileRules();
  return compiled;
}

export function matchedRule(compiled: CharRegex, match: RegExpExecArray): CompiledRule | undefined {
  const { captureIndices, ruleIndices } = compiled;
  for (let k = 0; k < captureIndices.length; k++) {
    if (match[captureIndices[k] ?? 0] !== undefined) return wordStartIndex().rules[ruleIndices[k] ?? 0];
  }
  return undefined;
}
