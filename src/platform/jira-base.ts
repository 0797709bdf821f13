import type { Route } from '@forge/api';
import { PlatformError } from './errors';
import {
  DEFAULT_RETRY_POLICY,
  send as sendWithRetry,
  type HttpMethod,
  type ProductRequester,
  type RetryPolicy,
  type SendOptions
} from './http';

/** What `parseJiraBody` needs of a schema: zod's `safeParse` answer (no zod import here). */
interface ResponseSchema<T> {
  safeParse(
    body: unknown
  ): { success: true; data: T } | { success: false; error: { issues: ReadonlyArray<{ message: string }> } };
}

/** Jira's answer checked against its schema; a surprise is an `upstream` failure naming the call. */
export function parseJiraBody<T>(schema: ResponseSchema<T>, body: unknown, what: string): T {
  const result = schema.safeParse(body);
  if (!result.success) {
    throw new PlatformError(
      'upstream',
      `Unexpected Jira response for ${what}: ${result.error.issues[0]?.message ?? ''}`
    );
  }
  return result.data;
}

/**
 * What every Jira client of src/platform shares: requests through the retrying HTTP wrapper, as
 * the user or the app the requester stands for. The method is named and called like
 * `this.requestJira(route\`…\`, { method })` on purpose: Atlassian's permission linter, and
 * test/forge's scope check, recognise exactly that shape in each client's own calls.
 */
export abstract class JiraRequests {
  constructor(
    protected readonly requester: ProductRequester,
    /** Retries and per-attempt timeout; the workflow validators use a tighter one than resolvers. */
    protected readonly retry: RetryPolicy = DEFAULT_RETRY_POLICY
  ) {}

  protected async requestJira(
    path: Route,
    init: SendOptions & { method?: HttpMethod; status?: { value?: number } } = {}
  ): Promise<unknown> {
    const result = await sendWithRetry(this.requester, init.method ?? 'GET', path, init, this.retry);
    if (init.status) init.status.value = result.status;
    return result.body;
  }
}
