import fs from 'node:fs';
import type { Site } from '../backend/site';
import type { SiteSeed } from '../backend/types';
import { parseSettings } from '../../src/capacity/domain/settings';
import { CAPACITY_STORE_KEYS, type StoredSettings } from '../../src/capacity/settings-store';
import { ideaSeedRecords } from '../../src/ideas/seed';
import { setPlacements } from '../macros';
import { macroStorageKey } from '../../src/platform/macro';
import { PARTS } from '../../src/retro/records';
import { parseSeed, SeedError, type Persona, type PreviewSeed } from './schema';

/** What the preview keeps about a loaded seed (the switcher's people, the site's identity). */
export interface PreviewMeta {
  site: PreviewSeed['site'];
  personas: Persona[];
  source: string;
}

const META_KIND = 'preview';
const META_ID = 'meta';

/** Reads and validates a seed file; nothing is written anywhere. */
export function readSeedFile(file: string): PreviewSeed {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (e) {
    throw new SeedError(`Cannot read the seed file ${file}: ${(e as Error).message}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new SeedError(`${file} is not valid JSON (nothing was loaded): ${(e as Error).message}`, [
      { path: '$', message: (e as Error).message }
    ]);
  }
  return parseSeed(json, file);
}

export function toSiteSeed(seed: PreviewSeed): SiteSeed {
  const { format: _format, version: _version, site: _site, personas: _personas, app: _app, ...rest } = seed;
  const siteSeed: SiteSeed = rest;
  return siteSeed;
}

export function readPreviewMeta(site: Site): PreviewMeta | undefined {
  return site.docs.get<PreviewMeta>(META_KIND, META_ID);
}

/** True when the site holds anything beyond a fresh site's defaults. */
export function isSeeded(site: Site): boolean {
  return (
    readPreviewMeta(site) !== undefined ||
    site.docs.peekAll('projects').length > 0 ||
    site.docs.peekAll('users').length > 0
  );
}

/**
 * Loads a validated seed into a fresh site in one SQLite transaction, with the preview's meta:
 * if the back end refuses any entry, nothing at all is written.
 */
export function applySeed(site: Site, seed: PreviewSeed, source: string): PreviewMeta {
  const meta: PreviewMeta = { site: seed.site, personas: seed.personas, source };
  try {
    site.docs.transaction(() => {
      site.seed(toSiteSeed(seed));
      placeMacros(site, seed);
      writeAppState(site, seed);
      site.docs.put(META_KIND, META_ID, meta);
    });
  } catch (e) {
    throw new SeedError(`${source} could not be loaded (nothing was loaded): ${(e as Error).message}`, [
      { path: '$', message: (e as Error).message }
    ]);
  }
  return meta;
}

/** `pages[].macros`: kept beside the page, as Confluence keeps macros in the page's body. */
function placeMacros(site: Site, seed: PreviewSeed): void {
  for (const page of seed.pages ?? []) {
    if (!page.macros?.length) continue;
    const doc = site.docs
      .all<{ id: string; title: string; spaceId: string }>('pages')
      .find((p) => (page.id ? p.id === page.id : p.title === page.title));
    if (!doc) throw new Error(`page "${page.title}" was not created`);
    setPlacements(
      site,
      doc.id,
      page.macros.map((m) => ({ moduleKey: m.moduleKey, localId: m.localId, config: m.config ?? {} }))
    );
  }
}

/**
 * The app's own records a seed describes, written as the app writes them (same keys, same record
 * shape), so the preview opens on a configured project: version 1 of each project's capacity
 * settings and its card overrides.
 */
function writeAppState(site: Site, seed: PreviewSeed): void {
  const put = (key: string, value: unknown) => {
    const res = site.kvs.handle('/api/v1/set', { key, value });
    if (!res || res.status >= 300) throw new Error(`could not write ${key} to the app's storage`);
  };
  for (const [projectKey, capacity] of Object.entries(seed.app?.capacity ?? {})) {
    const project = site.projectByKey(projectKey);
    const parsed = parseSettings(capacity.settings);
    // parseSeed already refused a seed with bad settings; this only narrows the type.
    if (!project || !parsed.ok) throw new Error(`capacity settings of ${projectKey} do not parse`);
    const directory: StoredSettings['directory'] = {};
    for (const user of seed.users)
      directory[user.accountId] = { displayName: user.displayName, avatarUrl: null };
    const named = new Set([
      ...parsed.value.people.map((p) => p.accountId),
      ...parsed.value.lanes.flatMap((lane) => (lane.owner ? [lane.owner] : [])),
      ...parsed.value.timeOff.map((entry) => entry.accountId)
    ]);
    const record: StoredSettings = {
      number: 1,
      settings: parsed.value,
      project: { id: project.id, key: project.key, name: project.name },
      directory: Object.fromEntries(Object.entries(directory).filter(([id]) => named.has(id))),
      savedAt: new Date(capacity.savedAt).toISOString(),
      savedBy: capacity.savedBy
    };
    put(CAPACITY_STORE_KEYS.current(project.id), record);
    put(CAPACITY_STORE_KEYS.version(project.id, 1), record);
    for (const [issueKey, laneId] of Object.entries(capacity.overrides ?? {})) {
      const issue = site.issueByIdOrKey(issueKey);
      if (!issue) throw new Error(`unknown issue ${issueKey}`);
      put(CAPACITY_STORE_KEYS.override(project.id, issue.id), {
        laneId,
        by: capacity.savedBy,
        at: record.savedAt
      });
    }
  }
  for (const retro of seed.app?.retros ?? []) {
    const key = (...parts: readonly string[]) =>
      macroStorageKey('retro', { pageId: retro.pageId, localId: retro.localId }, ...parts);
    const facilitatorsSince = retro.cards[0]?.createdAt ?? new Date(site.now()).toISOString();
    put(key(...PARTS.state), {
      phase: retro.phase,
      facilitators: retro.facilitators,
      version: 1,
      history: [{ from: 'review', to: retro.phase, by: retro.facilitators[0], at: facilitatorsSince }]
    });
    for (const card of retro.cards)
      put(key(...PARTS.card(card.id)), { ...card, groupId: card.groupId ?? null });
    const slots = new Map<string, number>();
    for (const vote of retro.votes) {
      const slot = slots.get(vote.voter) ?? 0;
      slots.set(vote.voter, slot + 1);
      put(key(...PARTS.vote(vote.voter, slot)), { voter: vote.voter, slot, cardId: vote.cardId });
    }
    for (const action of retro.actions) {
      const issue = site.issueByIdOrKey(action.issueKey);
      if (!issue) throw new Error(`unknown issue ${action.issueKey}`);
      put(key(...PARTS.action(action.id)), {
        ...action,
        issueId: issue.id,
        summary: issue.summary,
        cardId: action.cardId ?? null
      });
    }
  }
  const issueIdOf = (key: string): string => {
    const issue = site.issueByIdOrKey(key);
    if (!issue) throw new Error(`unknown issue ${key}`);
    return issue.id;
  };
  for (const { key, value } of ideaSeedRecords(seed.app?.ideas ?? [], issueIdOf)) put(key, value);
}
