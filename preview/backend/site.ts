import {
  ADMIN_GROUP,
  CUSTOM_FIELD_TYPES,
  DEFAULT_ISSUE_TYPES,
  DEFAULT_PERMISSION_SCHEME,
  DEFAULT_ROLES,
  DEFAULT_SCHEME_ID,
  DEFAULT_SCREEN_FIELDS,
  DEFAULT_SCREEN_ID,
  DEFAULT_TAB_ID,
  PERMISSIONS,
  STATUSES,
  SYSTEM_FIELDS
} from './catalog';
import { confluenceRouter } from './confluence';
import { abortError, Faults, sleep, type FaultProduct } from './faults';
import { HttpError, isRecord, jiraError, parseQuery, type Res, type Router } from './http';
import { jiraRouter } from './jira/index';
import type { PropertyIndex } from './jql';
import { KvsStore } from './kvs';
import { DocStore, openDb, type Db } from './store';
import type {
  Exchange,
  FieldDoc,
  FieldSeed,
  Grant,
  GroupDoc,
  IssueDoc,
  IssueEvent,
  IssueSeed,
  IssueTypeDoc,
  IssueTypeSchemeDoc,
  IssueTypeSchemeSeed,
  IssueTypeSeed,
  NotificationRecord,
  PageDoc,
  PageSeed,
  Principal,
  Product,
  ProjectDoc,
  ProjectSeed,
  ScreenDoc,
  SiteSeed,
  SpaceDoc,
  SpaceSeed,
  UserDoc,
  UserSeed
} from './types';

export interface SiteOptions {
  /** Folder holding tandem.sqlite, or ':memory:' for a throw-away site (tests). */
  dataDir: string;
  baseUrl?: string;
  /** Clock for created/updated stamps and KVS TTLs; tests pass a fixed one. */
  now?: () => number;
}

export interface UnimplementedCall {
  product: Product | 'kvs' | 'stargate';
  method: string;
  path: string;
}

export interface TransitionValidation {
  issue: { id: string; key: string };
  transition: { id: string; from: { id: string }; to: { id: string } };
  principal: Principal;
}

export type TransitionValidator = (
  v: TransitionValidation
) => Promise<{ result: boolean; errorMessage?: string }> | { result: boolean; errorMessage?: string };

export interface IndexedProperty extends PropertyIndex {
  searchAlias?: string;
}

/**
 * The embedded Jira + Confluence + KVS back end: one site, persisted in SQLite, answering the
 * REST operations the app calls as the real products would, for the user (or app) making them.
 */
export class Site {
  readonly baseUrl: string;
  readonly faults = new Faults();
  readonly docs: DocStore;
  readonly kvs: KvsStore;
  readonly unimplemented: UnimplementedCall[] = [];
  readonly now: () => number;
  private readonly db: Db;
  private readonly exchangeListeners = new Set<(ex: Exchange) => void>();
  private readonly issueListeners = new Set<(ev: IssueEvent) => void>();
  private readonly jira: Router;
  private readonly confluence: Router;
  private indexed: IndexedProperty[] = [];
  /** Issue key → id. Keys never change and issues are never deleted, so entries only accumulate. */
  private readonly keyIndex = new Map<string, string>();
  transitionValidator: TransitionValidator | undefined;

  constructor(opts: SiteOptions) {
    this.baseUrl = opts.baseUrl ?? 'https://tandem-preview.atlassian.net';
    this.now = opts.now ?? Date.now;
    this.db = openDb(opts.dataDir);
    this.docs = new DocStore(this.db);
    this.kvs = new KvsStore(this.db, this.now);
    if (!this.docs.get('meta', 'initialised')) this.initialise();
    for (const i of this.docs.peekAll<IssueDoc>('issues')) this.keyIndex.set(i.key, i.id);
    this.jira = jiraRouter(this);
    this.confluence = confluenceRouter(this);
  }

  close(): void {
    this.db.close();
  }

  // ---- defaults and seeding -------------------------------------------------------------------

