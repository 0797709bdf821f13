/**
 * The retro macro's function answers exactly its surface's keys: no other surface's key is even
 * callable from a Confluence page, and each of its own answers a typed result.
 */
import type { Result } from '../../src/contract/result';
import {
  ADMIN_PAGE_KEYS,
  ISSUE_PANEL_KEYS,
  PROJECT_PAGE_KEYS,
  RETRO_MACRO_KEYS
} from '../../src/contract/surfaces';
import { RETRO_KEYS } from '../../src/contract/retro';
import { createTestSite, type TestSite } from '../support/test-site';
import { macroContext, retroSeed } from '../support/retro-site';

let t: TestSite;
beforeAll(() => {
  t = createTestSite(retroSeed());
});
afterAll(() => t.close());

const invoke = (key: string): Promise<unknown> =>
  t.asUser(t.users.requester.accountId).invoke(key, {}, macroContext({ projectKey: 'MKT' }));

it('lists every retro key once', () => {
  expect([...RETRO_MACRO_KEYS].sort()).toEqual(Object.values(RETRO_KEYS).sort());
});

it.each([...ADMIN_PAGE_KEYS, ...ISSUE_PANEL_KEYS, ...PROJECT_PAGE_KEYS])('cannot call %s', async (key) => {
  await expect(invoke(key)).rejects.toThrow(`Resolver has no definition for '${key}'`);
});

it.each(RETRO_MACRO_KEYS)('answers %s with a typed result', async (key) => {
  const result = (await invoke(key)) as Result<unknown>;
  expect(typeof result.ok).toBe('boolean');
  if (!result.ok) expect(result.error.code).toMatch(/^(INVALID_INPUT|FORBIDDEN)$/);
});
