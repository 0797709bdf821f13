import api, { route } from '@forge/api';
import { z } from 'zod';
import { PlatformError } from './errors';
import { DEFAULT_RETRY_POLICY, type RetryPolicy } from './http';
import { JiraRequests, parseJiraBody as parse } from './jira-base';
import { fieldId as checkFieldId, numericId } from './ids';
import { issueIdOrKey } from './jira-issue';
import { lazySchema } from '../contract/lazy-schema';

/**
 * Typed Jira client. Every call is `this.requestJira(route\`...\`, { method })` so the scope
 * test and Forge's permission linter can list the operations the app uses; responses are
 * parsed here into the shapes the app reads.
 */

const IssueTypeSchema = lazySchema(() =>
  z.object({
    id: z.string(),
    name: z.string(),
    description: z.string().optional(),
    subtask: z.boolean().optional(),
    hierarchyLevel: z.number().optional(),
    scope: z.object({ type: z.string(), project: z.object({ id: z.string() }).optional() }).optional()
  })
);
export type JiraIssueType = z.infer<typeof IssueTypeSchema>;

const FieldSchema = lazySchema(() =>
  z.object({
    id: z.string(),
    name: z.string(),
    custom: z.boolean().optional(),
    schema: z.object({ type: z.string().optional(), custom: z.string().optional() }).optional()
  })
);
export type JiraField = z.infer<typeof FieldSchema>;

const ProjectSchema = lazySchema(() =>
  z.object({
    id: z.string(),
    key: z.string(),
    name: z.string(),
    style: z.string().optional(),
    simplified: z.boolean().optional()
  })
);
export type JiraProject = z.infer<typeof ProjectSchema>;

const ProjectPageSchema = lazySchema(() =>
  z.object({
    values: z.array(ProjectSchema),
    startAt: z.number().optional(),
    maxResults: z.number().optional(),
    isLast: z.boolean().optional()
  })
);

const ContextPageSchema = lazySchema(() =>
  z.object({
    values: z.array(
      z.object({ id: z.string(), name: z.string().optional(), isGlobalContext: z.boolean().optional() })
    ),
    isLast: z.boolean().optional()
  })
);

const OptionPageSchema = lazySchema(() =>
  z.object({
    values: z.array(z.object({ id: z.string(), value: z.string(), disabled: z.boolean().optional() })),
    isLast: z.boolean().optional()
  })
);

const SchemeProjectsPageSchema = lazySchema(() =>
  z.object({
    values: z.array(
      z.object({
        issueTypeScheme: z.object({ id: z.string(), name: z.string(), isDefault: z.boolean().optional() }),
        projectIds: z.array(z.string())
      })
    ),
    isLast: z.boolean().optional()
  })
);

const SchemeMappingPageSchema = lazySchema(() =>
  z.object({
    values: z.array(z.object({ issueTypeSchemeId: z.string(), issueTypeId: z.string() })),
    isLast: z.boolean().optional()
  })
);

const PermissionsSchema = lazySchema(() =>
  z.object({
    permissions: z.record(z.string(), z.object({ havePermission: z.boolean().optional() }))
  })
);

export const IssueSchema = lazySchema(() =>
  z.object({
    id: z.string(),
    key: z.string(),
    fields: z
      .object({
        summary: z.string().optional(),
        reporter: z.object({ accountId: z.string() }).nullable().optional(),
        project: z
          .object({ id: z.string(), key: z.string().optional(), simplified: z.boolean().optional() })
          .optional(),
        issuetype: z.object({ id: z.string().optional(), name: z.string().optional() }).optional()
      })
      .optional(),
    /** The entity properties asked for with `properties=`, by key. */
    properties: z.record(z.string(), z.unknown()).optional()
  })
);
export type JiraIssue = z.infer<typeof IssueSchema>;

const EntityPropertySchema = lazySchema(() => z.object({ key: z.string().optional(), value: z.unknown() }));

/** POST /rest/api/3/issue/{id}/notify: who gets the e-mail and what it says. */
export interface IssueNotification {
  subject: string;
  textBody: string;
  htmlBody: string;
  to: { groups?: { name: string; groupId?: string }[]; users?: { accountId: string }[]; reporter?: boolean };
  /** Only people who may browse the issue get it (Jira drops the others). */
  restrict?: { permissions: { key: string }[] };
}

