import type { Route } from '@forge/api';
import { currentDeadline } from './deadline';
import { PlatformError, type PlatformErrorKind } from './errors';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'DELETE';

/** The part of a fetch-style response we read; `@forge/api`'s APIResponse satisfies it. */
export interface ProductResponse {
  ok: boolean;
  status: number;
  headers: { get: (name: string) => string | null };
  text: () => Promise<string>;
}

/** The seam with the product: `api.asUser().requestJira` and friends have this shape. */
export type ProductRequester = (
  path: Route,
  init?: { method?: string; headers?: Record<string, string>; body?: string; signal?: AbortSignal }
) => Promise<ProductResponse>;

export interface RetryPolicy {
  /** Total attempts, the first included. */
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /** A Retry-After longer than this is not waited for: the caller gets a rate-limited error to reschedule. */
  maxRetryAfterMs: number;
  /** Per attempt. Resolvers have 25 s in all, so a single call must not eat it. */
  timeoutMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  maxAttempts: 4,
  baseDelayMs: 300,
  maxDelayMs: 4000,
  maxRetryAfterMs: 8000,
  timeoutMs: 10000
};

export interface HttpDeps {
  sleep: (ms: number) => Promise<void>;
  random: () => number;
  now: () => number;
}

export const realHttpDeps: HttpDeps = {
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  random: Math.random,
  now: Date.now
};

export interface SendOptions {
  body?: unknown;
  /**
   * Whether sending twice is harmless. GET/PUT/DELETE are; a POST that only reads (search)
   * may say so. A non-idempotent POST is retried only when Jira refused it outright (429, or
   * 503 with Retry-After), never after a timeout or an ambiguous 5xx.
   */
  idempotent?: boolean;
  /** Statuses that are an answer, not an error (e.g. 404 on a lookup). */
  acceptStatuses?: number[];
}

export interface HttpResult {
  status: number;
  body: unknown;
}

