import type { ItemState, ProjectSchemeStatus, RunStatus } from '@contract/provisioning';
import type { LozengeAppearance } from '../../common/components';
import type { PlainKey } from '../../common/i18n';

export const ITEM_STATE: Record<ItemState, { label: PlainKey; appearance: LozengeAppearance }> = {
  created: { label: 'admin.state.created', appearance: 'success' },
  adopted: { label: 'admin.state.adopted', appearance: 'inprogress' },
  missing: { label: 'admin.state.missing', appearance: 'default' },
  failed: { label: 'admin.state.failed', appearance: 'removed' }
};

/** A missing item whose namesake already in Jira the set-up will adopt. */
export const WILL_ADOPT: { label: PlainKey; appearance: LozengeAppearance } = {
  label: 'admin.state.willAdopt',
  appearance: 'new'
};

export const RUN_STATUS: Record<RunStatus, { label: PlainKey; appearance: LozengeAppearance }> = {
  idle: { label: 'admin.run.status.idle', appearance: 'default' },
  queued: { label: 'admin.run.status.queued', appearance: 'new' },
  running: { label: 'admin.run.status.running', appearance: 'inprogress' },
  'waiting-retry': { label: 'admin.run.status.waiting-retry', appearance: 'moved' },
  done: { label: 'admin.run.status.done', appearance: 'success' },
  failed: { label: 'admin.run.status.failed', appearance: 'removed' }
};

export const PROJECT_STATE: Record<
  ProjectSchemeStatus['state'],
  { label: PlainKey; appearance: LozengeAppearance }
> = {
  pending: { label: 'admin.projectState.pending', appearance: 'default' },
  done: { label: 'admin.projectState.done', appearance: 'success' },
  failed: { label: 'admin.projectState.failed', appearance: 'removed' },
  'not-applicable': { label: 'admin.projectState.not-applicable', appearance: 'moved' }
};

/** While the run is in one of these, the page polls the overview. */
export { ACTIVE_STATUSES } from '@contract/provisioning';
