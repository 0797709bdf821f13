import type { IssueSeed, SiteSeed } from '../../preview/backend/types';
import { GROUPS, USERS, user } from './site-seeds';

/**
 * Builders for the retro macro's tests: a Confluence space whose marketing members edit the retro
 * page, approvers and Emma only view it; a page editor who has no access to the MKT project; and
 * earlier retros' actions in MKT (Tasks labelled retro-action, as before the types are set up).
 */

export const RETRO_PAGE = '3001';
export const RETRO_SPACE = 'RET';
export const RETRO_SPACE_ID = '98400';

export const RETRO_PEOPLE = {
  /** Edits the page, but is in no Jira project: cannot create actions. */
  pageEditor: user({
    accountId: '73d4e5f60718293a4b5c6d7e',
    displayName: 'Paul Éditeur',
    groups: ['retro-editors']
  })
};

export function retroSeed(issues: Partial<IssueSeed>[] = []): SiteSeed {
  return {
    groups: [{ name: 'retro-editors' }],
    users: Object.values(RETRO_PEOPLE),
    spaces: [
      {
        id: RETRO_SPACE_ID,
        key: RETRO_SPACE,
        name: 'Retros',
        viewers: {
          groups: [GROUPS.marketing, GROUPS.approvers, 'retro-editors'],
          users: [USERS.browseOnly.accountId]
        },
        editors: { groups: [GROUPS.marketing, 'retro-editors'] }
      }
    ],
    pages: [
      { id: RETRO_PAGE, spaceKey: RETRO_SPACE, title: 'Retro September', authorId: USERS.requester.accountId }
    ],
    issues: issues.map((i) => ({
      project: 'MKT',
      issuetype: 'Task',
      summary: 'Retro action',
      reporter: USERS.requester.accountId,
      ...i
    }))
  };
}

/** The macro's context as Forge sends it to the resolver: the page, the instance, its saved config. */
export function macroContext(config: Record<string, unknown>, localId = 'retro-1', pageId = RETRO_PAGE) {
  return {
    moduleKey: 'tandem-retro',
    localId,
    extension: {
      type: 'macro',
      content: { id: pageId, type: 'page' },
      space: { id: RETRO_SPACE_ID, key: RETRO_SPACE },
      config,
      localId
    },
    locale: 'en_US',
    timezone: 'Europe/Paris',
    siteUrl: 'https://tandem-demo.atlassian.net'
  };
}
