import fs from 'node:fs';
import path from 'node:path';
import Ajv, { type ValidateFunction } from 'ajv';
import { specsDir } from './specs-dir';

/**
 * Atlassian Document Format, checked against Atlassian's own JSON Schema (`adf-full.json`,
 * from @atlaskit/adf-schema, in the specs directory). The schema declares draft-04 but uses no
 * keyword whose meaning changed since (no boolean exclusiveMinimum, no `id` scopes), so Ajv 8
 * compiles it once the `$schema` marker is removed; `strict: false` tolerates its annotations.
 */
let validator: ValidateFunction | undefined;

function compile(): ValidateFunction {
  if (validator) return validator;
  const schema = JSON.parse(fs.readFileSync(path.join(specsDir(), 'adf-full.json'), 'utf8')) as Record<
    string,
    unknown
  >;
  delete schema.$schema;
  const ajv = new Ajv({ allErrors: true, strict: false });
  validator = ajv.compile(schema);
  return validator;
}

/** The schema's complaints about `doc` (instance path and message), or [] when it is valid ADF. */
export function adfErrors(doc: unknown): string[] {
  const validate = compile();
  if (validate(doc)) return [];
  // anyOf branches each report; keep one line per distinct complaint.
  const lines = (validate.errors ?? []).map(
    (e) =>
      `${e.instancePath || '/'} ${e.message ?? 'is invalid'}${e.params && 'allowedValues' in e.params ? ` (${(e.params.allowedValues as unknown[]).join(', ')})` : ''}`
  );
  return [...new Set(lines)];
}