  private initialise(): void {
    this.docs.transaction(() => {
      this.docs.put('globalPermissions', 'ADMINISTER', { groups: [ADMIN_GROUP] });
      this.docs.put('globalPermissions', 'USER_PICKER', { anyone: true });
      this.docs.put('globalPermissions', 'CREATE_SHARED_OBJECTS', { anyone: true });
      this.docs.put<GroupDoc>('groups', ADMIN_GROUP, {
        name: ADMIN_GROUP,
        groupId: groupIdFor(ADMIN_GROUP),
        members: []
      });
      for (const t of DEFAULT_ISSUE_TYPES) this.docs.put<IssueTypeDoc>('issueTypes', t.id, { ...t });
      this.docs.put<IssueTypeSchemeDoc>('schemes', DEFAULT_SCHEME_ID, {
        id: DEFAULT_SCHEME_ID,
        name: 'Default Issue Type Scheme',
        description:
          'Default issue type scheme is the list of global issue types. All newly created issue types will automatically be added to this scheme.',
        isDefault: true,
        issueTypeIds: DEFAULT_ISSUE_TYPES.map((t) => t.id),
        defaultIssueTypeId: '10001'
      });
      for (const f of SYSTEM_FIELDS) this.docs.put('fields', f.id, f);
      this.docs.put<ScreenDoc>('screens', DEFAULT_SCREEN_ID, {
        id: DEFAULT_SCREEN_ID,
        name: 'Default Screen',
        tabs: [{ id: DEFAULT_TAB_ID, name: 'Field Tab', fields: [...DEFAULT_SCREEN_FIELDS] }]
      });
      this.docs.put('meta', 'initialised', { at: this.now() });
    });
  }

  /** Loads a whole seed atomically: a bad entry leaves nothing half-loaded. */
  seed(seed: SiteSeed): void {
    this.docs.transaction(() => {
      for (const g of seed.groups ?? []) this.addGroup(g.name, g.groupId);
      for (const u of seed.users ?? []) this.addUser(u);
      for (const [perm, grant] of Object.entries(seed.globalPermissions ?? {}))
        this.setGlobalPermission(perm, grant);
      for (const t of seed.issueTypes ?? []) this.addIssueType(t);
      for (const s of seed.issueTypeSchemes ?? []) this.addIssueTypeScheme(s);
      for (const p of seed.projects ?? []) this.addProject(p);
      for (const f of seed.fields ?? []) this.addField(f);
      for (const i of seed.issues ?? []) this.addIssue(i);
      for (const s of seed.spaces ?? []) this.addSpace(s);
      for (const p of seed.pages ?? []) this.addPage(p);
    });
  }

  addGroup(name: string, groupId?: string): GroupDoc {
    const existing = this.docs.get<GroupDoc>('groups', name);
    if (existing) return existing;
    const g: GroupDoc = { name, groupId: groupId ?? groupIdFor(name), members: [] };
    this.docs.put('groups', name, g);
    return g;
  }

  addUser(u: UserSeed): UserDoc {
    if (!u.accountId) throw new Error('A user needs an accountId');
    const doc: UserDoc = {
      accountId: u.accountId,
      displayName: u.displayName,
      ...(u.email ? { email: u.email } : {}),
      locale: u.locale ?? 'en_US',
      timeZone: u.timeZone ?? 'Europe/Paris',
      active: u.active ?? true
    };
    this.docs.put('users', u.accountId, doc);
    for (const g of u.groups ?? []) this.addToGroup(g, u.accountId);
    return doc;
  }

  addToGroup(group: string, accountId: string): void {
    const g = this.addGroup(group);
    if (!g.members.includes(accountId)) g.members.push(accountId);
    this.docs.put('groups', group, g);
  }

