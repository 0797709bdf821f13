import type { ErrorCode, ResolverError } from '../contract/result';

/**
 * A failure talking to Jira, Confluence or storage, classified so callers decide without
 * parsing messages: `retryable` says whether trying again later may succeed.
 */
export type PlatformErrorKind =
  | 'forbidden'
  | 'unauthorized'
  | 'not-found'
  | 'bad-request'
  | 'conflict'
  | 'rate-limited'
  | 'unavailable'
  | 'timeout'
  | 'upstream';

export class PlatformError extends Error {
  constructor(
    readonly kind: PlatformErrorKind,
    message: string,
    readonly details: {
      status?: number;
      method?: string;
      path?: string;
      retryAfterMs?: number;
      attempts?: number;
      jiraMessages?: string[];
    } = {}
  ) {
    super(message);
    this.name = 'PlatformError';
  }

  get retryable(): boolean {
    return this.kind === 'rate-limited' || this.kind === 'unavailable' || this.kind === 'timeout';
  }
}

/** A payload or stored record that fails its schema; `field` is the dotted path at fault. */
export class InvalidInputError extends Error {
  constructor(
    message: string,
    readonly field?: string
  ) {
    super(message);
    this.name = 'InvalidInputError';
  }
}

export class ForbiddenError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ForbiddenError';
  }
}

const KIND_TO_CODE: Record<PlatformErrorKind, ErrorCode> = {
  forbidden: 'FORBIDDEN',
  unauthorized: 'FORBIDDEN',
  'not-found': 'NOT_FOUND',
  'bad-request': 'UPSTREAM',
  conflict: 'CONFLICT',
  'rate-limited': 'RATE_LIMITED',
  unavailable: 'UPSTREAM',
  timeout: 'UPSTREAM',
  upstream: 'UPSTREAM'
};

/** Maps anything thrown inside a resolver to the typed error the UI understands. */
export function toResolverError(error: unknown): ResolverError {
  if (error instanceof InvalidInputError) {
    return { code: 'INVALID_INPUT', message: error.message, ...(error.field ? { field: error.field } : {}) };
  }
  if (error instanceof ForbiddenError) return { code: 'FORBIDDEN', message: error.message };
  if (error instanceof PlatformError) return { code: KIND_TO_CODE[error.kind], message: error.message };
  return { code: 'INTERNAL', message: 'Unexpected error' };
}
