import { InvalidInputError } from './errors';
import { storageKey } from './store';

/**
 * Where a macro call comes from. Read from Forge's context only (docs/architecture.md rule 5):
 * a payload could name any page, the context names the page the macro is placed on, and that
 * is the page whose permissions are checked and under which its data is stored.
 */
export interface MacroInstance {
  pageId: string;
  spaceKey?: string;
  /** The macro's own id on the page (ADF `extension.attrs.localId`): two macros on one page keep apart. */
  localId: string;
  /** What the macro's config dialog saved (`view.submit({ config })`); untrusted, parse it before use. */
  config: Record<string, unknown>;
}

/** Confluence content ids are numeric (v2 `pages/{id}` is an int64 path parameter). */
const CONTENT_ID = /^[0-9]{1,18}$/;
/** Confluence space keys: letters, digits, and the `~` of personal spaces. */
const SPACE_KEY = /^~?[A-Za-z0-9_]{1,255}$/;
/** Editor-generated ids (UUIDs and shorter ones); never a path or a key separator. */
const LOCAL_ID = /^[A-Za-z0-9_-]{1,128}$/;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * The macro instance a resolver call (its `context`) or an export call (the same context, under
 * the export payload's `context` too) comes from. The local id is `context.extension.localId`
 * when Confluence sends it there, else `context.localId` (Custom UI: the module's local id).
 */
export function macroInstanceFrom(context: unknown): MacroInstance {
  if (!isRecord(context)) throw new InvalidInputError('context is missing', 'context');
  const extension = context.extension;
  if (!isRecord(extension)) throw new InvalidInputError('context.extension is missing', 'context.extension');
  const content = extension.content;
  const pageId = isRecord(content) ? content.id : undefined;
  if (typeof pageId !== 'string' || !CONTENT_ID.test(pageId)) {
    throw new InvalidInputError(
      'context.extension.content.id must be the numeric id of the page the macro is on',
      'context.extension.content.id'
    );
  }
  const space = extension.space;
  const rawSpaceKey = isRecord(space) ? space.key : undefined;
  if (rawSpaceKey !== undefined && (typeof rawSpaceKey !== 'string' || !SPACE_KEY.test(rawSpaceKey))) {
    throw new InvalidInputError(
      'context.extension.space.key must be a Confluence space key',
      'context.extension.space.key'
    );
  }
  const localIdField =
    typeof extension.localId === 'string' ? 'context.extension.localId' : 'context.localId';
  const localId = typeof extension.localId === 'string' ? extension.localId : context.localId;
  if (typeof localId !== 'string' || !LOCAL_ID.test(localId)) {
    throw new InvalidInputError(`${localIdField} must be the macro's local id`, localIdField);
  }
  const config = extension.config;
  if (config !== undefined && config !== null && !isRecord(config)) {
    throw new InvalidInputError('context.extension.config must be an object', 'context.extension.config');
  }
  return {
    pageId,
    ...(typeof rawSpaceKey === 'string' ? { spaceKey: rawSpaceKey } : {}),
    localId,
    config: isRecord(config) ? config : {}
  };
}

/**
 * The KVS key of something a macro instance stores, e.g. `macroStorageKey('retro', instance,
 * 'card', cardId)`. Page then local id, so one prefix query lists an instance's records and a
 * page's instances never share a key.
 */
export function macroStorageKey(
  kind: 'retro' | 'ideas',
  instance: Pick<MacroInstance, 'pageId' | 'localId'>,
  ...rest: string[]
): string {
  return storageKey('macro', kind, instance.pageId, instance.localId, ...rest);
}
