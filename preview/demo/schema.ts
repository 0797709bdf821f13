import { z } from 'zod';
import { IdeasSeedSchema } from '../../src/ideas/seed';
import { parseSettings } from '../../src/capacity/domain/settings';
import { PERMISSIONS } from '../backend/catalog';

/**
 * The JSON seed format of the local preview (documented in SEED-FORMAT.md). It is the embedded
 * back end's SiteSeed plus what only the preview needs: the site's identity and the people the
 * "who am I" switcher offers. Objects are strict so a misspelt key is refused, not ignored.
 */

const accountId = z.string().min(1).max(128);
const isoDateTime = z.iso.datetime({ offset: true });
const nonEmpty = z.string().trim().min(1);

const grant = z.strictObject({
  users: z.array(accountId).optional(),
  groups: z.array(nonEmpty).optional(),
  anyone: z.boolean().optional()
});

const label = z.strictObject({ en: nonEmpty, fr: nonEmpty });

export const PERSONA_ROLES = ['requester', 'approver', 'admin', 'browser'] as const;

const persona = z.strictObject({
  /** requester | approver | admin | browser, or any other word for extra people. */
  role: z.string().regex(/^[a-z][a-z0-9-]{0,31}$/, 'a lower-case word such as "admin"'),
  accountId,
  label
});

const user = z.strictObject({
  accountId,
  displayName: nonEmpty,
  email: z.email().optional(),
  locale: z
    .string()
    .regex(/^[a-z]{2}_[A-Z]{2}$/, 'a Jira locale such as "fr_FR"')
    .optional(),
  timeZone: nonEmpty.optional(),
  groups: z.array(nonEmpty).optional(),
  active: z.boolean().optional()
});

const group = z.strictObject({ name: nonEmpty, groupId: nonEmpty.optional() });

const numericId = z.string().regex(/^[0-9]{1,18}$/, 'a numeric id such as "10001"');

const projectKey = z.string().regex(/^[A-Z][A-Z0-9]{1,9}$/, 'a project key such as "MKT"');

const project = z.strictObject({
  id: numericId.optional(),
  key: projectKey,
  name: nonEmpty.max(255),
  style: z.enum(['classic', 'next-gen']).optional(),
  lead: accountId.optional(),
  roles: z.record(nonEmpty, grant).optional(),
  permissionScheme: z.record(nonEmpty, z.array(nonEmpty)).optional(),
  issueTypeSchemeId: numericId.optional(),
  components: z.array(nonEmpty).optional()
});

const issueType = z.strictObject({
  id: numericId.optional(),
  name: nonEmpty.max(60),
  description: z.string().optional(),
  hierarchyLevel: z.union([z.literal(-1), z.literal(0), z.literal(1)]).optional(),
  projectId: numericId.optional()
});

const issueTypeScheme = z.strictObject({
  id: numericId.optional(),
  name: nonEmpty,
  description: z.string().optional(),
  issueTypeIds: z.array(numericId).min(1),
  defaultIssueTypeId: numericId.optional()
});

const field = z.strictObject({
  id: z
    .string()
    .regex(/^customfield_[0-9]+$/, 'a custom field id such as "customfield_10050"')
    .optional(),
  name: nonEmpty,
  type: z
    .string()
    .regex(/^com\.atlassian\.jira\.plugin\.system\.customfieldtypes:[a-z]+$/, 'a Jira custom field type key'),
  description: z.string().optional(),
  options: z.array(nonEmpty).optional(),
  onDefaultScreen: z.boolean().optional()
});

const issueKey = z.string().regex(/^[A-Z][A-Z0-9]{1,9}-[1-9][0-9]*$/, 'an issue key such as "MKT-12"');

