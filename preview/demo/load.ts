import fs from 'node:fs';
import type { Site } from '../backend/site';
import type { SiteSeed } from '../backend/types';
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
  const { format: _format, version: _version, site: _site, personas: _personas, ...rest } = seed;
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
      site.docs.put(META_KIND, META_ID, meta);
    });
  } catch (e) {
    throw new SeedError(`${source} could not be loaded (nothing was loaded): ${(e as Error).message}`, [
      { path: '$', message: (e as Error).message }
    ]);
  }
  return meta;
}
