import { Router } from '../http';
import type { Site } from '../site';
import { jiraContext } from './context';
import { fieldRoutes } from './fields';
import { issueTypeRoutes } from './issue-types';
import { issueRoutes } from './issues';
import { linkRoutes } from './links';
import { permissionRoutes } from './permissions';
import { projectStatusRoutes } from './project-statuses';
import { projectRoutes } from './projects';
import { propertyRoutes } from './properties';
import { remoteLinkRoutes } from './remote-links';
import { searchRoutes } from './search';
import { transitionRoutes } from './transitions';
import { userRoutes } from './users';

/**
 * The Jira platform REST v3 operations the app calls, answered as Jira Cloud would; one file per
 * Jira resource, all sharing the renderers and access checks of ./context.
 */
export function jiraRouter(site: Site): Router {
  const r = new Router();
  const ctx = jiraContext(site);
  for (const routes of [
    userRoutes,
    permissionRoutes,
    projectRoutes,
    projectStatusRoutes,
    issueTypeRoutes,
    fieldRoutes,
    searchRoutes,
    issueRoutes,
    transitionRoutes,
    propertyRoutes,
    linkRoutes,
    remoteLinkRoutes
  ])
    routes(r, ctx);
  return r;
}
