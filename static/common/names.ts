import { useEffect, useState } from 'react';
import { requestJira } from '@forge/bridge';
import { SYSTEM_ACTOR } from '@contract/guardrails';

/**
 * Display names for the account ids the guardrail records (requester, approvers, audit actors),
 * looked up as the viewer with Jira's own user API, so Jira's profile-visibility rules apply.
 * A failed lookup (no "Browse users" permission, a deleted account) leaves the id as it is.
 */
const lookups = new Map<string, Promise<string | null>>();

function lookup(accountId: string): Promise<string | null> {
  // Events Tandem records itself (an approval the clock expired) carry no account.
  if (accountId === SYSTEM_ACTOR) return Promise.resolve('Tandem');
  let found = lookups.get(accountId);
  if (found === undefined) {
    found = requestJira(`/rest/api/3/user?accountId=${encodeURIComponent(accountId)}`, {
      headers: { Accept: 'application/json' }
    })
      .then(async (response) => {
        if (!response.ok) return null;
        const body = (await response.json()) as { displayName?: unknown };
        return typeof body.displayName === 'string' && body.displayName !== '' ? body.displayName : null;
      })
      .catch(() => null);
    lookups.set(accountId, found);
  }
  return found;
}

export function useDisplayNames(accountIds: ReadonlyArray<string>): ReadonlyMap<string, string> {
  const [names, setNames] = useState<ReadonlyMap<string, string>>(new Map());
  const key = [...new Set(accountIds)].sort().join('\n');
  useEffect(() => {
    let live = true;
    const ids = key === '' ? [] : key.split('\n');
    void Promise.all(ids.map(async (id) => [id, await lookup(id)] as const)).then((pairs) => {
      if (!live) return;
      const next = new Map<string, string>();
      for (const [id, name] of pairs) if (name !== null) next.set(id, name);
      setNames(next);
    });
    return () => {
      live = false;
    };
  }, [key]);
  return names;
}