const issue = z.strictObject({
  id: numericId.optional(),
  key: issueKey.optional(),
  project: projectKey,
  issuetype: nonEmpty,
  summary: nonEmpty.max(255),
  status: nonEmpty.optional(),
  labels: z.array(z.string().regex(/^\S+$/, 'a label without spaces')).optional(),
  components: z.array(nonEmpty).optional(),
  parent: issueKey.optional(),
  reporter: accountId.optional(),
  assignee: accountId.nullable().optional(),
  description: z.unknown().optional(),
  fields: z.record(z.string().regex(/^customfield_[0-9]+$/), z.unknown()).optional(),
  properties: z.record(z.string().min(1).max(255), z.unknown()).optional(),
  created: isoDateTime.optional(),
  updated: isoDateTime.optional(),
  /** Remaining and original estimates in seconds; `resolved` defaults to `updated` for a done issue. */
  timeestimate: z.number().int().min(0).optional(),
  timeoriginalestimate: z.number().int().min(0).optional(),
  /** Due date, `YYYY-MM-DD` (retro actions). */
  duedate: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/)
    .optional(),
  resolved: isoDateTime.optional()
});

/**
 * What the app keeps in its own storage, written at seed time: capacity settings per project
 * key (checked by the app's own settings rules) and card overrides (issue key → lane id).
 */
const appState = z.strictObject({
  capacity: z
    .record(
      projectKey,
      z.strictObject({
        settings: z.unknown(),
        overrides: z.record(issueKey, z.string().min(1).max(64)).optional(),
        savedBy: accountId,
        savedAt: isoDateTime
      })
    )
    .optional(),
  /**
   * Retro macro instances' records (src/retro/records.ts), by page id and the macro's local id:
   * phase and facilitators, cards, votes (each voter's in order) and the actions it created.
   */
  retros: z
    .array(
      z.strictObject({
        pageId: numericId,
        localId: z.string().regex(/^[A-Za-z0-9_-]{1,128}$/),
        phase: z.enum(['review', 'add', 'group', 'vote', 'discuss', 'done']),
        facilitators: z.array(accountId).min(1),
        cards: z.array(
          z.strictObject({
            id: z.string().regex(/^[a-z0-9-]{8,64}$/),
            column: z.string().min(1),
            text: nonEmpty.max(500),
            author: accountId,
            createdAt: isoDateTime,
            groupId: z.string().optional(),
            repetitive: z.boolean().optional()
          })
        ),
        votes: z.array(z.strictObject({ voter: accountId, cardId: z.string() })),
        actions: z.array(
          z.strictObject({
            id: z.string().regex(/^[a-z0-9-]{8,64}$/),
            issueKey,
            owner: accountId,
            due: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
            cardId: z.string().optional(),
            createdBy: accountId,
            createdAt: isoDateTime
          })
        )
      })
    )
    .optional(),
  /** The idea backlog macros' records (votes, evidence, decisions, experiments, outcomes) per page and instance. */
  ideas: IdeasSeedSchema.optional()
});
export type PreviewAppState = z.infer<typeof appState>;

const space = z.strictObject({
  id: numericId.optional(),
  key: z.string().regex(/^[A-Za-z0-9]{1,255}$/, 'a space key such as "WEB"'),
  name: nonEmpty,
  viewers: grant.optional(),
  editors: grant.optional()
});

const adfDoc = z.looseObject({
  type: z.literal('doc'),
  version: z.literal(1),
  content: z.array(z.unknown())
});

/** A macro placed on a page: which module, its own id on the page, what its config dialog saved. */
const macroPlacement = z.strictObject({
  moduleKey: z.string().regex(/^[a-z0-9-]{1,64}$/, 'a macro module key from manifest.yml'),
  localId: z.string().regex(/^[A-Za-z0-9_-]{1,128}$/, 'letters, digits, - or _'),
  config: z.record(z.string(), z.unknown()).optional()
});

const page = z.strictObject({
  id: numericId.optional(),
  spaceKey: z.string().min(1),
  title: nonEmpty.max(255),
  authorId: accountId,
  parentId: numericId.optional(),
  body: adfDoc.optional(),
  restrictions: z.strictObject({ read: grant.optional(), update: grant.optional() }).optional(),
  createdAt: isoDateTime.optional(),
  /** Macros placed on the page, in page order. */
  macros: z.array(macroPlacement).optional()
});

const siteInfo = z.strictObject({
  cloudId: z.string().regex(/^[0-9a-f-]{8,64}$/, 'a lower-case hexadecimal id (UUID)'),
  siteUrl: z.url({ protocol: /^https?$/ }),
  name: nonEmpty
});

