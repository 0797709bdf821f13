import api, { route } from '@forge/api';
import { z } from 'zod';
import type { RetryPolicy } from './http';
import { JiraRequests, parseJiraBody as parse } from './jira-base';
import { fieldId as checkFieldId, issueIdOrKey, numericId, propertyKey as checkPropertyKey } from './ids';
import { lazySchema } from '../contract/lazy-schema';

/**
 * The Jira reads the capacity copy needs that the shared client (jira.ts) does not offer: an issue
 * with the fields lane rules look at and its current `tandemLane` property in one call, a project's
 * issues a page at a time with the same, and an issue with arbitrary custom fields (the experiments
 * gate). Same shape as jira.ts (`this.requestJira(route…, { method })`) so the scope test and
 * Forge's permission linter see every call.
 */

const NamedSchema = lazySchema(() => z.object({ name: z.string() }).passthrough());

const LaneFieldsSchema = lazySchema(() =>
  z
    .object({
      project: z.object({ id: z.string() }).optional(),
      issuetype: z.object({ id: z.string().optional(), name: z.string().optional() }).nullable().optional(),
      labels: z.array(z.string()).nullable().optional(),
      components: z.array(NamedSchema).nullable().optional(),
      parent: z
        .object({
          key: z.string(),
          fields: z
            .object({
              issuetype: z.object({ hierarchyLevel: z.number().optional() }).nullable().optional()
            })
            .optional()
        })
        .nullable()
        .optional()
    })
    .passthrough()
);

const LaneIssueSchema = lazySchema(() =>
  z.object({
    id: z.string(),
    key: z.string(),
    fields: LaneFieldsSchema.optional(),
    properties: z.record(z.string(), z.unknown()).optional()
  })
);

/** What lane rules read from an issue, and the copy of the lane it carries now. */
export interface LaneIssue {
  id: string;
  key: string;
  projectId: string | null;
  type: string;
  labels: string[];
  components: string[];
  /** The parent's key when the parent is an epic (hierarchy level 1). */
  epicKey: string | null;
  /** The issue's `tandemLane` property value; undefined when it has none. */
  property: unknown;
}

const LANE_FIELDS = ['project', 'issuetype', 'labels', 'components', 'parent'] as const;

const SearchPageSchema = lazySchema(() =>
  z.object({
    issues: z.array(LaneIssueSchema),
    nextPageToken: z.string().nullable().optional(),
    isLast: z.boolean().optional()
  })
);

const FieldsIssueSchema = lazySchema(() =>
  z.object({
    id: z.string(),
    key: z.string(),
    fields: z.record(z.string(), z.unknown()).optional()
  })
);

function laneIssueOf(issue: z.infer<typeof LaneIssueSchema>, propertyKey: string): LaneIssue {
  const fields = issue.fields ?? {};
  const parent = fields.parent ?? null;
  return {
    id: issue.id,
    key: issue.key,
    projectId: fields.project?.id ?? null,
    type: fields.issuetype?.name ?? '',
    labels: fields.labels ?? [],
    components: (fields.components ?? []).map((component) => component.name),
    epicKey: parent && parent.fields?.issuetype?.hierarchyLevel === 1 ? parent.key : null,
    property: issue.properties?.[propertyKey]
  };
}

export class LaneJiraClient extends JiraRequests {
  /** One issue with the fields lane rules read and its lane property; undefined when it is gone. */
  async laneIssue(issueId: string, propertyKey: string): Promise<LaneIssue | undefined> {
    const id = numericId(issueId, 'issueId');
    const query = new URLSearchParams({
      fields: LANE_FIELDS.join(','),
      properties: checkPropertyKey(propertyKey)
    });
    const status: { value?: number } = {};
    const body = await this.requestJira(route`/rest/api/3/issue/${id}?${query}`, {
      method: 'GET',
      acceptStatuses: [404],
      status
    });
    if (status.value === 404) return undefined;
    return laneIssueOf(parse(LaneIssueSchema, body, 'issue'), propertyKey);
  }

  /**
   * One page of a project's issues (enhanced search, by id so a page boundary never moves while
   * properties are written), with the lane fields and the lane property.
   */
  async laneIssuePage(input: {
    projectId: string;
    propertyKey: string;
    pageSize: number;
    nextPageToken?: string;
  }): Promise<{ issues: LaneIssue[]; nextPageToken?: string }> {
    const projectId = numericId(input.projectId, 'projectId');
    const body = await this.requestJira(route`/rest/api/3/search/jql`, {
      method: 'POST',
      // A search only reads: sending it twice is harmless.
      idempotent: true,
      body: {
        jql: `project = ${projectId} ORDER BY id ASC`,
        fields: [...LANE_FIELDS],
        properties: [checkPropertyKey(input.propertyKey)],
        maxResults: Math.max(1, Math.min(100, input.pageSize)),
        ...(input.nextPageToken ? { nextPageToken: input.nextPageToken } : {})
      }
    });
    const page = parse(SearchPageSchema, body, 'search');
    return {
      issues: page.issues.map((issue) => laneIssueOf(issue, input.propertyKey)),
      ...(page.nextPageToken && page.isLast !== true ? { nextPageToken: page.nextPageToken } : {})
    };
  }

  /** An issue with the named fields (custom fields included) and its type. */
  async issueFields(
    idOrKey: string,
    fieldIds: ReadonlyArray<string>
  ): Promise<{ id: string; key: string; fields: Record<string, unknown> }> {
    const ref = issueIdOrKey(idOrKey, 'issue');
    const fields = ['issuetype', ...fieldIds.map((id) => checkFieldId(id))];
    const query = new URLSearchParams({ fields: fields.join(',') });
    const issue = parse(
      FieldsIssueSchema,
      await this.requestJira(route`/rest/api/3/issue/${ref}?${query}`),
      'issue'
    );
    return { id: issue.id, key: issue.key, fields: issue.fields ?? {} };
  }

  async setIssueProperty(issueId: string, propertyKey: string, value: unknown): Promise<void> {
    const id = numericId(issueId, 'issueId');
    const key = checkPropertyKey(propertyKey);
    await this.requestJira(route`/rest/api/3/issue/${id}/properties/${key}`, { method: 'PUT', body: value });
  }
}

/** Triggers, queue consumers and validators have no user: they act as the app. */
export const laneJiraAsApp = (retry?: RetryPolicy): LaneJiraClient =>
  new LaneJiraClient((path, init) => api.asApp().requestJira(path, init), retry);
