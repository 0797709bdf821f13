import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';

/**
 * SQLite persistence. Product documents (users, projects, issues…) are small JSON documents read
 * on every request, so they are cached in memory and written through; KVS rows live only in SQL
 * because prefix queries, TTL and transactions are what SQL is for.
 */
export type Db = Database.Database;

export const DB_FILE = 'tandem.sqlite';

export function openDb(dataDir: string): Db {
  let db: Db;
  if (dataDir === ':memory:') {
    db = new Database(':memory:');
  } else {
    fs.mkdirSync(dataDir, { recursive: true });
    db = new Database(path.join(dataDir, DB_FILE));
    // WAL keeps readers (the preview server) from blocking on a long seed write.
    db.pragma('journal_mode = WAL');
  }
  db.exec(`
    CREATE TABLE IF NOT EXISTS docs (kind TEXT NOT NULL, id TEXT NOT NULL, json TEXT NOT NULL,
      PRIMARY KEY (kind, id));
    CREATE TABLE IF NOT EXISTS counters (name TEXT PRIMARY KEY, value INTEGER NOT NULL);
    CREATE TABLE IF NOT EXISTS kvs (space TEXT NOT NULL, key TEXT NOT NULL, value TEXT NOT NULL,
      created_at INTEGER NOT NULL, updated_at INTEGER NOT NULL, expire_at INTEGER,
      PRIMARY KEY (space, key));
  `);
  return db;
}

export class DocStore {
  private readonly cache = new Map<string, Map<string, unknown>>();
  /** Bumped on every write, so readers can cache derived data (search results) safely. */
  version = 0;
  private readonly putStmt;
  private readonly delStmt;
  private readonly counterGet;
  private readonly counterSet;

  constructor(private readonly db: Db) {
    this.putStmt = db.prepare('INSERT OR REPLACE INTO docs (kind, id, json) VALUES (?, ?, ?)');
    this.delStmt = db.prepare('DELETE FROM docs WHERE kind = ? AND id = ?');
    this.counterGet = db.prepare('SELECT value FROM counters WHERE name = ?');
    this.counterSet = db.prepare('INSERT OR REPLACE INTO counters (name, value) VALUES (?, ?)');
    for (const row of db.prepare('SELECT kind, id, json FROM docs').all() as {
      kind: string;
      id: string;
      json: string;
    }[]) {
      this.bucket(row.kind).set(row.id, JSON.parse(row.json));
    }
  }

  private bucket(kind: string): Map<string, unknown> {
    let b = this.cache.get(kind);
    if (!b) {
      b = new Map();
      this.cache.set(kind, b);
    }
    return b;
  }

  get<T>(kind: string, id: string): T | undefined {
    const v = this.bucket(kind).get(id);
    // Callers mutate what they get before put(); hand out copies so a failed request leaves no trace.
    return v === undefined ? undefined : (structuredClone(v) as T);
  }

  all<T>(kind: string): T[] {
    return [...this.bucket(kind).values()].map((v) => structuredClone(v) as T);
  }

  /** One document without copying; callers must not mutate it. */
  peek<T>(kind: string, id: string): Readonly<T> | undefined {
    return this.bucket(kind).get(id) as T | undefined;
  }

  /** Read-only view without copying, for hot paths (JQL over thousands of issues). */
  peekAll<T>(kind: string): readonly T[] {
    return [...this.bucket(kind).values()] as T[];
  }

  put<T extends object>(kind: string, id: string, doc: T): void {
    this.putStmt.run(kind, id, JSON.stringify(doc));
    this.bucket(kind).set(id, structuredClone(doc));
    this.version++;
  }

  delete(kind: string, id: string): void {
    this.delStmt.run(kind, id);
    this.bucket(kind).delete(id);
    this.version++;
  }

  /** Next value of a named sequence, starting after `start`. */
  nextId(name: string, start: number): number {
    const row = this.counterGet.get(name) as { value: number } | undefined;
    const next = (row?.value ?? start) + 1;
    this.counterSet.run(name, next);
    return next;
  }

  /**
   * Runs fn atomically. On error the SQL is rolled back and the cache reloaded, so memory and
   * disk never disagree.
   */
  transaction<R>(fn: () => R): R {
    const snapshot = new Map([...this.cache].map(([k, v]) => [k, new Map(v)]));
    try {
      return this.db.transaction(fn)();
    } catch (e) {
      this.cache.clear();
      for (const [k, v] of snapshot) this.cache.set(k, v);
      this.version++;
      throw e;
    }
  }
}
