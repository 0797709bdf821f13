import { randomBytes } from 'node:crypto';
import { privacy } from '@forge/api';
import { z } from 'zod';
import { jiraAsApp } from '../platform/jira';
import { forgeStore, storageKey, type Store } from '../platform/store';
import { AccountInventory, batches, reportDue, type AccountStatus } from './domain/accounts';
import { pseudonymFor } from './pseudonym';
import { ANY_RECORD, PERSONAL_DATA_SOURCES, type PersonalDataSource, type Rec } from './sources';
import { lazySchema } from '../contract/lazy-schema';

/**
 * The personal-data job (scheduled daily, reports weekly): every account id Tandem stores goes to
 * Atlassian's personal data reporting API once per 7-day cycle; closed accounts are erased or
 * pseudonymised everywhere, the cached names of updated ones refreshed. Each pass pages through
 * the stores 100 keys at a time, so a run costs ceil(records / 100) queries per pass plus one
 * request per 90 accounts, however much history is kept.
 */

export const PRIVACY_KEYS = {
  /** The installation's pseudonym salt: random, written once, never leaves KVS. */
  salt: storageKey('privacy', 'salt'),
  /** When the last complete report finished, and what it did. */
  lastRun: storageKey('privacy', 'last-run')
};

const SaltSchema = lazySchema(() => z.object({ salt: z.string().min(16) }));
const LastRunSchema = lazySchema(() => z.object({ completedAt: z.string() }));

export interface AccountUpdate {
  accountId: string;
  status: AccountStatus;
}

export interface PersonalDataDeps {
  store: Store;
  /** Atlassian's reporting API for at most 90 accounts (privacy.reportPersonalData). */
  report(accounts: { accountId: string; updatedAt: string }[]): Promise<AccountUpdate[]>;
  /** Current display names and avatars of `updated` accounts (Jira, as the app). */
  profiles(accountIds: string[]): Promise<Map<string, { displayName: string; avatarUrl: string | null }>>;
  now(): Date;
  sleep(ms: number): Promise<void>;
  log(message: string, error?: unknown): void;
  sources: readonly PersonalDataSource[];
  pageSize: number;
}

export interface PersonalDataRunReport {
  /** 'not-due': a report completed less than a cycle ago; nothing was read beyond that. */
  skipped?: 'not-due';
  /** Records read in the collecting pass. */
  records: number;
  /** KVS queries made, all passes together. */
  queries: number;
  accounts: number;
  requests: number;
  closed: number;
  updated: number;
  /** Records rewritten with a closed account erased, and records deleted. */
  rewritten: number;
  deleted: number;
  refreshed: number;
}

/** How often a 429 from the reporting API is waited out before the run gives up until tomorrow. */
const MAX_ATTEMPTS = 4;
const MAX_WAIT_MS = 60_000;

async function pages(
  deps: PersonalDataDeps,
  source: PersonalDataSource,
  visit: (key: string, value: Rec) => Promise<void> | void,
  count: { queries: number }
): Promise<void> {
  let cursor: string | undefined;
  do {
    const page = await deps.store.pageByPrefix(source.prefix, ANY_RECORD, {
      limit: deps.pageSize,
      ...(cursor ? { cursor } : {})
    });
    count.queries += 1;
    for (const { key, value } of page.items) {
      if (source.owns ? source.owns(key) : true) await visit(key, value);
    }
    cursor = page.nextCursor;
  } while (cursor);
}

function retryAfterMs(error: unknown, attempt: number): number | undefined {
  const status = (error as { status?: unknown } | undefined)?.status;
  if (status !== 429 && status !== 503) return undefined;
  const header = (error as { headers?: { get?: (name: string) => string | null } }).headers?.get?.(
    'retry-after'
  );
  const seconds = header ? Number(header) : NaN;
  return Math.min(
    MAX_WAIT_MS,
    Number.isFinite(seconds) && seconds >= 0 ? seconds * 1000 : 2 ** attempt * 1000
  );
}

async function reportBatch(
  deps: PersonalDataDeps,
  batch: { accountId: string; updatedAt: string }[]
): Promise<{ updates: AccountUpdate[]; requests: number }> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return { updates: await deps.report(batch), requests: attempt };
    } catch (error) {
      const wait = retryAfterMs(error, attempt);
      if (wait === undefined || attempt >= MAX_ATTEMPTS) throw error;
      await deps.sleep(wait);
    }
  }
}

