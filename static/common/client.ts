/**
 * One named function per resolver call (the shape of atlassian-labs/gitlab-for-compass's
 * `invokes.ts`): the keys come from the contract, the payload and answer types too, and a
 * failure of the bridge itself (offline, rate limited by the bridge, a resolver that threw
 * instead of answering a Result) still reaches the screen as an error result.
 */
import {
  GUARDRAIL_KEYS,
  type AuditExportPage,
  type AuditExportPayload,
  type AuditPage,
  type DecidePayload,
  type GuardrailView,
  type ImportHtmlPayload,
  type ImportHtmlResult,
  type IssuePayload,
  type PolicyOverview,
  type PolicySavePayload,
  type SaveDefinitionPayload
} from '@contract/guardrails';
import {
  PROVISIONING_KEYS,
  type ProjectsPage,
  type ProjectsPayload,
  type ProvisioningOverview,
  type ProvisioningRun,
  type StartProvisioningPayload
} from '@contract/provisioning';
import {
  CAPACITY_KEYS,
  type CapacityPageView,
  type CellAnswer,
  type CellPayload,
  type MovePayload,
  type ProjectPayload,
  type SettingsSavePayload,
  type SettingsView,
  type TimeOffSavePayload,
  type UserOption,
  type UserSearchPayload,
  type WhatIfAnswer,
  type WhatIfPayload
} from '@contract/capacity';
import { callResolver } from './invoke';
import type { UiResult } from './ui-result';

export type { UiError, UiErrorCode, UiResult } from './ui-result';

type ResolverKey =
  | (typeof GUARDRAIL_KEYS)[keyof typeof GUARDRAIL_KEYS]
  | (typeof PROVISIONING_KEYS)[keyof typeof PROVISIONING_KEYS]
  | (typeof CAPACITY_KEYS)[keyof typeof CAPACITY_KEYS];

const call = <T>(key: ResolverKey, payload: object = {}): Promise<UiResult<T>> =>
  callResolver<T>(key, payload);

// ---- admin page: issue types and fields ----------------------------------------------------------

export const getProvisioningOverview = (): Promise<UiResult<ProvisioningOverview>> =>
  call(PROVISIONING_KEYS.overview);

export const listProjects = (payload: ProjectsPayload): Promise<UiResult<ProjectsPage>> =>
  call(PROVISIONING_KEYS.projects, payload);

export const startProvisioning = (payload: StartProvisioningPayload): Promise<UiResult<ProvisioningRun>> =>
  call(PROVISIONING_KEYS.start, payload);

// ---- issue panel: one issue's guardrail -----------------------------------------------------------

export const getGuardrail = (payload: IssuePayload): Promise<UiResult<GuardrailView>> =>
  call(GUARDRAIL_KEYS.get, payload);

export const saveDefinition = (payload: SaveDefinitionPayload): Promise<UiResult<GuardrailView>> =>
  call(GUARDRAIL_KEYS.save, payload);

export const requestApproval = (payload: IssuePayload): Promise<UiResult<GuardrailView>> =>
  call(GUARDRAIL_KEYS.requestApproval, payload);

export const decide = (payload: DecidePayload): Promise<UiResult<GuardrailView>> =>
  call(GUARDRAIL_KEYS.decide, payload);

export const getAuditTrail = (payload: IssuePayload): Promise<UiResult<AuditPage>> =>
  call(GUARDRAIL_KEYS.audit, payload);

export const importHtml = (payload: ImportHtmlPayload): Promise<UiResult<ImportHtmlResult>> =>
  call(GUARDRAIL_KEYS.importHtml, payload);

// ---- admin page: guardrail policy and audit export ------------------------------------------------

export const getPolicy = (): Promise<UiResult<PolicyOverview>> => call(GUARDRAIL_KEYS.policyGet);

export const savePolicy = (payload: PolicySavePayload): Promise<UiResult<PolicyOverview>> =>
  call(GUARDRAIL_KEYS.policySave, payload);

export const exportAudit = (payload: AuditExportPayload): Promise<UiResult<AuditExportPage>> =>
  call(GUARDRAIL_KEYS.auditExport, payload);

// ---- project page: Tandem lanes (board, plan, what-if, card moves) ------------------------------

export const getCapacityPage = (payload: ProjectPayload): Promise<UiResult<CapacityPageView>> =>
  call(CAPACITY_KEYS.page, payload);

export const getCapacityCell = (payload: CellPayload): Promise<UiResult<CellAnswer>> =>
  call(CAPACITY_KEYS.cell, payload);

/** The answer is the whole page again: loads, warnings and forecasts change with a move. */
export const moveCard = (payload: MovePayload): Promise<UiResult<CapacityPageView>> =>
  call(CAPACITY_KEYS.move, payload);

export const runWhatIf = (payload: WhatIfPayload): Promise<UiResult<WhatIfAnswer>> =>
  call(CAPACITY_KEYS.whatIf, payload);

// ---- project settings page: capacity lanes, people, time off, rules -------------------------------

export const getCapacitySettings = (payload: ProjectPayload): Promise<UiResult<SettingsView>> =>
  call(CAPACITY_KEYS.settingsGet, payload);

export const saveCapacitySettings = (payload: SettingsSavePayload): Promise<UiResult<SettingsView>> =>
  call(CAPACITY_KEYS.settingsSave, payload);

export const saveOwnTimeOff = (payload: TimeOffSavePayload): Promise<UiResult<SettingsView>> =>
  call(CAPACITY_KEYS.timeOffSave, payload);

export const searchCapacityUsers = (payload: UserSearchPayload): Promise<UiResult<UserOption[]>> =>
  call(CAPACITY_KEYS.userSearch, payload);
