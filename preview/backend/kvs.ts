import type { Res } from './http';
import { isRecord } from './http';
import type { Db } from './store';

/**
 * Forge KVS and Custom Entity Store semantics behind the endpoints @forge/kvs calls
 * (node_modules/@forge/kvs/out/storage-api.js). Error bodies are `{ code, message }` as the client
 * expects; codes follow Atlassian's "Error handling for the Key-Value Store" page.
 */

const KEY_PATTERN = /^(?!\s+$)[a-zA-Z0-9:._\s\-#]+$/;
const MAX_VALUE_BYTES = 240 * 1024;
const MAX_QUERY_LIMIT = 100;
const DEFAULT_QUERY_LIMIT = 10;
const MAX_BATCH = 25;
const MAX_TRANSACTION_OPS = 25;
const TTL_UNIT_MS = { SECONDS: 1000, MINUTES: 60_000, HOURS: 3_600_000, DAYS: 86_400_000 } as const;

interface Row {
  key: string;
  value: string;
  created_at: number;
  updated_at: number;
  expire_at: number | null;
}

class KvsError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string
  ) {
    super(message);
  }
}

type Condition = { property: string; condition: string; values: unknown[] };
type Conditions = { and?: Condition[]; or?: Condition[] };

function conditionHolds(value: unknown, c: Condition): boolean {
  const v = isRecord(value) ? value[c.property] : undefined;
  const [a, b] = c.values as [unknown, unknown];
  switch (c.condition) {
    case 'EXISTS':
      return v !== undefined;
    case 'NOT_EXISTS':
      return v === undefined;
    case 'EQUAL_TO':
      return v === a;
    case 'NOT_EQUAL_TO':
      return v !== a;
    case 'GREATER_THAN':
      return v !== undefined && (v as number) > (a as number);
    case 'GREATER_THAN_EQUAL_TO':
      return v !== undefined && (v as number) >= (a as number);
    case 'LESS_THAN':
      return v !== undefined && (v as number) < (a as number);
    case 'LESS_THAN_EQUAL_TO':
      return v !== undefined && (v as number) <= (a as number);
    case 'BETWEEN':
      return v !== undefined && (v as number) >= (a as number) && (v as number) <= (b as number);
    case 'BEGINS_WITH':
      return typeof v === 'string' && v.startsWith(String(a));
    case 'CONTAINS':
      return (typeof v === 'string' && v.includes(String(a))) || (Array.isArray(v) && v.includes(a));
    case 'NOT_CONTAINS':
      return !((typeof v === 'string' && v.includes(String(a))) || (Array.isArray(v) && v.includes(a)));
    default:
      throw new KvsError(400, 'BAD_REQUEST', `Unknown condition ${c.condition}`);
  }
}

function filtersHold(value: unknown, filters: unknown): boolean {
  if (filters === undefined) return true;
  if (!isRecord(filters)) throw new KvsError(400, 'BAD_REQUEST', 'Invalid filters');
  const f = filters as Conditions;
  if (f.and && !f.and.every((c) => conditionHolds(value, c))) return false;
  if (f.or && !f.or.some((c) => conditionHolds(value, c))) return false;
  return true;
}

/** A custom entity index as declared under app.storage.entities in manifest.yml. */
export interface EntityIndex {
  entity: string;
  name: string;
  range: string;
  partition: string[];
}

export class KvsStore {
  private readonly getStmt;
  private readonly upsertStmt;
  private readonly deleteStmt;

  constructor(
    private readonly db: Db,
    private readonly now: () => number
  ) {
    this.getStmt = db.prepare('SELECT * FROM kvs WHERE space = ? AND key = ?');
    this.upsertStmt = db.prepare(
      'INSERT OR REPLACE INTO kvs (space, key, value, created_at, updated_at, expire_at) VALUES (?, ?, ?, ?, ?, ?)'
    );
    this.deleteStmt = db.prepare('DELETE FROM kvs WHERE space = ? AND key = ?');
  }

