import api, { route } from '@forge/api';
import { z } from 'zod';
import { PlatformError } from './errors';
import { JiraRequests, parseJiraBody as parse } from './jira-base';
import { numericId } from './ids';
import { lazySchema } from '../contract/lazy-schema';

/**
 * The Jira calls the retrospective macro makes that the shared client (jira.ts) lacks: a project
 * by key, a search answering fields and issue properties, creating an action issue and linking it
 * back to the page. Written `this.requestJira(route\`...\`, { method })` like jira.ts, so the scope
 * test and Forge's permission linter see every operation.
 */

const PROJECT_KEY = /^[A-Z][A-Z0-9_]{0,9}$/;

const ProjectSchema = lazySchema(() =>
  z.object({
    id: z.string(),
    key: z.string(),
    name: z.string(),
    issueTypes: z
      .array(z.object({ id: z.string(), name: z.string(), subtask: z.boolean().optional() }))
      .optional()
  })
);
export type RetroProject = z.infer<typeof ProjectSchema>;

const SearchIssueSchema = lazySchema(() =>
  z.object({
    id: z.string(),
    key: z.string(),
    fields: z.record(z.string(), z.unknown()).optional(),
    properties: z.record(z.string(), z.unknown()).optional()
  })
);
export type SearchedIssue = z.infer<typeof SearchIssueSchema>;

const SearchPageSchema = lazySchema(() =>
  z.object({
    issues: z.array(SearchIssueSchema),
    nextPageToken: z.string().nullable().optional(),
    isLast: z.boolean().optional()
  })
);

const CreatedSchema = lazySchema(() => z.object({ id: z.string(), key: z.string() }));

/** Escapes a value put between double quotes in JQL: backslash first, then the quote. */
export function jqlString(value: string): string {
  return `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

export interface NewActionIssue {
  projectId: string;
  issueTypeId: string;
  summary: string;
  owner: string;
  due: string;
  labels: string[];
  /** ADF document: where the action comes from. */
  description: unknown;
}

export class RetroJira extends JiraRequests {
  /** The project a retro names, with its issue types; null when the caller cannot see it. */
  async projectByKey(key: string): Promise<RetroProject | null> {
    if (!PROJECT_KEY.test(key)) throw new PlatformError('bad-request', 'Not a Jira project key');
    try {
      return parse(ProjectSchema, await this.requestJira(route`/rest/api/3/project/${key}`), 'project');
    } catch (error) {
      if (error instanceof PlatformError && (error.kind === 'not-found' || error.kind === 'forbidden'))
        return null;
      throw error;
    }
  }

  /**
   * Issues a JQL query finds, with the fields and issue properties named, at most `limit` of
   * them (the retro shows summaries, not whole backlogs).
   */
  async search(
    jql: string,
    fields: readonly string[],
    properties: readonly string[],
    limit = 200
  ): Promise<SearchedIssue[]> {
    const out: SearchedIssue[] = [];
    let nextPageToken: string | undefined;
    do {
      const body = await this.requestJira(route`/rest/api/3/search/jql`, {
        method: 'POST',
        idempotent: true,
        body: {
          jql,
          fields: [...fields],
          ...(properties.length ? { properties: [...properties] } : {}),
          maxResults: Math.min(100, limit - out.length),
          ...(nextPageToken ? { nextPageToken } : {})
        }
      });
      const page = parse(SearchPageSchema, body, 'search/jql');
      out.push(...page.issues);
      nextPageToken = page.isLast === false && page.nextPageToken ? page.nextPageToken : undefined;
    } while (nextPageToken && out.length < limit);
    return out;
  }

  /** Creates the action as the caller: Jira checks Create issues and that the owner is assignable. */
  async createIssue(issue: NewActionIssue): Promise<{ id: string; key: string }> {
    const body = await this.requestJira(route`/rest/api/3/issue`, {
      method: 'POST',
      body: {
        fields: {
          project: { id: numericId(issue.projectId, 'projectId') },
          issuetype: { id: numericId(issue.issueTypeId, 'issueTypeId') },
          summary: issue.summary,
          assignee: { accountId: issue.owner },
          duedate: issue.due,
          labels: issue.labels,
          description: issue.description
        }
      }
    });
    return parse(CreatedSchema, body, 'create issue');
  }

  /** A web link from the issue back to the retro's page (the page's own URL, titled with it). */
  async linkToPage(issueId: string, url: string, title: string, globalId: string): Promise<void> {
    const id = numericId(issueId, 'issueId');
    await this.requestJira(route`/rest/api/3/issue/${id}/remotelink`, {
      method: 'POST',
      idempotent: true,
      body: { globalId, object: { url, title } }
    });
  }
}

export const retroJiraAsUser = (): RetroJira =>
  new RetroJira((path, init) => api.asUser().requestJira(path, init));

/**
 * Only for the page export (no user session for some export types), and only for the issues the
 * retro itself created, whose keys and summaries the page already holds.
 */
export const retroJiraAsApp = (): RetroJira =>
  new RetroJira((path, init) => api.asApp().requestJira(path, init));
