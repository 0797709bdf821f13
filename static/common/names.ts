import { useEffect, useState } from 'react';
import { requestJira } from '@forge/bridge';
import { SYSTEM_ACTOR } from '@contract/guardrails';

/**
 * Display names for the account ids the guardrail records (requester, approvers, audit actors),
 * looked up as the viewer with Jira's own user API, so Jira's profile-visibility rules apply.
 * Everyone a screen names is asked for in one bulk call (GET /rest/api/3/user/bulk, at most
 * BULK_SIZE ids a call), not one call per person; ids already asked for are not asked again.
 * A failed lookup (no "Browse users" permission, a deleted account) leaves the id as it is.
 */

/** bulkGetUsers answers at most this many users per page; asking for more ids in one call is pointless. */
export const BULK_SIZE = 50;

const lookups = new Map<string, Promise<string | null>>();

interface BulkPage {
  values?: { accountId?: unknown; displayName?: unknown }[];
}

async function fetchBatch(ids: string[]): Promise<Map<string, string>> {
  const query = new URLSearchParams({ maxResults: String(ids.length) });
  for (const id of ids) query.append('accountId', id);
  const names = new Map<string, string>();
  try {
    const response = await requestJira(`/rest/api/3/user/bulk?${query.toString()}`, {
      headers: { Accept: 'application/json' }
    });
    if (!response.ok) return names;
    const body = (await response.json()) as BulkPage;
    for (const user of body.values ?? []) {
      if (
        typeof user.accountId === 'string' &&
        typeof user.displayName === 'string' &&
        user.displayName !== ''
      )
        names.set(user.accountId, user.displayName);
    }
  } catch {
    // Names are a nicety: the ids stay on screen.
  }
  return names;
}

/** Starts one bulk lookup per BULK_SIZE ids not asked for yet; every id gets its pending answer. */
export function lookupAll(accountIds: ReadonlyArray<string>): Promise<string | null>[] {
  const missing = accountIds.filter((id) => id !== SYSTEM_ACTOR && !lookups.has(id));
  for (let i = 0; i < missing.length; i += BULK_SIZE) {
    const batch = missing.slice(i, i + BULK_SIZE);
    const names = fetchBatch(batch);
    for (const id of batch)
      lookups.set(
        id,
        names.then((found) => found.get(id) ?? null)
      );
  }
  // Events Tandem records itself (an approval the clock expired) carry no account.
  return accountIds.map((id) => (id === SYSTEM_ACTOR ? Promise.resolve('Tandem') : lookups.get(id)!));
}

export function useDisplayNames(accountIds: ReadonlyArray<string>): ReadonlyMap<string, string> {
  const [names, setNames] = useState<ReadonlyMap<string, string>>(new Map());
  const key = [...new Set(accountIds)].sort().join('\n');
  useEffect(() => {
    let live = true;
    const ids = key === '' ? [] : key.split('\n');
    void Promise.all(lookupAll(ids)).then((found) => {
      if (!live) return;
      const next = new Map<string, string>();
      ids.forEach((id, index) => {
        const name = found[index];
        if (name !== null && name !== undefined) next.set(id, name);
      });
      setNames(next);
    });
    return () => {
      live = false;
    };
  }, [key]);
  return names;
}
