import type { GuardrailState, GuardrailView } from '../contract/guardrails';
import { groupsOfCaller } from '../platform/auth';
import { jiraAsUser } from '../platform/jira';
import type { Store } from '../platform/store';
import type { Policy } from './domain/policy';
import { isGuardrailIssueType } from './issue-context';

/**
 * The issue panel's view: the recomputed state plus what the caller may do and what kind of
 * issue and project it sits on. Asked as the caller (their edit permission) and as the app
 * (their groups), after the resolver's own permission check.
 */
export async function panelView(
  store: Store,
  state: GuardrailState,
  policy: Policy,
  callerAccountId: string
): Promise<GuardrailView> {
  const jira = jiraAsUser();
  const [issue, permissions, groups] = await Promise.all([
    jira.getIssue(state.issueId, ['project', 'issuetype']),
    jira.myIssuePermissions(['EDIT_ISSUES'], state.issueId),
    groupsOfCaller(callerAccountId)
  ]);
  const fields = issue.fields;
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
      isGuardrailType: await isGuardrailIssueType(store, fields?.issuetype),
      projectKey: fields?.project?.key ?? issue.key.split('-')[0] ?? '',
      projectStyle: teamManaged ? 'team-managed' : 'company-managed',
      enforceable: !teamManaged
    },
    permissions: { canEdit: permissions.EDIT_ISSUES === true, canDecide },
    policy
  };
}
