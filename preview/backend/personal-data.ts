import type { Site } from './site';

/**
 * Atlassian's personal data reporting API as the embedded back end answers it
 * (`POST /app/report-accounts`, what `privacy.reportPersonalData` of @forge/api calls through the
 * Forge proxy). Atlassian publishes no OpenAPI document for it, so the request is checked by hand
 * against the Forge Privacy API reference: `{ accounts: [{ accountId, updatedAt }] }`, 1 to 90
 * accounts, `updatedAt` an ISO 8601 time. The answer is 200 `{ accounts: [{ accountId, status }] }`
 * listing only accounts that are `closed` or `updated` after the reported time, or 204 when none is.
 */

export const REPORT_ACCOUNTS_PATH = '/app/report-accounts';
export const REPORT_LIMIT = 90;

interface AccountLifecycle {
  accountId: string;
  closed?: boolean;
  /** When the profile last changed (name, avatar...). */
  updatedAt?: string;
}

const KIND = 'accountLifecycle';
const requestLog = new WeakMap<Site, number[]>();

/** Closes an account, as an organisation admin deleting it (after its 14-day grace period) would. */
export function closeAccount(site: Site, accountId: string): void {
  const doc = site.docs.get<AccountLifecycle>(KIND, accountId) ?? { accountId };
  site.docs.put(KIND, accountId, { ...doc, closed: true });
}

/** Records a profile change (the user renamed themselves) at `at`. */
export function updateAccount(site: Site, accountId: string, at: Date, displayName?: string): void {
  const doc = site.docs.get<AccountLifecycle>(KIND, accountId) ?? { accountId };
  site.docs.put(KIND, accountId, { ...doc, updatedAt: at.toISOString() });
  if (displayName) {
    const user = site.user(accountId);
    if (user) site.docs.put('users', accountId, { ...user, displayName });
  }
}

/** Sizes of the report requests the site answered, in order. */
export function reportRequests(site: Site): readonly number[] {
  return requestLog.get(site) ?? [];
}

const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

function invalid(message: string): [number, unknown] {
  return [400, { errorMessages: [message] }];
}

export function reportAccounts(site: Site, body: unknown): [number, unknown?] {
  const accounts = (body as { accounts?: unknown } | null)?.accounts;
  if (!Array.isArray(accounts) || accounts.length === 0)
    return invalid('accounts: a non-empty array is required');
  if (accounts.length > REPORT_LIMIT) return invalid(`accounts: at most ${REPORT_LIMIT} per request`);
  const extra = Object.keys(body as object).filter((k) => k !== 'accounts');
  if (extra.length > 0) return invalid(`unexpected field ${extra[0]}`);
  const statuses: { accountId: string; status: 'closed' | 'updated' }[] = [];
  for (const [i, entry] of accounts.entries()) {
    const { accountId, updatedAt, ...rest } = (entry ?? {}) as Record<string, unknown>;
    if (typeof accountId !== 'string' || accountId.length === 0 || accountId.length > 128)
      return invalid(`accounts[${i}].accountId: a string is required`);
    if (typeof updatedAt !== 'string' || !ISO.test(updatedAt) || Number.isNaN(Date.parse(updatedAt)))
      return invalid(`accounts[${i}].updatedAt: an ISO 8601 date-time is required`);
    if (Object.keys(rest).length > 0)
      return invalid(`accounts[${i}]: unexpected field ${Object.keys(rest)[0]}`);
    const doc = site.docs.get<AccountLifecycle>(KIND, accountId);
    if (doc?.closed) statuses.push({ accountId, status: 'closed' });
    else if (doc?.updatedAt && Date.parse(doc.updatedAt) > Date.parse(updatedAt))
      statuses.push({ accountId, status: 'updated' });
  }
  requestLog.set(site, [...reportRequests(site), accounts.length]);
  return statuses.length > 0 ? [200, { accounts: statuses }] : [204];
}
