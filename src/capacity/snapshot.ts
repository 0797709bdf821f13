import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { storageKey, type Store } from '../platform/store';
import type { IsoDate } from './domain/calendar';
import type { CapacityIssue, StatusCategory } from './domain/issues';
import { lazySchema } from '../contract/lazy-schema';

/**
 * The issues a board was built from, kept for an hour under a key only its reader knows, so that
 * "show more" in a cell and a card move answer from what the board already read instead of
 * reading every issue of the project again (4–6 s at 2,000 issues, 100+ Jira calls at 10,000).
 *
 * - Per reader: Jira was read as the caller, so a snapshot holds only issues they may browse; the
 *   record names its reader and nobody else's call may use it.
 * - Per day: forecasts walk from "today"; a snapshot read on another day is not used.
 * - A fresh id per read, written once with a TTL: no key is ever overwritten or left behind, and
 *   two tabs never see each other's half-written snapshot. The chunks are written before the head,
 *   so a head that exists always has all its chunks (until the TTL ends them together).
 * - It is a cache: a missing, expired, foreign or unreadable snapshot only means Jira is read again.
 */

export const SNAPSHOT_TTL_SECONDS = 60 * 60;
/** KVS takes 240 KiB a value; chunks stay well under it. */
const CHUNK_BYTES = 200 * 1024;
/** About 100 KB of typical issues: most chunks fit at the first try. */
const ISSUES_PER_CHUNK = 500;
export const SnapshotIdSchema = lazySchema(() => z.uuid());

const HeadSchema = lazySchema(() =>
  z.object({
    v: z.literal(1),
    accountId: z.string(),
    today: z.string(),
    readAt: z.string(),
    chunks: z.number().int().min(0).max(10_000),
    count: z.number().int().min(0)
  })
);
// Tuples are decoded field by field below: a zod tuple per issue would cost more than the board's
// whole computation at 10,000 issues.
const ChunkSchema = lazySchema(() => z.object({ v: z.literal(1), issues: z.array(z.array(z.unknown())) }));

const keys = {
  head: (projectId: string, id: string) => storageKey('capacity', projectId, 'snapshot', id),
  chunk: (projectId: string, id: string, n: number) =>
    storageKey('capacity', projectId, 'snapshot', id, String(n))
};

type Tuple = unknown[];

/** An issue as a tuple: the snapshot of 10,000 issues is about 40 % smaller than as objects. */
function encode(issue: CapacityIssue): Tuple {
  return [
    issue.id,
    issue.key,
    issue.summary,
    issue.type,
    issue.statusCategory,
    issue.rank,
    issue.assignee?.accountId ?? null,
    issue.assignee?.displayName ?? null,
    issue.assignee?.avatarUrl ?? null,
    issue.remainingEstimateSeconds,
    issue.originalEstimateSeconds,
    issue.storyPoints,
    issue.targetDate,
    issue.resolutionDate,
    issue.epicKey,
    issue.labels,
    issue.components
  ];
}

const CATEGORIES: ReadonlySet<unknown> = new Set(['new', 'indeterminate', 'done']);
const isStr = (v: unknown): v is string => typeof v === 'string';
const strOrNull = (v: unknown): v is string | null => v === null || typeof v === 'string';
const numOrNull = (v: unknown): v is number | null =>
  v === null || (typeof v === 'number' && Number.isFinite(v));
const strings = (v: unknown): v is string[] => Array.isArray(v) && v.every(isStr);

