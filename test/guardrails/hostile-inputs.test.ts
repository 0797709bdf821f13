import fc from 'fast-check';
import { GUARDRAIL_KEYS } from '../../src/contract/guardrails';
import { PROVISIONING_KEYS } from '../../src/contract/provisioning';
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

/** Forged identity keys, and a prototype key, that no payload schema accepts. */
const forged = fc.dictionary(
  fc.constantFrom('accountId', 'actor', 'userId', 'requester', 'approver', '__proto__'),
  fc.string(),
  { minKeys: 1, maxKeys: 2 }
);

const hostileText = fc.oneof(
  fc.string({ maxLength: 50 }),
  fc.constantFrom(...FRAGMENTS),
  fc.integer(),
  fc.constant(null),
  fc.array(fc.string(), { maxLength: 3 }),
  fc.string({ minLength: 2001, maxLength: 2100 })
);

/**
 * Each resolver's own payload with exactly one part made hostile, so what is exercised is that
 * part (the issue id, the decision, the HTML, a project id…), never a key the schema rejects
 * anyway; `forged` adds identity keys to an otherwise valid payload.
 */
type Case = { key: string; payload: unknown };
const issueScoped = (key: string, valid: Record<string, unknown>) =>
  fc.oneof(
    hostileId.map((id): Case => ({ key, payload: { ...valid, issueId: id } })),
    forged.map((extra): Case => ({ key, payload: { ...valid, issueId: '10000', ...extra } }))
  );

const cases: fc.Arbitrary<Case> = fc.oneof(
  issueScoped(GUARDRAIL_KEYS.get, {}),
  issueScoped(GUARDRAIL_KEYS.audit, {}),
  issueScoped(GUARDRAIL_KEYS.requestApproval, {}),
  issueScoped(GUARDRAIL_KEYS.save, { definition: compliantPage() }),
  issueScoped(GUARDRAIL_KEYS.decide, { decision: 'approve' }),
  issueScoped(GUARDRAIL_KEYS.importHtml, { html: '<form><input name="email"></form>' }),
  hostileText.map((decision): Case => ({
    key: GUARDRAIL_KEYS.decide,
    payload: { issueId: '10000', decision, reason: 'x' }
  })),
  hostileText
    .filter((reason) => typeof reason !== 'string' || reason.length > 2000)
    .map((reason): Case => ({
      key: GUARDRAIL_KEYS.decide,
      payload: { issueId: '10000', decision: 'reject', reason }
    })),
  hostileText
    .filter((html) => typeof html !== 'string' || html === '')
    .map((html): Case => ({ key: GUARDRAIL_KEYS.importHtml, payload: { issueId: '10000', html } })),
  forged.map((extra): Case => ({ key: PROVISIONING_KEYS.overview, payload: extra })),
  fc
    .oneof(
      fc.record({ query: hostileText.filter((q) => typeof q !== 'string' || q.length > 200) }),
      fc.record({
        startAt: fc.oneof(
          fc.integer({ max: -1 }),
          fc.constant('0'),
          // A whole double from 0 to 100,000 (0, 5, …) is a valid page start: only the others are hostile.
          fc.double().filter((d) => !(Number.isInteger(d) && d >= 0 && d <= 100_000))
        )
      }),
      forged
    )
    .map((payload): Case => ({ key: PROVISIONING_KEYS.projects, payload })),
  fc
    .oneof(
      hostileId.map((id) => ({ language: 'fr', projectIds: [id] })),
      hostileText
        .filter((language) => language !== 'en' && language !== 'fr')
        .map((language) => ({ language, projectIds: [] })),
      forged.map((extra) => ({ language: 'en', projectIds: [], ...extra }))
    )
    .map((payload): Case => ({ key: PROVISIONING_KEYS.start, payload }))
);

describe('hostile payloads to the guardrail resolvers', () => {
  it('1,000 payloads built per resolver key: INVALID_INPUT naming a field, no unexpected Jira call, nothing written', async () => {
    const before = JSON.stringify(t.site.kvs.dump());
    const tried = new Map<string, number>();
    await fc.assert(
      fc.asyncProperty(cases, async ({ key, payload }) => {
        tried.set(key, (tried.get(key) ?? 0) + 1);
        const seen = t.exchanges.length;
        const answer = await invoke(key, payload);
        expect(answer.ok).toBe(false);
        if (!answer.ok) {
          expect([key, answer.error.code]).toEqual([key, 'INVALID_INPUT']);
          expect(answer.error.field).toBeTruthy();
        }
        // Refused at the boundary: not even a permission check reached Jira.
        for (const exchange of t.exchanges.slice(seen)) expect(exchange.path).toMatch(ALLOWED_PATH);
        expect(t.exchanges.length - seen).toBe(0);
      }),
      { numRuns: 1000 }
    );
    expect(JSON.stringify(t.site.kvs.dump())).toBe(before);
    // Every key was exercised, the admin page's provisioning keys included.
    expect([...tried.keys()].sort()).toEqual(
      [...Object.values(GUARDRAIL_KEYS), ...Object.values(PROVISIONING_KEYS)]
        .filter(
          (key) =>
            !(
              [GUARDRAIL_KEYS.policyGet, GUARDRAIL_KEYS.policySave, GUARDRAIL_KEYS.auditExport] as string[]
            ).includes(key)
        )
        .sort()
    );
    // The matching valid payloads still go through.
    expect(await invoke(GUARDRAIL_KEYS.save, { issueId, definition: compliantPage() })).toMatchObject({
      ok: true
    });
    expect(
      await invoke(GUARDRAIL_KEYS.importHtml, { issueId, html: '<form><input name="email"></form>' })
    ).toMatchObject({ ok: true });
  }, 180_000);
});
