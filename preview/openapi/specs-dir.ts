import fs from 'node:fs';
import path from 'node:path';

/**
 * Where Atlassian's OpenAPI documents and the ADF schema are read from: TANDEM_SPECS_DIR when set,
 * else `shared/specs` beside the repository (the team's ground truth) when it is there, else the
 * unmodified copies committed in preview/openapi/specs/ — so a clone anywhere runs the OpenAPI
 * tests. test/openapi/specs.test.ts checks the copies against the sha256 sums of SOURCES.md and,
 * when shared/specs is present, against it byte for byte.
 */
export const VENDORED_SPECS = path.resolve(__dirname, 'specs');
export const SHARED_SPECS = path.resolve(__dirname, '../../../shared/specs');

export function specsDir(): string {
  if (process.env.TANDEM_SPECS_DIR) return path.resolve(process.env.TANDEM_SPECS_DIR);
  if (fs.existsSync(path.join(SHARED_SPECS, 'jira-platform-v3.openapi.json'))) return SHARED_SPECS;
  return VENDORED_SPECS;
}
