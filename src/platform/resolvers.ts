import type Resolver from '@forge/resolver';
import type { Request } from '@forge/resolver';
import type { z } from 'zod';
import type { Result } from '../contract/result';
import { RESOLVER_DEADLINE_MS, runWithDeadline } from './deadline';
import { InvalidInputError, toResolverError } from './errors';
import { assertLicensed } from './licence';

/** What a resolver may trust: Forge's own context, never the payload. */
export interface CallerContext {
  accountId: string;
  cloudId?: string;
  locale?: string;
  /** The user's time zone as Forge reports it: used only to say which date it is for them. */
  timezone?: string;
}

function callerFrom(request: Request): CallerContext {
  const context = request.context as Record<string, unknown>;
  const accountId = context.accountId;
  if (typeof accountId !== 'string' || accountId.length === 0) {
    throw new InvalidInputError('The call has no authenticated user');
  }
  return {
    accountId,
    ...(typeof context.cloudId === 'string' ? { cloudId: context.cloudId } : {}),
    ...(typeof context.locale === 'string' ? { locale: context.locale } : {}),
    ...(typeof context.timezone === 'string' ? { timezone: context.timezone } : {})
  };
}

/** Parses a payload with its schema; the error names the first field at fault. */
export function parsePayload<T>(schema: z.ZodType<T>, payload: unknown): T {
  const result = schema.safeParse(payload ?? {});
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  // An unexpected key (a forged `accountId`, say) is named too, so the answer says what to drop.
  const path =
    issue?.code === 'unrecognized_keys' ? [...issue.path, issue.keys[0] ?? ''] : (issue?.path ?? []);
  const field = path.length > 0 ? path.map(String).join('.') : undefined;
  throw new InvalidInputError(`${field ? `${field}: ` : ''}${issue?.message ?? 'invalid payload'}`, field);
}

/**
 * Defines a resolver that checks the site's licence first (licence.ts: an unlicensed site gets
 * UNLICENSED, before anything is read or written), validates its payload, runs the handler with the trusted caller within
 * the invocation's deadline (deadline.ts), and always answers the typed Result, so no raw
 * exception reaches the UI.
 */
export function defineResolver<P, R>(
  resolver: Resolver,
  key: string,
  schema: z.ZodType<P>,
  handler: (payload: P, caller: CallerContext) => Promise<R>
): void {
  resolver.define(key, async (request: Request): Promise<Result<R>> => {
    try {
      assertLicensed((request.context as { license?: unknown }).license);
      const caller = callerFrom(request);
      const payload = parsePayload(schema, request.payload);
      return { ok: true, data: await runWithDeadline(RESOLVER_DEADLINE_MS, () => handler(payload, caller)) };
    } catch (error) {
      const mapped = toResolverError(error);
      if (mapped.code === 'INTERNAL' || mapped.code === 'UPSTREAM') {
        console.error(`resolver ${key} failed`, error instanceof Error ? error.message : error);
      }
      return { ok: false, error: mapped };
    }
  });
}
