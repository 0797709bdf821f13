import { z } from 'zod';
import type { ProjectRef, RelabelProgress, SettingsVersionInfo } from '../contract/capacity';
import { ConflictError, InvalidInputError } from '../platform/errors';
import { storageKey, type Store } from '../platform/store';
import {
  describeSettingsIssue,
  MAX_SETTINGS_BYTES,
  parseSettings,
  settingsSchema,
  settingsSize,
  type CapacitySettings,
  type SettingsIssue
} from './domain/settings';
import type { Lang } from './domain/messages';
import { lazySchema } from '../contract/lazy-schema';

/**
 * A project's capacity settings as versioned data in KVS (docs/architecture.md rule 6): `current`
 * holds the version in force, every saved version is kept under its number (the last
 * HISTORY_LIMIT only), and card moves are overrides keyed by issue under the same project prefix.
 */

export const HISTORY_LIMIT = 50;

export interface StoredSettings {
  number: number;
  settings: CapacitySettings;
  /** Key and name of the project when saved, so the page names it without asking Jira again. */
  project: ProjectRef;
  /** Names and avatars of the people the settings name, read when saved (the page reads no users). */
  directory: Record<string, { displayName: string; avatarUrl: string | null }>;
  savedAt: string;
  savedBy: string;
}

const ProjectRefSchema = lazySchema(() => z.object({ id: z.string(), key: z.string(), name: z.string() }));

const StoredSettingsSchema: z.ZodType<StoredSettings> = lazySchema(() =>
  z.object({
    number: z.number().int().min(1),
    settings: settingsSchema,
    project: ProjectRefSchema,
    directory: z.record(z.string(), z.object({ displayName: z.string(), avatarUrl: z.string().nullable() })),
    savedAt: z.string(),
    savedBy: z.string()
  })
);

export interface Override {
  laneId: string;
  by: string;
  at: string;
}

const OverrideSchema: z.ZodType<Override> = lazySchema(() =>
  z.object({ laneId: z.string(), by: z.string(), at: z.string() })
);

/** A relabel run's progress record (the settings page shows it; enforcement/relabel.ts writes it). */
export const RelabelProgressSchema: z.ZodType<RelabelProgress> = lazySchema(() =>
  z.object({
    status: z.enum(['queued', 'running', 'done', 'failed']),
    version: z.string(),
    processed: z.number(),
    changed: z.number(),
    startedAt: z.string(),
    finishedAt: z.string().optional(),
    error: z.string().optional()
  })
);

const pad = (n: number) => String(n).padStart(10, '0');

export const CAPACITY_STORE_KEYS = {
  current: (projectId: string) => storageKey('capacity', projectId, 'settings', 'current'),
  version: (projectId: string, n: number) => storageKey('capacity', projectId, 'settings', 'version', pad(n)),
  versionPrefix: (projectId: string) => `${storageKey('capacity', projectId, 'settings', 'version')}:`,
  /** Claimed for a minute by whoever saves version n: of two concurrent saves only one wins. */
  claim: (projectId: string, n: number) => storageKey('capacity', projectId, 'settings', 'claim', pad(n)),
  override: (projectId: string, issueId: string) => storageKey('capacity', projectId, 'override', issueId),
  overridePrefix: (projectId: string) => `${storageKey('capacity', projectId, 'override')}:`,
  /** Written by the relabel job (src/capacity/enforcement); read here for the pages. */
  relabel: (projectId: string) => storageKey('capacity', projectId, 'relabel')
};

/** Versions are named by the server, never by the editor. */
export function settingsVersionName(n: number): string {
  return `v${n}`;
}

/** The settings before anyone saved: one run lane that takes every issue. */
export function defaultSettings(): CapacitySettings {
  // "Run" is the word both teams use (seed 000), in French too.
  const parsed = parseSettings({ lanes: [{ id: 'run', name: 'Run', kind: 'run' }] });
  if (!parsed.ok) throw new Error('default capacity settings do not parse');
  return parsed.value;
}

export async function loadSettings(store: Store, projectId: string): Promise<StoredSettings | undefined> {
  return store.get(CAPACITY_STORE_KEYS.current(projectId), StoredSettingsSchema);
}

export async function settingsHistory(store: Store, projectId: string): Promise<SettingsVersionInfo[]> {
  const versions = await store.listByPrefix(
    CAPACITY_STORE_KEYS.versionPrefix(projectId),
    StoredSettingsSchema,
    HISTORY_LIMIT * 2
  );
  return versions
    .map((entry) => entry.value)
    .sort((a, b) => b.number - a.number)
    .slice(0, HISTORY_LIMIT)
    .map((v) => ({ version: settingsVersionName(v.number), savedAt: v.savedAt, savedBy: v.savedBy }));
}