  /** Returns undefined for paths the embedded KVS does not implement. */
  handle(path: string, body: unknown): Res | undefined {
    try {
      switch (path) {
        case '/api/v1/get':
          return this.get('kv', body);
        case '/api/v1/secret/get':
          return this.get('secret', body);
        case '/api/v1/entity/get':
          return this.get(this.entitySpace(body), body);
        case '/api/v1/set':
          return this.set('kv', body);
        case '/api/v1/secret/set':
          return this.set('secret', body);
        case '/api/v1/entity/set':
          return this.set(this.entitySpace(body), body);
        case '/api/v1/delete':
          return this.del('kv', body);
        case '/api/v1/secret/delete':
          return this.del('secret', body);
        case '/api/v1/entity/delete':
          return this.del(this.entitySpace(body), body);
        case '/api/v1/query':
          return this.query(body);
        case '/api/v1/batch/set':
          return this.batchSet(body);
        case '/api/v1/batch/get':
          return this.batchGet(body);
        case '/api/v1/batch/delete':
          return this.batchDelete(body);
        case '/api/v1/transaction':
          return this.transaction(body);
        case '/api/v1/entity/query':
          return this.entityQuery(body);
        default:
          return undefined;
      }
    } catch (e) {
      if (e instanceof KvsError) return { status: e.status, body: { code: e.code, message: e.message } };
      throw e;
    }
  }

  // ---- helpers ---------------------------------------------------------------------------------

  private entitySpace(body: unknown): string {
    const name = isRecord(body) ? body.entityName : undefined;
    if (typeof name !== 'string' || !name) throw new KvsError(400, 'BAD_REQUEST', 'entityName is required');
    return `entity:${name}`;
  }

  private checkKey(key: unknown): string {
    if (typeof key !== 'string' || key.length === 0)
      throw new KvsError(400, 'KEY_TOO_SHORT', 'The provided key is too short');
    if (key.length > 500)
      throw new KvsError(400, 'KEY_TOO_LONG', 'The provided key has exceeded the maximum 500 characters');
    if (!KEY_PATTERN.test(key))
      throw new KvsError(400, 'INVALID_KEY', 'The provided key does not match the allowed format');
    return key;
  }

  private row(space: string, key: string): Row | undefined {
    const r = this.getStmt.get(space, key) as Row | undefined;
    if (r && r.expire_at !== null && r.expire_at <= this.now()) {
      // Expired values are invisible at once, as the platform promises; cleanup is lazy.
      this.deleteStmt.run(space, key);
      return undefined;
    }
    return r;
  }

  private render(r: Row, fields?: unknown): Record<string, unknown> {
    const wanted = Array.isArray(fields) ? fields : ['CREATED_AT', 'UPDATED_AT', 'EXPIRE_TIME'];
    return {
      key: r.key,
      value: JSON.parse(r.value),
      ...(wanted.includes('CREATED_AT') ? { createdAt: r.created_at } : {}),
      ...(wanted.includes('UPDATED_AT') ? { updatedAt: r.updated_at } : {}),
      ...(wanted.includes('EXPIRE_TIME') && r.expire_at !== null
        ? { expireTime: new Date(r.expire_at).toISOString() }
        : {})
    };
  }

  private expireAt(options: unknown): number | null {
    if (!isRecord(options) || options.ttl === undefined) return null;
    const ttl = options.ttl;
    if (
      !isRecord(ttl) ||
      typeof ttl.value !== 'number' ||
      ttl.value <= 0 ||
      !(String(ttl.unit) in TTL_UNIT_MS)
    )
      throw new KvsError(400, 'INVALID_TTL', 'The provided TTL is invalid');
    return this.now() + ttl.value * TTL_UNIT_MS[ttl.unit as keyof typeof TTL_UNIT_MS];
  }

  private write(
    space: string,
    key: string,
    value: unknown,
    options: unknown
  ): { previous?: Row; latest: Row } {
    if (value === undefined) throw new KvsError(400, 'BAD_REQUEST', 'A value is required');
    const json = JSON.stringify(value);
    if (Buffer.byteLength(json) > MAX_VALUE_BYTES)
      throw new KvsError(400, 'MAX_SIZE', 'The provided value has exceeded the maximum size limit');
    const previous = this.row(space, key);
    if (isRecord(options) && options.keyPolicy === 'FAIL_IF_EXISTS' && previous)
      throw new KvsError(409, 'KEY_ALREADY_EXISTS', 'The provided key already exists');
    const t = this.now();
    const latest: Row = {
      key,
      value: json,
      created_at: previous?.created_at ?? t,
      updated_at: t,
      expire_at: this.expireAt(options)
    };
    this.upsertStmt.run(space, key, json, latest.created_at, latest.updated_at, latest.expire_at);
    return { ...(previous ? { previous } : {}), latest };
  }