const seedShape = z.strictObject({
  format: z.literal('tandem-preview-seed'),
  version: z.literal(1),
  site: siteInfo,
  personas: z.array(persona).min(1),
  users: z.array(user).min(1),
  groups: z.array(group).optional(),
  globalPermissions: z.record(nonEmpty, grant).optional(),
  issueTypes: z.array(issueType).optional(),
  issueTypeSchemes: z.array(issueTypeScheme).optional(),
  projects: z.array(project).optional(),
  fields: z.array(field).optional(),
  issues: z.array(issue).optional(),
  spaces: z.array(space).optional(),
  pages: z.array(page).optional(),
  app: appState.optional()
});

export type PreviewSeed = z.infer<typeof seedShape>;
export type Persona = z.infer<typeof persona>;

/** Issue types every fresh embedded site has (preview/backend/catalog.ts DEFAULT_ISSUE_TYPES). */
const BUILT_IN_ISSUE_TYPES = [
  { id: '10000', name: 'Epic' },
  { id: '10001', name: 'Task' },
  { id: '10002', name: 'Sub-task' },
  { id: '10003', name: 'Story' },
  { id: '10004', name: 'Bug' }
];
const BUILT_IN_STATUSES = ['To Do', 'In Progress', 'In Review', 'Done'];

function duplicates<T>(items: readonly T[], keyOf: (item: T) => string | undefined): [number, string][] {
  const seen = new Set<string>();
  const found: [number, string][] = [];
  items.forEach((item, index) => {
    const key = keyOf(item);
    if (key === undefined) return;
    if (seen.has(key)) found.push([index, key]);
    seen.add(key);
  });
  return found;
}

