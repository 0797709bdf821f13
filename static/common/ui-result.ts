/**
 * What a resolver call gives a surface: the contract's Result, plus NETWORK for a call that never
 * got an answer. Free of @forge/bridge so the mapping runs (and is tested) under plain Node.
 */
import { ERROR_CODES, type ErrorCode } from '@contract/result';

/** The server's codes plus NETWORK, which only the client produces (the call never got an answer). */
export type UiErrorCode = ErrorCode | 'NETWORK';

export interface UiError {
  code: UiErrorCode;
  message: string;
  field?: string;
}

export type UiResult<T> = { ok: true; data: T } | { ok: false; error: UiError };

const SERVER_CODES: ReadonlySet<string> = new Set<string>(ERROR_CODES);

const isServerCode = (code: unknown): code is ErrorCode => typeof code === 'string' && SERVER_CODES.has(code);

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

/**
 * Checks the envelope only: the data inside is the resolver's, typed by the contract.
 * Anything that is not a Result (an old backend, a thrown error serialised by the
 * platform) becomes INTERNAL rather than a crash further down.
 */
export function toResult<T>(answer: unknown): UiResult<T> {
  if (isRecord(answer) && answer.ok === true && 'data' in answer) {
    return { ok: true, data: answer.data as T };
  }
  if (isRecord(answer) && answer.ok === false && isRecord(answer.error)) {
    const { code, message, field } = answer.error;
    return {
      ok: false,
      error: {
        code: isServerCode(code) ? code : 'INTERNAL',
        message: typeof message === 'string' ? message : 'Unexpected error',
        ...(typeof field === 'string' ? { field } : {})
      }
    };
  }
  return { ok: false, error: { code: 'INTERNAL', message: 'The resolver did not answer a Result' } };
}

/** A bridge failure (offline, the bridge's own rate limit) as an error result instead of a rejection. */
export function networkError(err: unknown): UiResult<never> {
  return { ok: false, error: { code: 'NETWORK', message: err instanceof Error ? err.message : String(err) } };
}