  /**
   * What an administrator does in user management: the group keeps its id and members, and every
   * grant naming it follows (Jira stores grants by group id).
   */
  renameGroup(from: string, to: string): void {
    this.docs.transaction(() => {
      const g = this.docs.get<GroupDoc>('groups', from);
      if (!g) throw new Error(`No group ${from}`);
      if (this.docs.get<GroupDoc>('groups', to)) throw new Error(`A group ${to} already exists`);
      this.docs.delete('groups', from);
      this.docs.put('groups', to, { ...g, name: to });
      const rename = (grant: Grant | undefined): Grant | undefined =>
        grant?.groups?.includes(from)
          ? { ...grant, groups: grant.groups.map((name) => (name === from ? to : name)) }
          : undefined;
      for (const project of this.docs.all<ProjectDoc>('projects')) {
        const roles = Object.fromEntries(
          Object.entries(project.roles).map(([role, grant]) => [role, rename(grant) ?? grant])
        );
        this.docs.put('projects', project.id, { ...project, roles });
      }
    });
  }

  removeFromGroup(group: string, accountId: string): void {
    const g = this.docs.get<GroupDoc>('groups', group);
    if (!g) return;
    g.members = g.members.filter((m) => m !== accountId);
    this.docs.put('groups', group, g);
  }

  setGlobalPermission(permission: string, grant: Grant): void {
    if (PERMISSIONS[permission]?.type !== 'GLOBAL')
      throw new Error(`Unknown global permission ${permission}`);
    this.docs.put('globalPermissions', permission, grant);
  }

  addIssueType(t: IssueTypeSeed): IssueTypeDoc {
    const id = t.id ?? String(this.docs.nextId('issueType', 10100));
    const doc: IssueTypeDoc = {
      id,
      name: t.name,
      description: t.description ?? '',
      hierarchyLevel: t.hierarchyLevel ?? 0,
      ...(t.projectId ? { projectId: t.projectId } : {})
    };
    this.docs.put('issueTypes', id, doc);
    // Jira puts every new global type into the default scheme.
    if (!t.projectId) {
      const def = this.docs.get<IssueTypeSchemeDoc>('schemes', DEFAULT_SCHEME_ID) as IssueTypeSchemeDoc;
      if (!def.issueTypeIds.includes(id)) def.issueTypeIds.push(id);
      this.docs.put('schemes', def.id, def);
    }
    return doc;
  }

  addIssueTypeScheme(s: IssueTypeSchemeSeed): IssueTypeSchemeDoc {
    const id = s.id ?? String(this.docs.nextId('scheme', 10100));
    const doc: IssueTypeSchemeDoc = {
      id,
      name: s.name,
      ...(s.description ? { description: s.description } : {}),
      isDefault: false,
      issueTypeIds: s.issueTypeIds.map((x) => this.requireIssueType(x).id),
      ...(s.defaultIssueTypeId ? { defaultIssueTypeId: s.defaultIssueTypeId } : {})
    };
    this.docs.put('schemes', id, doc);
    return doc;
  }

  addProject(p: ProjectSeed): ProjectDoc {
    if (!/^[A-Z][A-Z0-9]{1,9}$/.test(p.key)) throw new Error(`Invalid project key '${p.key}'`);
    if (this.projectByKey(p.key)) throw new Error(`Project ${p.key} already exists`);
    const id = p.id ?? String(this.docs.nextId('project', 10000));
    const roles: Record<string, Grant> = Object.fromEntries(DEFAULT_ROLES.map((r) => [r, {}]));
    Object.assign(roles, p.roles ?? {});
    const style = p.style ?? 'classic';
    if (style === 'next-gen' && p.issueTypeSchemeId)
      throw new Error('Team-managed projects have no issue type scheme');
    if (p.issueTypeSchemeId && !this.docs.get('schemes', p.issueTypeSchemeId))
      throw new Error(`Unknown issue type scheme ${p.issueTypeSchemeId}`);
    const doc: ProjectDoc = {
      id,
      key: p.key,
      name: p.name,
      style,
      ...(p.lead ? { lead: p.lead } : {}),
      roles,
      permissionScheme: p.permissionScheme ?? DEFAULT_PERMISSION_SCHEME,
      ...(p.issueTypeSchemeId ? { issueTypeSchemeId: p.issueTypeSchemeId } : {}),
      components: [],
      nextIssueNumber: 1
    };
    this.docs.put('projects', id, doc);
    for (const c of p.components ?? []) this.ensureComponent(doc, c);
    if (style === 'next-gen') {
      // Team-managed projects own their issue types; global types never appear in them.
      this.addIssueType({ name: 'Epic', hierarchyLevel: 1, projectId: id });
      this.addIssueType({ name: 'Task', hierarchyLevel: 0, projectId: id });
      this.addIssueType({ name: 'Subtask', hierarchyLevel: -1, projectId: id });
    }
    return this.docs.get<ProjectDoc>('projects', id) as ProjectDoc;
  }

