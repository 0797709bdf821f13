import type { CapacityPageView, LaneOption, ProjectRef, SettingsView } from '../contract/capacity';
import { ForbiddenError, InvalidInputError, PlatformError } from '../platform/errors';
import { jiraAsApp, jiraAsUser, type JiraClient, type JiraUserBean } from '../platform/jira';
import type { CallerContext } from '../platform/resolvers';
import type { Store } from '../platform/store';
import type { Lang } from './domain/messages';
import type { CapacitySettings } from './domain/settings';
import {
  analyse,
  boardView,
  planView,
  type CapacityAnalysis,
  type CapacityInput,
  type DirectoryEntry
} from './domain/views';
import type { CapacityIssue } from './domain/issues';
import { FieldIds, readProjectIssues } from './jira-reads';
import {
  defaultSettings,
  loadOverrides,
  loadRelabel,
  loadSettings,
  settingsHistory,
  settingsVersionName,
  type StoredSettings
} from './settings-store';
import { loadSnapshot, saveSnapshot } from './snapshot';
import { todayFor } from './today';

/**
 * The capacity use cases behind the two pages' resolvers: who may do what on the project (asked
 * of Jira as the caller), and the analysis built from the stored settings and Jira's issues.
 */

export function langOf(caller: CallerContext): Lang {
  return caller.locale?.toLowerCase().startsWith('fr') ? 'fr' : 'en';
}

export interface ProjectAccess {
  browse: boolean;
  configure: boolean;
}

/**
 * Browse and administer in one call. A project the caller cannot see answers 404: that is a
 * refusal too, worded so it does not reveal whether the project exists.
 */
export async function projectAccess(jira: JiraClient, projectId: string): Promise<ProjectAccess> {
  let permissions: Record<string, boolean>;
  try {
    permissions = await jira.myPermissions(['BROWSE_PROJECTS', 'ADMINISTER_PROJECTS', 'ADMINISTER'], {
      projectId
    });
  } catch (error) {
    if (error instanceof PlatformError && (error.kind === 'not-found' || error.kind === 'forbidden'))
      return { browse: false, configure: false };
    throw error;
  }
  const browse = permissions.BROWSE_PROJECTS === true;
  return {
    browse,
    configure: permissions.ADMINISTER === true || (browse && permissions.ADMINISTER_PROJECTS === true)
  };
}

export function requireBrowse(access: ProjectAccess, projectId: string): void {
  if (!access.browse)
    throw new ForbiddenError(`Missing the BROWSE_PROJECTS permission on project ${projectId}`);
}

export function requireConfigure(access: ProjectAccess): void {
  if (!access.configure)
    throw new ForbiddenError(
      'Only project administrators (or Jira administrators) can change these settings'
    );
}

export function laneOptions(settings: CapacitySettings): LaneOption[] {
  return settings.lanes.map((lane) => ({ id: lane.id, name: lane.name, kind: lane.kind }));
}

export interface LoadedAnalysis {
  stored: StoredSettings;
  analysis: CapacityAnalysis;
  input: CapacityInput;
  readAt: string;
  /** The snapshot the issues came from or were kept in; null when none could be kept. */
  snapshot: string | null;
  /** True when no Jira issue was read: the issues came from the snapshot. */
  fromSnapshot: boolean;
}

export interface SnapshotUse {
  /** A snapshot the caller's board was built from: its issues are used instead of reading Jira. */
  snapshot?: string | undefined;
  /** Older snapshots are read again from Jira. */
  maxAgeMs?: number;
  /** After reading Jira, keep the issues as a new snapshot. */
  keep?: boolean;
}

/** Reads Jira (or a snapshot of it) and the stored settings and overrides; null while nobody has set lanes up. */
export async function loadAnalysis(
  store: Store,
  projectId: string,
  caller: CallerContext,
  now: Date,
  jira: JiraClient = jiraAsUser(),
  use: SnapshotUse = {}
): Promise<LoadedAnalysis | null> {
  const today = todayFor(now, caller.timezone);
  const [stored, overrides, snapshot] = await Promise.all([
    loadSettings(store, projectId),
    loadOverrides(store, projectId),
    use.snapshot === undefined
      ? null
      : loadSnapshot(store, {
          projectId,
          id: use.snapshot,
          accountId: caller.accountId,
          today,
          now,
          ...(use.maxAgeMs !== undefined ? { maxAgeMs: use.maxAgeMs } : {})
        })
  ]);
  if (!stored) return null;
  let issues: CapacityIssue[];
  let readAt: string;
  let snapshotId: string | null = null;
  let keeping: Promise<string | null> | null = null;
  if (snapshot) {
    ({ issues, readAt } = snapshot);
    snapshotId = snapshot.id;
  } else {
    issues = await readProjectIssues(jira, new FieldIds(jira, store), {
      projectId,
      today,
      settings: stored.settings
    });
    readAt = now.toISOString();
    // Written while the analysis runs: the storage round trips overlap the computation.
    if (use.keep)
      keeping = saveSnapshot(store, {
        projectId,
        accountId: caller.accountId,
        today,
        readAt,
        issues
      }).catch((error: unknown) => {
        // Only "show more" and moves get slower without it; the page itself is complete.
        console.warn('capacity snapshot not kept', error instanceof Error ? error.message : error);
        return null;
      });
  }
  const directory: Record<string, DirectoryEntry> = {};
  for (const [accountId, entry] of Object.entries(stored.directory))
    directory[accountId] = {
      displayName: entry.displayName,
      ...(entry.avatarUrl ? { avatarUrl: entry.avatarUrl } : {})
    };
  const input: CapacityInput = {
    today,
    settings: stored.settings,
    issues,
    overrides: Object.fromEntries(Object.entries(overrides).map(([issueId, o]) => [issueId, o.laneId])),
    directory
  };
  const analysis = analyse(input);
  if (keeping) snapshotId = await keeping;
  return {
    stored,
    analysis,
    input,
    readAt,
    snapshot: snapshotId,
    fromSnapshot: snapshot !== null
  };
}

