import type { Site } from './backend/site';

/**
 * Macros placed on the preview's Confluence pages: which module, its local id (ADF
 * `extension.attrs.localId`) and the config its dialog saved — what Confluence keeps in the page's
 * storage format. Seeded from `pages[].macros`; the config dialog's `view.submit({ config })`
 * replaces one instance's config.
 */
export interface MacroPlacement {
  moduleKey: string;
  localId: string;
  config: Record<string, unknown>;
}

const KIND = 'macroPlacements';

export function placementsOf(site: Site, pageId: string): MacroPlacement[] {
  return site.docs.get<{ macros: MacroPlacement[] }>(KIND, pageId)?.macros ?? [];
}

export function setPlacements(site: Site, pageId: string, macros: MacroPlacement[]): void {
  site.docs.put(KIND, pageId, { macros });
}

/** Replaces one placed macro's config, or places the macro (the insert flow) when it is new. */
export function saveMacroConfig(site: Site, pageId: string, placement: MacroPlacement): MacroPlacement[] {
  const macros = placementsOf(site, pageId);
  const i = macros.findIndex((m) => m.localId === placement.localId);
  if (i >= 0 && macros[i]?.moduleKey !== placement.moduleKey)
    throw new Error(`localId ${placement.localId} belongs to another macro`);
  const next = i >= 0 ? macros.map((m, j) => (j === i ? placement : m)) : [...macros, placement];
  setPlacements(site, pageId, next);
  return next;
}
