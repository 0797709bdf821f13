import {
  boundedPayload,
  macroChannel,
  publishChange,
  REALTIME_MAX_PAYLOAD_BYTES
} from '../../src/platform/realtime';

/**
 * publishChange against what @forge/realtime really sends: one GraphQL mutation through
 * `__forge_fetch__({ type: 'realtime' })`, with the invocation's context token.
 */
type Sent = {
  meta: unknown;
  body: { query: string; variables: Record<string, unknown> };
  headers: Record<string, string>;
};

function install(answer: () => Response | Promise<Response>): Sent[] {
  const sent: Sent[] = [];
  const g = globalThis as Record<string, unknown>;
  g.__forge_runtime__ = {
    appContext: { installationId: 'inst-1' },
    realtime: { contextToken: 'ctx-token' }
  };
  g.__forge_fetch__ = async (
    meta: unknown,
    _path: string,
    init: { body: string; headers: Record<string, string> }
  ) => {
    sent.push({ meta, body: JSON.parse(init.body) as Sent['body'], headers: init.headers });
    return answer();
  };
  return sent;
}

const okAnswer = () =>
  new Response(
    JSON.stringify({
      data: { ecosystem: { publishRealtimeChannel: { eventId: 'e1', eventTimestamp: '1' } } }
    }),
    {
      status: 200
    }
  );

afterEach(() => {
  const g = globalThis as Record<string, unknown>;
  delete g.__forge_fetch__;
  delete g.__forge_runtime__;
  jest.restoreAllMocks();
});

describe('macroChannel', () => {
  it('names one channel per macro instance', () => {
    expect(macroChannel('retro', { pageId: '98304', localId: 'abc-1' })).toBe('tandem-retro-98304-abc-1');
    expect(macroChannel('ideas', { pageId: '98304', localId: 'abc-1' })).not.toBe(
      macroChannel('retro', { pageId: '98304', localId: 'abc-1' })
    );
    expect(macroChannel('retro', { pageId: '98304', localId: 'a.b/c' })).toMatch(/^[A-Za-z0-9_-]+$/);
  });
});

describe('publishChange', () => {
  it('publishes the payload as a JSON string, bound to the page (content) context', async () => {
    const sent = install(okAnswer);
    await publishChange('tandem-retro-1-a', { change: 'card-added', cardId: 'c1' });
    expect(sent).toHaveLength(1);
    expect(sent[0]!.meta).toEqual({ type: 'realtime' });
    expect(sent[0]!.headers['x-forge-context-token']).toBe('ctx-token');
    const v = sent[0]!.body.variables;
    expect(v.name).toBe('tandem-retro-1-a');
    expect(v.isGlobal).toBe(false);
    expect(JSON.parse(v.payload as string)).toEqual({ change: 'card-added', cardId: 'c1' });
    expect(JSON.parse(v.context as string)).toEqual({ contextOverrides: ['content'] });
  });

  it('never throws: a refused or failing publish is logged', async () => {
    const warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
    install(() => new Response('', { status: 429, statusText: 'Too Many Requests' }));
    await expect(publishChange('c', { a: 1 })).resolves.toBeUndefined();
    install(() => {
      throw new Error('socket hang up');
    });
    await expect(publishChange('c', { a: 1 })).resolves.toBeUndefined();
    const g = globalThis as Record<string, unknown>;
    delete g.__forge_runtime__;
    await expect(publishChange('c', { a: 1 })).resolves.toBeUndefined();
    expect(warn).toHaveBeenCalledTimes(3);
    expect(String(warn.mock.calls[0]![0])).toContain('RATE_LIMIT_EXCEEDED');
  });

  it('bounds the payload: a large one keeps only its short scalar fields and says so', async () => {
    const big = { change: 'bulk', count: 3, text: 'x'.repeat(REALTIME_MAX_PAYLOAD_BYTES) };
    expect(boundedPayload({ change: 'a' })).toEqual({ change: 'a' });
    expect(boundedPayload(big)).toEqual({ truncated: true, change: 'bulk', count: 3 });
    const sent = install(okAnswer);
    await publishChange('c', big);
    expect((sent[0]!.body.variables.payload as string).length).toBeLessThan(REALTIME_MAX_PAYLOAD_BYTES);
  });
});
