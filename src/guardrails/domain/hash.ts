import { createHash } from 'node:crypto';

/**
 * JSON with object keys sorted at every depth, so two definitions that differ only in key order hash
 * alike. Array order is kept: the order of fields on a form is part of what was approved.
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') {
    // undefined, functions and symbols have no JSON form; JSON.stringify would return undefined.
    const text = JSON.stringify(value);
    return text === undefined ? 'null' : text;
  }
  if (Array.isArray(value)) {
    return `[${value.map((item) => canonicalJson(item === undefined ? null : item)).join(',')}]`;
  }
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record)
    .filter((key) => record[key] !== undefined)
    .sort();
  return `{${keys.map((key) => `${JSON.stringify(key)}:${canonicalJson(record[key])}`).join(',')}}`;
}

export function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/** The hash an approval binds to: the definition alone; the policy version is recorded beside it. */
export function definitionHash(definition: unknown): string {
  return sha256Hex(canonicalJson(definition));
}

/** Hash of definition and policy version together, as written in the audit trail. */
export function bindingHash(definition: unknown, policyVersion: string): string {
  return sha256Hex(canonicalJson({ definition, policyVersion }));
}