  ensureComponent(project: ProjectDoc, name: string): void {
    const p = this.docs.get<ProjectDoc>('projects', project.id) as ProjectDoc;
    if (p.components.some((c) => c.name === name)) return;
    p.components.push({ id: String(this.docs.nextId('component', 10000)), name });
    this.docs.put('projects', p.id, p);
  }

  addField(f: FieldSeed): FieldDoc {
    const type = CUSTOM_FIELD_TYPES[f.type];
    if (!type) throw new Error(`Unsupported custom field type ${f.type}`);
    const n = f.id ? Number(/^customfield_(\d+)$/.exec(f.id)?.[1]) : this.docs.nextId('customfield', 10099);
    if (!Number.isInteger(n)) throw new Error(`Invalid custom field id ${f.id}`);
    const id = `customfield_${n}`;
    const doc: FieldDoc = {
      id,
      name: f.name,
      custom: true,
      ...(f.description ? { description: f.description } : {}),
      type: f.type,
      schema: {
        type: type.schemaType,
        ...(type.items ? { items: type.items } : {}),
        custom: f.type,
        customId: n
      },
      clauseNames: [`cf[${n}]`, f.name]
    };
    this.docs.put('fields', id, doc);
    const ctxId = String(this.docs.nextId('fieldContext', 10099));
    this.docs.put('fieldContexts', ctxId, {
      id: ctxId,
      fieldId: id,
      name: `Default Configuration Scheme for ${f.name}`,
      description: `Default configuration scheme generated by Jira`,
      isGlobalContext: true,
      isAnyIssueType: true
    });
    for (const value of f.options ?? []) {
      const oid = String(this.docs.nextId('fieldOption', 10099));
      this.docs.put('fieldOptions', oid, { id: oid, contextId: ctxId, value, disabled: false });
    }
    if (f.onDefaultScreen) this.addToDefaultScreen(id);
    return doc;
  }

  addToDefaultScreen(fieldId: string): boolean {
    const screen = this.docs.get<ScreenDoc>('screens', DEFAULT_SCREEN_ID) as ScreenDoc;
    const tab = screen.tabs[0] as ScreenDoc['tabs'][number];
    if (screen.tabs.some((t) => t.fields.includes(fieldId))) return false;
    tab.fields.push(fieldId);
    this.docs.put('screens', screen.id, screen);
    return true;
  }

