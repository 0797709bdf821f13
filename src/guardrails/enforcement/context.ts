import type { RetryPolicy } from '../../platform/http';
import type { JiraClient } from '../../platform/jira';
import type { Store } from '../../platform/store';
import { runGuard } from '../../issue-types/record-guards';
import { KEYS as PROVISIONING_KEYS } from '../../issue-types/record-keys';
import type { Lang } from '../domain/messages';

/**
 * What the guardrail's enforcement runs on and the small readings it shares, apart from the real
 * dependencies (deps.ts, which load the full Jira client): the workflow validator imports this
 * without loading zod.
 */

export interface EnforcementDeps {
  store: Store;
  /** Jira as the app: validators, triggers and scheduled functions have no user. */
  jira: (retry?: RetryPolicy) => JiraClient;
  /** The business clock (approval expiry, SLAs); time budgets always use the real clock. */
  now: () => Date;
  log: (message: string, error?: unknown) => void;
}

export function describeError(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}

/** Logs to the function's console, where Forge collects it. */
export function logToConsole(message: string, error?: unknown): void {
  console.error(`[tandem guardrail] ${message}${error ? `: ${describeError(error)}` : ''}`);
}

/**
 * The language the administrator chose at set-up (the provisioning run record), English until
 * then. It only picks the wording of messages, so an unreadable record falls back to English.
 */
export async function siteLanguage(store: Store): Promise<Lang> {
  try {
    const run = await store.get(PROVISIONING_KEYS.run, runGuard);
    return run?.language ?? 'en';
  } catch {
    return 'en';
  }
}

/** yyyy-mm-dd (UTC) of an ISO timestamp; the timestamp itself when it does not parse. */
export function isoDay(iso: string | undefined): string {
  if (!iso) return '';
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : date.toISOString().slice(0, 10);
}
