import { ForbiddenError, PlatformError } from './errors';
import { jiraAsApp, jiraAsUser } from './jira';
import { numericId } from './ids';

/**
 * Permission checks always ask Jira as the invoking user (`asUser`), so the answer is about
 * the identity Forge authenticated, never about an id taken from a payload.
 */

export async function isJiraAdmin(): Promise<boolean> {
  const permissions = await jiraAsUser().myPermissions(['ADMINISTER']);
  return permissions.ADMINISTER === true;
}

export async function requireJiraAdmin(): Promise<void> {
  if (!(await isJiraAdmin())) {
    throw new ForbiddenError('Only Jira administrators can do this');
  }
}

export async function requireProjectPermission(projectId: string, permission: string): Promise<void> {
  const id = numericId(projectId, 'projectId');
  const permissions = await jiraAsUser().myPermissions([permission], { projectId: id });
  if (permissions[permission] !== true) {
    throw new ForbiddenError(`Missing the ${permission} permission on project ${id}`);
  }
}

/**
 * The caller's project permission on one issue, asked as the caller. An issue they cannot see
 * answers 404, which is a refusal too: the message does not reveal whether the issue exists.
 * `alsoAsk` are permissions read in the same call (what the screen may offer), answered with it.
 */
export async function requireIssuePermission(
  issueId: string,
  permission: string,
  alsoAsk: ReadonlyArray<string> = []
): Promise<Record<string, boolean>> {
  const id = numericId(issueId, 'issueId');
  let permissions: Record<string, boolean>;
  try {
    permissions = await jiraAsUser().myIssuePermissions([...new Set([permission, ...alsoAsk])], id);
  } catch (error) {
    if (error instanceof PlatformError && (error.kind === 'not-found' || error.kind === 'forbidden')) {
      throw new ForbiddenError(`Missing the ${permission} permission on issue ${id}`);
    }
    throw error;
  }
  if (permissions[permission] !== true) {
    throw new ForbiddenError(`Missing the ${permission} permission on issue ${id}`);
  }
  return permissions;
}

/**
 * The ids of the Jira groups of the authenticated caller (its account id comes from Forge's
 * context), read as the app: users without the Browse users permission cannot list their own
 * groups. Ids, not names: an administrator can rename a group, its id stays.
 */
export async function groupIdsOfCaller(callerAccountId: string): Promise<string[]> {
  const groups = await jiraAsApp().userGroups(callerAccountId);
  return groups.flatMap((group) => (group.groupId === null ? [] : [group.groupId]));
}

/**
 * Project administrators (Administer projects on that project) and Jira administrators, asked as
 * the caller in one call.
 */
export async function canAdministerProject(projectId: string): Promise<boolean> {
  const id = numericId(projectId, 'projectId');
  const permissions = await jiraAsUser().myPermissions(['ADMINISTER_PROJECTS', 'ADMINISTER'], {
    projectId: id
  });
  return permissions.ADMINISTER_PROJECTS === true || permissions.ADMINISTER === true;
}

export async function requireProjectAdmin(projectId: string): Promise<void> {
  if (!(await canAdministerProject(projectId))) {
    throw new ForbiddenError(
      'Only project administrators (or Jira administrators) can change these settings'
    );
  }
}
