import fc from 'fast-check';
import { GUARDRAIL_KEYS } from '../../src/contract/guardrails';
import type { Result } from '../../src/contract/result';
import type { IssueDoc } from '../../preview/backend/types';
import { USERS, issue } from '../support/site-seeds';
import { createTestSite, type TestSite } from '../support/test-site';
import { compliantPage } from '../support/page-definitions';

/**
 * QUALITY.md goal 3 for the guardrail resolvers: 1,000 generated hostile payloads (path
 * fragments, query and JQL metacharacters, huge and odd values, extra identity fields) reach
 * no Jira path they should not and write nothing; the matching valid payload still succeeds.
 */

const FRAGMENTS = [
  '../',
  '..%2f',
  '?',
  '#',
  '&expand=',
  '/',
  '%00',
  '" OR 1=1',
  "'",
  '\\',
  ' ',
  '10001/',
  '-1'
];

const hostileId = fc
  .oneof(
    fc.string(),
    fc
      .constantFrom(...FRAGMENTS)
      .chain((fragment) => fc.tuple(fc.nat(99_999), fc.constant(fragment)))
      .map(([n, fragment]) => `${n}${fragment}`),
    fc.integer(),
    fc.constant(null),
    fc.array(fc.nat()),
    fc.string({ minLength: 19, maxLength: 40 }).map((s) => s.replace(/[^0-9]/g, '7').padEnd(19, '7'))
  )
  .filter((value) => !(typeof value === 'string' && /^[0-9]{1,18}$/.test(value)));

/** Paths an issue-scoped resolver may reach: permission checks, the issue, groups. */
const ALLOWED_PATH = /^\/rest\/api\/3\/(mypermissions|issue\/[0-9]{1,18}|user\/groups)$/;

let t: TestSite;
let issueId: string;

beforeAll(() => {
  t = createTestSite({ issues: [issue({ summary: 'Spring landing page' })] });
  issueId = t.site.docs.all<IssueDoc>('issues')[0]?.id ?? '';
});

afterAll(() => {
  t.expectClean();
  t.close();
});

async function invoke(key: string, payload: unknown): Promise<Result<unknown>> {
  return t.asUser(USERS.requester.accountId).invoke<Result<unknown>>(key, payload);
}

describe('hostile payloads to the guardrail resolvers', () => {
  it('1,000 generated payloads: INVALID_INPUT naming a field, no unexpected Jira call, nothing written', async () => {
    const keys = [
      GUARDRAIL_KEYS.get,
      GUARDRAIL_KEYS.save,
      GUARDRAIL_KEYS.requestApproval,
      GUARDRAIL_KEYS.audit
    ];
    const before = JSON.stringify(t.site.kvs.dump());
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...keys),
        hostileId,
        fc.dictionary(fc.constantFrom('accountId', 'actor', 'userId', 'requester', '__proto__'), fc.string()),
        async (key, id, extra) => {
          const seen = t.exchanges.length;
          const answer = await invoke(key, { issueId: id, ...extra, definition: compliantPage() });
          expect(answer.ok).toBe(false);
          if (!answer.ok) {
            expect(answer.error.code).toBe('INVALID_INPUT');
            expect(answer.error.field).toBeTruthy();
          }
          for (const exchange of t.exchanges.slice(seen)) expect(exchange.path).toMatch(ALLOWED_PATH);
        }
      ),
      { numRuns: 1000 }
    );
    expect(JSON.stringify(t.site.kvs.dump())).toBe(before);
    // The matching valid payload still goes through.
    const valid = await invoke(GUARDRAIL_KEYS.save, { issueId, definition: compliantPage() });
    expect(valid).toMatchObject({ ok: true });
  }, 60_000);
});
