import api, { route, type Route } from '@forge/api';
import { z } from 'zod';
import { PlatformError } from './errors';
import {
  DEFAULT_RETRY_POLICY,
  send as sendWithRetry,
  type HttpMethod,
  type ProductRequester,
  type RetryPolicy,
  type SendOptions
} from './http';
import { fieldId as checkFieldId, numericId } from './ids';

/**
 * Typed Jira client. Every call is `this.requestJira(route\`...\`, { method })` so the scope
 * test and Forge's permission linter can list the operations the app uses; responses are
 * parsed here into the shapes the app reads.
 */

const IssueTypeSchema = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string().optional(),
  subtask: z.boolean().optional(),
  hierarchyLevel: z.number().optional(),
  scope: z.object({ type: z.string(), project: z.object({ id: z.string() }).optional() }).optional()
});
export type JiraIssueType = z.infer<typeof IssueTypeSchema>;

const FieldSchema = z.object({
  id: z.string(),
  name: z.string(),
  custom: z.boolean().optional(),
  schema: z.object({ type: z.string().optional(), custom: z.string().optional() }).optional()
});
export type JiraField = z.infer<typeof FieldSchema>;

const ProjectSchema = z.object({
  id: z.string(),
  key: z.string(),
  name: z.string(),
  style: z.string().optional(),
  simplified: z.boolean().optional()
});
export type JiraProject = z.infer<typeof ProjectSchema>;

const ProjectPageSchema = z.object({
  values: z.array(ProjectSchema),
  startAt: z.number().optional(),
  maxResults: z.number().optional(),
  isLast: z.boolean().optional()
});

const ContextPageSchema = z.object({
  values: z.array(
    z.object({ id: z.string(), name: z.string().optional(), isGlobalContext: z.boolean().optional() })
  ),
  isLast: z.boolean().optional()
});

const OptionPageSchema = z.object({
  values: z.array(z.object({ id: z.string(), value: z.string(), disabled: z.boolean().optional() })),
  isLast: z.boolean().optional()
});

const SchemeProjectsPageSchema = z.object({
  values: z.array(
    z.object({
      issueTypeScheme: z.object({ id: z.string(), name: z.string(), isDefault: z.boolean().optional() }),
      projectIds: z.array(z.string())
    })
  ),
  isLast: z.boolean().optional()
});

const SchemeMappingPageSchema = z.object({
  values: z.array(z.object({ issueTypeSchemeId: z.string(), issueTypeId: z.string() })),
  isLast: z.boolean().optional()
});

const PermissionsSchema = z.object({
  permissions: z.record(z.string(), z.object({ havePermission: z.boolean().optional() }))
});

const IssueSchema = z.object({
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
    .optional()
});
export type JiraIssue = z.infer<typeof IssueSchema>;

const EntityPropertySchema = z.object({ key: z.string().optional(), value: z.unknown() });

/** POST /rest/api/3/issue/{id}/notify: who gets the e-mail and what it says. */
export interface IssueNotification {
  subject: string;
  textBody: string;
  htmlBody: string;
  to: { groups?: { name: string }[]; users?: { accountId: string }[]; reporter?: boolean };
  /** Only people who may browse the issue get it (Jira drops the others). */
  restrict?: { permissions: { key: string }[] };
}

const ISSUE_KEY = /^[A-Z][A-Z0-9_]{0,254}-[1-9][0-9]{0,17}$/;
const PROPERTY_KEY = /^[a-zA-Z0-9._-]{1,255}$/;

function issueIdOrKey(value: string): string {
  if (ISSUE_KEY.test(value)) return value;
  return numericId(value, 'issueIdOrKey');
}

const UserGroupsSchema = z.array(z.object({ name: z.string(), groupId: z.string().optional().nullable() }));

function parse<T>(schema: z.ZodType<T>, body: unknown, what: string): T {
  const result = schema.safeParse(body);
  if (!result.success) {
    throw new PlatformError(
      'upstream',
      `Unexpected Jira response for ${what}: ${result.error.issues[0]?.message ?? ''}`
    );
  }
  return result.data;
}

export interface NewCustomField {
  name: string;
  description: string;
  type: string;
  searcherKey: string;
}

export class JiraClient {
  constructor(
    private readonly requester: ProductRequester,
    /** Retries and per-attempt timeout; the workflow validator uses a tighter one than resolvers. */
    private readonly retry: RetryPolicy = DEFAULT_RETRY_POLICY
  ) {}

  /**
   * Named and shaped like `requestJira(route, { method })` on purpose: Atlassian's permission
   * linter recognises exactly that shape when it matches the routes we call with our scopes.
   */
  private async requestJira(
    path: Route,
    init: SendOptions & { method?: HttpMethod; status?: { value?: number } } = {}
  ): Promise<unknown> {
    const result = await sendWithRetry(this.requester, init.method ?? 'GET', path, init, this.retry);
    if (init.status) init.status.value = result.status;
    return result.body;
  }

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
    ]
  ): Promise<JiraIssue> {
    const ref = issueIdOrKey(idOrKey);
    const query = new URLSearchParams({ fields: fields.join(',') });
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

  /** Names of the Jira groups a user belongs to. */
  async userGroupNames(accountId: string): Promise<string[]> {
    if (!/^[a-zA-Z0-9:_-]{1,128}$/.test(accountId)) {
      throw new PlatformError('bad-request', 'Not an Atlassian account id');
    }
    const query = new URLSearchParams({ accountId });
    const body = await this.requestJira(route`/rest/api/3/user/groups?${query}`);
    return parse(UserGroupsSchema, body, 'user groups').map((group) => group.name);
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