  addIssue(s: IssueSeed): IssueDoc {
    const project = this.projectByKey(s.project);
    if (!project) throw new Error(`Unknown project ${s.project} for issue '${s.summary}'`);
    const type = this.projectIssueTypes(project).find((t) => t.id === s.issuetype || t.name === s.issuetype);
    if (!type) throw new Error(`Issue type ${s.issuetype} is not available in project ${project.key}`);
    const status = STATUSES.find((x) => x.name === (s.status ?? 'To Do') || x.id === s.status);
    if (!status) throw new Error(`Unknown status ${s.status}`);
    let parentId: string | undefined;
    if (s.parent) {
      const parent = this.issueByIdOrKey(s.parent);
      if (!parent) throw new Error(`Unknown parent ${s.parent}`);
      parentId = parent.id;
    }
    for (const who of [s.reporter, s.assignee]) {
      if (who && !this.docs.get('users', who)) throw new Error(`Unknown user ${who}`);
    }
    for (const c of s.components ?? []) this.ensureComponent(project, c);
    for (const f of Object.keys(s.fields ?? {})) {
      if (!this.docs.get('fields', f)) throw new Error(`Unknown field ${f}`);
    }
    const fresh = this.docs.get<ProjectDoc>('projects', project.id) as ProjectDoc;
    let key = s.key;
    if (key) {
      const m = new RegExp(`^${fresh.key}-(\\d+)$`).exec(key);
      if (!m) throw new Error(`Issue key ${key} does not belong to project ${fresh.key}`);
      fresh.nextIssueNumber = Math.max(fresh.nextIssueNumber, Number(m[1]) + 1);
    } else {
      key = `${fresh.key}-${fresh.nextIssueNumber++}`;
    }
    if (this.issueByIdOrKey(key)) throw new Error(`Issue ${key} already exists`);
    this.docs.put('projects', fresh.id, fresh);
    const id = s.id ?? String(this.docs.nextId('issue', 10000));
    const at = new Date(this.now()).toISOString();
    const doc: IssueDoc = {
      id,
      key,
      projectId: project.id,
      issueTypeId: type.id,
      summary: s.summary,
      statusId: status.id,
      labels: s.labels ?? [],
      components: s.components ?? [],
      ...(parentId ? { parentId } : {}),
      ...(s.reporter ? { reporter: s.reporter } : {}),
      ...(s.assignee ? { assignee: s.assignee } : {}),
      ...(s.description !== undefined ? { description: s.description } : {}),
      custom: s.fields ?? {},
      properties: s.properties ?? {},
      created: s.created ?? at,
      updated: s.updated ?? s.created ?? at,
      ...(s.timeestimate !== undefined ? { timeestimate: s.timeestimate } : {}),
      ...(s.timeoriginalestimate !== undefined ? { timeoriginalestimate: s.timeoriginalestimate } : {}),
      ...(s.duedate !== undefined ? { duedate: s.duedate } : {}),
      ...(status.category === 'done' ? { resolved: s.resolved ?? s.updated ?? s.created ?? at } : {})
    };
    this.docs.put('issues', id, doc);
    this.keyIndex.set(key, id);
    return doc;
  }

  addSpace(s: SpaceSeed): SpaceDoc {
    const id = s.id ?? String(this.docs.nextId('space', 65535));
    const doc: SpaceDoc = {
      id,
      key: s.key,
      name: s.name,
      viewers: s.viewers ?? {},
      editors: s.editors ?? {}
    };
    this.docs.put('spaces', id, doc);
    return doc;
  }

  addPage(p: PageSeed): PageDoc {
    const space = this.docs.all<SpaceDoc>('spaces').find((s) => s.key === p.spaceKey);
    if (!space) throw new Error(`Unknown space ${p.spaceKey}`);
    const id = p.id ?? String(this.docs.nextId('page', 98303));
    const doc: PageDoc = {
      id,
      spaceId: space.id,
      title: p.title,
      authorId: p.authorId,
      ...(p.parentId ? { parentId: p.parentId } : {}),
      ...(p.body !== undefined ? { body: p.body } : {}),
      ...(p.restrictions ? { restrictions: p.restrictions } : {}),
      createdAt: p.createdAt ?? new Date(this.now()).toISOString(),
      version: 1
    };
    this.docs.put('pages', id, doc);
    return doc;
  }

  /** Declares issue properties Jira indexes (jira:entityProperty), enabling JQL on them. */
  registerIndexedProperties(list: IndexedProperty[]): void {
    this.indexed = [...this.indexed, ...list];
  }

  indexedProperty(key: string, path: string): IndexedProperty | undefined {
    return this.indexed.find((p) => p.propertyKey === key && p.path === path);
  }

  propertyAlias(name: string): IndexedProperty | undefined {
    return this.indexed.find((p) => p.searchAlias?.toLowerCase() === name.toLowerCase());
  }

  // ---- reads used by the handlers and by tests -------------------------------------------------

  user(accountId: string): UserDoc | undefined {
    return this.docs.get<UserDoc>('users', accountId);
  }

  groupsOf(accountId: string): GroupDoc[] {
    return this.docs.all<GroupDoc>('groups').filter((g) => g.members.includes(accountId));
  }