const PROPERTY_KEY = /^[a-zA-Z0-9._-]{1,255}$/;

const UserGroupsSchema = lazySchema(() =>
  z.array(z.object({ name: z.string(), groupId: z.string().optional().nullable() }))
);
const GroupPageSchema = lazySchema(() =>
  z.object({
    values: z.array(z.object({ name: z.string(), groupId: z.string().optional().nullable() })),
    isLast: z.boolean().optional()
  })
);

export interface JiraGroup {
  name: string;
  /** Null for the rare groups Jira answers without an id. */
  groupId: string | null;
}

const ProjectMetaSchema = lazySchema(() =>
  ProjectSchema.extend({
    components: z.array(z.object({ id: z.string(), name: z.string() })).optional(),
    issueTypes: z
      .array(z.object({ id: z.string(), name: z.string(), subtask: z.boolean().optional() }))
      .optional()
  })
);
export type JiraProjectMeta = z.infer<typeof ProjectMetaSchema>;

const IdPageSchema = lazySchema(() =>
  z.object({
    issues: z.array(z.object({ id: z.string() })),
    nextPageToken: z.string().nullable().optional(),
    isLast: z.boolean().optional()
  })
);

const BulkIssueSchema = lazySchema(() =>
  z.object({
    id: z.string(),
    key: z.string(),
    fields: z.record(z.string(), z.unknown()).optional()
  })
);
export type JiraBulkIssue = z.infer<typeof BulkIssueSchema>;
const BulkFetchSchema = lazySchema(() => z.object({ issues: z.array(BulkIssueSchema) }));

const UserBeanSchema = lazySchema(() =>
  z.object({
    accountId: z.string(),
    displayName: z.string().optional(),
    active: z.boolean().optional(),
    avatarUrls: z.record(z.string(), z.string()).optional()
  })
);
export type JiraUserBean = z.infer<typeof UserBeanSchema>;

/** The enhanced search answers ids only up to 5000 per page; bulk fetch takes 100 issues per call. */
export const SEARCH_ID_PAGE = 5000;
export const BULK_FETCH_MAX = 100;

export interface NewCustomField {
  name: string;
  description: string;
  type: string;
  searcherKey: string;
}

export class JiraClient extends JiraRequests {
  /**
   * An issue by id or key with only the fields asked for (summary, reporter, project and type
   * by default).
   */
  async getIssue(
    idOrKey: string,
    fields: ReadonlyArray<'summary' | 'reporter' | 'project' | 'issuetype'> = [
      'summary',
      'reporter',
      'project',
      'issuetype'
    ],
    properties: ReadonlyArray<string> = []
  ): Promise<JiraIssue> {
    const ref = issueIdOrKey(idOrKey);
    if (properties.some((key) => !PROPERTY_KEY.test(key))) {
      throw new PlatformError('bad-request', 'Not an issue property key');
    }
    const query = new URLSearchParams({
      fields: fields.join(','),
      ...(properties.length > 0 ? { properties: properties.join(',') } : {})
    });
    return parse(IssueSchema, await this.requestJira(route`/rest/api/3/issue/${ref}?${query}`), 'issue');
  }

  /** An issue property's value, or undefined when the issue has no such property. */
  async getIssueProperty(issueId: string, propertyKey: string): Promise<{ value: unknown } | undefined> {
    const id = numericId(issueId, 'issueId');
    if (!PROPERTY_KEY.test(propertyKey)) throw new PlatformError('bad-request', 'Not an issue property key');
    const status: { value?: number } = {};
    const body = await this.requestJira(route`/rest/api/3/issue/${id}/properties/${propertyKey}`, {
      method: 'GET',
      acceptStatuses: [404],
      status
    });
    if (status.value === 404) return undefined;
    return { value: parse(EntityPropertySchema, body, 'issue property').value };
  }

  async setIssueProperty(issueId: string, propertyKey: string, value: unknown): Promise<void> {
    const id = numericId(issueId, 'issueId');
    if (!PROPERTY_KEY.test(propertyKey)) throw new PlatformError('bad-request', 'Not an issue property key');
    await this.requestJira(route`/rest/api/3/issue/${id}/properties/${propertyKey}`, {
      method: 'PUT',
      body: value
    });
  }

