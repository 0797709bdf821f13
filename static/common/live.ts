/**
 * Live updates in a macro: subscribe to the macro's Forge Realtime channel (the resolver
 * publishes on it, src/platform/realtime.ts) and, when realtime is unavailable or fails, poll.
 * The callback gets a notice, not data: re-read through the resolver, which checks permissions.
 */
import { Confluence, realtime } from '@forge/bridge';

/** Same binding as the publisher (MACRO_CONTEXT_OVERRIDES): the channel is scoped to the page. */
const CONTEXT_OVERRIDES = [Confluence.Content];
const DEFAULT_POLL_MS = 15_000;

export interface LiveOptions {
  /** How often `poll` runs when realtime is not delivering (default 15 s). */
  pollMs?: number;
  /** Re-reads the data; called on each poll tick while realtime is down. */
  poll?: () => void;
}

/** The slice of @forge/bridge's realtime this helper uses (tests pass their own). */
export interface RealtimeLike {
  subscribe: (
    channel: string,
    callback: (payload: unknown, error?: Error) => unknown,
    options?: { contextOverrides?: Confluence[] }
  ) => Promise<{ unsubscribe: () => Promise<void> }>;
}

/** Realtime hands payloads over as the JSON string the resolver published. */
function decode(payload: unknown): unknown {
  if (typeof payload !== 'string') return payload;
  try {
    return JSON.parse(payload) as unknown;
  } catch {
    return payload;
  }
}

export function subscribeLiveWith(
  rt: RealtimeLike,
  channel: string,
  onChange: (payload: unknown) => void,
  opts: LiveOptions = {}
): () => void {
  let stopped = false;
  let timer: ReturnType<typeof setInterval> | undefined;
  let subscription: { unsubscribe: () => Promise<void> } | undefined;

  const startPolling = (): void => {
    if (stopped || timer !== undefined || !opts.poll) return;
    const poll = opts.poll;
    timer = setInterval(() => {
      if (!stopped) poll();
    }, opts.pollMs ?? DEFAULT_POLL_MS);
  };

  try {
    rt.subscribe(
      channel,
      (payload, error) => {
        if (stopped) return;
        if (error) {
          startPolling();
          return;
        }
        onChange(decode(payload));
      },
      { contextOverrides: CONTEXT_OVERRIDES }
    ).then(
      (sub) => {
        if (stopped) void sub.unsubscribe().catch(() => undefined);
        else subscription = sub;
      },
      () => startPolling()
    );
  } catch {
    startPolling();
  }

  return () => {
    stopped = true;
    if (timer !== undefined) clearInterval(timer);
    timer = undefined;
    void subscription?.unsubscribe().catch(() => undefined);
    subscription = undefined;
  };
}

export function subscribeLive(
  channel: string,
  onChange: (payload: unknown) => void,
  opts?: { pollMs?: number; poll?: () => void }
): () => void {
  return subscribeLiveWith(realtime, channel, onChange, opts);
}
