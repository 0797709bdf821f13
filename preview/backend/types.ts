/**
 * Seed and stored shapes of the embedded Jira/Confluence back end. Seeds are what tests and the
 * preview's demo data write; stored docs are what the REST handlers read.
 */

export type Product = 'jira' | 'confluence';

/** Who a product request acts as: a user (asUser) or the app (asApp). */
export type Principal = { kind: 'user'; accountId: string } | { kind: 'app' };

export interface UserSeed {
  accountId: string;
  displayName: string;
  email?: string;
  locale?: string;
  timeZone?: string;
  groups?: string[];
  active?: boolean;
}

export interface GroupSeed {
  name: string;
  groupId?: string;
}

/** Grantees of a permission: explicit users and groups, or every logged-in user. */
export interface Grant {
  users?: string[];
  groups?: string[];
  anyone?: boolean;
}

export type ProjectStyle = 'classic' | 'next-gen';

export interface ProjectSeed {
  id?: string;
  key: string;
  name: string;
  /** classic = company-managed (schemes, workflow validators); next-gen = team-managed. */
  style?: ProjectStyle;
  lead?: string;
  /** Project role name → members. Defaults: Administrators, Members, Viewers (all empty). */
  roles?: Record<string, Grant>;
  /** Project permission key → role names holding it. Defaults to DEFAULT_PERMISSION_SCHEME. */
  permissionScheme?: Record<string, string[]>;
  /** Issue type scheme for a classic project; the default scheme when absent. */
  issueTypeSchemeId?: string;
  components?: string[];
}

export interface IssueTypeSeed {
  id?: string;
  name: string;
  description?: string;
  /** 1 = epic level, 0 = standard, -1 = sub-task. */
  hierarchyLevel?: number;
  /** Set for team-managed projects: the type belongs to that project only. */
  projectId?: string;
}

export interface IssueTypeSchemeSeed {
  id?: string;
  name: string;
  description?: string;
  issueTypeIds: string[];
  defaultIssueTypeId?: string;
}

export interface FieldSeed {
  id?: string;
  name: string;
  /** Custom field type key, e.g. com.atlassian.jira.plugin.system.customfieldtypes:select. */
  type: string;
  description?: string;
  options?: string[];
  /** Put the field on the Default Screen's default tab (so it can be set on create/edit). */
  onDefaultScreen?: boolean;
}

export interface IssueSeed {
  id?: string;
  key?: string;
  /** Project key. */
  project: string;
  /** Issue type name or id. */
  issuetype: string;
  summary: string;
  status?: string;
  labels?: string[];
  components?: string[];
  /** Parent (epic or, for sub-tasks, the parent issue) key. */
  parent?: string;
  reporter?: string;
  assignee?: string | null;
  description?: unknown;
  /** Custom field id → stored value (as Jira returns it, e.g. { value } for select). */
  fields?: Record<string, unknown>;
  properties?: Record<string, unknown>;
  created?: string;
  updated?: string;
  /** Remaining and original estimates in seconds (Jira's `timeestimate`, `timeoriginalestimate`). */
  timeestimate?: number;
  timeoriginalestimate?: number;
  /** Due date, `YYYY-MM-DD`. */
  duedate?: string;
  /** Resolution timestamp; defaults to `updated` for an issue seeded in a done status. */
  resolved?: string;
}

export interface SpaceSeed {
  id?: string;
  key: string;
  name: string;
  viewers?: Grant;
  editors?: Grant;
}

export interface PageSeed {
  id?: string;
  spaceKey: string;
  title: string;
  authorId: string;
  parentId?: string;
  /** ADF document (atlas_doc_format). */
  body?: unknown;
  /** Page-level restrictions narrow the space's grants. */
  restrictions?: { read?: Grant; update?: Grant };
  createdAt?: string;
}

export interface SiteSeed {
  users?: UserSeed[];
  groups?: GroupSeed[];
  globalPermissions?: Record<string, Grant>;
  issueTypes?: IssueTypeSeed[];
  issueTypeSchemes?: IssueTypeSchemeSeed[];
  projects?: ProjectSeed[];
  fields?: FieldSeed[];
  issues?: IssueSeed[];
  spaces?: SpaceSeed[];
  pages?: PageSeed[];
}

