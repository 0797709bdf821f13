/**
 * One resolver function per surface: each Custom UI module's function answers exactly its
 * surface's keys (src/contract/surfaces.ts), so an administrator's call (policy save, audit
 * export, provisioning start) cannot be reached through the issue panel, and the reverse.
 */
import type { Result } from '../../src/contract/result';
import { ADMIN_PAGE_KEYS, ISSUE_PANEL_KEYS } from '../../src/contract/surfaces';
import { createTestSite, type TestSite } from '../support/test-site';

const PANEL = 'tandem-guardrail-panel';
const ADMIN = 'tandem-admin';

describe('resolver functions per surface', () => {
  let t: TestSite;
  beforeAll(() => {
    t = createTestSite({}, { app: 'app' });
  });
  afterAll(() => t.close());

  const invoke = (moduleKey: string, key: string): Promise<unknown> =>
    t.asUser(t.users.admin.accountId).invoke(key, {}, { moduleKey });

  it('gives each surface its own function in the manifest', () => {
    const panel = t.runtime.manifest.uiModules.get(PANEL)?.resolverFunction;
    const admin = t.runtime.manifest.uiModules.get(ADMIN)?.resolverFunction;
    expect(panel).toBeDefined();
    expect(admin).toBeDefined();
    expect(panel).not.toBe(admin);
  });

  it.each(ADMIN_PAGE_KEYS)('the issue panel cannot call the admin key %s', async (key) => {
    await expect(invoke(PANEL, key)).rejects.toThrow(`Resolver has no definition for '${key}'`);
  });

  it.each(ISSUE_PANEL_KEYS)('the admin page cannot call the panel key %s', async (key) => {
    await expect(invoke(ADMIN, key)).rejects.toThrow(`Resolver has no definition for '${key}'`);
  });

  it('each surface answers its own keys with a typed result', async () => {
    for (const [moduleKey, keys] of [
      [PANEL, ISSUE_PANEL_KEYS],
      [ADMIN, ADMIN_PAGE_KEYS]
    ] as const) {
      for (const key of keys) {
        const result = (await invoke(moduleKey, key)) as Result<unknown>;
        // The handler ran: either an answer or a typed refusal of the empty payload.
        expect(typeof result.ok).toBe('boolean');
        if (!result.ok) expect(result.error.code).toMatch(/^(INVALID_INPUT|FORBIDDEN)$/);
      }
    }
  });
});
