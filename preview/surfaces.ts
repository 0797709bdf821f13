import fs from 'node:fs';
import path from 'node:path';
import { load } from 'js-yaml';

/**
 * The surfaces of manifest.yml the preview can frame: every UI module with a Custom UI
 * resource. Read at start-up, so a module the lead adds shows up in the index on restart.
 */

export type SurfaceKind = 'admin' | 'project' | 'issue' | 'macro' | 'global' | 'space' | 'other';

export interface Surface {
  moduleKey: string;
  moduleType: string;
  kind: SurfaceKind;
  /** The module's title: a plain string or the i18n key of one. */
  title: string | { i18n: string };
  resourceKey: string;
  /** The manifest function key that answers this module's invoke() calls. */
  resolverFunction?: string;
  /** Macro configuration resource, if any. */
  configResourceKey?: string;
  /** The config dialog opens when the macro is inserted (`config.openOnInsert`). */
  configOpenOnInsert?: boolean;
  /** The macro's `adfExport.function`: what Confluence calls to export the page. */
  exportFunction?: string;
}

export interface ManifestInfo {
  surfaces: Surface[];
  /** resource key → absolute folder. */
  resources: Map<string, string>;
  /** permissions.content.styles includes 'unsafe-inline'. */
  inlineStyles: boolean;
  /** Extra CSP sources declared under permissions.external. */
  external: {
    fetchClient: string[];
    images: string[];
    styles: string[];
    fonts: string[];
    frames: string[];
    media: string[];
  };
  /** Translations: locale key → catalogue (for module titles and Forge's __LOCALES__ bundle). */
  translations: Map<string, Record<string, unknown>>;
  fallbackLocale: string;
}

const KIND_BY_TYPE: Record<string, SurfaceKind> = {
  'jira:adminPage': 'admin',
  'jira:projectPage': 'project',
  'jira:projectSettingsPage': 'project',
  'jira:issuePanel': 'issue',
  'jira:issueContext': 'issue',
  'jira:issueGlance': 'issue',
  'jira:issueActivity': 'issue',
  'jira:globalPage': 'global',
  macro: 'macro',
  'confluence:spacePage': 'space',
  'confluence:spaceSettings': 'space',
  'confluence:globalPage': 'global',
  'confluence:globalSettings': 'admin'
};

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const strings = (v: unknown): string[] =>
  Array.isArray(v)
    ? v.flatMap((x) =>
        typeof x === 'string' ? [x] : isObj(x) && typeof x.address === 'string' ? [x.address] : []
      )
    : [];

