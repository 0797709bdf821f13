/**
 * The backlog's stages and how a project's own statuses map onto them. Tandem creates no
 * workflow: the macro's settings say which status means which stage, with a default taken from
 * the status categories Jira gives every status. A decision made in review mode, or an
 * experiment's outcome, moves the idea in Tandem's records (dated); that stage stands until the
 * issue's status changes to one that maps elsewhere after it.
 */

export const STAGES = ['captured', 'reviewing', 'experiment', 'adopted', 'parked', 'dropped'] as const;
export type Stage = (typeof STAGES)[number];

export type StatusCategory = 'new' | 'indeterminate' | 'done';

export interface StatusRef {
  id: string;
  name: string;
  category: StatusCategory;
}

/** status id → stage, as set in the macro's settings. */
export type StageMap = Record<string, Stage>;

const BY_CATEGORY: Record<StatusCategory, Stage> = {
  new: 'captured',
  indeterminate: 'reviewing',
  done: 'adopted'
};

export function defaultStageOf(status: Pick<StatusRef, 'category'>): Stage {
  return BY_CATEGORY[status.category];
}

export function stageOfStatus(status: StatusRef, map: StageMap): Stage {
  return map[status.id] ?? defaultStageOf(status);
}

/** The settings' mapping shown in full: every status the project has, configured or defaulted. */
export function effectiveStageMap(
  statuses: readonly StatusRef[],
  map: StageMap
): Array<StatusRef & { stage: Stage; configured: boolean }> {
  return statuses.map((status) => ({
    ...status,
    stage: stageOfStatus(status, map),
    configured: map[status.id] !== undefined
  }));
}

/** A stage Tandem recorded for the idea (a review decision or an experiment's outcome), dated. */
export interface StageEvent {
  stage: Stage;
  at: string;
}

/**
 * The stage the backlog shows: Tandem's latest recorded stage, unless the status changed
 * after it (people moved the issue in Jira since: Jira is right then).
 */
export function currentStage(
  status: StatusRef,
  map: StageMap,
  statusChangedAt: string | null,
  recorded: StageEvent | null
): { stage: Stage; from: 'status' | 'tandem' } {
  const mapped = stageOfStatus(status, map);
  if (!recorded) return { stage: mapped, from: 'status' };
  if (statusChangedAt !== null && Date.parse(statusChangedAt) > Date.parse(recorded.at))
    return { stage: mapped, from: 'status' };
  return { stage: recorded.stage, from: 'tandem' };
}
