/**
 * What Atlassian's personal data reporting API asks of an app that stores account ids
 * (docs/privacy-and-security.md, "Closed accounts"): report every stored id once per cycle with
 * the time the app last stored that person's data, then erase what it holds of `closed` accounts
 * and refresh what it caches of `updated` ones.
 */

/** The personal data reporting API takes at most 90 accounts per request (the Forge API package's privacy LIMIT). */
export const REPORT_BATCH_SIZE = 90;

/** Atlassian's default reporting cycle: each stored account is reported once every 7 days. */
export const CYCLE_DAYS = 7;

/** A record naming an account, and when Tandem stored that mention (its own timestamp). */
export interface AccountMention {
  accountId: string;
  /** ISO 8601; absent when the record carries no time of its own. */
  at?: string;
}

export type AccountStatus = 'closed' | 'updated';

/** Replaces a closed account's id in a record that is kept (the audit trail, who saved a policy). */
export type Pseudonymise = (accountId: string) => string;

const PSEUDONYM_PREFIX = 'closed-account-';

/** The actor Tandem writes for its own automatic events (src/contract/guardrails SYSTEM_ACTOR). */
const APP_ACTORS = new Set(['tandem']);

export function isPseudonym(id: string): boolean {
  return id.startsWith(PSEUDONYM_PREFIX);
}

/** Ids that name a person: not Tandem's own actor, not a pseudonym written by an earlier run. */
export function isReportable(id: string): boolean {
  return id.length > 0 && !APP_ACTORS.has(id) && !isPseudonym(id);
}

/** A pseudonym from a keyed digest of the account id (src/privacy/pseudonym.ts computes it). */
export function pseudonymFromDigest(digest: string): string {
  return `${PSEUDONYM_PREFIX}${digest.slice(0, 20)}`;
}

/**
 * Folds mentions into one entry per account with the latest time Tandem stored something about
 * it: the API answers `updated` only for profile changes after that time.
 */
export class AccountInventory {
  private readonly latest = new Map<string, string | undefined>();

  add(mentions: Iterable<AccountMention>): void {
    for (const { accountId, at } of mentions) {
      if (!isReportable(accountId)) continue;
      const known = this.latest.get(accountId);
      const valid = at !== undefined && !Number.isNaN(Date.parse(at)) ? at : undefined;
      if (!this.latest.has(accountId) || (valid && (!known || Date.parse(valid) > Date.parse(known))))
        this.latest.set(accountId, valid ?? known);
    }
  }

  get size(): number {
    return this.latest.size;
  }

  /**
   * Accounts as the API takes them. An account no record dates is reported with `fallback` (the
   * run's own time): the API then answers `updated` only for a change after this run, never for
   * an old one Tandem would have no cached data to refresh for.
   */
  accounts(fallback: string): { accountId: string; updatedAt: string }[] {
    return [...this.latest.entries()]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([accountId, at]) => ({ accountId, updatedAt: at ?? fallback }));
  }
}

export function batches<T>(items: readonly T[], size: number = REPORT_BATCH_SIZE): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** Whether a full report is due: never run, or the last complete one is a cycle old. */
export function reportDue(lastCompletedAt: string | undefined, now: Date): boolean {
  if (!lastCompletedAt) return true;
  const last = Date.parse(lastCompletedAt);
  if (Number.isNaN(last)) return true;
  // An hour of slack: a daily trigger that fires a little early on day 7 still reports that day.
  return now.getTime() - last >= CYCLE_DAYS * 24 * 3600_000 - 3600_000;
}