// ---- stored documents -------------------------------------------------------------------------

export interface UserDoc {
  accountId: string;
  displayName: string;
  email?: string;
  locale: string;
  timeZone: string;
  active: boolean;
}

export interface GroupDoc {
  name: string;
  groupId: string;
  members: string[];
}

export interface ProjectDoc {
  id: string;
  key: string;
  name: string;
  style: ProjectStyle;
  lead?: string;
  roles: Record<string, Grant>;
  permissionScheme: Record<string, string[]>;
  issueTypeSchemeId?: string;
  components: { id: string; name: string }[];
  nextIssueNumber: number;
}

export interface IssueTypeDoc {
  id: string;
  name: string;
  description: string;
  hierarchyLevel: number;
  projectId?: string;
}

export interface IssueTypeSchemeDoc {
  id: string;
  name: string;
  description?: string;
  isDefault: boolean;
  issueTypeIds: string[];
  defaultIssueTypeId?: string;
}

export interface FieldDoc {
  id: string;
  name: string;
  custom: boolean;
  description?: string;
  /** Custom field type key; system fields carry their JSON schema type instead. */
  type: string;
  schema: { type: string; items?: string; system?: string; custom?: string; customId?: number };
  clauseNames: string[];
}

export interface FieldContextDoc {
  id: string;
  fieldId: string;
  name: string;
  description: string;
  isGlobalContext: boolean;
  isAnyIssueType: boolean;
}

export interface FieldOptionDoc {
  id: string;
  contextId: string;
  value: string;
  disabled: boolean;
}

export interface ScreenDoc {
  id: string;
  name: string;
  tabs: { id: string; name: string; fields: string[] }[];
}

export interface StatusDoc {
  id: string;
  name: string;
  category: 'new' | 'indeterminate' | 'done';
}

export interface IssueDoc {
  id: string;
  key: string;
  projectId: string;
  issueTypeId: string;
  summary: string;
  statusId: string;
  labels: string[];
  components: string[];
  parentId?: string;
  reporter?: string;
  assignee?: string;
  description?: unknown;
  custom: Record<string, unknown>;
  properties: Record<string, unknown>;
  created: string;
  updated: string;
  timeestimate?: number;
  timeoriginalestimate?: number;
  /** Jira's due date, `YYYY-MM-DD`. */
  duedate?: string;
  /** Set when the issue enters a done status, cleared when it leaves it (Jira's `resolutiondate`). */
  resolved?: string;
}

export interface IssueLinkDoc {
  id: string;
  type: string;
  inwardIssueId: string;
  outwardIssueId: string;
}

export interface SpaceDoc {
  id: string;
  key: string;
  name: string;
  viewers: Grant;
  editors: Grant;
}

export interface PageDoc {
  id: string;
  spaceId: string;
  title: string;
  authorId: string;
  parentId?: string;
  body?: unknown;
  restrictions?: { read?: Grant; update?: Grant };
  createdAt: string;
  version: number;
}

export interface NotificationRecord {
  issueKey: string;
  by: Principal;
  subject?: string;
  textBody?: string;
  htmlBody?: string;
  to?: unknown;
  restrict?: unknown;
  at: string;
}

/** What a Forge product-event trigger would receive, minus platform envelope fields. */
export interface IssueEvent {
  eventType: 'avi:jira:created:issue' | 'avi:jira:updated:issue';
  issueId: string;
  issueKey: string;
  /** accountId of the user who acted, or undefined when the app acted (asApp). */
  actorAccountId?: string;
  byApp: boolean;
  changedFields: string[];
}

/** One request/response pair with a product, as the OpenAPI checker sees it. */
export interface Exchange {
  product: Product;
  method: string;
  /** Path without the query string, e.g. /rest/api/3/issue/ABC-1. */
  path: string;
  query: Record<string, string | string[]>;
  requestBody: unknown;
  status: number;
  responseBody: unknown;
  asUser: boolean;
  accountId?: string;
}
