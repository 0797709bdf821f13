import type { IssueSeed, SiteSeed } from '../../preview/backend/types';
import { GROUPS, USERS } from './site-seeds';

/**
 * Builders for the idea backlog's tests: a Confluence space where marketing edits and approvers
 * and Emma only read, one backlog page with the macro, the Strategic Idea and Experiment types,
 * and the five score fields, in the base site's MKT project.
 */

export const IDEAS_PAGE = '3001';
export const IDEAS_SPACE = 'IDEAS';
export const IDEAS_LOCAL_ID = 'ideas-1';
export const MACRO_KEY = 'tandem-idea-backlog';

export const SCORE_FIELDS = {
  reach: 'customfield_10101',
  impact: 'customfield_10102',
  confidence: 'customfield_10103',
  ease: 'customfield_10104',
  effort: 'customfield_10105'
} as const;

const NAMES: Record<keyof typeof SCORE_FIELDS, string> = {
  reach: 'Reach',
  impact: 'Impact',
  confidence: 'Confidence',
  ease: 'Ease',
  effort: 'Effort'
};

export type Scores = Partial<Record<keyof typeof SCORE_FIELDS, number>>;

export function ideaIssue(
  summary: string,
  scores: Scores = {},
  extra: Partial<IssueSeed> = {}
): Partial<IssueSeed> {
  return {
    project: 'MKT',
    issuetype: 'Strategic Idea',
    summary,
    labels: ['idea', 'source-webinar'],
    reporter: USERS.requester.accountId,
    fields: Object.fromEntries(Object.entries(scores).map(([k, v]) => [SCORE_FIELDS[k as keyof Scores], v])),
    ...extra
  };
}

export function ideasSeed(issues: Partial<IssueSeed>[]): SiteSeed {
  return {
    issueTypes: [
      { name: 'Strategic Idea', hierarchyLevel: 0 },
      { name: 'Experiment', hierarchyLevel: 0 }
    ],
    fields: Object.entries(SCORE_FIELDS).map(([input, id]) => ({
      id,
      name: NAMES[input as keyof typeof SCORE_FIELDS],
      type: 'com.atlassian.jira.plugin.system.customfieldtypes:float'
    })),
    spaces: [
      {
        key: IDEAS_SPACE,
        name: 'Ideas',
        viewers: {
          groups: [GROUPS.marketing, GROUPS.approvers, GROUPS.admins],
          users: [USERS.browseOnly.accountId]
        },
        editors: { groups: [GROUPS.marketing, GROUPS.admins], users: [USERS.browseOnly.accountId] }
      }
    ],
    pages: [
      { id: IDEAS_PAGE, spaceKey: IDEAS_SPACE, title: 'Idea backlog', authorId: USERS.requester.accountId }
    ],
    issues: issues.map((i) => ({
      project: 'MKT',
      issuetype: 'Task',
      summary: 'x',
      reporter: USERS.requester.accountId,
      ...i
    }))
  };
}

/** The macro's context as Confluence gives it to the resolver. */
export function macroContext(config: Record<string, unknown>, localId = IDEAS_LOCAL_ID) {
  return {
    moduleKey: MACRO_KEY,
    localId,
    extension: {
      type: 'macro',
      content: { id: IDEAS_PAGE, type: 'page' },
      space: { id: '98400', key: IDEAS_SPACE },
      localId,
      config
    },
    locale: 'en_US',
    timezone: 'Europe/Paris'
  };
}