  // ---- operations ------------------------------------------------------------------------------

  private get(space: string, body: unknown): Res {
    if (!isRecord(body)) throw new KvsError(400, 'BAD_REQUEST', 'Provided request body is invalid');
    const key = this.checkKey(body.key);
    const r = this.row(space, key);
    if (!r) return { status: 404, body: { code: 'KEY_NOT_FOUND', message: 'Provided key does not exist' } };
    return {
      status: 200,
      body: this.render(r, isRecord(body.options) ? body.options.metadataFields : undefined)
    };
  }

  private set(space: string, body: unknown): Res {
    if (!isRecord(body)) throw new KvsError(400, 'BAD_REQUEST', 'Provided request body is invalid');
    const key = this.checkKey(body.key);
    const options = body.options;
    const { previous, latest } = this.db.transaction(() => this.write(space, key, body.value, options))();
    if (isRecord(options) && options.keyPolicy === 'OVERRIDE' && options.returnValue) {
      const r = options.returnValue === 'PREVIOUS' ? previous : latest;
      if (!r) return { status: 204 };
      return { status: 200, body: this.render(r, options.returnMetadataFields ?? []) };
    }
    return { status: 204 };
  }

  private del(space: string, body: unknown): Res {
    if (!isRecord(body)) throw new KvsError(400, 'BAD_REQUEST', 'Provided request body is invalid');
    this.deleteStmt.run(space, this.checkKey(body.key));
    return { status: 204 };
  }

  private query(body: unknown): Res {
    if (!isRecord(body)) throw new KvsError(400, 'BAD_REQUEST', 'Provided request body is invalid');
    const limit = body.limit === undefined ? DEFAULT_QUERY_LIMIT : Number(body.limit);
    if (!Number.isInteger(limit) || limit < 1 || limit > MAX_QUERY_LIMIT)
      throw new KvsError(400, 'BAD_REQUEST', `limit must be between 1 and ${MAX_QUERY_LIMIT}`);
    let prefix = '';
    const whereList = body.where ?? [];
    if (!Array.isArray(whereList) || whereList.length > 1)
      throw new KvsError(400, 'BAD_REQUEST', 'Only one where condition is supported');
    const w = whereList[0] as unknown;
    if (w !== undefined) {
      if (!isRecord(w) || w.property !== 'key' || w.condition !== 'BEGINS_WITH' || !Array.isArray(w.values))
        throw new KvsError(400, 'BAD_REQUEST', 'Only key BEGINS_WITH conditions are supported');
      prefix = String(w.values[0] ?? '');
    }
    let after = '';
    if (body.after !== undefined) {
      if (typeof body.after !== 'string') throw new KvsError(400, 'INVALID_CURSOR', 'The cursor is invalid');
      try {
        const decoded = JSON.parse(Buffer.from(body.after, 'base64url').toString('utf8')) as { k?: unknown };
        if (typeof decoded.k !== 'string') throw new Error('bad cursor');
        after = decoded.k;
      } catch {
        throw new KvsError(400, 'INVALID_CURSOR', 'The cursor is invalid');
      }
    }
    // substr() comparison instead of LIKE: keys may contain '_' and '%', which LIKE treats as wildcards.
    const rows = this.db
      .prepare(
        `SELECT * FROM kvs WHERE space = 'kv' AND substr(key, 1, ?) = ? AND key > ?
           AND (expire_at IS NULL OR expire_at > ?) ORDER BY key LIMIT ?`
      )
      .all(prefix.length, prefix, after, this.now(), limit + 1) as Row[];
    const page = rows.slice(0, limit);
    const fields = isRecord(body.options) ? body.options.metadataFields : undefined;
    const last = page[page.length - 1];
    return {
      status: 200,
      body: {
        data: page.map((r) => this.render(r, fields ?? [])),
        ...(rows.length > limit && last
          ? { cursor: Buffer.from(JSON.stringify({ k: last.key })).toString('base64url') }
          : {})
      }
    };
  }

  private batchItems(body: unknown): Record<string, unknown>[] {
    if (!Array.isArray(body) || body.length === 0 || !body.every(isRecord))
      throw new KvsError(400, 'BAD_REQUEST', 'Provided request body is invalid');
    if (body.length > MAX_BATCH)
      throw new KvsError(400, 'BATCH_TOO_LARGE', `A batch holds at most ${MAX_BATCH} items`);
    return body;
  }

