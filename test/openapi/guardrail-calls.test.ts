import { checkExchange } from '../../preview/openapi/openapi';
import type { Exchange } from '../../preview/backend/types';
import type { GuardrailState } from '../../src/contract/guardrails';
import {
  DEFAULT_POLICY,
  definitionHash,
  evaluateDefinition,
  type ApprovalRecord
} from '../../src/guardrails/domain';
import {
  decisionNotice,
  escalationNotice,
  reReviewNotice,
  requestedNotice,
  type IssueRef
} from '../../src/guardrails/enforcement/notifications';
import { propertyOf } from '../../src/guardrails/enforcement/publish';
import { compliantPage } from '../support/page-definitions';

/**
 * The bodies the guardrail sends Jira, built by the app's own code, against Atlassian's OpenAPI
 * documents: every notice (both languages, every kind) and the issue property.
 */

const exchange = (method: string, path: string, requestBody: unknown, status: number): Exchange => ({
  product: 'jira',
  method,
  path,
  query: {},
  requestBody,
  status,
  responseBody: status === 204 ? undefined : {},
  asUser: false
});

const issue: IssueRef = {
  id: '10001',
  key: 'GRD-1',
  summary: 'Spring <b>page</b> "quoted" & more',
  reporter: '5b10a2844c20165700ede21g'
};

const record: ApprovalRecord = {
  state: 'requested',
  definitionHash: 'abc',
  policyVersion: DEFAULT_POLICY.version,
  evaluationSignature: 'sig',
  tier: 'T2',
  requiredGroups: ['tandem-privacy-reviewers', 'tandem-it-reviewers'],
  requestedBy: '5b10a2844c20165700ede21g',
  requestedAt: '2026-11-25T10:00:00.000Z',
  grants: []
};

const notices = (['en', 'fr'] as const).flatMap((lang) => [
  requestedNotice(lang, issue, record),
  decisionNotice(lang, issue, {
    ...record,
    state: 'approved',
    expiresAt: '2027-11-25T10:00:00.000Z',
    grants: record.requiredGroups.map((group) => ({ group, by: 'x', at: record.requestedAt }))
  }),
  decisionNotice(lang, issue, { ...record, state: 'rejected', reason: '<script>x</script>' }),
  decisionNotice(lang, issue, {
    ...record,
    grants: [{ group: 'tandem-privacy-reviewers', by: 'x', at: record.requestedAt }]
  }),
  escalationNotice(lang, issue, record, 'tandem-privacy-reviewers', 48, 'tandem-it-reviewers'),
  reReviewNotice(lang, issue, { ...record, state: 'approved', expiresAt: '2027-11-25T10:00:00.000Z' })
]);

describe('guardrail request bodies match the Jira platform OpenAPI document', () => {
  it.each(notices.map((notice) => [notice.subject, notice]))('notify: %s', (_subject, notice) => {
    expect(checkExchange(exchange('POST', '/rest/api/3/issue/10001/notify', notice, 204))).toEqual([]);
    expect(notice.htmlBody).not.toMatch(/<script|<b>page/);
    expect(notice.subject).not.toMatch(/[\r\n]/);
  });

  it('the checker is not blind: a malformed notify body is reported', () => {
    const bad = { ...notices[0], to: { groups: ['tandem-privacy-reviewers'] } };
    expect(checkExchange(exchange('POST', '/rest/api/3/issue/10001/notify', bad, 204))).not.toEqual([]);
  });

  it('the issue property: a JSON object well under Jira’s 32 KB limit, with the indexed paths as strings', () => {
    const definition = compliantPage();
    const evaluation = evaluateDefinition(definition, DEFAULT_POLICY);
    const state: GuardrailState = {
      issueId: '10001',
      definition,
      definitionHash: definitionHash(definition),
      evaluation,
      approval: { state: 'none', record: null, reReviewDue: false },
      mayGoLive: true
    };
    const property = propertyOf(state, new Date('2026-11-25T10:00:00Z'));
    expect(
      checkExchange(exchange('PUT', '/rest/api/3/issue/10001/properties/tandemGuardrail', property, 201))
    ).toEqual([]);
    expect(Buffer.byteLength(JSON.stringify(property))).toBeLessThan(32_768);
    for (const path of ['decision', 'approval', 'tier'] as const)
      expect(typeof property[path]).toBe('string');
  });
});
