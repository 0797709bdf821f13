import { LINK_TYPES } from '../catalog';
import { isRecord, jiraError, type Router } from '../http';
import type { IssueLinkDoc } from '../types';
import { type JiraContext, scalar } from './context';

/** Issue links. */
export function linkRoutes(r: Router, ctx: JiraContext): void {
  const { site, visibleIssue } = ctx;

  r.add('POST', '/rest/api/3/issueLink', ({ principal, body }) => {
    if (
      !isRecord(body) ||
      !isRecord(body.type) ||
      !isRecord(body.inwardIssue) ||
      !isRecord(body.outwardIssue)
    )
      throw jiraError(400, ['type, inwardIssue and outwardIssue must be provided.']);
    const typeRef = body.type;
    const type = LINK_TYPES.find((t) => t.id === typeRef.id || t.name === typeRef.name);
    if (!type)
      throw jiraError(404, [`No issue link type with name '${String(typeRef.name ?? typeRef.id)}' found.`]);
    const ref = (x: Record<string, unknown>) => scalar(x.key ?? x.id);
    const inward = visibleIssue(principal, ref(body.inwardIssue));
    const outward = visibleIssue(principal, ref(body.outwardIssue));
    if (
      !site.hasProject(principal, inward.project, 'LINK_ISSUES') ||
      !site.hasProject(principal, outward.project, 'LINK_ISSUES')
    )
      throw jiraError(403, ['You do not have the permission to link issues.']);
    const dup = site.docs
      .peekAll<IssueLinkDoc>('links')
      .some(
        (l) =>
          l.type === type.name && l.inwardIssueId === inward.issue.id && l.outwardIssueId === outward.issue.id
      );
    if (!dup) {
      const id = String(site.docs.nextId('link', 10000));
      site.docs.put<IssueLinkDoc>('links', id, {
        id,
        type: type.name,
        inwardIssueId: inward.issue.id,
        outwardIssueId: outward.issue.id
      });
    }
    return { status: 201 };
  });
}
