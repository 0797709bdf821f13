import { route } from '@forge/api';
import { PlatformError } from '../../src/platform/errors';
import {
  DEFAULT_RETRY_POLICY,
  parseRetryAfter,
  send,
  type HttpDeps,
  type ProductRequester,
  type ProductResponse
} from '../../src/platform/http';
import { runWithDeadline } from '../../src/platform/deadline';

type Scripted = { status: number; headers?: Record<string, string>; body?: unknown } | 'hang' | 'drop';

function scripted(script: Scripted[]): {
  requester: ProductRequester;
  calls: { method?: string; body?: string }[];
} {
  const calls: { method?: string; body?: string }[] = [];
  const requester: ProductRequester = (_path, init) => {
    calls.push({
      ...(init?.method ? { method: init.method } : {}),
      ...(init?.body ? { body: init.body } : {})
    });
    const step = script[Math.min(calls.length - 1, script.length - 1)]!;
    if (step === 'hang') {
      return new Promise((_resolve, reject) => {
        init?.signal?.addEventListener('abort', () => reject(new Error('aborted')));
      });
    }
    if (step === 'drop') return Promise.reject(new Error('socket hang up'));
    const headers = new Map(Object.entries(step.headers ?? {}).map(([k, v]) => [k.toLowerCase(), v]));
    const response: ProductResponse = {
      ok: step.status >= 200 && step.status < 300,
      status: step.status,
      headers: { get: (name) => headers.get(name.toLowerCase()) ?? null },
      text: () => Promise.resolve(step.body === undefined ? '' : JSON.stringify(step.body))
    };
    return Promise.resolve(response);
  };
  return { requester, calls };
}

function fakeDeps(): HttpDeps & { slept: number[] } {
  const slept: number[] = [];
  return {
    slept,
    sleep: (ms) => {
      slept.push(ms);
      return Promise.resolve();
    },
    random: () => 0.5,
    now: () => Date.parse('2026-11-25T10:00:00Z')
  };
}

const policy = { ...DEFAULT_RETRY_POLICY, timeoutMs: 50 };
const path = route`/rest/api/3/issuetype`;

describe('send: the one HTTP wrapper', () => {
  it('waits what Retry-After says on a 429, then succeeds', async () => {
    const { requester, calls } = scripted([
      { status: 429, headers: { 'Retry-After': '2' } },
      { status: 200, body: [{ id: '1' }] }
    ]);
    const deps = fakeDeps();
    const result = await send(requester, 'GET', path, {}, policy, deps);
    expect(result.body).toEqual([{ id: '1' }]);
    expect(calls).toHaveLength(2);
    expect(deps.slept[0]).toBeGreaterThanOrEqual(2000);
    expect(deps.slept[0]).toBeLessThan(2000 + policy.baseDelayMs);
  });

  it('backs off with jitter on a 429 without Retry-After and gives up after maxAttempts', async () => {
    const { requester, calls } = scripted([{ status: 429 }]);
    const deps = fakeDeps();
    const error = await send(requester, 'GET', path, {}, policy, deps).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PlatformError);
    expect((error as PlatformError).kind).toBe('rate-limited');
    expect((error as PlatformError).details.attempts).toBe(policy.maxAttempts);
    expect(calls).toHaveLength(policy.maxAttempts);
    // Full jitter with random()=0.5: half of base * 2^(n-1), capped.
    expect(deps.slept).toEqual([150, 300, 600]);
  });

  it('does not wait for a Retry-After longer than the cap: the caller reschedules', async () => {
    const { requester, calls } = scripted([{ status: 429, headers: { 'Retry-After': '120' } }]);
    const deps = fakeDeps();
    const error = (await send(requester, 'GET', path, {}, policy, deps).catch(
      (e: unknown) => e
    )) as PlatformError;
    expect(error.kind).toBe('rate-limited');
    expect(error.details.retryAfterMs).toBe(120000);
    expect(calls).toHaveLength(1);
    expect(deps.slept).toEqual([]);
  });

  it('retries a GET on 503 and returns the eventual answer', async () => {
    const { requester, calls } = scripted([
      { status: 503 },
      { status: 503 },
      { status: 200, body: { ok: 1 } }
    ]);
    const result = await send(requester, 'GET', path, {}, policy, fakeDeps());
    expect(result.status).toBe(200);
    expect(calls).toHaveLength(3);
  });

  it('never retries a non-idempotent POST after an ambiguous 503', async () => {
    const { requester, calls } = scripted([{ status: 503 }, { status: 201, body: { id: '9' } }]);
    const error = (await send(requester, 'POST', path, { body: { name: 'x' } }, policy, fakeDeps()).catch(
      (e: unknown) => e
    )) as PlatformError;
    expect(error.kind).toBe('unavailable');
    expect(calls).toHaveLength(1);
  });

  it('retries a POST refused with 429 (Jira did not process it)', async () => {
    const { requester, calls } = scripted([
      { status: 429, headers: { 'Retry-After': '1' } },
      { status: 201, body: { id: '9' } }
    ]);
    const result = await send(requester, 'POST', path, { body: { name: 'x' } }, policy, fakeDeps());
    expect(result.body).toEqual({ id: '9' });
    expect(calls).toHaveLength(2);
    expect(calls[1]!.body).toBe(JSON.stringify({ name: 'x' }));
  });

  it('retries a POST refused with 503 + Retry-After', async () => {
    const { requester, calls } = scripted([
      { status: 503, headers: { 'Retry-After': '1' } },
      { status: 201, body: {} }
    ]);
    await send(requester, 'POST', path, { body: {} }, policy, fakeDeps());
    expect(calls).toHaveLength(2);
  });

  it('times out a hanging GET, retries it, and reports a timeout after the last attempt', async () => {
    const { requester, calls } = scripted(['hang']);
    const error = (await send(requester, 'GET', path, {}, policy, fakeDeps()).catch(
      (e: unknown) => e
    )) as PlatformError;
    expect(error.kind).toBe('timeout');
    expect(error.retryable).toBe(true);
    expect(calls).toHaveLength(policy.maxAttempts);
  });

  it('does not resend a POST that timed out (it may have landed)', async () => {
    const { requester, calls } = scripted(['hang', { status: 201, body: {} }]);
    const error = (await send(requester, 'POST', path, { body: {} }, policy, fakeDeps()).catch(
      (e: unknown) => e
    )) as PlatformError;
    expect(error.kind).toBe('timeout');
    expect(calls).toHaveLength(1);
  });

  it('resends a POST marked idempotent (a search) after a dropped connection', async () => {
    const { requester, calls } = scripted(['drop', { status: 200, body: { issues: [] } }]);
    const result = await send(requester, 'POST', path, { body: {}, idempotent: true }, policy, fakeDeps());
    expect(result.body).toEqual({ issues: [] });
    expect(calls).toHaveLength(2);
  });

  it('does not retry a 403 and carries Jira’s messages in the typed error', async () => {
    const { requester, calls } = scripted([
      { status: 403, body: { errorMessages: ['You are not an admin'], errors: {} } }
    ]);
    const error = (await send(requester, 'GET', path, {}, policy, fakeDeps()).catch(
      (e: unknown) => e
    )) as PlatformError;
    expect(error.kind).toBe('forbidden');
    expect(error.retryable).toBe(false);
    expect(error.details.jiraMessages).toEqual(['You are not an admin']);
    expect(calls).toHaveLength(1);
  });

  it('treats listed statuses as answers', async () => {
    const { requester } = scripted([{ status: 400, body: { errorMessages: ['already on screen'] } }]);
    const result = await send(requester, 'POST', path, { acceptStatuses: [400] }, policy, fakeDeps());
    expect(result.status).toBe(400);
  });
});