/** The issue back, or null when the tuple is not one this code wrote. */
function decode(t: Tuple): CapacityIssue | null {
  const [id, key, summary, type, category, rank, accountId, displayName, avatarUrl] = t;
  const [remaining, original, points, target, resolution, epicKey, labels, components] = t.slice(9);
  if (
    t.length !== 17 ||
    !isStr(id) ||
    !isStr(key) ||
    !isStr(summary) ||
    !isStr(type) ||
    !CATEGORIES.has(category) ||
    typeof rank !== 'number' ||
    !strOrNull(accountId) ||
    !strOrNull(displayName) ||
    !strOrNull(avatarUrl) ||
    !numOrNull(remaining) ||
    !numOrNull(original) ||
    !numOrNull(points) ||
    !strOrNull(target) ||
    !strOrNull(resolution) ||
    !strOrNull(epicKey) ||
    !strings(labels) ||
    !strings(components)
  )
    return null;
  return {
    id,
    key,
    summary,
    type,
    statusCategory: category as StatusCategory,
    rank,
    assignee:
      accountId === null
        ? null
        : { accountId, displayName: displayName ?? accountId, ...(avatarUrl ? { avatarUrl } : {}) },
    remainingEstimateSeconds: remaining,
    originalEstimateSeconds: original,
    storyPoints: points,
    targetDate: target,
    resolutionDate: resolution,
    epicKey,
    labels,
    components
  };
}

export interface Snapshot {
  id: string;
  today: IsoDate;
  readAt: string;
  issues: CapacityIssue[];
}

/** Keeps the issues for an hour; answers the snapshot's id. */
export async function saveSnapshot(
  store: Store,
  input: {
    projectId: string;
    accountId: string;
    today: IsoDate;
    readAt: string;
    issues: readonly CapacityIssue[];
  }
): Promise<string> {
  const id = randomUUID();
  // One JSON pass per chunk, not per issue: a chunk over the limit is halved until it fits.
  const chunks: Tuple[][] = [];
  const fit = (tuples: Tuple[]): void => {
    if (tuples.length <= 1 || Buffer.byteLength(JSON.stringify(tuples)) <= CHUNK_BYTES) {
      chunks.push(tuples);
      return;
    }
    const half = Math.ceil(tuples.length / 2);
    fit(tuples.slice(0, half));
    fit(tuples.slice(half));
  };
  const encoded = input.issues.map(encode);
  for (let i = 0; i < encoded.length; i += ISSUES_PER_CHUNK) fit(encoded.slice(i, i + ISSUES_PER_CHUNK));
  await Promise.all(
    chunks.map((issues, n) =>
      store.setIfAbsent(keys.chunk(input.projectId, id, n), { v: 1, issues }, SNAPSHOT_TTL_SECONDS)
    )
  );
  await store.setIfAbsent(
    keys.head(input.projectId, id),
    {
      v: 1,
      accountId: input.accountId,
      today: input.today,
      readAt: input.readAt,
      chunks: chunks.length,
      count: input.issues.length
    },
    SNAPSHOT_TTL_SECONDS
  );
  return id;
}

/**
 * The snapshot `id` of this reader and this day, or null (expired, another reader's, another
 * day's, or unreadable): the caller then reads Jira.
 */
export async function loadSnapshot(
  store: Store,
  input: { projectId: string; id: string; accountId: string; today: IsoDate; maxAgeMs?: number; now?: Date }
): Promise<Snapshot | null> {
  if (!SnapshotIdSchema.safeParse(input.id).success) return null;
  try {
    const head = await store.get(keys.head(input.projectId, input.id), HeadSchema);
    if (!head || head.accountId !== input.accountId || head.today !== input.today) return null;
    if (
      input.maxAgeMs !== undefined &&
      (input.now ?? new Date()).getTime() - Date.parse(head.readAt) > input.maxAgeMs
    )
      return null;
    const chunks = await Promise.all(
      Array.from({ length: head.chunks }, (_, n) =>
        store.get(keys.chunk(input.projectId, input.id, n), ChunkSchema)
      )
    );
    const issues: CapacityIssue[] = [];
    for (const chunk of chunks) {
      if (!chunk) return null;
      for (const tuple of chunk.issues) {
        const issue = decode(tuple);
        if (!issue) return null;
        issues.push(issue);
      }
    }
    if (issues.length !== head.count) return null;
    return { id: input.id, today: head.today, readAt: head.readAt, issues };
  } catch (error) {
    // A cache that cannot be read is no snapshot: the board is read from Jira instead.
    console.warn('capacity snapshot not read', error instanceof Error ? error.message : error);
    return null;
  }
}