  projectByKey(key: string): ProjectDoc | undefined {
    const hit = this.docs.peekAll<ProjectDoc>('projects').find((p) => p.key === key.toUpperCase());
    return hit ? this.docs.get<ProjectDoc>('projects', hit.id) : undefined;
  }

  projectByIdOrKey(idOrKey: string): ProjectDoc | undefined {
    return /^\d+$/.test(idOrKey)
      ? this.docs.get<ProjectDoc>('projects', idOrKey)
      : this.projectByKey(idOrKey);
  }

  issueByIdOrKey(idOrKey: string): IssueDoc | undefined {
    if (/^\d+$/.test(idOrKey)) return this.docs.get<IssueDoc>('issues', idOrKey);
    // The index may name an issue whose creation was rolled back: the document lookup decides.
    const id = this.keyIndex.get(idOrKey.toUpperCase());
    return id ? this.docs.get<IssueDoc>('issues', id) : undefined;
  }

  /** Issue types usable in a project: its scheme's (classic) or its own (team-managed). */
  projectIssueTypes(project: ProjectDoc): IssueTypeDoc[] {
    const types = this.docs.all<IssueTypeDoc>('issueTypes');
    if (project.style === 'next-gen') return types.filter((t) => t.projectId === project.id);
    const scheme = this.docs.get<IssueTypeSchemeDoc>(
      'schemes',
      project.issueTypeSchemeId ?? DEFAULT_SCHEME_ID
    );
    const ids = scheme?.issueTypeIds ?? [];
    return ids.map((id) => types.find((t) => t.id === id)).filter((t): t is IssueTypeDoc => !!t);
  }

  requireIssueType(idOrName: string): IssueTypeDoc {
    const t = this.docs
      .all<IssueTypeDoc>('issueTypes')
      .find((x) => !x.projectId && (x.id === idOrName || x.name === idOrName));
    if (!t) throw new Error(`Unknown issue type ${idOrName}`);
    return t;
  }

  issue(key: string): IssueDoc | undefined {
    return this.issueByIdOrKey(key);
  }

  get notifications(): NotificationRecord[] {
    return this.docs
      .all<NotificationRecord & { seq: number }>('notifications')
      .sort((a, b) => a.seq - b.seq)
      .map(({ seq: _seq, ...n }) => n);
  }

  // ---- permissions ------------------------------------------------------------------------------

  private granted(grant: Grant | undefined, accountId: string, groups: string[]): boolean {
    if (!grant) return false;
    return (
      !!grant.anyone || !!grant.users?.includes(accountId) || !!grant.groups?.some((g) => groups.includes(g))
    );
  }

  private activeUser(p: Principal): UserDoc | undefined {
    if (p.kind !== 'user') return undefined;
    const u = this.user(p.accountId);
    return u?.active ? u : undefined;
  }

  hasGlobal(p: Principal, permission: string): boolean {
    // The app acts as an add-on user holding every permission; faults script its denials.
    if (p.kind === 'app') return true;
    const u = this.activeUser(p);
    if (!u) return false;
    const groups = this.groupsOf(u.accountId).map((g) => g.name);
    return this.granted(this.docs.get<Grant>('globalPermissions', permission), u.accountId, groups);
  }

  hasProject(p: Principal, project: ProjectDoc, permission: string): boolean {
    if (p.kind === 'app') return true;
    const u = this.activeUser(p);
    if (!u) return false;
    // Jira administrators may administer every project without being in its roles.
    if (permission === 'ADMINISTER_PROJECTS' && this.hasGlobal(p, 'ADMINISTER')) return true;
    const groups = this.groupsOf(u.accountId).map((g) => g.name);
    return (project.permissionScheme[permission] ?? []).some((role) =>
      this.granted(project.roles[role], u.accountId, groups)
    );
  }

  canBrowse(p: Principal, project: ProjectDoc): boolean {
    return this.hasProject(p, project, 'BROWSE_PROJECTS');
  }