  private itemSpace(item: Record<string, unknown>): string {
    return typeof item.entityName === 'string' ? `entity:${item.entityName}` : 'kv';
  }

  private failure(item: Record<string, unknown>, e: unknown) {
    if (!(e instanceof KvsError)) throw e;
    return {
      key: String(item.key),
      ...(typeof item.entityName === 'string' ? { entityName: item.entityName } : {}),
      error: { code: e.code, message: e.message }
    };
  }

  private batchSet(body: unknown): Res {
    const items = this.batchItems(body);
    const successfulKeys: unknown[] = [];
    const failedKeys: unknown[] = [];
    for (const item of items) {
      try {
        this.write(this.itemSpace(item), this.checkKey(item.key), item.value, item.options);
        successfulKeys.push({ key: item.key, ...(item.entityName ? { entityName: item.entityName } : {}) });
      } catch (e) {
        failedKeys.push(this.failure(item, e));
      }
    }
    return { status: 200, body: { successfulKeys, failedKeys } };
  }

  private batchGet(body: unknown): Res {
    const items = this.batchItems(body);
    const successfulKeys: unknown[] = [];
    const failedKeys: unknown[] = [];
    for (const item of items) {
      try {
        const r = this.row(this.itemSpace(item), this.checkKey(item.key));
        if (!r) throw new KvsError(404, 'KEY_NOT_FOUND', 'Provided key does not exist');
        const opts = isRecord(item.options) ? item.options.metadataFields : undefined;
        successfulKeys.push({
          ...this.render(r, opts ?? []),
          ...(item.entityName ? { entityName: item.entityName } : {})
        });
      } catch (e) {
        failedKeys.push(this.failure(item, e));
      }
    }
    return { status: 200, body: { successfulKeys, failedKeys } };
  }

  private batchDelete(body: unknown): Res {
    const items = this.batchItems(body);
    const successfulKeys: unknown[] = [];
    const failedKeys: unknown[] = [];
    for (const item of items) {
      try {
        this.deleteStmt.run(this.itemSpace(item), this.checkKey(item.key));
        successfulKeys.push({ key: item.key, ...(item.entityName ? { entityName: item.entityName } : {}) });
      } catch (e) {
        failedKeys.push(this.failure(item, e));
      }
    }
    return { status: 200, body: { successfulKeys, failedKeys } };
  }

  private conditionsHold(space: string, key: string, conditions: unknown): boolean {
    if (conditions === undefined) return true;
    if (!isRecord(conditions)) throw new KvsError(400, 'BAD_REQUEST', 'Invalid conditions');
    const r = this.row(space, key);
    const value = r ? (JSON.parse(r.value) as unknown) : undefined;
    const test = (c: Condition): boolean => conditionHolds(value, c);
    const c = conditions as Conditions;
    if (c.and && !c.and.every(test)) return false;
    if (c.or && !c.or.some(test)) return false;
    return true;
  }

  private indexes: EntityIndex[] = [];

  /** Declares custom entity indexes (the runtime reads them from manifest.yml). */
  registerEntityIndexes(list: EntityIndex[]): void {
    this.indexes = [...this.indexes, ...list];
  }