/** Cross-references: everything a seed names must exist in the seed or in a fresh site. */
export const seedSchema = seedShape.superRefine((seed, ctx) => {
  const add = (path: (string | number)[], message: string) => ctx.addIssue({ code: 'custom', path, message });

  const users = new Set(seed.users.map((u) => u.accountId));
  const groups = new Set([...(seed.groups ?? []).map((g) => g.name), 'jira-administrators']);
  const projects = new Map((seed.projects ?? []).map((p) => [p.key, p]));
  // Issue types a project offers, as the back end decides: a classic project its scheme's (the
  // default scheme holds every global type), a team-managed one its own Epic/Task/Subtask.
  const globalTypes = [
    ...BUILT_IN_ISSUE_TYPES,
    ...(seed.issueTypes ?? []).filter((t) => !t.projectId).map((t) => ({ id: t.id ?? '', name: t.name }))
  ];
  const schemes = new Map(
    (seed.issueTypeSchemes ?? []).flatMap((s) => (s.id ? [[s.id, s.issueTypeIds] as const] : []))
  );
  const typesOf = (p: z.infer<typeof project>): string[] => {
    if (p.style === 'next-gen') {
      const own = (seed.issueTypes ?? [])
        .filter((t) => p.id && t.projectId === p.id)
        .flatMap((t) => [t.name, t.id ?? '']);
      return ['Epic', 'Task', 'Subtask', ...own];
    }
    const ids = p.issueTypeSchemeId ? schemes.get(p.issueTypeSchemeId) : undefined;
    const types = ids ? globalTypes.filter((t) => ids.includes(t.id) || ids.includes(t.name)) : globalTypes;
    return types.flatMap((t) => [t.id, t.name]);
  };
  const spaces = new Set((seed.spaces ?? []).map((s) => s.key));
  const issueKeys = new Set((seed.issues ?? []).flatMap((i) => (i.key ? [i.key] : [])));
  const fieldIds = new Set((seed.fields ?? []).flatMap((f) => (f.id ? [f.id] : [])));
  const pageIds = new Set((seed.pages ?? []).flatMap((p) => (p.id ? [p.id] : [])));

  const checkUser = (id: string | null | undefined, path: (string | number)[]) => {
    if (id && !users.has(id)) add(path, `unknown user "${id}" (not in users)`);
  };
  const checkGrant = (g: z.infer<typeof grant> | undefined, path: (string | number)[]) => {
    g?.users?.forEach((u, i) => checkUser(u, [...path, 'users', i]));
    g?.groups?.forEach((name, i) => {
      if (!groups.has(name)) add([...path, 'groups', i], `unknown group "${name}" (not in groups)`);
    });
  };

  for (const [i, id] of duplicates(seed.users, (u) => u.accountId))
    add(['users', i, 'accountId'], `duplicate accountId "${id}"`);
  for (const [i, name] of duplicates(seed.groups ?? [], (g) => g.name))
    add(['groups', i, 'name'], `duplicate group "${name}"`);
  for (const [i, key] of duplicates(seed.projects ?? [], (p) => p.key))
    add(['projects', i, 'key'], `duplicate project key "${key}"`);
  for (const [i, name] of duplicates(seed.issueTypes ?? [], (t) => `${t.projectId ?? ''}/${t.name}`))
    add(['issueTypes', i, 'name'], `duplicate issue type "${name}"`);
  for (const [i, key] of duplicates(seed.issues ?? [], (x) => x.key))
    add(['issues', i, 'key'], `duplicate issue key "${key}"`);
  for (const [i, key] of duplicates(seed.spaces ?? [], (s) => s.key))
    add(['spaces', i, 'key'], `duplicate space key "${key}"`);
  for (const [i, id] of duplicates(seed.pages ?? [], (p) => p.id))
    add(['pages', i, 'id'], `duplicate page id "${id}"`);
  for (const [i, role] of duplicates(seed.personas, (p) => p.role))
    add(['personas', i, 'role'], `duplicate persona role "${role}"`);

  seed.personas.forEach((p, i) => checkUser(p.accountId, ['personas', i, 'accountId']));
  seed.users.forEach((u, i) =>
    u.groups?.forEach((g, j) => {
      if (!groups.has(g)) add(['users', i, 'groups', j], `unknown group "${g}" (not in groups)`);
    })
  );
  Object.entries(seed.globalPermissions ?? {}).forEach(([key, g]) => {
    if (PERMISSIONS[key]?.type !== 'GLOBAL')
      add(['globalPermissions', key], `unknown global permission "${key}"`);
    checkGrant(g, ['globalPermissions', key]);
  });
  (seed.projects ?? []).forEach((p, i) =>
    Object.keys(p.permissionScheme ?? {}).forEach((key) => {
      if (PERMISSIONS[key]?.type !== 'PROJECT')
        add(['projects', i, 'permissionScheme', key], `unknown project permission "${key}"`);
    })
  );
  (seed.issueTypeSchemes ?? []).forEach((s, i) =>
    s.issueTypeIds.forEach((id, j) => {
      if (!globalTypes.some((t) => t.id === id || t.name === id))
        add(['issueTypeSchemes', i, 'issueTypeIds', j], `unknown global issue type "${id}"`);
    })
  );
  (seed.projects ?? []).forEach((p, i) => {
    checkUser(p.lead, ['projects', i, 'lead']);
    if (p.style === 'next-gen' && p.issueTypeSchemeId)
      add(['projects', i, 'issueTypeSchemeId'], 'a team-managed (next-gen) project has no issue type scheme');
    if (p.issueTypeSchemeId && !schemes.has(p.issueTypeSchemeId))
      add(['projects', i, 'issueTypeSchemeId'], `unknown issue type scheme "${p.issueTypeSchemeId}"`);
    Object.entries(p.roles ?? {}).forEach(([role, g]) => checkGrant(g, ['projects', i, 'roles', role]));
  });
  (seed.issues ?? []).forEach((issue, i) => {
    const path = ['issues', i];
    const proj = projects.get(issue.project);
    if (!proj) add([...path, 'project'], `unknown project "${issue.project}" (not in projects)`);
    if (proj && !typesOf(proj).includes(issue.issuetype))
      add([...path, 'issuetype'], `issue type "${issue.issuetype}" is not available in project ${proj.key}`);
    if (issue.key && proj && !issue.key.startsWith(`${proj.key}-`))
      add([...path, 'key'], `key "${issue.key}" does not belong to project ${proj.key}`);
    if (issue.status && !BUILT_IN_STATUSES.includes(issue.status))
      add([...path, 'status'], `unknown status "${issue.status}" (one of ${BUILT_IN_STATUSES.join(', ')})`);
    if (issue.parent && !issueKeys.has(issue.parent))
      add([...path, 'parent'], `unknown parent issue "${issue.parent}"`);
    if (issue.parent && issue.parent === issue.key)
      add([...path, 'parent'], 'an issue cannot be its own parent');
    if (issue.components && proj) {
      const known = new Set(proj.components ?? []);
      issue.components.forEach((c, j) => {
        if (!known.has(c))
          add([...path, 'components', j], `component "${c}" is not declared on project ${proj.key}`);
      });
    }
    checkUser(issue.reporter, [...path, 'reporter']);
    checkUser(issue.assignee, [...path, 'assignee']);
    Object.keys(issue.fields ?? {}).forEach((id) => {
      if (!fieldIds.has(id)) add([...path, 'fields', id], `unknown custom field "${id}" (not in fields)`);
    });
    if (issue.created && issue.updated && issue.updated < issue.created)
      add([...path, 'updated'], 'updated is before created');
  });
  for (const [key, capacity] of Object.entries(seed.app?.capacity ?? {})) {
    const path = ['app', 'capacity', key];
    if (!projects.has(key)) add(path, `unknown project "${key}" (not in projects)`);
    checkUser(capacity.savedBy, [...path, 'savedBy']);
    const parsed = parseSettings(capacity.settings);
    if (!parsed.ok) {
      for (const problem of parsed.issues) add([...path, 'settings', problem.path], problem.message.en);
      continue;
    }
    const named = [
      ...parsed.value.people.map((p) => p.accountId),
      ...parsed.value.lanes.flatMap((lane) => (lane.owner ? [lane.owner] : [])),
      ...parsed.value.timeOff.map((entry) => entry.accountId)
    ];
    for (const id of new Set(named))
      if (!users.has(id)) add([...path, 'settings'], `unknown user "${id}" (not in users)`);
    const lanes = new Set(parsed.value.lanes.map((lane) => lane.id));
    for (const [issueKey, lane] of Object.entries(capacity.overrides ?? {})) {
      if (!issueKeys.has(issueKey) || !issueKey.startsWith(`${key}-`))
        add(
          [...path, 'overrides', issueKey],
          `unknown issue "${issueKey}" in ${key} (give issues their key)`
        );
      if (!lanes.has(lane)) add([...path, 'overrides', issueKey], `no lane "${lane}" in the settings`);
    }
  }
  (seed.spaces ?? []).forEach((s, i) => {
    checkGrant(s.viewers, ['spaces', i, 'viewers']);
    checkGrant(s.editors, ['spaces', i, 'editors']);
  });
  (seed.pages ?? []).forEach((p, i) => {
    if (!spaces.has(p.spaceKey))
      add(['pages', i, 'spaceKey'], `unknown space "${p.spaceKey}" (not in spaces)`);
    checkUser(p.authorId, ['pages', i, 'authorId']);
    if (p.parentId && !pageIds.has(p.parentId))
      add(['pages', i, 'parentId'], `unknown parent page "${p.parentId}"`);
    checkGrant(p.restrictions?.read, ['pages', i, 'restrictions', 'read']);
    checkGrant(p.restrictions?.update, ['pages', i, 'restrictions', 'update']);
    for (const [j, localId] of duplicates(p.macros ?? [], (m) => m.localId))
      add(['pages', i, 'macros', j, 'localId'], `duplicate macro localId "${localId}" on this page`);
  });
});

/** "$.issues[3].project" from zod's path array. */
export function jsonPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>((acc, part) => {
    if (typeof part === 'number') return `${acc}[${part}]`;
    const name = String(part);
    return /^[A-Za-z_$][\w$]*$/.test(name) ? `${acc}.${name}` : `${acc}[${JSON.stringify(name)}]`;
  }, '$');
}

export class SeedError extends Error {
  constructor(
    message: string,
    readonly problems: { path: string; message: string }[] = []
  ) {
    super(message);
    this.name = 'SeedError';
  }
}

/** Parses and checks a seed; throws a SeedError listing each problem at its JSON path. */
export function parseSeed(input: unknown, source = 'seed'): PreviewSeed {
  const result = seedSchema.safeParse(input);
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => ({
    path: jsonPath(issue.path),
    message: issue.message
  }));
  const shown = problems.slice(0, 20).map((p) => `  ${p.path}: ${p.message}`);
  if (problems.length > shown.length) shown.push(`  … and ${problems.length - shown.length} more`);
  throw new SeedError(
    `${source} is not a valid Tandem preview seed (nothing was loaded):\n${shown.join('\n')}`,
    problems
  );
}