  /** Queues Jira's e-mail notification for an issue (not idempotent: never retried after a timeout). */
  async notifyIssue(issueId: string, notification: IssueNotification): Promise<void> {
    const id = numericId(issueId, 'issueId');
    await this.requestJira(route`/rest/api/3/issue/${id}/notify`, {
      method: 'POST',
      body: notification
    });
  }

  /** Global and (optionally) project permissions of whoever the client acts as. */
  async myPermissions(keys: string[], scope: { projectId?: string } = {}): Promise<Record<string, boolean>> {
    const query = new URLSearchParams({ permissions: keys.join(',') });
    if (scope.projectId) query.set('projectId', numericId(scope.projectId, 'projectId'));
    const body = await this.requestJira(route`/rest/api/3/mypermissions?${query}`);
    const parsed = parse(PermissionsSchema, body, 'mypermissions');
    return Object.fromEntries(keys.map((key) => [key, parsed.permissions[key]?.havePermission === true]));
  }

  /** Project permissions of whoever the client acts as, on the project of one issue. */
  async myIssuePermissions(keys: string[], issueId: string): Promise<Record<string, boolean>> {
    const query = new URLSearchParams({
      permissions: keys.join(','),
      issueId: numericId(issueId, 'issueId')
    });
    const body = await this.requestJira(route`/rest/api/3/mypermissions?${query}`);
    const parsed = parse(PermissionsSchema, body, 'mypermissions');
    return Object.fromEntries(keys.map((key) => [key, parsed.permissions[key]?.havePermission === true]));
  }

  /** The Jira groups a user belongs to, with their ids (a group's id survives a rename). */
  async userGroups(accountId: string): Promise<JiraGroup[]> {
    if (!/^[a-zA-Z0-9:_-]{1,128}$/.test(accountId)) {
      throw new PlatformError('bad-request', 'Not an Atlassian account id');
    }
    const query = new URLSearchParams({ accountId });
    const body = await this.requestJira(route`/rest/api/3/user/groups?${query}`);
    return parse(UserGroupsSchema, body, 'user groups').map((group) => ({
      name: group.name,
      groupId: group.groupId ?? null
    }));
  }

  /** Groups by exact name (GET /group/bulk); names Jira does not know are simply absent. */
  async groupsByName(names: ReadonlyArray<string>): Promise<JiraGroup[]> {
    const found: JiraGroup[] = [];
    const unique = [...new Set(names)];
    for (let i = 0; i < unique.length; i += 50) {
      const batch = unique.slice(i, i + 50);
      let startAt = 0;
      for (;;) {
        const query = new URLSearchParams({ startAt: String(startAt), maxResults: '50' });
        for (const name of batch) query.append('groupName', name);
        const body = parse(
          GroupPageSchema,
          await this.requestJira(route`/rest/api/3/group/bulk?${query}`),
          'group bulk'
        );
        found.push(...body.values.map((group) => ({ name: group.name, groupId: group.groupId ?? null })));
        if (body.isLast !== false || body.values.length === 0) break;
        startAt += body.values.length;
      }
    }
    return found;
  }

  async listIssueTypes(): Promise<JiraIssueType[]> {
    return parse(z.array(IssueTypeSchema), await this.requestJira(route`/rest/api/3/issuetype`), 'issuetype');
  }

  async createIssueType(input: { name: string; description: string }): Promise<JiraIssueType> {
    const body = await this.requestJira(route`/rest/api/3/issuetype`, {
      method: 'POST',
      body: { name: input.name, description: input.description, hierarchyLevel: 0 }
    });
    return parse(IssueTypeSchema, body, 'issuetype create');
  }

  async listFields(): Promise<JiraField[]> {
    return parse(z.array(FieldSchema), await this.requestJira(route`/rest/api/3/field`), 'field');
  }

  async createField(input: NewCustomField): Promise<JiraField> {
    const body = await this.requestJira(route`/rest/api/3/field`, {
      method: 'POST',
      body: input
    });
    return parse(FieldSchema, body, 'field create');
  }

  async listFieldContexts(fieldId: string): Promise<{ id: string; isGlobalContext?: boolean }[]> {
    const id = checkFieldId(fieldId);
    const contexts: { id: string; isGlobalContext?: boolean }[] = [];
    for (let startAt = 0; ;) {
      const query = new URLSearchParams({ startAt: String(startAt), maxResults: '50' });
      const page = parse(
        ContextPageSchema,
        await this.requestJira(route`/rest/api/3/field/${id}/context?${query}`),
        'field contexts'
      );
      contexts.push(...page.values);
      if (page.isLast !== false || page.values.length === 0) return contexts;
      startAt += page.values.length;
    }
  }