  private entityQuery(body: unknown): Res {
    if (!isRecord(body) || typeof body.entityName !== 'string' || typeof body.indexName !== 'string')
      throw new KvsError(400, 'BAD_REQUEST', 'entityName and indexName are required');
    const index = this.indexes.find((i) => i.entity === body.entityName && i.name === body.indexName);
    if (!index)
      throw new KvsError(
        400,
        'INDEX_NOT_FOUND',
        `No index '${body.indexName}' on entity '${body.entityName}'`
      );
    const limit = body.limit === undefined ? DEFAULT_QUERY_LIMIT : Number(body.limit);
    if (!Number.isInteger(limit) || limit < 1 || limit > MAX_QUERY_LIMIT)
      throw new KvsError(400, 'BAD_REQUEST', `limit must be between 1 and ${MAX_QUERY_LIMIT}`);
    const partition = Array.isArray(body.partition) ? (body.partition as unknown[]) : [];
    if (partition.length !== index.partition.length)
      throw new KvsError(
        400,
        'BAD_REQUEST',
        `Index '${index.name}' needs ${index.partition.length} partition value(s)`
      );
    let offset = 0;
    if (body.cursor !== undefined) {
      const decoded = typeof body.cursor === 'string' ? decodeCursor(body.cursor) : undefined;
      if (decoded === undefined) throw new KvsError(400, 'INVALID_CURSOR', 'The cursor is invalid');
      offset = decoded;
    }
    const rows = this.db
      .prepare('SELECT * FROM kvs WHERE space = ? AND (expire_at IS NULL OR expire_at > ?)')
      .all(`entity:${body.entityName}`, this.now()) as Row[];
    const range = isRecord(body.range) ? body.range : undefined;
    const hits = rows
      .map((r) => ({ r, v: JSON.parse(r.value) as unknown }))
      .filter(({ v }) => isRecord(v) && v[index.range] !== undefined)
      .filter(({ v }) =>
        index.partition.every((attr, n) => (v as Record<string, unknown>)[attr] === partition[n])
      )
      .filter(
        ({ v }) =>
          !range ||
          conditionHolds(v, {
            property: index.range,
            condition: String(range.condition),
            values: range.values as unknown[]
          })
      )
      .filter(({ v }) => filtersHold(v, body.filters))
      .sort((a, b) => {
        const x = (a.v as Record<string, string | number>)[index.range] as string | number;
        const y = (b.v as Record<string, string | number>)[index.range] as string | number;
        const byRange = x < y ? -1 : x > y ? 1 : a.r.key < b.r.key ? -1 : 1;
        return body.sort === 'DESC' ? -byRange : byRange;
      });
    const page = hits.slice(offset, offset + limit);
    const fields = isRecord(body.options) ? body.options.metadataFields : undefined;
    return {
      status: 200,
      body: {
        data: page.map(({ r }) => this.render(r, fields ?? [])),
        ...(offset + limit < hits.length
          ? { cursor: Buffer.from(JSON.stringify({ o: offset + limit })).toString('base64url') }
          : {})
      }
    };
  }

  private transaction(body: unknown): Res {
    if (!isRecord(body)) throw new KvsError(400, 'BAD_REQUEST', 'Provided request body is invalid');
    const list = (x: unknown): Record<string, unknown>[] => {
      if (x === undefined) return [];
      if (!Array.isArray(x) || !x.every(isRecord))
        throw new KvsError(400, 'BAD_REQUEST', 'Provided request body is invalid');
      return x;
    };
    const sets = list(body.set);
    const deletes = list(body.delete);
    const checks = list(body.check);
    const all = [...sets, ...deletes, ...checks];
    if (all.length === 0)
      throw new KvsError(400, 'BAD_REQUEST', 'A transaction needs at least one operation');
    if (all.length > MAX_TRANSACTION_OPS)
      throw new KvsError(
        400,
        'TRANSACTION_TOO_LARGE',
        `A transaction holds at most ${MAX_TRANSACTION_OPS} operations`
      );
    const ids = all.map((op) => `${this.itemSpace(op)}\u0000${this.checkKey(op.key)}`);
    if (new Set(ids).size !== ids.length)
      throw new KvsError(400, 'DUPLICATE_KEYS', 'A key can appear only once in a transaction');
    this.db.transaction(() => {
      for (const op of all) {
        if (!this.conditionsHold(this.itemSpace(op), op.key as string, op.conditions))
          throw new KvsError(
            409,
            'CONDITIONAL_CHECK_FAILED',
            `The condition on key '${String(op.key)}' was not met`
          );
      }
      for (const op of sets) this.write(this.itemSpace(op), op.key as string, op.value, op.options);
      for (const op of deletes) this.deleteStmt.run(this.itemSpace(op), op.key);
    })();
    return { status: 204 };
  }

  /** Every live plain key, for tests and the preview's data view. */
  dump(): Record<string, unknown> {
    const rows = this.db
      .prepare(`SELECT * FROM kvs WHERE space = 'kv' AND (expire_at IS NULL OR expire_at > ?) ORDER BY key`)
      .all(this.now()) as Row[];
    return Object.fromEntries(rows.map((r) => [r.key, JSON.parse(r.value)]));
  }
}

function decodeCursor(s: string): number | undefined {
  try {
    const c = JSON.parse(Buffer.from(s, 'base64url').toString('utf8')) as { o?: unknown };
    return typeof c.o === 'number' && Number.isInteger(c.o) && c.o >= 0 ? c.o : undefined;
  } catch {
    return undefined;
  }
}