export async function loadRelabel(store: Store, projectId: string): Promise<RelabelProgress | null> {
  return (await store.get(CAPACITY_STORE_KEYS.relabel(projectId), RelabelProgressSchema)) ?? null;
}

/**
 * The first issue as the field error the UI shows next to the input: the path exactly as the
 * domain names it (`people[2].shares`), the message in the caller's language.
 */
export function settingsError(issues: SettingsIssue[], lang: Lang, rename?: (path: string) => string): never {
  const first = issues[0];
  if (!first) throw new InvalidInputError('settings: invalid', 'settings');
  const path = rename ? rename(first.path) : first.path;
  const field = path === '' ? 'settings' : path;
  const text = describeSettingsIssue({ ...first, path: field }, lang);
  throw new InvalidInputError(text, field);
}

/** Parses settings from a payload: size first (KVS refuses values over 240 KiB), then shape and rules. */
export function parseSettingsPayload(input: unknown, lang: Lang): CapacitySettings {
  const parsed = parseSettings(input);
  if (!parsed.ok) settingsError(parsed.issues, lang);
  return parsed.value;
}

/**
 * Saves a new version on top of `basedOn` (null: nobody saved yet). A stale base, or another save
 * of the same version in flight, is a CONFLICT and nothing is written. Versions older than the
 * last HISTORY_LIMIT are deleted in the same transaction.
 */
export async function saveSettings(
  store: Store,
  input: {
    projectId: string;
    project: ProjectRef;
    directory: StoredSettings['directory'];
    settings: CapacitySettings;
    basedOn: string | null;
    actor: string;
    now: Date;
    lang: Lang;
  }
): Promise<StoredSettings> {
  const { projectId } = input;
  const stored = await loadSettings(store, projectId);
  const inForce = stored ? settingsVersionName(stored.number) : null;
  if (inForce !== input.basedOn) {
    throw new ConflictError(
      input.lang === 'fr'
        ? `Les réglages ont changé depuis leur ouverture (version ${inForce ?? 'initiale'}) : rechargez et refaites vos modifications.`
        : `The settings changed since you opened them (now ${inForce ?? 'the defaults'}): reload and apply your changes again.`
    );
  }
  const number = (stored?.number ?? 0) + 1;
  const record: StoredSettings = {
    number,
    settings: input.settings,
    project: input.project,
    directory: input.directory,
    savedAt: input.now.toISOString(),
    savedBy: input.actor
  };
  // Defaults filled in by the schema make the stored value larger than the payload: check what is written.
  const size = settingsSize(record);
  if (size > MAX_SETTINGS_BYTES) {
    const kib = (n: number) => Math.round((n / 1024) * 10) / 10;
    throw new InvalidInputError(
      input.lang === 'fr'
        ? `settings: les réglages occupent ${kib(size)} Kio, ${kib(MAX_SETTINGS_BYTES)} Kio au plus`
        : `settings: the settings take ${kib(size)} KiB, at most ${kib(MAX_SETTINGS_BYTES)} KiB`,
      'settings'
    );
  }
  const claim = CAPACITY_STORE_KEYS.claim(projectId, number);
  if (!(await store.setIfAbsent(claim, { by: input.actor, at: record.savedAt }, 60))) {
    throw new ConflictError(
      input.lang === 'fr'
        ? 'Quelqu’un d’autre enregistre ces réglages en ce moment : rechargez dans un instant.'
        : 'Someone else is saving these settings right now: reload in a moment.'
    );
  }
  const pruned = number - HISTORY_LIMIT;
  try {
    await store.transact({
      set: [
        { key: CAPACITY_STORE_KEYS.version(projectId, number), value: record },
        { key: CAPACITY_STORE_KEYS.current(projectId), value: record }
      ],
      ...(pruned >= 1 ? { delete: [CAPACITY_STORE_KEYS.version(projectId, pruned)] } : {})
    });
  } catch (error) {
    await store.delete(claim).catch(() => undefined);
    throw error;
  }
  return record;
}

export async function loadOverrides(store: Store, projectId: string): Promise<Record<string, Override>> {
  const entries = await store.listByPrefix(
    CAPACITY_STORE_KEYS.overridePrefix(projectId),
    OverrideSchema,
    100_000
  );
  const prefix = CAPACITY_STORE_KEYS.overridePrefix(projectId);
  const out: Record<string, Override> = {};
  for (const entry of entries) out[entry.key.slice(prefix.length)] = entry.value;
  return out;
}

export async function setOverride(
  store: Store,
  projectId: string,
  issueId: string,
  override: Override | null
): Promise<void> {
  const key = CAPACITY_STORE_KEYS.override(projectId, issueId);
  if (override === null) await store.delete(key);
  else await store.set(key, override);
}
