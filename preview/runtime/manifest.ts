import fs from 'node:fs';
import yaml from 'js-yaml';
import type { EntityIndex } from '../backend/kvs';
import type { IndexedProperty } from '../backend/site';
import { grantedScopes } from '../openapi/scopes';

/** The parts of manifest.yml the local runtime needs to route invocations like Forge does. */
export interface ManifestInfo {
  appId: string;
  /** permissions.scopes: the runtime refuses a product call they do not cover, as Jira does. */
  scopes: string[];
  /** function key → handler file (under src/, no extension), exported handler name and timeout. */
  functions: Map<string, { module: string; exportName: string; timeoutSeconds: number }>;
  consumers: { key: string; queue: string; functionKey: string; method?: string }[];
  triggers: {
    key: string;
    functionKey: string;
    events: string[];
    ignoreSelf: boolean;
    /** `filter.expression` and `filter.onError` (default IGNORE_AND_LOG), as Forge evaluates them. */
    expression?: string;
    onError?: string;
  }[];
  validators: { key: string; functionKey?: string; expression?: string; errorMessage?: string }[];
  indexedProperties: IndexedProperty[];
  /** Custom entity indexes from app.storage.entities. */
  entityIndexes: EntityIndex[];
  /** module key → { type, resolver function key } for every UI module with a resolver. */
  uiModules: Map<string, { type: string; resolverFunction?: string }>;
}

type Rec = Record<string, unknown>;

const isRec = (v: unknown): v is Rec => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
const list = (v: unknown): Rec[] => (Array.isArray(v) ? v.filter(isRec) : []);

const PROPERTY_TYPES = new Set(['string', 'text', 'number', 'date', 'user']);

export function loadManifest(pathOrText: { path: string } | { text: string }): ManifestInfo {
  const text = 'path' in pathOrText ? fs.readFileSync(pathOrText.path, 'utf8') : pathOrText.text;
  const doc = yaml.load(text);
  if (!isRec(doc) || !isRec(doc.modules)) throw new Error('manifest.yml has no modules section');
  const modules = doc.modules;
  const app = isRec(doc.app) ? doc.app : {};

  const functions = new Map<string, { module: string; exportName: string; timeoutSeconds: number }>();
  for (const f of list(modules.function)) {
    const key = str(f.key);
    const handler = str(f.handler);
    if (!key || !handler) throw new Error('Every function module needs a key and a handler');
    // Forge's handler is "<file>.<export>", the file relative to src/ (e.g. functions/lifecycle).
    const dot = handler.lastIndexOf('.');
    functions.set(key, {
      module: handler.slice(0, dot),
      exportName: handler.slice(dot + 1),
      timeoutSeconds: typeof f.timeoutSeconds === 'number' ? f.timeoutSeconds : 25
    });
  }

  const consumers = list(modules.consumer).map((c) => {
    const resolver = isRec(c.resolver) ? c.resolver : undefined;
    const functionKey = str(c.function) ?? str(resolver?.function);
    const queue = str(c.queue);
    if (!functionKey || !queue) throw new Error(`Consumer ${String(c.key)} needs a queue and a function`);
    const method = str(resolver?.method);
    return { key: String(c.key), queue, functionKey, ...(method ? { method } : {}) };
  });

  const triggers = list(modules.trigger).map((t) => ({
    key: String(t.key),
    functionKey: String(t.function),
    events: Array.isArray(t.events) ? t.events.map(String) : [],
    ignoreSelf: isRec(t.filter) && t.filter.ignoreSelf === true,
    ...(isRec(t.filter) && typeof t.filter.expression === 'string'
      ? { expression: t.filter.expression }
      : {}),
    ...(isRec(t.filter) && typeof t.filter.onError === 'string' ? { onError: t.filter.onError } : {})
  }));

  const validators = list(modules['jira:workflowValidator']).map((v) => ({
    key: String(v.key),
    ...(typeof v.function === 'string' ? { functionKey: v.function } : {}),
    ...(typeof v.expression === 'string' ? { expression: v.expression } : {}),
    ...(typeof v.errorMessage === 'string' ? { errorMessage: v.errorMessage } : {})
  }));

  const indexedProperties: IndexedProperty[] = [];
  for (const m of list(modules['jira:entityProperty'])) {
    if ((str(m.entityType) ?? 'issue') !== 'issue') continue;
    const propertyKey = str(m.propertyKey);
    if (!propertyKey) continue;
    for (const v of list(m.values)) {
      const type = str(v.type) ?? 'string';
      if (!PROPERTY_TYPES.has(type) || !str(v.path)) continue;
      indexedProperties.push({
        propertyKey,
        path: v.path as string,
        type: type as IndexedProperty['type'],
        ...(str(v.searchAlias) ? { searchAlias: v.searchAlias as string } : {})
      });
    }
  }

  const entityIndexes: EntityIndex[] = [];
  const storage = isRec(app.storage) ? app.storage : {};
  for (const e of list(storage.entities)) {
    const entity = str(e.name);
    if (!entity) continue;
    for (const idx of Array.isArray(e.indexes) ? (e.indexes as unknown[]) : []) {
      // A bare attribute name is an index of that name ranging over that attribute.
      if (typeof idx === 'string') entityIndexes.push({ entity, name: idx, range: idx, partition: [] });
      else if (isRec(idx) && str(idx.name) && Array.isArray(idx.range) && typeof idx.range[0] === 'string') {
        const partition = Array.isArray(idx.partition) ? idx.partition.map(String) : [];
        entityIndexes.push({ entity, name: idx.name as string, range: idx.range[0], partition });
      }
    }
  }

  const uiModules = new Map<string, { type: string; resolverFunction?: string }>();
  for (const [type, entries] of Object.entries(modules)) {
    if (['function', 'consumer', 'trigger'].includes(type)) continue;
    for (const m of list(entries)) {
      const resolver = isRec(m.resolver) ? str(m.resolver.function) : undefined;
      uiModules.set(String(m.key), { type, ...(resolver ? { resolverFunction: resolver } : {}) });
    }
  }

  return {
    appId: str(app.id) ?? 'ari:cloud:ecosystem::app/00000000-0000-0000-0000-000000000000',
    scopes: grantedScopes(isRec(doc.permissions) ? doc.permissions.scopes : undefined),
    functions,
    consumers,
    triggers,
    validators,
    indexedProperties,
    entityIndexes,
    uiModules
  };
}