export function readManifest(root: string): ManifestInfo {
  const manifestPath = path.join(root, 'manifest.yml');
  const doc = load(fs.readFileSync(manifestPath, 'utf8'));
  if (!isObj(doc)) throw new Error('manifest.yml is not a YAML mapping');
  const resources = new Map<string, string>();
  for (const r of Array.isArray(doc.resources) ? doc.resources : []) {
    if (isObj(r) && typeof r.key === 'string' && typeof r.path === 'string')
      resources.set(r.key, path.resolve(root, r.path));
  }
  const surfaces: Surface[] = [];
  const modules = isObj(doc.modules) ? doc.modules : {};
  for (const [moduleType, list] of Object.entries(modules)) {
    if (!Array.isArray(list)) continue;
    for (const m of list) {
      if (!isObj(m) || typeof m.key !== 'string' || typeof m.resource !== 'string') continue;
      const resolver =
        isObj(m.resolver) && typeof m.resolver.function === 'string' ? m.resolver.function : undefined;
      const config = isObj(m.config) && typeof m.config.resource === 'string' ? m.config.resource : undefined;
      const rawTitle = m.title ?? m.name;
      const title =
        typeof rawTitle === 'string'
          ? rawTitle
          : isObj(rawTitle) && typeof rawTitle.i18n === 'string'
            ? { i18n: rawTitle.i18n }
            : m.key;
      surfaces.push({
        moduleKey: m.key,
        moduleType,
        kind: KIND_BY_TYPE[moduleType] ?? 'other',
        title,
        resourceKey: m.resource,
        ...(resolver ? { resolverFunction: resolver } : {}),
        ...(config ? { configResourceKey: config } : {}),
        ...(isObj(m.config) && m.config.openOnInsert === true ? { configOpenOnInsert: true } : {}),
        ...(isObj(m.adfExport) && typeof m.adfExport.function === 'string'
          ? { exportFunction: m.adfExport.function }
          : {})
      });
    }
  }
  const permissions = isObj(doc.permissions) ? doc.permissions : {};
  const content = isObj(permissions.content) ? permissions.content : {};
  const external = isObj(permissions.external) ? permissions.external : {};
  const fetch = isObj(external.fetch) ? external.fetch : {};
  const translations = new Map<string, Record<string, unknown>>();
  let fallbackLocale = 'en-US';
  const tr = isObj(doc.translations) ? doc.translations : undefined;
  if (tr) {
    for (const r of Array.isArray(tr.resources) ? tr.resources : []) {
      if (!isObj(r) || typeof r.key !== 'string' || typeof r.path !== 'string') continue;
      try {
        translations.set(
          r.key,
          JSON.parse(fs.readFileSync(path.resolve(root, r.path), 'utf8')) as Record<string, unknown>
        );
      } catch {
        // A broken catalogue shows keys instead of titles; Forge's own linter reports it.
      }
    }
    if (isObj(tr.fallback) && typeof tr.fallback.default === 'string') fallbackLocale = tr.fallback.default;
  }
  return {
    surfaces,
    resources,
    inlineStyles: strings(content.styles).includes('unsafe-inline'),
    external: {
      fetchClient: strings(fetch.client),
      images: strings(external.images),
      styles: strings(external.styles),
      fonts: strings(external.fonts),
      frames: strings(external.frames),
      media: strings(external.media)
    },
    translations,
    fallbackLocale
  };
}

/** Resolves a module title in the preview's language. */
export function surfaceTitle(manifest: ManifestInfo, surface: Surface, locale: 'en' | 'fr'): string {
  if (typeof surface.title === 'string') return surface.title;
  const key = surface.title.i18n;
  const lookup = (catalogue: Record<string, unknown> | undefined): string | undefined => {
    let node: unknown = catalogue;
    for (const part of key.split('.')) node = isObj(node) ? node[part] : undefined;
    return typeof node === 'string' ? node : undefined;
  };
  const wanted = locale === 'fr' ? 'fr-FR' : 'en-US';
  return (
    lookup(manifest.translations.get(wanted)) ??
    lookup(manifest.translations.get(manifest.fallbackLocale)) ??
    key
  );
}

/**
 * Forge's default Content-Security-Policy for Custom UI, widened only by what the manifest
 * declares (so the preview refuses what Forge would refuse).
 */
export function frameCsp(manifest: ManifestInfo): string {
  const list = (base: string[], extra: string[]) => [...base, ...extra].join(' ');
  return [
    "default-src 'self'",
    "script-src 'self'",
    `style-src ${list(["'self'", ...(manifest.inlineStyles ? ["'unsafe-inline'"] : [])], manifest.external.styles)}`,
    `img-src ${list(["'self'", 'data:', 'blob:'], manifest.external.images)}`,
    `font-src ${list(["'self'", 'data:'], manifest.external.fonts)}`,
    `connect-src ${list(["'self'"], manifest.external.fetchClient)}`,
    `frame-src ${list(["'self'"], manifest.external.frames)}`,
    `media-src ${list(["'self'"], manifest.external.media)}`,
    "object-src 'none'",
    "base-uri 'self'"
    // frame-ancestors (the host page's origin) is added per request by the server.
  ].join('; ');
}