/** Parses Retry-After as delta-seconds or an HTTP date. */
export function parseRetryAfter(header: string | null, now: number): number | undefined {
  if (!header) return undefined;
  const trimmed = header.trim();
  if (/^[0-9]+(\.[0-9]+)?$/.test(trimmed)) return Math.round(Number(trimmed) * 1000);
  const date = Date.parse(trimmed);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

function kindForStatus(status: number): PlatformErrorKind {
  if (status === 401) return 'unauthorized';
  if (status === 403) return 'forbidden';
  if (status === 404) return 'not-found';
  if (status === 409) return 'conflict';
  if (status === 429) return 'rate-limited';
  if (status === 503 || status === 502 || status === 504) return 'unavailable';
  if (status >= 400 && status < 500) return 'bad-request';
  return 'upstream';
}

async function readBody(response: ProductResponse): Promise<unknown> {
  const text = await response.text();
  if (!text) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

function jiraMessages(body: unknown): string[] {
  if (!body || typeof body !== 'object') return [];
  const record = body as { errorMessages?: unknown; errors?: unknown; message?: unknown };
  const messages: string[] = [];
  if (Array.isArray(record.errorMessages)) messages.push(...record.errorMessages.map(String));
  if (record.errors && typeof record.errors === 'object') {
    for (const [field, message] of Object.entries(record.errors as Record<string, unknown>)) {
      messages.push(`${field}: ${String(message)}`);
    }
  }
  if (typeof record.message === 'string') messages.push(record.message);
  return messages;
}

class AttemptTimeout extends Error {}

async function withTimeout(
  run: (signal: AbortSignal) => Promise<ProductResponse>,
  timeoutMs: number
): Promise<ProductResponse> {
  const controller = new AbortController();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      // Settle the race as a timeout before the abort makes the request itself reject.
      reject(new AttemptTimeout());
      controller.abort();
    }, timeoutMs);
  });
  try {
    return await Promise.race([run(controller.signal), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * The one HTTP wrapper every product call goes through: honours Retry-After, backs off
 * exponentially with full jitter, caps attempts, and classifies the final failure. Within an
 * invocation's deadline (deadline.ts) an attempt never outlives it and no back-off sleeps past it:
 * the caller gets the failure at once, while it can still answer.
 */
export async function send(
  requester: ProductRequester,
  method: HttpMethod,
  path: Route,
  options: SendOptions = {},
  policy: RetryPolicy = DEFAULT_RETRY_POLICY,
  deps: HttpDeps = realHttpDeps
): Promise<HttpResult> {
  const idempotent = options.idempotent ?? method !== 'POST';
  const headers: Record<string, string> = { Accept: 'application/json' };
  let body: string | undefined;
  if (options.body !== undefined) {
    headers['Content-Type'] = 'application/json';
    body = JSON.stringify(options.body);
  }
  const where = { method, path: path.value.split('?')[0] };
  let lastError: PlatformError | undefined;
  const deadline = currentDeadline();
  const remainingMs = () => (deadline === undefined ? Infinity : deadline - deps.now());
  /** Waits before the next attempt, unless the wait would end past the deadline: then fails now. */
  const pause = async (ms: number, error: PlatformError): Promise<void> => {
    if (ms >= remainingMs()) throw pastDeadline(error);
    await deps.sleep(ms);
  };

  for (let attempt = 1; attempt <= policy.maxAttempts; attempt++) {
    const attemptMs = Math.min(policy.timeoutMs, remainingMs());
    if (attemptMs <= 0) {
      throw pastDeadline(
        lastError ?? new PlatformError('timeout', `${method} ${where.path} not sent`, where)
      );
    }
    let response: ProductResponse;
    try {
      response = await withTimeout(
        (signal) => requester(path, { method, headers, ...(body !== undefined ? { body } : {}), signal }),
        attemptMs
      );
    } catch (error) {
      const timedOut = error instanceof AttemptTimeout;
      lastError = new PlatformError(
        timedOut ? 'timeout' : 'upstream',
        timedOut
          ? `${method} ${where.path} timed out after ${attemptMs} ms`
          : `${method} ${where.path} failed: ${error instanceof Error ? error.message : String(error)}`,
        { ...where, attempts: attempt }
      );
      // After a timeout or a dropped connection we cannot know whether a POST landed.
      if (!idempotent) throw lastError;
      if (attempt < policy.maxAttempts) await pause(backoff(attempt, policy, deps), lastError);
      continue;
    }

    if (response.ok || options.acceptStatuses?.includes(response.status)) {
      return { status: response.status, body: await readBody(response) };
    }

    const responseBody = await readBody(response);
    const retryAfterMs = parseRetryAfter(response.headers.get('Retry-After'), deps.now());
    const kind = kindForStatus(response.status);
    const messages = jiraMessages(responseBody);
    lastError = new PlatformError(
      kind,
      `${method} ${where.path} answered ${response.status}${messages.length ? `: ${messages.join('; ')}` : ''}`,
      {
        ...where,
        status: response.status,
        attempts: attempt,
        jiraMessages: messages,
        ...(retryAfterMs !== undefined ? { retryAfterMs } : {})
      }
    );

    // 429 (and 503 with Retry-After) mean Jira did not process the request: safe for any method.
    const refusedOutright =
      response.status === 429 || (response.status === 503 && retryAfterMs !== undefined);
    const transient = refusedOutright || (idempotent && kind === 'unavailable');
    if (!transient || attempt === policy.maxAttempts) throw lastError;
    if (retryAfterMs !== undefined && retryAfterMs > policy.maxRetryAfterMs) throw lastError;

    const wait =
      retryAfterMs !== undefined
        ? retryAfterMs + Math.floor(deps.random() * policy.baseDelayMs)
        : backoff(attempt, policy, deps);
    await pause(wait, lastError);
  }
  throw lastError ?? new PlatformError('upstream', `${method} ${where.path} failed`, where);
}

/**
 * The last failure, as what ends the call: a refusal stays RATE_LIMITED (trying later helps);
 * anything else becomes a timeout, since the deadline is why no further attempt is made.
 */
function pastDeadline(last: PlatformError): PlatformError {
  return new PlatformError(
    last.kind === 'rate-limited' ? 'rate-limited' : 'timeout',
    `${last.message} (no further attempt: the call's deadline would pass)`,
    last.details
  );
}

/** Full jitter: uniform in [0, min(max, base * 2^(attempt-1))]. */
function backoff(attempt: number, policy: RetryPolicy, deps: HttpDeps): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
  return Math.floor(deps.random() * ceiling);
}