  canViewPage(p: Principal, page: PageDoc, op: 'read' | 'update' = 'read'): boolean {
    if (p.kind === 'app') return true;
    const u = this.activeUser(p);
    if (!u) return false;
    return this.subjectCanOnPage(
      { accountId: u.accountId, groups: this.groupsOf(u.accountId).map((g) => g.name) },
      page,
      op
    );
  }

  subjectCanOnPage(
    subject: { accountId?: string; groups: string[] },
    page: PageDoc,
    op: 'read' | 'update' | 'delete'
  ): boolean {
    const space = this.docs.get<SpaceDoc>('spaces', page.spaceId);
    if (!space) return false;
    const id = subject.accountId ?? '';
    const inSpace =
      op === 'read'
        ? this.granted(space.viewers, id, subject.groups) || this.granted(space.editors, id, subject.groups)
        : this.granted(space.editors, id, subject.groups);
    if (!inSpace) return false;
    const restriction =
      op === 'read' ? page.restrictions?.read : (page.restrictions?.update ?? page.restrictions?.read);
    return restriction ? this.granted(restriction, id, subject.groups) : true;
  }

  // ---- events, hooks ----------------------------------------------------------------------------

  onExchange(fn: (ex: Exchange) => void): () => void {
    this.exchangeListeners.add(fn);
    return () => this.exchangeListeners.delete(fn);
  }

  onIssueEvent(fn: (ev: IssueEvent) => void): () => void {
    this.issueListeners.add(fn);
    return () => this.issueListeners.delete(fn);
  }

  emitIssueEvent(ev: IssueEvent): void {
    for (const fn of this.issueListeners) fn(ev);
  }

  // ---- dispatch ---------------------------------------------------------------------------------

  /**
   * Answers one product request. `path` is what @forge/api hands to __forge_fetch__: already
   * encoded, query string included.
   */
  async request(
    product: Product,
    principal: Principal,
    path: string,
    init: { method?: string; body?: unknown; signal?: AbortSignal | null } = {}
  ): Promise<Response> {
    const method = (init.method ?? 'GET').toUpperCase();
    const qIndex = path.indexOf('?');
    const pathname = qIndex < 0 ? path : path.slice(0, qIndex);
    const query = parseQuery(qIndex < 0 ? '' : path.slice(qIndex + 1));
    let requestBody: unknown;
    let res: Res;
    try {
      requestBody = parseBody(init.body);
      const fault = await this.applyFault(product, principal, method, pathname, init.signal);
      res = fault ?? (await this.route(product, principal, method, pathname, query, requestBody));
    } catch (e) {
      if (e instanceof HttpError) res = e.res;
      else if (e instanceof SyntaxError)
        res = jiraError(400, ['Unexpected character in the request body.']).res;
      else throw e;
    }
    const ex: Exchange = {
      product,
      method,
      path: pathname,
      query,
      requestBody,
      status: res.status,
      responseBody: res.body,
      asUser: principal.kind === 'user',
      ...(principal.kind === 'user' ? { accountId: principal.accountId } : {})
    };
    for (const fn of this.exchangeListeners) fn(ex);
    return toResponse(res);
  }

  /** Applies the first matching injected fault: its response, or undefined to answer normally. */
  async applyFault(
    product: FaultProduct,
    principal: Principal,
    method: string,
    path: string,
    signal: AbortSignal | null | undefined
  ): Promise<Res | undefined> {
    const rule = this.faults.take({ product, method, path, as: principal.kind });
    if (!rule) return undefined;
    if (rule.hang) {
      this.faults.hanging++;
      try {
        await new Promise<never>((_, reject) => {
          if (signal?.aborted) return reject(abortError(signal));
          signal?.addEventListener('abort', () => reject(abortError(signal)), { once: true });
        });
      } finally {
        this.faults.hanging--;
      }
    }
    if (rule.delayMs) await sleep(rule.delayMs, signal);
    if (rule.status === undefined) return undefined;
    const body =
      rule.body ??
      (product === 'kvs' || product === 'events'
        ? {
            code: rule.status === 429 ? 'RATE_LIMIT_EXCEEDED' : 'INTERNAL_SERVER_ERROR',
            message: `Injected fault ${rule.status}`
          }
        : { errorMessages: [faultMessage(rule.status)], errors: {} });
    return { status: rule.status, body, ...(rule.headers ? { headers: rule.headers } : {}) };
  }

