/**
 * The one typed wrapper over `invoke` from @forge/bridge. Every surface calls resolvers
 * through `call()`, so the key, payload and answer types come from the contract and a
 * failure of the bridge itself (offline, rate limited by the bridge, a resolver that
 * threw instead of answering a Result) still reaches the screen as an error result.
 */
import { invoke } from '@forge/bridge';
import type {
  ProjectsPage,
  ProjectsPayload,
  ProvisioningOverview,
  ProvisioningRun,
  StartProvisioningPayload
} from '@contract/provisioning';
import type {
  AuditExportPage,
  AuditExportPayload,
  AuditPage,
  DecidePayload,
  GuardrailView,
  ImportHtmlPayload,
  ImportHtmlResult,
  IssuePayload,
  PolicyOverview,
  PolicySavePayload,
  SaveDefinitionPayload
} from '@contract/guardrails';
import type { ErrorCode } from '@contract/result';

/** Resolver key → payload and data types. Extend it when a surface needs a new key. */
export interface Endpoints {
  'provisioning/overview': { payload: Record<string, never>; data: ProvisioningOverview };
  'provisioning/projects': { payload: ProjectsPayload; data: ProjectsPage };
  'provisioning/start': { payload: StartProvisioningPayload; data: ProvisioningRun };
  'guardrails/get': { payload: IssuePayload; data: GuardrailView };
  'guardrails/save': { payload: SaveDefinitionPayload; data: GuardrailView };
  'guardrails/request-approval': { payload: IssuePayload; data: GuardrailView };
  'guardrails/decide': { payload: DecidePayload; data: GuardrailView };
  'guardrails/audit': { payload: IssuePayload; data: AuditPage };
  'guardrails/import-html': { payload: ImportHtmlPayload; data: ImportHtmlResult };
  'guardrails/policy-get': { payload: Record<string, never>; data: PolicyOverview };
  'guardrails/policy-save': { payload: PolicySavePayload; data: PolicyOverview };
  'guardrails/audit-export': { payload: AuditExportPayload; data: AuditExportPage };
}

export type EndpointKey = keyof Endpoints;

/** The server's codes plus NETWORK, which only the client produces (the call never got an answer). */
export type UiErrorCode = ErrorCode | 'NETWORK';

export interface UiError {
  code: UiErrorCode;
  message: string;
  field?: string;
}

export type UiResult<T> = { ok: true; data: T } | { ok: false; error: UiError };

const SERVER_CODES: ReadonlySet<string> = new Set<ErrorCode>([
  'FORBIDDEN',
  'INVALID_INPUT',
  'NOT_FOUND',
  'CONFLICT',
  'RATE_LIMITED',
  'UPSTREAM',
  'INTERNAL'
]);

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

/**
 * Checks the envelope only: the data inside is the resolver's, typed by the contract.
 * Anything that is not a Result (an old backend, a thrown error serialised by the
 * platform) becomes INTERNAL rather than a crash further down.
 */
export function toResult<T>(answer: unknown): UiResult<T> {
  if (isRecord(answer) && answer.ok === true && 'data' in answer) {
    return { ok: true, data: answer.data as T };
  }
  if (isRecord(answer) && answer.ok === false && isRecord(answer.error)) {
    const { code, message, field } = answer.error;
    return {
      ok: false,
      error: {
        code: typeof code === 'string' && SERVER_CODES.has(code) ? (code as ErrorCode) : 'INTERNAL',
        message: typeof message === 'string' ? message : 'Unexpected error',
        ...(typeof field === 'string' ? { field } : {})
      }
    };
  }
  return { ok: false, error: { code: 'INTERNAL', message: 'The resolver did not answer a Result' } };
}

export async function call<K extends EndpointKey>(
  key: K,
  payload: Endpoints[K]['payload']
): Promise<UiResult<Endpoints[K]['data']>> {
  try {
    const answer: unknown = await invoke(key, payload as unknown as Record<string, unknown>);
    return toResult<Endpoints[K]['data']>(answer);
  } catch (err) {
    return {
      ok: false,
      error: { code: 'NETWORK', message: err instanceof Error ? err.message : String(err) }
    };
  }
}
