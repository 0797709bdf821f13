import { AsyncLocalStorage } from 'node:async_hooks';
import { PlatformError } from './errors';

/**
 * One deadline per invocation. Forge stops a resolver after 25 s; a call that retries with
 * back-off must give up before that and answer, instead of being killed mid-write with no answer
 * at all. The deadline rides along the async calls of the invocation (AsyncLocalStorage), so the
 * HTTP wrapper reads it without every signature in between passing it on.
 */

/** A resolver's deadline: 20 s of Forge's 25, leaving time to answer and log. */
export const RESOLVER_DEADLINE_MS = 20_000;

const deadlines = new AsyncLocalStorage<number>();

/** Epoch milliseconds by which the current invocation must have answered, if it has a deadline. */
export function currentDeadline(): number | undefined {
  return deadlines.getStore();
}

export function deadlineError(ms: number): PlatformError {
  return new PlatformError(
    'timeout',
    `No answer within ${Math.round(ms / 100) / 10} s: Jira or storage is too slow right now, try again in a moment`
  );
}

/**
 * Runs `run` with a deadline `ms` from now: calls inside stop retrying before it, and if `run`
 * has still not settled then, the invocation answers with a timeout (work still in flight is
 * abandoned; writes go through transactions, so none is left half done).
 */
export async function runWithDeadline<T>(
  ms: number,
  run: () => Promise<T>,
  now: () => number = Date.now
): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const expired = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(deadlineError(ms)), ms);
  });
  try {
    return await deadlines.run(now() + ms, () => Promise.race([run(), expired]));
  } finally {
    clearTimeout(timer);
  }
}
