import { extname, join, relative, resolve, sep } from 'node:path';
import { InputError } from './errors';
import { globToRegExp, hasMagic, splitPattern } from './glob';
import type { FullIo } from './io';

const PAGE_EXTENSIONS = new Set(['.html', '.htm', '.json']);

export function isPageFile(name: string): boolean {
  return PAGE_EXTENSIONS.has(extname(name).toLowerCase());
}

/** Dependencies and hidden entries (.git, .cache…) are never pages of the site being built. */
function skipped(name: string): boolean {
  return name.startsWith('.') || name === 'node_modules';
}

function walk(directory: string, io: FullIo, out: string[]): void {
  const entries = io.list(directory).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    if (skipped(entry.name)) continue;
    const path = join(directory, entry.name);
    if (entry.kind === 'directory') walk(path, io, out);
    else if (entry.kind === 'file' && isPageFile(entry.name)) out.push(path);
  }
}

function expandGlob(pattern: string, io: FullIo): string[] {
  const { base, rest } = splitPattern(pattern);
  if (io.kindOf(base) !== 'directory') return [];
  const matcher = globToRegExp(rest);
  const candidates: string[] = [];
  walk(base, io, candidates);
  return candidates.filter((path) => matcher.test(relative(base, path).split(sep).join('/')));
}

export interface Discovery {
  files: string[];
  /** One file named on its own: the report keeps the single-page shape of earlier versions. */
  single: boolean;
}

/**
 * Turns the PATH arguments into the list of pages, in a stable order. A path that exists is taken
 * literally (a file named `[slug].html` is not a pattern); otherwise a path with glob characters is a
 * pattern. A missing file, an empty directory or a pattern matching nothing is a usage error: in CI it is
 * almost always a wrong path, and passing silently would let the pages through unchecked.
 */
export function discoverPages(
  paths: ReadonlyArray<string>,
  io: FullIo,
  exclude: string | undefined
): Discovery {
  const seen = new Set<string>();
  const files: string[] = [];
  const excluded = exclude === undefined ? undefined : resolve(io.cwd(), exclude);
  const notExcluded = (path: string) => resolve(io.cwd(), path) !== excluded;
  const add = (path: string) => {
    const key = resolve(io.cwd(), path);
    if (seen.has(key)) return;
    seen.add(key);
    files.push(path);
  };
  for (const path of paths) {
    const kind = io.kindOf(path);
    if (kind === 'file') {
      add(path);
    } else if (kind === 'directory') {
      const found: string[] = [];
      walk(path, io, found);
      // The policy file often sits beside the pages; it is the policy, not a page.
      const pages = found.filter(notExcluded);
      if (pages.length === 0) throw new InputError((m) => m.noPagesIn(path));
      pages.forEach(add);
    } else if (hasMagic(path)) {
      const found = expandGlob(path, io).filter(notExcluded);
      if (found.length === 0) throw new InputError((m) => m.globMatchesNothing(path));
      found.forEach(add);
    } else {
      throw new InputError((m) => m.cannotRead(path, m.noSuchFile));
    }
  }
  const single = paths.length === 1 && io.kindOf(paths[0] ?? '') === 'file';
  return { files, single };
}