async function saltOf(store: Store): Promise<string> {
  const existing = await store.get(PRIVACY_KEYS.salt, SaltSchema);
  if (existing) return existing.salt;
  const salt = randomBytes(32).toString('hex');
  // Two first runs racing: the loser reads the winner's salt, so pseudonyms stay stable.
  if (await store.setIfAbsent(PRIVACY_KEYS.salt, { salt })) return salt;
  const winner = await store.get(PRIVACY_KEYS.salt, SaltSchema);
  if (!winner) throw new Error('pseudonym salt vanished');
  return winner.salt;
}

export async function runPersonalDataReport(
  deps: PersonalDataDeps,
  options: { force?: boolean } = {}
): Promise<PersonalDataRunReport> {
  const now = deps.now();
  const out: PersonalDataRunReport = {
    records: 0,
    queries: 0,
    accounts: 0,
    requests: 0,
    closed: 0,
    updated: 0,
    rewritten: 0,
    deleted: 0,
    refreshed: 0
  };
  const last = await deps.store.get(PRIVACY_KEYS.lastRun, LastRunSchema);
  if (!options.force && !reportDue(last?.completedAt, now)) return { ...out, skipped: 'not-due' };

  const inventory = new AccountInventory();
  for (const source of deps.sources) {
    await pages(
      deps,
      source,
      (key, value) => {
        out.records += 1;
        inventory.add(source.mentions(key, value));
      },
      out
    );
  }
  const accounts = inventory.accounts(now.toISOString());
  out.accounts = accounts.length;

  const closed = new Set<string>();
  const updated = new Set<string>();
  // One batch at a time (the @forge/api helper would send them all at once): a 429 is waited out.
  for (const batch of batches(accounts)) {
    const { updates, requests } = await reportBatch(deps, batch);
    out.requests += requests;
    for (const u of updates) (u.status === 'closed' ? closed : updated).add(u.accountId);
  }
  for (const id of closed) updated.delete(id);
  out.closed = closed.size;
  out.updated = updated.size;

  if (closed.size > 0 || updated.size > 0) {
    const salt = closed.size > 0 ? await saltOf(deps.store) : '';
    const ctx = { closed, pseudonym: (id: string) => pseudonymFor(salt, id), store: deps.store, now };
    const profiles = updated.size > 0 ? await deps.profiles([...updated]) : new Map();
    for (const source of deps.sources) {
      if (closed.size === 0 && !source.refresh) continue;
      await pages(
        deps,
        source,
        async (key, value) => {
          const erased = closed.size > 0 ? await source.erase(key, value, ctx) : null;
          if (erased === 'delete') {
            await deps.store.delete(key);
            out.deleted += 1;
            return;
          }
          const current = erased ?? value;
          const refreshed = profiles.size > 0 && source.refresh ? source.refresh(current, profiles) : null;
          if (erased || refreshed) await deps.store.set(key, refreshed ?? current);
          if (erased) out.rewritten += 1;
          if (refreshed) out.refreshed += 1;
        },
        out
      );
    }
  }
  await deps.store.set(PRIVACY_KEYS.lastRun, { completedAt: now.toISOString(), report: out });
  deps.log(
    `personal data: ${out.accounts} accounts reported in ${out.requests} requests, ${out.closed} closed ` +
      `(${out.rewritten} records rewritten, ${out.deleted} deleted), ${out.updated} updated (${out.refreshed} refreshed)`
  );
  return out;
}

export const defaultPersonalDataDeps: PersonalDataDeps = {
  store: forgeStore,
  report: (accounts) => privacy.reportPersonalData(accounts),
  profiles: async (ids) => {
    const users = await jiraAsApp().usersByIds(ids);
    return new Map(
      users.map((u) => [
        u.accountId,
        { displayName: u.displayName ?? u.accountId, avatarUrl: u.avatarUrls?.['48x48'] ?? null }
      ])
    );
  },
  now: () => new Date(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  log: (message, error) => console.log(message, error ?? ''),
  sources: PERSONAL_DATA_SOURCES,
  pageSize: 100
};

/** The scheduled trigger's handler; an error is logged and the next day's run tries again. */
export function createPersonalDataJob(
  deps: PersonalDataDeps = defaultPersonalDataDeps
): (event?: unknown) => Promise<PersonalDataRunReport | undefined> {
  return async () => {
    try {
      return await runPersonalDataReport(deps);
    } catch (error) {
      deps.log('personal data report stopped', error);
      return undefined;
    }
  };
}
