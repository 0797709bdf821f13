import type { CliMessages } from './messages';

/**
 * Invalid input, reported with exit code 64. It carries a renderer rather than a sentence because the
 * language is known only once every argument has been read.
 */
export class InputError extends Error {
  constructor(
    readonly render: (messages: CliMessages) => string,
    /** Whether the usage text helps (a missing PATH, an unknown option). */
    readonly showUsage = false
  ) {
    super();
    this.name = 'InputError';
  }
}

/** The reason a file could not be read or written, in words, from Node's error code. */
export function fsReason(error: unknown, messages: CliMessages): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'ENOENT') return messages.noSuchFile;
  if (code === 'EISDIR') return messages.isDirectory;
  return code ?? String(error);
}