  async listOptions(fieldId: string, contextId: string): Promise<{ id: string; value: string }[]> {
    const id = checkFieldId(fieldId);
    const context = numericId(contextId, 'contextId');
    const options: { id: string; value: string }[] = [];
    for (let startAt = 0; ;) {
      const query = new URLSearchParams({ startAt: String(startAt), maxResults: '100' });
      const page = parse(
        OptionPageSchema,
        await this.requestJira(route`/rest/api/3/field/${id}/context/${context}/option?${query}`),
        'field options'
      );
      options.push(...page.values);
      if (page.isLast !== false || page.values.length === 0) return options;
      startAt += page.values.length;
    }
  }

  async createOptions(fieldId: string, contextId: string, values: string[]): Promise<void> {
    if (values.length === 0) return;
    const id = checkFieldId(fieldId);
    const context = numericId(contextId, 'contextId');
    await this.requestJira(route`/rest/api/3/field/${id}/context/${context}/option`, {
      method: 'POST',
      body: { options: values.map((value) => ({ value, disabled: false })) }
    });
  }

  async addFieldToDefaultScreen(fieldId: string): Promise<void> {
    const id = checkFieldId(fieldId);
    // Adding a field already on the screen answers 400; the step is idempotent either way.
    await this.requestJira(route`/rest/api/3/screens/addToDefault/${id}`, {
      method: 'POST',
      acceptStatuses: [400]
    });
  }

  async searchProjects(input: { query?: string; startAt: number; maxResults: number }): Promise<{
    projects: JiraProject[];
    isLast: boolean;
  }> {
    const query = new URLSearchParams({
      startAt: String(input.startAt),
      maxResults: String(input.maxResults),
      orderBy: 'name'
    });
    if (input.query) query.set('query', input.query);
    const page = parse(
      ProjectPageSchema,
      await this.requestJira(route`/rest/api/3/project/search?${query}`),
      'project search'
    );
    return { projects: page.values, isLast: page.isLast !== false };
  }

  async getProject(projectId: string): Promise<JiraProject> {
    const id = numericId(projectId, 'projectId');
    return parse(ProjectSchema, await this.requestJira(route`/rest/api/3/project/${id}`), 'project');
  }

  /** A project with its components and issue types (GET project answers both without expand). */
  async getProjectMeta(projectId: string): Promise<JiraProjectMeta> {
    const id = numericId(projectId, 'projectId');
    return parse(ProjectMetaSchema, await this.requestJira(route`/rest/api/3/project/${id}`), 'project');
  }

  /**
   * The ids of every issue a JQL query finds, in the query's order: ids only, so one call answers
   * up to 5000 issues and the fields come from bulk fetch in parallel.
   */
  async searchIssueIds(jql: string, limit = 100_000): Promise<string[]> {
    const ids: string[] = [];
    let nextPageToken: string | undefined;
    do {
      const body = await this.requestJira(route`/rest/api/3/search/jql`, {
        method: 'POST',
        body: {
          jql,
          fields: ['id'],
          maxResults: Math.min(SEARCH_ID_PAGE, limit - ids.length),
          ...(nextPageToken ? { nextPageToken } : {})
        }
      });
      const page = parse(IdPageSchema, body, 'search/jql');
      ids.push(...page.issues.map((issue) => issue.id));
      nextPageToken = page.isLast === false && page.nextPageToken ? page.nextPageToken : undefined;
    } while (nextPageToken && ids.length < limit);
    return ids;
  }

  /** Up to 100 issues with only the fields named; issues the caller cannot see are left out. */
  async bulkFetchIssues(issueIds: readonly string[], fields: readonly string[]): Promise<JiraBulkIssue[]> {
    if (issueIds.length === 0) return [];
    if (issueIds.length > BULK_FETCH_MAX)
      throw new PlatformError('bad-request', `Bulk fetch takes at most ${BULK_FETCH_MAX} issues`);
    const body = await this.requestJira(route`/rest/api/3/issue/bulkfetch`, {
      method: 'POST',
      body: {
        issueIdsOrKeys: issueIds.map((id) => numericId(id, 'issueId')),
        fields: [...fields],
        fieldsByKeys: false
      }
    });
    return parse(BulkFetchSchema, body, 'issue bulkfetch').issues;
  }

