/**
 * Which OAuth scopes a product operation needs (`x-atlassian-oauth2-scopes` in Atlassian's OpenAPI
 * documents) and whether a manifest's `permissions.scopes` cover it. Used by the static scope check
 * (scope-check.ts) and by the local runtime, which refuses an uncovered call as Jira does.
 */
import { operationFor, type OAuthScopeEntry, type OperationInfo } from './openapi';

/** manifest.yml's `permissions.scopes`: plain names, or one-key maps (`- scope: {…}`). */
export function grantedScopes(scopes: unknown): string[] {
  if (!Array.isArray(scopes)) return [];
  return scopes.map((s: unknown) =>
    typeof s === 'string' ? s : typeof s === 'object' && s !== null ? (Object.keys(s)[0] ?? '') : ''
  );
}

/**
 * The first alternative the granted scopes satisfy, classic ("Current") before granular ("Beta").
 * An alternative needs every one of its scopes: Atlassian enforces a granular set as all-of.
 */
export function satisfying(
  op: OperationInfo,
  granted: ReadonlySet<string>
): Pick<OAuthScopeEntry, 'state' | 'scopes'> | undefined {
  const ordered = [...op.scopes].sort(
    (a, b) => Number(b.state === 'Current') - Number(a.state === 'Current')
  );
  const hit = ordered.find((alt) => alt.scopes.length > 0 && alt.scopes.every((s) => granted.has(s)));
  return hit ? { state: hit.state, scopes: hit.scopes } : undefined;
}

/**
 * The operation a call maps to when the granted scopes do not cover it; undefined when they do,
 * when the operation declares no scope, or when no document has it (the OpenAPI checker reports
 * those calls; refusing them here would hide that report).
 */
export function uncoveredOperation(
  method: string,
  path: string,
  granted: ReadonlySet<string>
): OperationInfo | undefined {
  const op = operationFor(method, path);
  if (!op || !op.scopes.some((alt) => alt.scopes.length > 0)) return undefined;
  return satisfying(op, granted) ? undefined : op;
}

/**
 * What Jira and Confluence answer a call whose operation the app's scopes do not cover: the API
 * gateway refuses it before the product sees it.
 */
export const SCOPE_REFUSAL = {
  status: 401,
  headers: { 'content-type': 'application/json', 'x-failure-category': 'FAILURE_CLIENT_SCOPE_CHECK' },
  body: { code: 401, message: 'Unauthorized; scope does not match' }
} as const;