describe('send within an invocation deadline', () => {
  /** A clock that the back-off sleeps move forward, as real waiting would. */
  function clockedDeps(): HttpDeps & { slept: number[]; elapsed: () => number } {
    const start = Date.parse('2026-11-25T10:00:00Z');
    let now = start;
    const slept: number[] = [];
    return {
      slept,
      elapsed: () => now - start,
      sleep: (ms) => {
        slept.push(ms);
        now += ms;
        return Promise.resolve();
      },
      random: () => 0.5,
      now: () => now
    };
  }

  it('a 429 loop: no back-off sleeps past the deadline; the answer is RATE_LIMITED before it', async () => {
    // Retry-After 7 s is short enough to wait for; three of them would end at 21 s, past 20 s.
    const { requester, calls } = scripted([{ status: 429, headers: { 'Retry-After': '7' } }]);
    const deps = clockedDeps();
    const error = await runWithDeadline(
      20_000,
      () => send(requester, 'GET', path, {}, DEFAULT_RETRY_POLICY, deps),
      deps.now
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PlatformError);
    expect((error as PlatformError).kind).toBe('rate-limited');
    expect((error as PlatformError).message).toMatch(/deadline/);
    expect(deps.slept).toHaveLength(2);
    expect(deps.elapsed()).toBeLessThan(20_000);
    expect(calls).toHaveLength(3);
  });

  it('a hanging Jira: an attempt never outlives the deadline, and the answer is a timeout', async () => {
    let aborted = 0;
    const requester: ProductRequester = (_path, init) =>
      new Promise((_resolve, reject) => {
        init?.signal?.addEventListener('abort', () => {
          aborted++;
          reject(new Error('aborted'));
        });
      });
    const started = Date.now();
    const error = await runWithDeadline(300, () =>
      // Each attempt may take 10 s on its own: the deadline, not the attempt, must end the call.
      send(requester, 'GET', path, {}, DEFAULT_RETRY_POLICY)
    ).catch((e: unknown) => e);
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(error).toBeInstanceOf(PlatformError);
    expect((error as PlatformError).kind).toBe('timeout');
    // The request itself was abandoned at the deadline, not left running for its 10 s.
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(aborted).toBeGreaterThanOrEqual(1);
  });

  it('without a deadline (outside a resolver) the retry policy alone applies', async () => {
    const { requester, calls } = scripted([{ status: 429, headers: { 'Retry-After': '7' } }]);
    const deps = clockedDeps();
    await expect(send(requester, 'GET', path, {}, DEFAULT_RETRY_POLICY, deps)).rejects.toThrow(PlatformError);
    expect(calls).toHaveLength(DEFAULT_RETRY_POLICY.maxAttempts);
  });
});

describe('parseRetryAfter', () => {
  const now = Date.parse('2026-11-25T10:00:00Z');
  it('reads seconds and HTTP dates', () => {
    expect(parseRetryAfter('3', now)).toBe(3000);
    expect(parseRetryAfter('Wed, 25 Nov 2026 10:00:05 GMT', now)).toBe(5000);
    expect(parseRetryAfter(null, now)).toBeUndefined();
    expect(parseRetryAfter('soon', now)).toBeUndefined();
  });
});
