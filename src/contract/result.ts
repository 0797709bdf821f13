/**
 * The one result shape every resolver answers with. Errors carry a stable code the UI
 * translates, the English message for logs and developers, and the payload field at fault.
 */
export const ERROR_CODES = [
  'FORBIDDEN',
  // The site's licence is not in force (src/platform/licence.ts): nothing was read or written.
  'UNLICENSED',
  'INVALID_INPUT',
  'NOT_FOUND',
  'CONFLICT',
  'RATE_LIMITED',
  'UPSTREAM',
  'INTERNAL'
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

export interface ResolverError {
  code: ErrorCode;
  message: string;
  field?: string;
}

export type Result<T> = { ok: true; data: T } | { ok: false; error: ResolverError };

export const ok = <T>(data: T): Result<T> => ({ ok: true, data });
