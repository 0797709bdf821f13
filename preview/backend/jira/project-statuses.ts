import { STATUSES } from '../catalog';
import { ok, type Router } from '../http';
import type { JiraContext } from './context';

/**
 * `GET /rest/api/3/project/{projectIdOrKey}/statuses`: the statuses of each issue type of a
 * project. The embedded Jira has one simplified workflow, so every type lists every status.
 */
export function projectStatusRoutes(r: Router, ctx: JiraContext): void {
  const { site, base, project, statusBean } = ctx;
  r.add('GET', '/rest/api/3/project/{projectIdOrKey}/statuses', ({ principal, params }) => {
    const p = project(principal, params.projectIdOrKey as string);
    return ok(
      site.projectIssueTypes(p).map((t) => ({
        self: `${base}/issueType/${t.id}`,
        id: t.id,
        name: t.name,
        subtask: t.hierarchyLevel === -1,
        statuses: STATUSES.map((s) => statusBean(s.id))
      }))
    );
  });
}
