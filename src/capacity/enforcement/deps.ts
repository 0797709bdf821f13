import { z } from 'zod';
import type { CapacitySettings } from '../domain/settings';
import { CAPACITY_STORE_KEYS, loadOverrides, loadSettings, settingsVersionName } from '../settings-store';
import { RunSchema, KEYS as PROVISIONING_KEYS } from '../../issue-types/records';
import type { Language as Lang } from '../../contract/language';
import type { RetryPolicy } from '../../platform/http';
import { jiraAsApp, type JiraClient } from '../../platform/jira';
import { laneJiraAsApp, type LaneJiraClient } from '../../platform/jira-lanes';
import { QUEUES, queueFor, type Enqueue } from '../../platform/queue';
import { forgeStore, storageKey, type Store } from '../../platform/store';
import { lazySchema } from '../../contract/lazy-schema';

/**
 * What the capacity copy in Jira (lane property, trigger, relabel job, experiments gate) runs on.
 * The entry files in src/functions use the real ones; tests pass their own.
 */

/** The lanes configuration in force for a project, as the relabel job and the trigger read it. */
export interface ProjectLanes {
  settings: CapacitySettings;
  version: string;
  /** Issue id → lane id (card moves). */
  overrides: Readonly<Record<string, string>>;
}

/**
 * Where the settings and overrides come from. The settings store belongs to the capacity
 * resolvers; this seam keeps the copy independent of how that store is laid out.
 */
export interface LaneSource {
  load(projectId: string, issueId?: string): Promise<ProjectLanes | null>;
}

export interface CapacityEnforcementDeps {
  store: Store;
  jira: (retry?: RetryPolicy) => LaneJiraClient;
  /** The shared client (field list for the experiments gate). */
  sharedJira: (retry?: RetryPolicy) => JiraClient;
  lanes: LaneSource;
  enqueue: Enqueue;
  now: () => Date;
  log: (message: string, error?: unknown) => void;
}

export const CAPACITY_QUEUE = QUEUES.capacityRelabel;

export const ENFORCEMENT_KEYS = {
  /** Set when a project first gets lanes: the trigger's one cheap "has lanes?" check. */
  hasLanes: (projectId: string) => storageKey('capacity', 'has-lanes', projectId),
  /** Claimed by the one trigger delivery that writes this change of the copy (short TTL). */
  writeClaim: (issueId: string, oldDigest: string, wanted: string) =>
    storageKey('capacity', 'lane-write', issueId, oldDigest, wanted),
  /** Which relabel run is the newest (only enqueueRelabel writes it). */
  relabel: (projectId: string) => storageKey('capacity', 'relabel', projectId),
  /**
   * Progress of one run (RelabelProgress) and where it stopped. Each run writes only its own, so
   * a superseded run finishing a page can never overwrite the newer run's record.
   */
  relabelRun: (projectId: string, version: string) =>
    storageKey('capacity', 'relabel-run', projectId, version),
  relabelCursor: (projectId: string, version: string) =>
    storageKey('capacity', 'relabel-cursor', projectId, version)
};

/**
 * The settings in force and the overrides, from the capacity resolvers' store. With `issueId`
 * only that issue's override is read (the trigger's case: one key, not a list).
 */
export const defaultLaneSource = (store: Store): LaneSource => ({
  async load(projectId, issueId) {
    const stored = await loadSettings(store, projectId);
    if (!stored) return null;
    let overrides: Record<string, string>;
    if (issueId !== undefined) {
      const one = await store.get(CAPACITY_STORE_KEYS.override(projectId, issueId), OverrideSchema);
      overrides = one ? { [issueId]: one.laneId } : {};
    } else {
      const all = await loadOverrides(store, projectId);
      overrides = Object.fromEntries(Object.entries(all).map(([id, override]) => [id, override.laneId]));
    }
    return { settings: stored.settings, version: settingsVersionName(stored.number), overrides };
  }
});

const OverrideSchema = lazySchema(() => z.object({ laneId: z.string() }));

export function describeError(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}

export const defaultCapacityDeps: CapacityEnforcementDeps = {
  store: forgeStore,
  jira: (retry) => laneJiraAsApp(retry),
  sharedJira: (retry) => jiraAsApp(retry),
  lanes: defaultLaneSource(forgeStore),
  enqueue: queueFor(CAPACITY_QUEUE),
  now: () => new Date(),
  log: (message, error) => {
    console.error(`[tandem capacity] ${message}${error ? `: ${describeError(error)}` : ''}`);
  }
};

/** The language the administrator chose at set-up, English until then or when unreadable. */
export async function siteLanguage(store: Store): Promise<Lang> {
  try {
    const run = await store.get(PROVISIONING_KEYS.run, RunSchema);
    return run?.language ?? 'en';
  } catch {
    return 'en';
  }
}
