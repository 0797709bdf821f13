/**
 * The glob subset CI configurations use: `*`, `?`, `**`, `[abc]` / `[!abc]` and `{a,b}`. Written here
 * because Node 22's fs.glob does not exist on Node 20, which the package supports.
 * Paths are matched with `/` separators whatever the platform.
 */

const MAGIC = /[*?[{]/;

export function hasMagic(pattern: string): boolean {
  return MAGIC.test(pattern);
}

const REGEXP_SPECIAL = /[\\^$.*+?()[\]{}|/]/g;

function escape(text: string): string {
  return text.replace(REGEXP_SPECIAL, '\\$&');
}

export function globToRegExp(pattern: string): RegExp {
  let out = '';
  let braceDepth = 0;
  for (let i = 0; i < pattern.length; i++) {
    const char = pattern[i] ?? '';
    if (char === '*') {
      if (pattern[i + 1] === '*') {
        const atSegmentStart = i === 0 || pattern[i - 1] === '/';
        const next = pattern[i + 2];
        if (atSegmentStart && next === '/') {
          // `**/` matches zero or more whole directories.
          out += '(?:[^/]+/)*';
          i += 2;
          continue;
        }
        if (atSegmentStart && next === undefined) {
          out += '.*';
          i += 1;
          continue;
        }
      }
      out += '[^/]*';
    } else if (char === '?') {
      out += '[^/]';
    } else if (char === '[') {
      const close = pattern.indexOf(']', i + 2);
      if (close === -1) {
        out += '\\[';
        continue;
      }
      let body = pattern.slice(i + 1, close);
      const negated = body.startsWith('!') || body.startsWith('^');
      if (negated) body = body.slice(1);
      out += `[${negated ? '^/' : ''}${body.replace(/[\\\]^]/g, '\\$&')}]`;
      i = close;
    } else if (char === '{') {
      braceDepth++;
      out += '(?:';
    } else if (char === '}' && braceDepth > 0) {
      braceDepth--;
      out += ')';
    } else if (char === ',' && braceDepth > 0) {
      out += '|';
    } else {
      out += escape(char);
    }
  }
  // An unbalanced `{` is taken literally by shells; close the groups so the pattern still compiles.
  out += ')'.repeat(braceDepth);
  return new RegExp(`^${out}$`);
}

/**
 * Splits a pattern into the directory to walk (the leading segments without magic) and the rest, which
 * is matched against paths relative to that directory.
 */
export function splitPattern(pattern: string): { base: string; rest: string } {
  const normalised = pattern.replace(/\\/g, '/');
  const segments = normalised.split('/');
  const baseSegments: string[] = [];
  for (const segment of segments) {
    if (hasMagic(segment)) break;
    baseSegments.push(segment);
  }
  const rest = segments.slice(baseSegments.length).join('/');
  let base = baseSegments.join('/');
  if (base === '' && normalised.startsWith('/')) base = '/';
  return { base: base === '' ? '.' : base, rest };
}
