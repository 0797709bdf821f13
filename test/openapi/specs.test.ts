import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { SHARED_SPECS, VENDORED_SPECS, specsDir } from '../../preview/openapi/specs-dir';

/**
 * The committed copies of Atlassian's OpenAPI documents and the ADF schema are the unmodified
 * files SOURCES.md lists (same sha256), and the same as shared/specs whenever that is beside the
 * repository — so the contract tests check the same ground truth wherever the clone is.
 */

const sha256 = (file: string) => createHash('sha256').update(fs.readFileSync(file)).digest('hex');

/** file name → sha256, from the table of SOURCES.md. */
function listedSums(): Map<string, string> {
  const text = fs.readFileSync(path.join(VENDORED_SPECS, 'SOURCES.md'), 'utf8');
  const sums = new Map<string, string>();
  for (const match of text.matchAll(/^\| ([a-z0-9.-]+\.json) \|.*\| ([0-9a-f]{64}) \|$/gm))
    sums.set(match[1] ?? '', match[2] ?? '');
  return sums;
}

describe('OpenAPI documents', () => {
  it('the committed copies are the files SOURCES.md lists, unmodified', () => {
    const sums = listedSums();
    expect([...sums.keys()].sort()).toEqual(
      fs
        .readdirSync(VENDORED_SPECS)
        .filter((name) => name.endsWith('.json'))
        .sort()
    );
    for (const [name, sum] of sums)
      expect([name, sha256(path.join(VENDORED_SPECS, name))]).toEqual([name, sum]);
  });

  const shared = fs.existsSync(path.join(SHARED_SPECS, 'jira-platform-v3.openapi.json'));
  (shared ? it : it.skip)('match shared/specs byte for byte when it is beside the repository', () => {
    for (const name of fs.readdirSync(SHARED_SPECS))
      expect([name, sha256(path.join(VENDORED_SPECS, name))]).toEqual([
        name,
        sha256(path.join(SHARED_SPECS, name))
      ]);
  });

  it('are read from shared/specs when present, else from the committed copies', () => {
    if (process.env.TANDEM_SPECS_DIR) expect(specsDir()).toBe(path.resolve(process.env.TANDEM_SPECS_DIR));
    else expect(specsDir()).toBe(shared ? SHARED_SPECS : VENDORED_SPECS);
  });
});
