import { readFileSync } from 'node:fs';
import { join } from 'node:path';

function packageVersion(): string {
  try {
    const manifest = JSON.parse(readFileSync(join(__dirname, '..', '..', '..', 'package.json'), 'utf8')) as {
      version?: unknown;
    };
    return typeof manifest.version === 'string' ? manifest.version : '0.0.0';
  } catch {
    // The version only labels reports; a checker run from an unusual layout still checks.
    return '0.0.0';
  }
}

/** The package's version, which SARIF and JUnit reports name as the tool's. */
export const TOOL_VERSION = packageVersion();
