/**
 * The hand-written guards the workflow validator reads its records with (src/platform/guard.ts and
 * the record-guards modules) against the zod schemas they mirror: every fixture, and every one-step
 * mutation of it (a key removed, a value replaced by another type, an empty or overlong string, a
 * fraction, an unknown key…), is accepted by both or refused by both, and accepted values come back
 * equal (defaults filled, unknown keys dropped, strings trimmed). A schema changed without its guard
 * fails here.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { z } from 'zod';
import type { RecordSchema } from '../../src/platform/guard';
import { IssueSchema } from '../../src/platform/jira';
import { jiraIssueGuard } from '../../src/platform/jira-issue';
import type { ApprovalRecord } from '../../src/guardrails/domain/approval';
import { DEFAULT_POLICY, policySchema } from '../../src/guardrails/domain/policy';
import { definitionSchema } from '../../src/guardrails/domain/definition';
import {
  definitionGuard,
  policyGuard,
  storedApprovalGuard,
  storedDefinitionGuard,
  storedPolicyGuard
} from '../../src/guardrails/record-guards';
import { StoredPolicySchema } from '../../src/guardrails/policy-store';
import { StoredApprovalSchema, StoredDefinitionSchema } from '../../src/guardrails/records';
import { itemRecordGuard, runGuard } from '../../src/issue-types/record-guards';
import { ItemRecordSchema, RunSchema } from '../../src/issue-types/records';
import { canonicalJson } from '../../src/guardrails/domain/hash';
import { compliantPage, withBirthDate } from '../support/page-definitions';

const DEFINITIONS = path.join(__dirname, 'fixtures', 'definitions');
const json = (file: string): unknown => JSON.parse(fs.readFileSync(path.join(DEFINITIONS, file), 'utf8'));

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** Any value may become one of these: another type, or nothing. */
const OTHER_TYPES: unknown[] = [undefined, null, true, 0, '', 'T9', [], {}, ['a']];
/** A string becomes each length around the schemas' bounds, padded, or another enum-like word. */
const STRINGS: unknown[] = [
  ...[1, 40, 41, 50, 51, 100, 101, 200, 201, 253, 254, 255, 256, 500, 501, 2000, 2001, 20_000, 20_001].map(
    (n) => 'a'.repeat(n)
  ),
  '  padded  ',
  '   ',
  'approved',
  'cdn.example.com',
  '*.example.com',
  'not a host'
];
/** A number becomes each value around the schemas' bounds, a fraction, or not finite. */
const NUMBERS: unknown[] = [-1, 1.5, 1, 12, 13, 120, 121, 1200, 1201, 2 ** 53, Number.NaN, Infinity];
/** An array is resized (its first item repeated) to each length around the schemas' bounds. */
const ARRAY_LENGTHS = [0, 50, 51, 200, 201, 500, 501, 1000, 1001, 5000, 5001];

/** The value with `edit` applied at `at` (a path of keys and indexes). */
function edited(
  value: unknown,
  at: ReadonlyArray<string | number>,
  edit: (target: unknown) => unknown
): unknown {
  if (at.length === 0) return edit(value);
  const [head, ...rest] = at as [string | number, ...(string | number)[]];
  if (Array.isArray(value))
    return (value as unknown[]).map((item, i) => (i === head ? edited(item, rest, edit) : item));
  const record = value as Record<string, unknown>;
  return { ...record, [head]: edited(record[head], rest, edit) };
}

const REMOVE = Symbol('remove');

function withoutRemoved(value: unknown): unknown {
  if (Array.isArray(value)) return value.filter((item) => item !== REMOVE).map(withoutRemoved);
  if (value && typeof value === 'object')
    return Object.fromEntries(
      Object.entries(value)
        .filter(([, v]) => v !== REMOVE)
        .map(([k, v]) => [k, withoutRemoved(v)])
    );
  return value;
}

const describeValue = (value: unknown): string =>
  typeof value === 'string'
    ? `${JSON.stringify(value.slice(0, 12))} (${value.length} characters)`
    : String(value);

