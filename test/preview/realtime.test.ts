import { macroChannel, publishChange } from '../../src/platform/realtime';
import { realtimeScope } from '../../preview/runtime/realtime';
import { createTestSite, type TestSite } from '../support/test-site';
import { USERS } from '../support/site-seeds';

/**
 * The preview runtime answers what @forge/realtime's publish really sends, and fans the event out
 * to subscribers scoped like Forge: same channel, same context (narrowed by contextOverrides).
 */
let t: TestSite;
let body: () => Promise<unknown>;

const extension = (pageId: string, spaceKey = 'MKTG') => ({
  type: 'macro',
  content: { id: pageId, type: 'page' },
  space: { id: '1', key: spaceKey }
});

beforeEach(() => {
  t = createTestSite({}, { handlers: { issuePanelResolver: () => body() } });
});
afterEach(() => t.close());

function invokeAs(accountId: string, pageId: string) {
  return t.runtime.invokeResolver({
    functionKey: 'issue-panel-resolver',
    call: { functionKey: 'probe' },
    context: { accountId, moduleKey: 'probe', extension: extension(pageId) }
  });
}

describe('preview realtime', () => {
  it("a resolver's publish reaches subscribers of the same channel on the same page, and only them", async () => {
    const channel = macroChannel('retro', { pageId: '2001', localId: 'm1' });
    const onPage: unknown[] = [];
    const otherPage: unknown[] = [];
    const otherChannel: unknown[] = [];
    const stop = t.runtime.realtime.subscribe(
      realtimeScope(channel, extension('2001'), { contextOverrides: ['content'] }),
      (p) => onPage.push(JSON.parse(p))
    );
    t.runtime.realtime.subscribe(
      realtimeScope(channel, extension('2002'), { contextOverrides: ['content'] }),
      (p) => otherPage.push(p)
    );
    t.runtime.realtime.subscribe(
      realtimeScope(macroChannel('retro', { pageId: '2001', localId: 'm2' }), extension('2001'), {
        contextOverrides: ['content']
      }),
      (p) => otherChannel.push(p)
    );
    body = () => publishChange(channel, { change: 'card-added', cardId: 'c1' });
    await invokeAs(USERS.requester.accountId, '2001');
    expect(onPage).toEqual([{ change: 'card-added', cardId: 'c1' }]);
    expect(otherPage).toEqual([]);
    expect(otherChannel).toEqual([]);
    stop();
    await invokeAs(USERS.approver.accountId, '2001');
    expect(onPage).toHaveLength(1);
  });

  it('a publish outside a UI invocation (a trigger) is refused, as Forge refuses it, and publishChange only logs', async () => {
    const warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
    body = () => publishChange('tandem-retro-1-a', { change: 'x' });
    await t.runtime.fireTrigger('issue-panel-resolver', {});
    expect(t.runtime.realtime.published).toEqual([]);
    expect(String(warn.mock.calls[0]?.[0])).toContain('No UI context');
    warn.mockRestore();
  });
});
