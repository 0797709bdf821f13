import { subscribeLive, subscribeLiveWith, type RealtimeLike } from '../../static/common/live';

// @forge/bridge needs the Custom UI host at import; the real enum values, a recording subscribe.
const bridgeSubscribe = jest.fn();
jest.mock('@forge/bridge', () => ({
  Confluence: { Content: 'content', Space: 'space' },
  realtime: { subscribe: (...args: unknown[]) => bridgeSubscribe(...args) as unknown }
}));

/** A realtime double that records subscriptions and lets the test publish or fail. */
function fakeRealtime(mode: 'ok' | 'reject') {
  const subs: {
    channel: string;
    cb: (p: unknown, e?: Error) => unknown;
    options: unknown;
    active: boolean;
  }[] = [];
  const rt: RealtimeLike = {
    subscribe: (channel, cb, options) => {
      if (mode === 'reject') return Promise.reject(new Error('realtime unavailable'));
      const sub = { channel, cb, options, active: true };
      subs.push(sub);
      return Promise.resolve({
        unsubscribe: () => {
          sub.active = false;
          return Promise.resolve();
        }
      });
    }
  };
  return { rt, subs };
}

beforeEach(() => jest.useFakeTimers());
afterEach(() => jest.useRealTimers());

const flush = () => Promise.resolve().then(() => Promise.resolve());

describe('subscribeLive', () => {
  it('delivers published payloads (JSON strings decoded), bound to the page context, until unsubscribed', async () => {
    const { rt, subs } = fakeRealtime('ok');
    const seen: unknown[] = [];
    const poll = jest.fn();
    const stop = subscribeLiveWith(rt, 'tandem-retro-1-a', (p) => seen.push(p), { poll, pollMs: 1000 });
    await flush();
    expect(subs[0]!.channel).toBe('tandem-retro-1-a');
    expect(subs[0]!.options).toEqual({ contextOverrides: ['content'] });
    subs[0]!.cb('{"change":"card-added"}');
    expect(seen).toEqual([{ change: 'card-added' }]);
    jest.advanceTimersByTime(5000);
    expect(poll).not.toHaveBeenCalled();
    stop();
    await flush();
    expect(subs[0]!.active).toBe(false);
    subs[0]!.cb('{"change":"late"}');
    expect(seen).toHaveLength(1);
  });

  it('polls when realtime cannot subscribe, and stops polling on unsubscribe', async () => {
    const { rt } = fakeRealtime('reject');
    const poll = jest.fn();
    const stop = subscribeLiveWith(rt, 'c', () => undefined, { poll, pollMs: 1000 });
    await flush();
    jest.advanceTimersByTime(3500);
    expect(poll).toHaveBeenCalledTimes(3);
    stop();
    jest.advanceTimersByTime(5000);
    expect(poll).toHaveBeenCalledTimes(3);
  });

  it('switches to polling when the subscription reports an error', async () => {
    const { rt, subs } = fakeRealtime('ok');
    const poll = jest.fn();
    const stop = subscribeLiveWith(rt, 'c', () => undefined, { poll, pollMs: 1000 });
    await flush();
    subs[0]!.cb(undefined, new Error('socket closed'));
    jest.advanceTimersByTime(2000);
    expect(poll).toHaveBeenCalledTimes(2);
    stop();
  });
});

describe('subscribeLive (the bridge wiring)', () => {
  it("subscribes through @forge/bridge's realtime", async () => {
    bridgeSubscribe.mockResolvedValue({ unsubscribe: () => Promise.resolve() });
    const seen: unknown[] = [];
    const stop = subscribeLive('tandem-ideas-1-a', (p) => seen.push(p));
    await flush();
    expect(bridgeSubscribe).toHaveBeenCalledWith('tandem-ideas-1-a', expect.any(Function), {
      contextOverrides: ['content']
    });
    (bridgeSubscribe.mock.calls[0] as [string, (p: unknown) => void])[1]('{"n":1}');
    expect(seen).toEqual([{ n: 1 }]);
    stop();
  });
});
