import { RunSchema, KEYS as PROVISIONING_KEYS } from '../../issue-types/records';
import type { RetryPolicy } from '../../platform/http';
import { jiraAsApp, type JiraClient } from '../../platform/jira';
import { forgeStore, type Store } from '../../platform/store';
import type { Lang } from '../domain/messages';

/**
 * What the guardrail's enforcement (validator, property copies, notifications, trigger, sweep)
 * runs on. The entry files in src/functions use the real ones; tests pass their own clock.
 */
export interface EnforcementDeps {
  store: Store;
  /** Jira as the app: validators, triggers and scheduled functions have no user. */
  jira: (retry?: RetryPolicy) => JiraClient;
  /** The business clock (approval expiry, SLAs); time budgets always use the real clock. */
  now: () => Date;
  log: (message: string, error?: unknown) => void;
}

export const defaultDeps: EnforcementDeps = {
  store: forgeStore,
  jira: (retry) => jiraAsApp(retry),
  now: () => new Date(),
  log: (message, error) => {
    console.error(`[tandem guardrail] ${message}${error ? `: ${describeError(error)}` : ''}`);
  }
};

export function describeError(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}

/**
 * The language the administrator chose at set-up (the provisioning run record), English until
 * then. It only picks the wording of messages, so an unreadable record falls back to English.
 */
export async function siteLanguage(store: Store): Promise<Lang> {
  try {
    const run = await store.get(PROVISIONING_KEYS.run, RunSchema);
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
