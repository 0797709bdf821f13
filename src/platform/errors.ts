import type { ErrorCode, ResolverError } from '../contract/result';

/**
 * A failure talking to Jira, Confluence, storage or queues, classified so callers decide without
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

/**
 * A business outcome, not a failure: the request was understood and the platform answered, but
 * the rules or the current state say no (invalid input, not allowed, a stale save or a decision
 * someone else made first). Use cases throw these; `PlatformError` is kept for Jira, storage or
 * queues failing. The UI sees the same Result codes for both (docs/architecture.md rule 4).
 */
export abstract class UseCaseError extends Error {
  abstract readonly code: Exclude<ErrorCode, 'UPSTREAM' | 'RATE_LIMITED' | 'INTERNAL'>;
}

/** A payload or stored record that fails its schema; `field` is the dotted path at fault. */
export class InvalidInputError extends UseCaseError {
  readonly code = 'INVALID_INPUT';
  constructor(
    message: string,
    readonly field?: string
  ) {
    super(message);
    this.name = 'InvalidInputError';
  }
}

export class ForbiddenError extends UseCaseError {
  readonly code = 'FORBIDDEN';
  constructor(message: string) {
    super(message);
    this.name = 'ForbiddenError';
  }
}

/**
 * The state moved on since the caller read it: a save based on an older version, a decision
 * another approver recorded at the same moment. The caller reloads; nothing was written.
 */
export class ConflictError extends UseCaseError {
  readonly code = 'CONFLICT';
  constructor(message: string) {
    super(message);
    this.name = 'ConflictError';
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
  if (error instanceof UseCaseError) return { code: error.code, message: error.message };
  if (error instanceof PlatformError) return { code: KIND_TO_CODE[error.kind], message: error.message };
  return { code: 'INTERNAL', message: 'Unexpected error' };
}