  /** People who can be assigned issues in a project, matching a name or e-mail prefix. */
  async assignableUsers(projectId: string, text: string, maxResults = 20): Promise<JiraUserBean[]> {
    const query = new URLSearchParams({
      project: numericId(projectId, 'projectId'),
      query: text,
      maxResults: String(maxResults)
    });
    return parse(
      z.array(UserBeanSchema),
      await this.requestJira(route`/rest/api/3/user/assignable/search?${query}`),
      'assignable users'
    );
  }

  /** Display names and avatars of the accounts named (unknown accounts are left out). */
  async usersByIds(accountIds: readonly string[]): Promise<JiraUserBean[]> {
    const out: JiraUserBean[] = [];
    for (let i = 0; i < accountIds.length; i += 50) {
      const batch = accountIds.slice(i, i + 50);
      const query = new URLSearchParams({ maxResults: String(batch.length) });
      for (const id of batch) {
        if (!/^[a-zA-Z0-9:_-]{1,128}$/.test(id))
          throw new PlatformError('bad-request', 'Not an Atlassian account id');
        query.append('accountId', id);
      }
      const page = parse(
        z.object({ values: z.array(UserBeanSchema) }),
        await this.requestJira(route`/rest/api/3/user/bulk?${query}`),
        'user bulk'
      );
      out.push(...page.values);
    }
    return out;
  }

  /** Which issue type scheme each project uses (team-managed projects have none). */
  async issueTypeSchemesForProjects(
    projectIds: string[]
  ): Promise<{ schemeId: string; schemeName: string; isDefault: boolean; projectIds: string[] }[]> {
    const result: { schemeId: string; schemeName: string; isDefault: boolean; projectIds: string[] }[] = [];
    for (let i = 0; i < projectIds.length; i += 50) {
      for (let startAt = 0; ;) {
        const query = new URLSearchParams({ startAt: String(startAt), maxResults: '50' });
        for (const id of projectIds.slice(i, i + 50)) query.append('projectId', numericId(id, 'projectId'));
        const page = parse(
          SchemeProjectsPageSchema,
          await this.requestJira(route`/rest/api/3/issuetypescheme/project?${query}`),
          'issue type scheme for projects'
        );
        for (const value of page.values) {
          result.push({
            schemeId: value.issueTypeScheme.id,
            schemeName: value.issueTypeScheme.name,
            isDefault: value.issueTypeScheme.isDefault === true,
            projectIds: value.projectIds
          });
        }
        if (page.isLast !== false || page.values.length === 0) break;
        startAt += page.values.length;
      }
    }
    return result;
  }

  async issueTypeIdsInScheme(schemeId: string): Promise<string[]> {
    const id = numericId(schemeId, 'issueTypeSchemeId');
    const ids: string[] = [];
    for (let startAt = 0; ;) {
      const query = new URLSearchParams({
        startAt: String(startAt),
        maxResults: '50',
        issueTypeSchemeId: id
      });
      const page = parse(
        SchemeMappingPageSchema,
        await this.requestJira(route`/rest/api/3/issuetypescheme/mapping?${query}`),
        'issue type scheme mapping'
      );
      ids.push(...page.values.map((value) => value.issueTypeId));
      if (page.isLast !== false || page.values.length === 0) return ids;
      startAt += page.values.length;
    }
  }

  async addIssueTypesToScheme(schemeId: string, issueTypeIds: string[]): Promise<void> {
    if (issueTypeIds.length === 0) return;
    const id = numericId(schemeId, 'issueTypeSchemeId');
    await this.requestJira(route`/rest/api/3/issuetypescheme/${id}/issuetype`, {
      method: 'PUT',
      body: { issueTypeIds: issueTypeIds.map((typeId) => numericId(typeId, 'issueTypeId')) }
    });
  }
}

export const jiraAsUser = (): JiraClient =>
  new JiraClient((path, init) => api.asUser().requestJira(path, init));
export const jiraAsApp = (retry: RetryPolicy = DEFAULT_RETRY_POLICY): JiraClient =>
  new JiraClient((path, init) => api.asApp().requestJira(path, init), retry);