/** Every one-step mutation of `value`, named by where it was made. */
function mutations(value: unknown, maxDepth = Infinity): Array<[string, unknown]> {
  const out: Array<[string, unknown]> = [];
  const visit = (node: unknown, at: Array<string | number>): void => {
    const where = at.join('.') || '(root)';
    if (at.length > maxDepth) return;
    if (at.length > 0) {
      out.push([`${where} removed`, withoutRemoved(edited(value, at, () => REMOVE))]);
      const replacements = [
        ...OTHER_TYPES,
        ...(typeof node === 'string' ? STRINGS : []),
        ...(typeof node === 'number' ? NUMBERS : [])
      ];
      replacements.forEach((replacement) =>
        out.push([`${where} = ${describeValue(replacement)}`, edited(value, at, () => replacement)])
      );
    }
    if (Array.isArray(node)) {
      const first: unknown = node[0];
      for (const length of node.length > 0 ? ARRAY_LENGTHS : [0])
        out.push([`${where} of ${length}`, edited(value, at, () => Array.from({ length }, () => first))]);
      node.forEach((item, i) => visit(item, [...at, i]));
    } else if (node && typeof node === 'object') {
      out.push([
        `${where} + unknown key`,
        edited(value, at, (target) => ({ ...(target as object), extra: 1 }))
      ]);
      for (const key of Object.keys(node)) visit((node as Record<string, unknown>)[key], [...at, key]);
    }
  };
  visit(value, []);
  return out;
}

/**
 * Runs both over every fixture and its mutations (down to `maxDepth` keys deep: a wrapper record's
 * own keys when its content has its own test).
 */
function expectSameVerdicts<T>(
  zodSchema: z.ZodType<T>,
  guard: RecordSchema<T>,
  fixtures: unknown[],
  maxDepth = Infinity
): number {
  let accepted = 0;
  const disagreements: string[] = [];
  for (const fixture of fixtures) {
    for (const [name, input] of [
      ['fixture', fixture] as [string, unknown],
      ...mutations(fixture, maxDepth)
    ]) {
      const expected = zodSchema.safeParse(input);
      const actual = guard.safeParse(input);
      if (expected.success !== actual.success) {
        disagreements.push(`${name}: zod ${expected.success ? 'accepts' : 'refuses'}, guard does not`);
        continue;
      }
      if (expected.success && actual.success) {
        accepted++;
        // What the validator does with a record: hash it, evaluate it; canonical JSON is what it hashes.
        if (canonicalJson(actual.data) !== canonicalJson(expected.data))
          disagreements.push(`${name}: different values`);
      }
    }
  }
  expect(disagreements.slice(0, 10)).toEqual([]);
  return accepted;
}

const approvalRecord: ApprovalRecord = {
  state: 'approved',
  definitionHash: 'a'.repeat(64),
  policyVersion: 'site-v2',
  evaluationSignature: 'T2|field.sensitive',
  tier: 'T2',
  requiredGroups: ['tandem-privacy-reviewers', 'tandem-it-reviewers'],
  requestedBy: 'user-1',
  requestedAt: '2026-11-02T09:00:00.000Z',
  reporter: 'user-2',
  grants: [{ group: 'tandem-privacy-reviewers', by: 'user-3', at: '2026-11-03T10:00:00.000Z' }],
  decidedBy: 'user-3',
  decidedAt: '2026-11-03T10:00:00.000Z',
  reason: 'ok',
  expiresAt: '2027-11-03T10:00:00.000Z',
  voidReason: 'policy_changed'
};

