import api, { route, type Route } from '@forge/api';
import { z } from 'zod';
import { ForbiddenError, InvalidInputError, PlatformError } from './errors';
import {
  DEFAULT_RETRY_POLICY,
  send as sendWithRetry,
  type HttpMethod,
  type ProductRequester,
  type RetryPolicy,
  type SendOptions
} from './http';
import { lazySchema } from '../contract/lazy-schema';

/**
 * Confluence, as the user. One call answers both questions a macro asks: v2 `GET /pages/{id}`
 * with `include-operations=true` returns the page (title, space) and the operations the caller
 * may perform on it (`read`, `update`, …), under the single scope `read:page:confluence`.
 * Confluence answers 404 for a page the caller may not view, so "not found" means "no access".
 */

const OperationSchema = lazySchema(() =>
  z.object({ operation: z.string(), targetType: z.string().optional() })
);

const PageSchema = lazySchema(() =>
  z.object({
    id: z.string(),
    title: z.string().optional(),
    spaceId: z.string().optional(),
    operations: z.object({ results: z.array(OperationSchema).optional() }).optional()
  })
);

export interface PageAccess {
  canView: boolean;
  canEdit: boolean;
  title?: string;
  spaceId?: string;
}

const CONTENT_ID = /^[0-9]{1,18}$/;

function pageIdOf(value: string): string {
  if (!CONTENT_ID.test(value))
    throw new InvalidInputError('pageId must be a numeric Confluence page id', 'pageId');
  return value;
}

export class ConfluenceClient {
  constructor(
    private readonly requester: ProductRequester,
    private readonly retry: RetryPolicy = DEFAULT_RETRY_POLICY
  ) {}

  /** Shaped like `requestConfluence(route, { method })` so the scope test and Forge's linter see each call. */
  private async requestConfluence(
    path: Route,
    init: SendOptions & { method?: HttpMethod } = {}
  ): Promise<{ status: number; body: unknown }> {
    return sendWithRetry(this.requester, init.method ?? 'GET', path, init, this.retry);
  }

  /** The page and the caller's operations on it; undefined when Confluence says 404 (absent or hidden). */
  async pageWithOperations(pageId: string): Promise<z.infer<typeof PageSchema> | undefined> {
    const id = pageIdOf(pageId);
    const query = new URLSearchParams({ 'include-operations': 'true' });
    const result = await this.requestConfluence(route`/wiki/api/v2/pages/${id}?${query}`, {
      acceptStatuses: [404]
    });
    if (result.status === 404) return undefined;
    const parsed = PageSchema.safeParse(result.body);
    if (!parsed.success)
      throw new PlatformError('upstream', `Unexpected Confluence page answer: ${parsed.error.message}`);
    return parsed.data;
  }
}

export const confluenceAsUser = (): ConfluenceClient =>
  new ConfluenceClient((path, init) => api.asUser().requestConfluence(path, init));

/**
 * What the invoking user may do on the page. `accountId` is the caller Forge authenticated
 * (`context.accountId`): the request goes `asUser()`, so Confluence answers for that identity; an
 * anonymous caller (no account) may do nothing.
 */
export async function pageAccess(pageId: string, accountId: string): Promise<PageAccess> {
  const id = pageIdOf(pageId);
  if (!accountId) return { canView: false, canEdit: false };
  const page = await confluenceAsUser().pageWithOperations(id);
  if (!page) return { canView: false, canEdit: false };
  const operations = new Set(
    (page.operations?.results ?? [])
      .filter((o) => o.targetType === undefined || o.targetType === 'page')
      .map((o) => o.operation)
  );
  return {
    // The page came back, so the caller can read it even if the operations list were cut short.
    canView: true,
    canEdit: operations.has('update'),
    ...(page.title !== undefined ? { title: page.title } : {}),
    ...(page.spaceId !== undefined ? { spaceId: page.spaceId } : {})
  };
}

export async function requirePageView(pageId: string, accountId: string): Promise<void> {
  const access = await pageAccess(pageId, accountId);
  // Same message whether the page is missing or hidden: the answer must not reveal which.
  if (!access.canView) throw new ForbiddenError(`You cannot view page ${pageId}`);
}

export async function requirePageEdit(pageId: string, accountId: string): Promise<void> {
  const access = await pageAccess(pageId, accountId);
  if (!access.canView) throw new ForbiddenError(`You cannot view page ${pageId}`);
  if (!access.canEdit) throw new ForbiddenError(`You cannot edit page ${pageId}`);
}
