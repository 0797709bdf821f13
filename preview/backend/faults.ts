/**
 * Scripted failures for tests: a matching request gets the scripted status (and headers) instead of
 * the real answer, after an optional delay, or hangs until its AbortSignal fires.
 */
/** 'events' covers @forge/events queue calls (push, stats, cancel) answered by the runtime. */
export type FaultProduct = 'jira' | 'confluence' | 'kvs' | 'events';

export interface FaultRule {
  product?: FaultProduct;
  method?: string;
  pathPattern?: RegExp;
  /** Only requests made as the app (asApp) or as a user (asUser). */
  as?: 'app' | 'user';
  /** Status to answer with; omit with delayMs to only slow the real answer down. */
  status?: number;
  headers?: Record<string, string>;
  body?: unknown;
  /** How many matching requests to affect; unlimited when absent. */
  times?: number;
  delayMs?: number;
  /** Never answer; the request rejects only when its AbortSignal aborts. */
  hang?: true;
}

export interface FaultRequest {
  product: FaultProduct;
  method: string;
  path: string;
  as: 'app' | 'user';
}

interface ActiveRule extends FaultRule {
  id: number;
  hits: number;
}

export class Faults {
  private rules: ActiveRule[] = [];
  private seq = 0;
  /** Requests currently hanging, so tests can assert a timeout was really exercised. */
  hanging = 0;

  inject(rule: FaultRule): { remove: () => void; hits: () => number } {
    const active: ActiveRule = { ...rule, id: ++this.seq, hits: 0 };
    this.rules.push(active);
    return {
      remove: () => {
        this.rules = this.rules.filter((r) => r.id !== active.id);
      },
      hits: () => active.hits
    };
  }

  clear(): void {
    this.rules = [];
  }

  /** Finds and consumes the first rule matching the request. */
  take(req: FaultRequest): ActiveRule | undefined {
    const rule = this.rules.find(
      (r) =>
        (r.product === undefined || r.product === req.product) &&
        (r.method === undefined || r.method.toUpperCase() === req.method) &&
        (r.as === undefined || r.as === req.as) &&
        (r.pathPattern === undefined || r.pathPattern.test(req.path))
    );
    if (!rule) return undefined;
    rule.hits++;
    if (rule.times !== undefined && rule.hits >= rule.times)
      this.rules = this.rules.filter((r) => r !== rule);
    return rule;
  }
}

export function sleep(ms: number, signal?: AbortSignal | null): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(abortError(signal));
    const t = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = (): void => {
      clearTimeout(t);
      reject(abortError(signal));
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

export function abortError(signal?: AbortSignal | null): Error {
  const reason: unknown = signal?.reason;
  return reason instanceof Error ? reason : new DOMException('This operation was aborted', 'AbortError');
}
