import { STATUSES, TRANSITIONS } from '../catalog';
import { isRecord, jiraError, noContent, ok, qString, type Router } from '../http';
import type { IssueDoc } from '../types';
import { type JiraContext, scalar } from './context';
import { issueEditor } from './edit';

/** Workflow transitions, running the app's workflow validator as Jira does in company-managed projects. */
export function transitionRoutes(r: Router, ctx: JiraContext): void {
  const { site, statusBean, visibleIssue } = ctx;
  const { applyFields } = issueEditor(ctx);

  const transitionBean = (t: (typeof TRANSITIONS)[number]) => ({
    id: t.id,
    name: t.name,
    to: statusBean(t.to),
    hasScreen: false,
    isGlobal: true,
    isInitial: false,
    isAvailable: true,
    isConditional: false,
    isLooped: false
  });

  r.add('GET', '/rest/api/3/issue/{issueIdOrKey}/transitions', ({ principal, params, query }) => {
    const { issue, project: proj } = visibleIssue(principal, params.issueIdOrKey as string);
    if (!site.hasProject(principal, proj, 'TRANSITION_ISSUES')) return ok({ transitions: [] });
    const only = qString(query, 'transitionId');
    const list = TRANSITIONS.filter((t) => t.to !== issue.statusId && (!only || t.id === only));
    return ok({ expand: 'transitions', transitions: list.map(transitionBean) });
  });

  r.add('POST', '/rest/api/3/issue/{issueIdOrKey}/transitions', async ({ principal, params, body }) => {
    const { issue, project: proj } = visibleIssue(principal, params.issueIdOrKey as string);
    if (!site.hasProject(principal, proj, 'TRANSITION_ISSUES'))
      throw jiraError(403, ['You do not have permission to transition this issue.']);
    const id = isRecord(body) && isRecord(body.transition) ? scalar(body.transition.id) : '';
    const t = TRANSITIONS.find((x) => x.id === id && x.to !== issue.statusId);
    if (!t) throw jiraError(400, [`Transition id '${id}' is not valid for this issue.`]);
    // Jira runs app workflow validators only in company-managed projects.
    if (proj.style === 'classic' && site.transitionValidator) {
      const verdict = await site.transitionValidator({
        issue: { id: issue.id, key: issue.key },
        transition: { id: t.id, from: { id: issue.statusId }, to: { id: t.to } },
        principal
      });
      if (!verdict.result)
        throw jiraError(400, [verdict.errorMessage ?? 'The transition was blocked by a validator.']);
    }
    const fresh = site.docs.get<IssueDoc>('issues', issue.id) as IssueDoc;
    if (isRecord(body) && isRecord(body.fields)) applyFields(fresh, proj, body.fields, {}, false);
    fresh.statusId = t.to;
    fresh.updated = new Date(site.now()).toISOString();
    // Jira sets the resolution date on entering a done status and clears it on leaving one.
    if (STATUSES.find((x) => x.id === t.to)?.category === 'done') fresh.resolved ??= fresh.updated;
    else delete fresh.resolved;
    site.docs.put('issues', fresh.id, fresh);
    site.emitIssueEvent({
      eventType: 'avi:jira:updated:issue',
      issueId: fresh.id,
      issueKey: fresh.key,
      ...(principal.kind === 'user' ? { actorAccountId: principal.accountId } : {}),
      byApp: principal.kind === 'app',
      changedFields: ['status']
    });
    return noContent;
  });
}