describe('record guards against the zod schemas they mirror', () => {
  const definitions: unknown[] = [
    {},
    compliantPage(),
    withBirthDate(),
    compliantPage({
      consentManagementPlatform: ' Axeptio ',
      legalBasis: 'consent',
      audience: 'minors',
      dpiaCompleted: true,
      explicitConsentText: 'Oui',
      scripts: [{ url: 'https://www.googletagmanager.com/gtm.js' }, { inline: 'gtag()', tags: ['ga4'] }],
      embeds: [{ url: 'https://www.youtube-nocookie.com/embed/x' }]
    }),
    json('t1-go.json'),
    json('t1-fix.json'),
    json('t2-approval.json'),
    json('t4-blocked.json'),
    json('invalid-field.json')
  ];

  it('page definitions: same refusals and the same parsed definition', () => {
    expect(expectSameVerdicts(definitionSchema, definitionGuard, definitions)).toBeGreaterThan(100);
  });

  it('stored definitions (what the validator hashes and evaluates)', () => {
    const stored = definitions.slice(1, 4).map((definition) => ({
      definition,
      hash: 'h',
      updatedAt: '2026-11-02T09:00:00.000Z',
      updatedBy: 'user-1'
    }));
    expect(expectSameVerdicts(StoredDefinitionSchema, storedDefinitionGuard, stored, 2)).toBeGreaterThan(20);
  });

  it('stored approvals, every optional field present or absent', () => {
    const minimal = { ...approvalRecord } as Partial<ApprovalRecord>;
    for (const key of ['reporter', 'decidedBy', 'decidedAt', 'reason', 'expiresAt', 'voidReason'] as const)
      delete minimal[key];
    const fixtures = [
      { revision: 3, record: approvalRecord },
      { revision: 1, record: { ...minimal, state: 'requested', grants: [] } }
    ];
    expect(expectSameVerdicts(StoredApprovalSchema, storedApprovalGuard, fixtures)).toBeGreaterThan(20);
  });

  it('policies: the default, a site policy, and one stored before trackers existed', () => {
    const { trackers: _trackers, ...withoutTrackers } = DEFAULT_POLICY;
    const policies = [DEFAULT_POLICY, json('policy-dob-basic.json'), withoutTrackers];
    expect(expectSameVerdicts(policySchema, policyGuard, policies)).toBeGreaterThan(100);
    const parsed = policyGuard.parse(withoutTrackers);
    expect(parsed.trackers).toEqual(DEFAULT_POLICY.trackers);
  });

  it('the stored policy in force', () => {
    const fixtures = [
      { number: 2, policy: DEFAULT_POLICY, savedAt: '2026-11-02T09:00:00.000Z', savedBy: 'user-1' }
    ];
    expect(expectSameVerdicts(StoredPolicySchema, storedPolicyGuard, fixtures, 2)).toBeGreaterThan(20);
  });

  it("provisioning's item and run records (issue types, site language)", () => {
    const items = [
      { key: 'landing-page', kind: 'issueType', state: 'created', jiraId: '10042', updatedAt: 'now' },
      {
        key: 'web-form',
        kind: 'field',
        state: 'failed',
        jiraName: 'Web form',
        intendedName: 'Web form',
        error: 'boom',
        updatedAt: 'now'
      }
    ];
    expect(expectSameVerdicts(ItemRecordSchema, itemRecordGuard, items)).toBeGreaterThan(10);
    const runs = [
      {
        status: 'done',
        runId: 'r1',
        language: 'fr',
        projectIds: ['10000'],
        requestedBy: 'user-1',
        requestedAt: 'a',
        startedAt: 'b',
        finishedAt: 'c',
        attempts: 1,
        nextAttemptAt: 'd',
        lastError: 'e',
        projects: [
          { projectId: '10000', projectKey: 'MKT', projectName: 'Marketing', state: 'done', reason: 'r' }
        ]
      },
      { status: 'idle', language: 'en', projectIds: [], attempts: 0, projects: [] }
    ];
    expect(expectSameVerdicts(RunSchema, runGuard, runs)).toBeGreaterThan(10);
  });

  it("Jira's issue answer, as the validator's one-call reader checks it", () => {
    const issues: Json[] = [
      {
        id: '10001',
        key: 'MKT-1',
        fields: {
          summary: 'Landing page',
          reporter: { accountId: 'user-2' },
          project: { id: '10000', key: 'MKT', simplified: false },
          issuetype: { id: '10042', name: 'Landing Page' }
        }
      },
      { id: '10001', key: 'MKT-1', fields: { reporter: null, issuetype: {} } },
      { id: '10001', key: 'MKT-1' }
    ];
    expect(expectSameVerdicts(IssueSchema, jiraIssueGuard, issues)).toBeGreaterThan(10);
  });
});
