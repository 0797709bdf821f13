import api, { route } from '@forge/api';
import { z } from 'zod';
import { JiraRequests, parseJiraBody as parse } from './jira-base';
import { fieldId, issueIdOrKey, numericId, projectIdOrKey } from './ids';
import { lazySchema } from '../contract/lazy-schema';

/**
 * The Jira calls the idea backlog needs that the shared client (jira.ts) does not offer: create an
 * issue as the caller (quick capture, "turn into experiment"), link the idea to its experiment,
 * and a project's statuses (the macro's stage mapping). Same shape as jira.ts
 * (`this.requestJira(route…, { method })`) so the scope test and Forge's permission linter see
 * every call.
 */

const CreatedSchema = lazySchema(() => z.object({ id: z.string(), key: z.string() }));

const StatusSchema = lazySchema(() =>
  z.object({
    id: z.string(),
    name: z.string(),
    statusCategory: z.object({ key: z.string() }).optional()
  })
);
const TypeStatusesSchema = lazySchema(() =>
  z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      subtask: z.boolean().optional(),
      statuses: z.array(StatusSchema)
    })
  )
);

export interface ProjectStatus {
  id: string;
  name: string;
  category: 'new' | 'indeterminate' | 'done';
}

/** An ADF document for a description (plain paragraphs: user text never becomes markup). */
export function plainDoc(text: string): Record<string, unknown> {
  const paragraphs = text
    .split(/\n{2,}/)
    .map((p) => p.trim())
    .filter((p) => p.length > 0);
  return {
    type: 'doc',
    version: 1,
    content: paragraphs.map((p) => ({ type: 'paragraph', content: [{ type: 'text', text: p }] }))
  };
}

export class IdeasJira extends JiraRequests {
  /**
   * Creates an issue. `fields` are custom field values by field id, each id checked; labels
   * must have no spaces (Jira refuses them).
   */
  async createIssue(input: {
    projectId: string;
    issueTypeId: string;
    summary: string;
    description: string;
    labels: string[];
    fields: Record<string, unknown>;
  }): Promise<{ id: string; key: string }> {
    const custom: Record<string, unknown> = {};
    for (const [id, value] of Object.entries(input.fields)) custom[fieldId(id)] = value;
    const body = await this.requestJira(route`/rest/api/3/issue`, {
      method: 'POST',
      body: {
        fields: {
          project: { id: numericId(input.projectId, 'projectId') },
          issuetype: { id: numericId(input.issueTypeId, 'issueTypeId') },
          summary: input.summary,
          ...(input.description.trim() ? { description: plainDoc(input.description) } : {}),
          labels: input.labels,
          ...custom
        }
      }
    });
    return parse(CreatedSchema, body, 'issue create');
  }

  /** "idea relates to experiment": the Relates type exists on every site. */
  async linkIssues(inwardIssueId: string, outwardIssueId: string): Promise<void> {
    await this.requestJira(route`/rest/api/3/issueLink`, {
      method: 'POST',
      body: {
        type: { name: 'Relates' },
        inwardIssue: { id: issueIdOrKey(inwardIssueId, 'issueId') },
        outwardIssue: { id: issueIdOrKey(outwardIssueId, 'experimentId') }
      }
    });
  }

  /** Every status any issue type of the project uses, once each, in workflow order. */
  async projectStatuses(projectId: string): Promise<ProjectStatus[]> {
    const id = projectIdOrKey(projectId, 'projectId');
    const types = parse(
      TypeStatusesSchema,
      await this.requestJira(route`/rest/api/3/project/${id}/statuses`),
      'project statuses'
    );
    const seen = new Map<string, ProjectStatus>();
    for (const type of types)
      for (const status of type.statuses) {
        if (seen.has(status.id)) continue;
        const key = status.statusCategory?.key;
        seen.set(status.id, {
          id: status.id,
          name: status.name,
          category: key === 'done' ? 'done' : key === 'indeterminate' ? 'indeterminate' : 'new'
        });
      }
    return [...seen.values()];
  }
}

export const ideasJiraAsUser = (): IdeasJira =>
  new IdeasJira((path, init) => api.asUser().requestJira(path, init));
