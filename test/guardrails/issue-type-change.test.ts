import type { GuardrailView } from '../../src/contract/guardrails';
import { GUARDRAIL_PROPERTY_KEY } from '../../src/guardrails/issue-context';
import { USERS } from '../support/site-seeds';
import { createGuardrailSite, GRD_ISSUES, type GuardrailSite } from '../support/guardrail-site';
import { withBirthDate } from '../support/page-definitions';

/**
 * Changing a page's issue type must not skip the guardrail (issue #9). End to end over the fakes:
 * the type is changed through Jira's REST API as the marketing requester, events go through the
 * manifest's trigger filter to the app's handler, and the transition to done runs the workflow
 * validator. Records are kept by issue id, so they follow the issue whatever its type; the
 * validator must not let a page through because it is now a Task.
 */

jest.setTimeout(60_000);

const requester = USERS.requester.accountId;
const asRequester = { kind: 'user' as const, accountId: requester };
const DONE = '41';

let g: GuardrailSite;

beforeEach(() => {
  g = createGuardrailSite();
  g.t.runtime.attachWorkflowValidator('guardrail-validator');
});

afterEach(() => {
  g.t.expectClean();
  g.t.close();
});

async function setType(key: string, name: string): Promise<void> {
  const response = await g.rest(asRequester, 'PUT', `/rest/api/3/issue/${key}`, {
    fields: { issuetype: { name } }
  });
  expect(response.status).toBe(204);
  expect(g.t.site.issue(key)?.issueTypeId).toBe(
    g.t.site.docs.all<{ id: string; name: string }>('issueTypes').find((type) => type.name === name)?.id
  );
}

async function toDone(key: string) {
  const before = g.t.site.issue(key)?.statusId;
  const response = await g.rest(asRequester, 'POST', `/rest/api/3/issue/${key}/transitions`, {
    transition: { id: DONE }
  });
  return { response, moved: g.t.site.issue(key)?.statusId !== before };
}

describe('changing the issue type does not skip the guardrail', () => {
  it('a described page waiting for approval, turned into a Task, cannot go to done', async () => {
    await g.save(withBirthDate(), GRD_ISSUES.form);
    await setType(GRD_ISSUES.form, 'Task');
    const { response, moved } = await toDone(GRD_ISSUES.form);
    expect(response.status).toBe(400);
    expect(response.body.errorMessages?.[0]).toMatch(/approval/i);
    expect(moved).toBe(false);
  });

  it('the panel stays on a page turned into a Task, says why, and still lets the requester ask for approval', async () => {
    await g.save(withBirthDate(), GRD_ISSUES.form);
    await setType(GRD_ISSUES.form, 'Task');
    const view = await g.must<GuardrailView>(requester, 'guardrails/get', { issueId: g.id(GRD_ISSUES.form) });
    expect(view.issue).toMatchObject({
      issueTypeName: 'Task',
      isGuardrailType: true,
      keptAfterTypeChange: true
    });
    expect(view.definition).not.toBeNull();
    const asked = await g.must<GuardrailView>(requester, 'guardrails/request-approval', {
      issueId: g.id(GRD_ISSUES.form)
    });
    expect(asked.approval.state).toBe('requested');
    expect(asked.issue.keptAfterTypeChange).toBe(true);
  });

  it('an undescribed page the trigger has seen keeps its panel after turning into a Task (the JQL copy marks it)', async () => {
    const edited = await g.rest(asRequester, 'PUT', `/rest/api/3/issue/${GRD_ISSUES.form}`, {
      fields: { summary: 'Contact form (draft)' }
    });
    expect(edited.status).toBe(204);
    await g.t.drain();
    await setType(GRD_ISSUES.form, 'Task');
    const view = await g.must<GuardrailView>(requester, 'guardrails/get', { issueId: g.id(GRD_ISSUES.form) });
    expect(view.definition).toBeNull();
    expect(view.issue).toMatchObject({ isGuardrailType: true, keptAfterTypeChange: true });
  });

  it('a Task Tandem never saw as a page shows no guardrail', async () => {
    const view = await g.must<GuardrailView>(requester, 'guardrails/get', { issueId: g.id(GRD_ISSUES.task) });
    expect(view.issue).toMatchObject({ isGuardrailType: false, keptAfterTypeChange: false });
  });

  it('Web Form → Task → Web Form keeps the same records and still blocks', async () => {
    await g.save(withBirthDate(), GRD_ISSUES.form);
    await g.requestApproval(GRD_ISSUES.form);
    await setType(GRD_ISSUES.form, 'Task');
    await setType(GRD_ISSUES.form, 'Formulaire web');
    await g.t.drain();
    const view = await g.must<GuardrailView>(requester, 'guardrails/get', { issueId: g.id(GRD_ISSUES.form) });
    expect(view.approval.state).toBe('requested');
    expect(view.issue).toMatchObject({ isGuardrailType: true, keptAfterTypeChange: false });
    const { response, moved } = await toDone(GRD_ISSUES.form);
    expect(response.status).toBe(400);
    expect(moved).toBe(false);
    // The type change back raised an event the trigger's filter let through: the copy says requested.
    expect((g.property(GRD_ISSUES.form) as { approval?: string } | undefined)?.approval).toBe('requested');
  });

  it('an undescribed page the trigger has seen, turned into a Task, cannot go straight to done', async () => {
    // Any edit while it is a Web Form lets the trigger copy its state (not described) onto the issue.
    const edited = await g.rest(asRequester, 'PUT', `/rest/api/3/issue/${GRD_ISSUES.form}`, {
      fields: { summary: 'Contact form (draft)' }
    });
    expect(edited.status).toBe(204);
    await g.t.drain();
    expect(g.property(GRD_ISSUES.form)).toBeDefined();
    await setType(GRD_ISSUES.form, 'Task');
    const { response, moved } = await toDone(GRD_ISSUES.form);
    expect(response.status).toBe(400);
    expect(response.body.errorMessages?.[0]).toMatch(/^Describe the page first/);
    expect(moved).toBe(false);
  });

  it('a Task turned into a Web Form is guarded from then on, and its copy is written', async () => {
    await setType(GRD_ISSUES.task, 'Landing Page');
    await g.t.drain();
    expect(g.property(GRD_ISSUES.task)).toMatchObject({ mayGoLive: false });
    const { response, moved } = await toDone(GRD_ISSUES.task);
    expect(response.status).toBe(400);
    expect(moved).toBe(false);
  });

  it('a Task Tandem never saw as a page still goes to done, with one issue lookup', async () => {
    const { response, moved } = await toDone(GRD_ISSUES.task);
    expect(response.status).toBe(204);
    expect(moved).toBe(true);
    const lookups = g.t.exchanges.filter(
      (ex) => ex.method === 'GET' && ex.path === `/rest/api/3/issue/${GRD_ISSUES.task}`
    );
    expect(lookups).toHaveLength(1);
    expect(lookups[0]?.query.properties).toBe(GUARDRAIL_PROPERTY_KEY);
  });
});
