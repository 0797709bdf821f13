import { kvs, WhereConditions } from '@forge/kvs';
import { InvalidInputError, PlatformError } from './errors';
import type { RecordSchema } from './guard';

/**
 * The app's storage: every key comes from `storageKey`, every value read back is parsed
 * with its schema (a record written by an older version must not crash a resolver): a zod schema,
 * or a hand-written guard (./guard.ts) on the paths that must not load zod.
 */

const SAFE_SEGMENT_CHAR = /[a-zA-Z0-9._-]/;

/**
 * Injective key builder: segments are joined by ':' and any character outside
 * [a-zA-Z0-9._-] (':' and '#' included) becomes '#' + two hex digits per UTF-8 byte, so two different
 * segment lists can never produce the same key, and every key fits KVS's alphabet.
 */
export function storageKey(...segments: string[]): string {
  const encoded = segments.map((segment) =>
    Array.from(segment)
      .map((char) =>
        SAFE_SEGMENT_CHAR.test(char)
          ? char
          : Array.from(new TextEncoder().encode(char))
              .map((byte) => `#${byte.toString(16).padStart(2, '0')}`)
              .join('')
      )
      .join('')
  );
  const key = ['tandem', ...encoded].join(':');
  if (key.length > 500) throw new PlatformError('bad-request', 'Storage key longer than 500 characters');
  return key;
}

/** KVS refuses a value whose JSON is larger than this (Forge storage limits: 240 KiB per value). */
export const KVS_MAX_VALUE_BYTES = 240 * 1024;

/** Size of a value as KVS counts it: its JSON in UTF-8. */
export function jsonBytes(value: unknown): number {
  return new TextEncoder().encode(JSON.stringify(value) ?? '').length;
}

/**
 * Refuses, as INVALID_INPUT naming `field`, a value that could not be stored once wrapped in its
 * record (`headroomBytes` for the envelope): KVS would refuse the write itself, which the caller
 * could only see as a storage failure after the permission checks and claims had run.
 */
export function requireStorable(value: unknown, field: string, headroomBytes: number): void {
  const bytes = jsonBytes(value);
  const max = KVS_MAX_VALUE_BYTES - headroomBytes;
  if (bytes > max) {
    const kib = (n: number) => Math.ceil(n / 1024);
    throw new InvalidInputError(
      `${field}: ${kib(bytes)} KiB once saved, more than the ${kib(max)} KiB storage can hold; shorten or split it`,
      field
    );
  }
}

export interface Store {
  get<T>(key: string, schema: RecordSchema<T>): Promise<T | undefined>;
  set<T>(key: string, value: T): Promise<void>;
  /** Writes only if the key is absent; answers false when it already exists. */
  setIfAbsent<T>(key: string, value: T, ttlSeconds?: number): Promise<boolean>;
  delete(key: string): Promise<void>;
  /** Writes and deletes that must land together or not at all. */
  transact(ops: { set?: { key: string; value: unknown }[]; delete?: string[] }): Promise<void>;
  listByPrefix<T>(
    prefix: string,
    schema: RecordSchema<T>,
    limit?: number
  ): Promise<{ key: string; value: T }[]>;
  /** One page of a prefix query in key order, and the cursor of the next page when there is one. */
  pageByPrefix<T>(
    prefix: string,
    schema: RecordSchema<T>,
    page: { cursor?: string; limit: number }
  ): Promise<{ items: { key: string; value: T }[]; nextCursor?: string }>;
}

function wrap(error: unknown, what: string): PlatformError {
  if (error instanceof PlatformError) return error;
  const message = error instanceof Error ? error.message : String(error);
  return new PlatformError('unavailable', `Storage ${what} failed: ${message}`);
}

/** FAIL_IF_EXISTS refusals come back as a 409 conflict from the KVS API. */
function isKeyExists(error: unknown): boolean {
  const details = error as { code?: unknown; responseDetails?: { status?: unknown } } | undefined;
  const code = typeof details?.code === 'string' ? details.code : '';
  return details?.responseDetails?.status === 409 || /EXIST|CONFLICT/i.test(code);
}

export const forgeStore: Store = {
  async get<T>(key: string, schema: RecordSchema<T>): Promise<T | undefined> {
    let raw: unknown;
    try {
      raw = await kvs.get<unknown>(key);
    } catch (error) {
      throw wrap(error, 'read');
    }
    if (raw === undefined) return undefined;
    const parsed = schema.safeParse(raw);
    if (!parsed.success)
      throw new PlatformError('upstream', `Stored record ${key} does not match its schema`);
    return parsed.data;
  },

  async set<T>(key: string, value: T): Promise<void> {
    try {
      await kvs.set(key, value);
    } catch (error) {
      throw wrap(error, 'write');
    }
  },

  async setIfAbsent<T>(key: string, value: T, ttlSeconds?: number): Promise<boolean> {
    try {
      await kvs.set(key, value, {
        keyPolicy: 'FAIL_IF_EXISTS',
        ...(ttlSeconds ? { ttl: { value: ttlSeconds, unit: 'SECONDS' as const } } : {})
      });
      return true;
    } catch (error) {
      if (isKeyExists(error)) return false;
      throw wrap(error, 'write');
    }
  },

  async delete(key: string): Promise<void> {
    try {
      await kvs.delete(key);
    } catch (error) {
      throw wrap(error, 'delete');
    }
  },

  async transact(ops): Promise<void> {
    try {
      let builder = kvs.transact();
      for (const { key, value } of ops.set ?? []) builder = builder.set(key, value);
      for (const key of ops.delete ?? []) builder = builder.delete(key);
      await builder.execute();
    } catch (error) {
      throw wrap(error, 'transaction');
    }
  },

  async listByPrefix<T>(prefix: string, schema: RecordSchema<T>, limit = 1000) {
    const out: { key: string; value: T }[] = [];
    let cursor: string | undefined;
    try {
      do {
        let query = kvs.query().where('key', WhereConditions.beginsWith(prefix)).limit(100);
        if (cursor) query = query.cursor(cursor);
        const page = await query.getMany<unknown>();
        for (const item of page.results) {
          const parsed = schema.safeParse(item.value);
          if (parsed.success) out.push({ key: item.key, value: parsed.data });
        }
        cursor = page.nextCursor;
      } while (cursor && out.length < limit);
    } catch (error) {
      throw wrap(error, 'query');
    }
    return out.slice(0, limit);
  },

  async pageByPrefix<T>(prefix: string, schema: RecordSchema<T>, page: { cursor?: string; limit: number }) {
    try {
      let query = kvs
        .query()
        .where('key', WhereConditions.beginsWith(prefix))
        .limit(Math.max(1, Math.min(100, page.limit)));
      if (page.cursor) query = query.cursor(page.cursor);
      const result = await query.getMany<unknown>();
      const items: { key: string; value: T }[] = [];
      for (const item of result.results) {
        const parsed = schema.safeParse(item.value);
        if (parsed.success) items.push({ key: item.key, value: parsed.data });
      }
      return { items, ...(result.nextCursor ? { nextCursor: result.nextCursor } : {}) };
    } catch (error) {
      const status = (error as { responseDetails?: { status?: unknown } } | undefined)?.responseDetails
        ?.status;
      if (page.cursor && status === 400)
        throw new InvalidInputError('cursor: not a cursor this app gave', 'cursor');
      throw wrap(error, 'query');
    }
  }
};
