import { isRecord, jiraError, ok, type Router } from '../http';
import type { JiraContext } from './context';

interface RemoteLinkDoc {
  id: string;
  issueId: string;
  globalId?: string;
  url: string;
  title: string;
}

/**
 * Remote issue links (a web link from an issue to a page). As in Jira: Browse and Link issues on
 * the issue's project; a link with the `globalId` of an existing one updates it (200) instead of
 * adding another (201).
 */
export function remoteLinkRoutes(r: Router, ctx: JiraContext): void {
  const { site, base, visibleIssue } = ctx;

  r.add('POST', '/rest/api/3/issue/{issueIdOrKey}/remotelink', ({ principal, params, body }) => {
    const { issue, project } = visibleIssue(principal, params.issueIdOrKey as string);
    if (!site.hasProject(principal, project, 'LINK_ISSUES'))
      throw jiraError(403, ['You do not have the permission to link issues.']);
    if (
      !isRecord(body) ||
      !isRecord(body.object) ||
      typeof body.object.url !== 'string' ||
      typeof body.object.title !== 'string'
    )
      throw jiraError(400, [], { object: 'object.url and object.title must be provided.' });
    const globalId = typeof body.globalId === 'string' ? body.globalId : undefined;
    const existing = globalId
      ? site.docs
          .peekAll<RemoteLinkDoc>('remoteLinks')
          .find((l) => l.issueId === issue.id && l.globalId === globalId)
      : undefined;
    const id = existing?.id ?? String(site.docs.nextId('remoteLink', 10000));
    site.docs.put<RemoteLinkDoc>('remoteLinks', id, {
      id,
      issueId: issue.id,
      ...(globalId ? { globalId } : {}),
      url: body.object.url,
      title: body.object.title
    });
    return ok({ id: Number(id), self: `${base}/issue/${issue.id}/remotelink/${id}` }, existing ? 200 : 201);
  });
}
