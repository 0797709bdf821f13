import type { GuardrailState, GuardrailView } from '../contract/guardrails';
import { groupIdsOfCaller } from '../platform/auth';
import { jiraAsUser, type JiraIssue } from '../platform/jira';
import type { Store } from '../platform/store';
import { approverGroupsHeld, type Policy } from './domain/policy';
import { GUARDRAIL_PROPERTY_KEY, isGuardrailIssueType } from './issue-context';
import { auditTrail } from './service';

/** What the resolver already learnt this call, so the view does not ask Jira again. */
export interface KnownFacts {
  /** The caller's EDIT_ISSUES on the issue, read with the resolver's own permission check. */
  canEdit: boolean;
  /** The policy's approver groups the caller belongs to, when the resolver read them (deciding). */
  groups?: ReadonlyArray<string>;
  /** The issue with its project and issue type, when the resolver read it. */
  issue?: JiraIssue;
}

/**
 * The issue panel's view: the recomputed state plus what the caller may do, what kind of issue
 * and project it sits on, and the audit trail. Asked as the caller (the issue) and as the app
 * (their groups), after the resolver's own permission check, which also read `canEdit`.
 */
export async function panelView(
  store: Store,
  state: GuardrailState,
  policy: Policy,
  callerAccountId: string,
  known: KnownFacts
): Promise<GuardrailView> {
  const [issue, groups, audit] = await Promise.all([
    known.issue?.fields?.project && known.issue.fields.issuetype
      ? known.issue
      : // The JQL copy comes in the same call: it marks an issue that was once a page.
        jiraAsUser().getIssue(state.issueId, ['project', 'issuetype'], [GUARDRAIL_PROPERTY_KEY]),
    known.groups ?? groupIdsOfCaller(callerAccountId).then((ids) => approverGroupsHeld(policy, ids)),
    auditTrail(store, state.issueId)
  ]);
  const fields = issue.fields;
  const typeIsGuardrail = await isGuardrailIssueType(store, fields?.issuetype);
  // As the validator (wasGuardrailPage): records are kept by issue id, so a page that became a Task
  // is still guarded, and its panel must stay to let someone describe it and ask for approval.
  const keptAfterTypeChange =
    !typeIsGuardrail &&
    (state.definition !== null ||
      state.approval.record !== null ||
      issue.properties?.[GUARDRAIL_PROPERTY_KEY] !== undefined);
  const teamManaged = fields?.project?.simplified === true;
  const record = state.approval.record;
  const pending = state.approval.state === 'requested' && record !== null;
  const ownRequest =
    record !== null &&
    record.tier === 'T3' &&
    (record.requestedBy === callerAccountId || record.reporter === callerAccountId);
  const canDecide = pending && !ownRequest && record.requiredGroups.some((group) => groups.includes(group));
  return {
    ...state,
    issue: {
      issueKey: issue.key,
      issueTypeName: fields?.issuetype?.name ?? '',
      isGuardrailType: typeIsGuardrail || keptAfterTypeChange,
      keptAfterTypeChange,
      projectKey: fields?.project?.key ?? issue.key.split('-')[0] ?? '',
      projectStyle: teamManaged ? 'team-managed' : 'company-managed',
      enforceable: !teamManaged
    },
    permissions: { canEdit: known.canEdit, canDecide },
    policy,
    audit
  };
}
