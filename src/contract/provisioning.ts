import type { Language } from './language';

/** Resolver keys and payload/result types of the admin page's provisioning screen. */
export const PROVISIONING_KEYS = {
  overview: 'provisioning/overview',
  projects: 'provisioning/projects',
  start: 'provisioning/start'
} as const;

export type { Language } from './language';
export type { ProjectsPayload, StartProvisioningPayload } from './provisioning-payloads';

export type CatalogueItemKind = 'issueType' | 'field';

/** missing: not in the site yet; created/adopted: ids recorded; failed: last attempt failed. */
export type ItemState = 'missing' | 'created' | 'adopted' | 'failed';

export interface CatalogueItemStatus {
  key: string;
  kind: CatalogueItemKind;
  names: Record<Language, string>;
  descriptions: Record<Language, string>;
  /** For fields: the issue type keys the field is meant for; for types: the field keys. */
  related: string[];
  /** For fields: the scale or format people fill in, in both languages. */
  scale?: Record<Language, string>;
  state: ItemState;
  jiraId?: string;
  /** The name the item has in Jira (may be the other language when adopted). */
  jiraName?: string;
  /**
   * Only on a missing item: the name of the item already in Jira (same name, either language) that
   * the set-up will adopt instead of creating one.
   */
  willAdopt?: string;
  /** Only on a missing item: the set-up had created or adopted it, and it was deleted in Jira since. */
  deletedInJira?: boolean;
  error?: string;
}

export type RunStatus = 'idle' | 'queued' | 'running' | 'waiting-retry' | 'done' | 'failed';

/** A run in flight: a second start joins it instead of starting a rival job. */
export const ACTIVE_STATUSES: ReadonlySet<RunStatus> = new Set<RunStatus>([
  'queued',
  'running',
  'waiting-retry'
]);

export interface ProjectSchemeStatus {
  projectId: string;
  projectKey?: string;
  projectName?: string;
  state: 'pending' | 'done' | 'failed' | 'not-applicable';
  /** Why a project could not receive the types (team-managed, default scheme…). */
  reason?: string;
}

export interface ProvisioningRun {
  status: RunStatus;
  runId?: string;
  language: Language;
  projectIds: string[];
  requestedBy?: string;
  requestedAt?: string;
  startedAt?: string;
  finishedAt?: string;
  attempts: number;
  nextAttemptAt?: string;
  lastError?: string;
  projects: ProjectSchemeStatus[];
}

export interface ProvisioningOverview {
  catalogue: CatalogueItemStatus[];
  run: ProvisioningRun;
}

export interface ProjectSummary {
  id: string;
  key: string;
  name: string;
  /** classic = company-managed (schemes, validators), next-gen = team-managed. */
  style: 'classic' | 'next-gen';
}

export interface ProjectsPage {
  projects: ProjectSummary[];
  startAt: number;
  isLast: boolean;
}