  private async route(
    product: Product,
    principal: Principal,
    method: string,
    path: string,
    query: Record<string, string | string[]>,
    body: unknown
  ): Promise<Res> {
    if (principal.kind === 'user' && !this.activeUser(principal)) {
      return {
        status: 401,
        body:
          product === 'jira'
            ? {
                errorMessages: [
                  'You are not authenticated. Authentication required to perform this operation.'
                ],
                errors: {}
              }
            : { statusCode: 401, message: 'Unauthorized' }
      };
    }
    const router = product === 'jira' ? this.jira : this.confluence;
    const hit = router.match(method, path);
    if (!hit) {
      this.unimplemented.push({ product, method, path });
      return product === 'jira'
        ? {
            status: 404,
            body: { errorMessages: [`Not implemented by the embedded Jira: ${method} ${path}`], errors: {} }
          }
        : {
            status: 404,
            body: {
              statusCode: 404,
              message: `Not implemented by the embedded Confluence: ${method} ${path}`
            }
          };
    }
    return hit.handler({ method, path, query, body, principal, params: hit.params });
  }

  /** KVS requests the app sent, by path (/api/v1/get, /api/v1/query…): what tests and benches count storage cost by. */
  readonly kvsRequests = new Map<string, number>();

  /** KVS requests as @forge/kvs sends them (POST /api/v1/...). */
  async kvsRequest(
    path: string,
    init: { method?: string; body?: unknown; signal?: AbortSignal | null } = {}
  ): Promise<Response> {
    const method = (init.method ?? 'POST').toUpperCase();
    this.kvsRequests.set(path, (this.kvsRequests.get(path) ?? 0) + 1);
    let res: Res;
    try {
      const fault = await this.applyFault('kvs', { kind: 'app' }, method, path, init.signal);
      if (fault) res = fault;
      else {
        const body = parseBody(init.body);
        const r = this.kvs.handle(path, body);
        if (r === undefined) {
          this.unimplemented.push({ product: 'kvs', method, path });
          res = {
            status: 404,
            body: { code: 'NOT_FOUND', message: `Not implemented by the embedded KVS: ${path}` }
          };
        } else res = r;
      }
    } catch (e) {
      if (e instanceof SyntaxError)
        res = { status: 400, body: { code: 'BAD_REQUEST', message: 'Provided request body is invalid' } };
      else throw e;
    }
    return toResponse(res);
  }
}

function parseBody(body: unknown): unknown {
  if (body === undefined || body === null || body === '') return undefined;
  if (typeof body === 'string') return JSON.parse(body);
  if (body instanceof Uint8Array) return JSON.parse(Buffer.from(body).toString('utf8'));
  if (isRecord(body) || Array.isArray(body)) return body;
  throw new SyntaxError('Unsupported body type');
}

function toResponse(res: Res): Response {
  const noBody = res.status === 204 || res.status === 304 || res.body === undefined;
  const headers: Record<string, string> = {
    ...(noBody ? {} : { 'content-type': 'application/json' }),
    ...res.headers
  };
  return new Response(noBody ? null : JSON.stringify(res.body), { status: res.status, headers });
}

function faultMessage(status: number): string {
  if (status === 429) return 'Rate limit exceeded.';
  if (status === 403) return 'You do not have permission to perform this operation.';
  if (status === 503) return 'Service unavailable.';
  if (status === 401) return 'You are not authenticated.';
  return `Injected fault ${status}.`;
}

function groupIdFor(name: string): string {
  // Deterministic so a reseeded site keeps the same group ids.
  let h = 0;
  for (const c of name) h = (h * 31 + c.charCodeAt(0)) >>> 0;
  return `${h.toString(16).padStart(8, '0')}-0000-4000-8000-${name.length.toString(16).padStart(12, '0')}`;
}