export async function pageView(
  store: Store,
  projectId: string,
  caller: CallerContext,
  access: ProjectAccess,
  now: Date,
  jira: JiraClient = jiraAsUser(),
  use: SnapshotUse = {}
): Promise<CapacityPageView> {
  const [loaded, relabel] = await Promise.all([
    loadAnalysis(store, projectId, caller, now, jira, { keep: true, ...use }),
    loadRelabel(store, projectId)
  ]);
  if (!loaded) {
    const project = await jira.getProject(projectId);
    const settings = defaultSettings();
    return {
      project: { id: project.id, key: project.key, name: project.name },
      today: todayFor(now, caller.timezone),
      settingsVersion: null,
      canConfigure: access.configure,
      lanes: laneOptions(settings),
      board: null,
      plan: null,
      counted: { issues: 0, readAt: now.toISOString() },
      relabel,
      snapshot: null
    };
  }
  const { stored, analysis, input } = loaded;
  return {
    project: stored.project,
    today: input.today,
    settingsVersion: settingsVersionName(stored.number),
    canConfigure: access.configure,
    lanes: laneOptions(stored.settings),
    board: boardView(analysis),
    plan: planView(analysis),
    counted: { issues: input.issues.length, readAt: loaded.readAt },
    relabel,
    snapshot: loaded.snapshot
  };
}

/** Everyone the settings name: people, lane owners and time off. */
export function accountsNamed(settings: CapacitySettings): string[] {
  const ids = new Set<string>();
  for (const person of settings.people) ids.add(person.accountId);
  for (const lane of settings.lanes) if (lane.owner) ids.add(lane.owner);
  for (const entry of settings.timeOff) ids.add(entry.accountId);
  return [...ids];
}

export function directoryOf(users: JiraUserBean[]): StoredSettings['directory'] {
  return Object.fromEntries(
    users.map((u) => [
      u.accountId,
      { displayName: u.displayName ?? u.accountId, avatarUrl: u.avatarUrls?.['48x48'] ?? null }
    ])
  );
}

export async function projectRef(jira: JiraClient, projectId: string): Promise<ProjectRef> {
  const project = await jira.getProject(projectId);
  return { id: project.id, key: project.key, name: project.name };
}

export async function settingsView(
  store: Store,
  projectId: string,
  caller: CallerContext,
  access: ProjectAccess,
  // Read as the app after the caller's check (docs/architecture.md rule 5): a Jira administrator
  // configures a project they may not browse, and names need Browse users, which members may lack.
  jira: JiraClient = jiraAsApp()
): Promise<SettingsView> {
  const [stored, history, relabel, meta] = await Promise.all([
    loadSettings(store, projectId),
    settingsHistory(store, projectId),
    loadRelabel(store, projectId),
    jira.getProjectMeta(projectId)
  ]);
  const settings = stored?.settings ?? defaultSettings();
  const named = accountsNamed(settings);
  const users = named.length > 0 ? await jira.usersByIds(named) : [];
  const people: SettingsView['people'] = { ...(stored?.directory ?? {}), ...directoryOf(users) };
  return {
    project: { id: meta.id, key: meta.key, name: meta.name },
    me: caller.accountId,
    canConfigure: access.configure,
    settings,
    version: stored ? settingsVersionName(stored.number) : null,
    history,
    issueTypes: (meta.issueTypes ?? [])
      .filter((t) => t.subtask !== true)
      .map((t) => ({ id: t.id, name: t.name })),
    components: (meta.components ?? []).map((c) => ({ id: c.id, name: c.name })),
    people,
    relabel
  };
}

/** The issue must be in the project the page shows: a move never writes under another project. */
export async function requireIssueInProject(
  jira: JiraClient,
  issueId: string,
  projectId: string
): Promise<void> {
  const issue = await jira.getIssue(issueId, ['project']);
  if (issue.fields?.project?.id !== projectId)
    throw new InvalidInputError(`issueId: issue ${issueId} is not in project ${projectId}`, 'issueId');
}
