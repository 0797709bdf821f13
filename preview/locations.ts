import crypto from 'node:crypto';
import type { Site } from './backend/site';
import type { IssueDoc, PageDoc, Principal, ProjectDoc, SpaceDoc } from './backend/types';
import type { PreviewMeta } from './demo/load';
import { placementsOf } from './macros';
import { HttpProblem } from './respond';
import { forgeLicense, type InvokeContext } from './runtime';
import type { Session } from './sessions';
import type { Surface } from './surfaces';

/**
 * Where a surface is shown (the host page's project, issue, page or space), checked with the
 * embedded back end's real permissions, and the Forge context built from it on the server.
 */

export interface LocationRef {
  projectKey?: string;
  issueKey?: string;
  contentId?: string;
  spaceKey?: string;
  /** Which placed macro of the page (preview/macros.ts); none for an unplaced one. */
  macroLocalId?: string;
}

export interface Resolved {
  extension: Record<string, unknown> & { type: string };
  project?: ProjectDoc;
  issue?: IssueDoc;
  page?: PageDoc;
  space?: SpaceDoc;
  product: 'jira' | 'confluence';
  /** The placed macro's own local id, which the context carries instead of a derived one. */
  localId?: string;
}

export interface Locator {
  resolveLocation: (surface: Surface, loc: LocationRef | undefined, principal: Principal) => Resolved;
  /** The Forge context, built on the server from the session: never taken from the browser. */
  forgeContext: (session: Session, surface: Surface, resolved: Resolved) => InvokeContext;
}

export function createLocator(site: Site, meta: PreviewMeta): Locator {
  const cloudId = meta.site.cloudId;
  function resolveLocation(surface: Surface, loc: LocationRef | undefined, principal: Principal): Resolved {
    const type = surface.moduleType;
    const projectRef = (p: ProjectDoc) => ({
      id: p.id,
      key: p.key,
      type: 'software',
      ...(p.style === 'next-gen' ? { simplified: true } : {})
    });
    switch (surface.kind) {
      case 'project': {
        const project = loc?.projectKey ? site.projectByKey(loc.projectKey) : undefined;
        if (!project) throw new HttpProblem(404, 'NOT_FOUND', 'Unknown project.');
        if (!site.canBrowse(principal, project))
          throw new HttpProblem(403, 'FORBIDDEN', 'You cannot browse this project.');
        return { product: 'jira', project, extension: { type, project: projectRef(project) } };
      }
      case 'issue': {
        const issue = loc?.issueKey ? site.issueByIdOrKey(loc.issueKey) : undefined;
        const project = issue ? site.docs.get<ProjectDoc>('projects', issue.projectId) : undefined;
        if (!issue || !project) throw new HttpProblem(404, 'NOT_FOUND', 'Unknown issue.');
        if (!site.canBrowse(principal, project))
          throw new HttpProblem(403, 'FORBIDDEN', 'You cannot browse this issue.');
        const issueType = site.docs.get<{ id: string; name: string }>('issueTypes', issue.issueTypeId);
        return {
          product: 'jira',
          project,
          issue,
          extension: {
            type,
            issue: { id: issue.id, key: issue.key, type: issueType?.name ?? '', typeId: issue.issueTypeId },
            project: projectRef(project),
            isNewToIssue: false
          }
        };
      }
      case 'macro': {
        const page = loc?.contentId ? site.docs.get<PageDoc>('pages', loc.contentId) : undefined;
        const space = page ? site.docs.get<SpaceDoc>('spaces', page.spaceId) : undefined;
        if (!page || !space) throw new HttpProblem(404, 'NOT_FOUND', 'Unknown page.');
        if (!site.canViewPage(principal, page))
          throw new HttpProblem(403, 'FORBIDDEN', 'You cannot view this page.');
        const placed = loc?.macroLocalId
          ? placementsOf(site, page.id).find(
              (m) => m.localId === loc.macroLocalId && m.moduleKey === surface.moduleKey
            )
          : undefined;
        if (loc?.macroLocalId && !placed)
          throw new HttpProblem(404, 'NOT_FOUND', 'No such macro on this page.');
        return {
          product: 'confluence',
          page,
          space,
          ...(placed ? { localId: placed.localId } : {}),
          extension: {
            type,
            content: { id: page.id, type: 'page' },
            space: { id: space.id, key: space.key },
            isEditing: false,
            config: placed?.config ?? {},
            ...(placed ? { localId: placed.localId } : {})
          }
        };
      }
      case 'space': {
        const space = loc?.spaceKey
          ? site.docs.all<SpaceDoc>('spaces').find((s) => s.key === loc.spaceKey)
          : undefined;
        if (!space) throw new HttpProblem(404, 'NOT_FOUND', 'Unknown space.');
        return { product: 'confluence', space, extension: { type, space: { id: space.id, key: space.key } } };
      }
      default:
        return { product: type.startsWith('confluence') ? 'confluence' : 'jira', extension: { type } };
    }
  }

  /** The Forge context, built on the server from the session: never taken from the browser. */
  function forgeContext(session: Session, surface: Surface, resolved: Resolved): Record<string, unknown> {
    const user = site.user(session.accountId);
    // What view.getContext() shows; resolvers get theirs from the runtime, never from here.
    const license = forgeLicense(session.license);
    const localIdSeed = `${surface.moduleKey}:${resolved.page?.id ?? resolved.issue?.id ?? resolved.project?.id ?? ''}`;
    return {
      accountId: session.accountId,
      accountType: 'licensed',
      cloudId,
      siteUrl: meta.site.siteUrl,
      moduleKey: surface.moduleKey,
      localId: resolved.localId ?? crypto.createHash('sha256').update(localIdSeed).digest('hex').slice(0, 32),
      environmentId: '00000000-0000-0000-0000-00000000dev0',
      environmentType: 'DEVELOPMENT',
      installContext: `ari:cloud:${resolved.product}::site/${cloudId}`,
      extension: resolved.extension,
      locale: session.locale === 'fr' ? 'fr-FR' : 'en-US',
      ...(license ? { license } : {}),
      timezone: user?.timeZone ?? 'UTC',
      theme: {
        colorMode: session.theme,
        dark: 'dark',
        light: 'light',
        spacing: 'spacing',
        typography: 'typography'
      }
    };
  }

  return { resolveLocation, forgeContext };
}
