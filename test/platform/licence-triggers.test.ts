import { onCapacityIssueEvent } from '../../src/functions/capacity-issue-events';
import { runGuardrailSweep } from '../../src/functions/guardrail-sweep';
import { onIssueEvent } from '../../src/functions/issue-events';
import { runPersonalDataReport } from '../../src/functions/personal-data-report';
import { licensedTrigger, scheduledTrigger, SKIPPED_UNLICENSED } from '../../src/platform/licence';
import { forgeLicense, type LicenceState } from '../../preview/runtime';
import { createGuardrailSite, GRD_ISSUES, type GuardrailSite } from '../support/guardrail-site';
import { USERS } from '../support/site-seeds';
import { withBirthDate } from '../support/page-definitions';

/**
 * Background functions and the site's licence (src/platform/licence.ts): the triggers that write
 * to the site run only while the licence is in force; the scheduled ones answer Forge in the shape
 * its function reference asks for.
 */

const context = (state: LicenceState) => {
  const license = forgeLicense(state);
  return license ? { license } : {};
};

describe('licensedTrigger', () => {
  it.each<[LicenceState, boolean]>([
    ['active', true],
    ['trial', true],
    ['none', true],
    ['inactive', false]
  ])('with a licence %s, runs the handler: %s', async (state, runs) => {
    const seen: unknown[] = [];
    const trigger = licensedTrigger((event: { id: string }) => {
      seen.push(event);
      return Promise.resolve('done');
    });
    expect(await trigger({ id: '1' }, context(state))).toBe(runs ? 'done' : SKIPPED_UNLICENSED);
    expect(seen).toEqual(runs ? [{ id: '1' }] : []);
  });

  it('takes a malformed licence for a lapsed one', async () => {
    const trigger = licensedTrigger(() => Promise.resolve('done'));
    expect(await trigger({}, { license: { isActive: 'yes' } })).toBe(SKIPPED_UNLICENSED);
  });
});

describe('scheduledTrigger', () => {
  it('answers 204 whatever the job reports, and logs the report', async () => {
    const logged: string[] = [];
    const job = scheduledTrigger(
      'nightly',
      () => Promise.resolve({ processed: 3 }),
      (m) => void logged.push(m)
    );
    expect(await job({ context: { cloudId: 'c', moduleKey: 'k' } })).toEqual({ statusCode: 204 });
    expect(logged).toEqual(['nightly: {"processed":3}']);
    const quiet = scheduledTrigger(
      'nightly',
      () => Promise.resolve(undefined),
      (m) => void logged.push(m)
    );
    expect(await quiet({})).toEqual({ statusCode: 204 });
    expect(logged).toHaveLength(1);
  });
});

describe('the entries Forge calls', () => {
  let g: GuardrailSite;

  beforeEach(() => {
    g = createGuardrailSite();
  });

  afterEach(() => {
    g.t.close();
  });

  function updatedEvent(key: string) {
    const issue = g.t.site.issue(key);
    const type = g.t.site.docs
      .all<{ id: string; name: string }>('issueTypes')
      .find((x) => x.id === issue?.issueTypeId);
    return {
      eventType: 'avi:jira:updated:issue',
      issue: { id: issue?.id, key, fields: { issuetype: { id: type?.id, name: type?.name } } },
      changelog: { items: [{ field: 'summary', fieldId: 'summary' }] }
    };
  }

  it('the JQL-copy trigger leaves a lapsed site alone, and repairs the copy once the licence is back', async () => {
    await g.save(withBirthDate());
    const tampered = { decision: 'go', approval: 'approved', tier: 'T0', mayGoLive: true };
    const put = await g.rest(
      { kind: 'user', accountId: USERS.requester.accountId },
      'PUT',
      `/rest/api/3/issue/${GRD_ISSUES.page}/properties/tandemGuardrail`,
      tampered
    );
    expect([200, 201]).toContain(put.status);
    const before = g.t.exchanges.length;
    expect(await onIssueEvent(updatedEvent(GRD_ISSUES.page), context('inactive'))).toBe(SKIPPED_UNLICENSED);
    expect(g.t.exchanges.length).toBe(before);
    expect(g.property(GRD_ISSUES.page)).toEqual(tampered);
    expect(await onIssueEvent(updatedEvent(GRD_ISSUES.page), context('active'))).toBe('written');
    expect(g.property(GRD_ISSUES.page)).toMatchObject({ approval: 'none', mayGoLive: false });
  });

  it('the lane trigger and the hourly sweep do nothing on a lapsed site', async () => {
    const before = g.t.exchanges.length;
    expect(await onCapacityIssueEvent(updatedEvent(GRD_ISSUES.page), context('inactive'))).toBe(
      SKIPPED_UNLICENSED
    );
    expect(await runGuardrailSweep({}, context('inactive'))).toEqual({ statusCode: 204 });
    expect(g.t.exchanges.length).toBe(before);
  });

  it('the scheduled entries answer Forge 204, the personal-data report whatever the licence', async () => {
    const log = jest.spyOn(console, 'log').mockImplementation(() => undefined);
    try {
      expect(await runGuardrailSweep({}, context('active'))).toEqual({ statusCode: 204 });
      expect(await runPersonalDataReport({}, context('inactive'))).toEqual({ statusCode: 204 });
      // It ran on the lapsed site: its report went to the log.
      const lines = log.mock.calls.map((call) => String(call[0]));
      expect(lines.some((line) => line.startsWith('personal data report: {'))).toBe(true);
    } finally {
      log.mockRestore();
    }
  });
});
