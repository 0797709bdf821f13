import { ForbiddenError } from './errors';
import { jiraAsUser } from './jira';
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
