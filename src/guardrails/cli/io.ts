import { readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';

export type EntryKind = 'file' | 'directory';

/**
 * What the checker needs from the outside world. Tests pass their own; the optional members default to
 * the real file system, so a caller that only reads files (the policy export test) passes three.
 */
export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  readFile: (path: string) => string;
  writeFile?: (path: string, text: string) => void;
  /** undefined when nothing is there. */
  kindOf?: (path: string) => EntryKind | undefined;
  list?: (directory: string) => Array<{ name: string; kind: EntryKind | undefined }>;
  cwd?: () => string;
}

export type FullIo = Required<CliIo>;

function kindOf(path: string): EntryKind | undefined {
  try {
    const stat = statSync(path);
    if (stat.isDirectory()) return 'directory';
    return stat.isFile() ? 'file' : undefined;
  } catch {
    return undefined;
  }
}

function list(directory: string): Array<{ name: string; kind: EntryKind | undefined }> {
  return readdirSync(directory, { withFileTypes: true }).map((entry) => ({
    name: entry.name,
    // A symbolic link is followed once, as a shell glob would; a dangling one is skipped.
    kind: entry.isDirectory()
      ? 'directory'
      : entry.isFile()
        ? 'file'
        : entry.isSymbolicLink()
          ? kindOf(`${directory}/${entry.name}`)
          : undefined
  }));
}

export const processIo: FullIo = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  readFile: (path) => readFileSync(path, 'utf8'),
  writeFile: (path, text) => writeFileSync(path, text, 'utf8'),
  kindOf,
  list,
  cwd: () => process.cwd()
};

export function withDefaults(io: CliIo): FullIo {
  return {
    stdout: io.stdout,
    stderr: io.stderr,
    readFile: io.readFile,
    writeFile: io.writeFile ?? processIo.writeFile,
    kindOf: io.kindOf ?? processIo.kindOf,
    list: io.list ?? processIo.list,
    cwd: io.cwd ?? processIo.cwd
  };
}
