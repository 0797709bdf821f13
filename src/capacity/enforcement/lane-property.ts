import { assignLane, type CapacityIssue } from '../domain/issues';
import type { LaneKind } from '../domain/settings';
import type { LaneIssue } from '../../platform/jira-lanes';
import type { ProjectLanes } from './deps';

/**
 * The JQL-indexed copy of an issue's lane (issue property `tandemLane`, searchable as tandemLane
 * and tandemLaneKind). It is for boards and search only: settings and overrides live in KVS and
 * nothing reads the copy back to decide anything (docs/architecture.md rule 6).
 */

export const LANE_PROPERTY_KEY = 'tandemLane';

export interface LaneProperty {
  lane: string;
  kind: LaneKind;
}

/** Only what lane rules read; the rest of CapacityIssue plays no part in assignLane. */
function ruleInputOf(issue: LaneIssue): CapacityIssue {
  return {
    id: issue.id,
    key: issue.key,
    summary: '',
    type: issue.type,
    statusCategory: 'new',
    rank: 0,
    assignee: null,
    remainingEstimateSeconds: null,
    originalEstimateSeconds: null,
    storyPoints: null,
    targetDate: null,
    resolutionDate: null,
    epicKey: issue.epicKey,
    labels: issue.labels,
    components: issue.components
  };
}

export function lanePropertyOf(issue: LaneIssue, lanes: ProjectLanes): LaneProperty {
  const { laneId } = assignLane(ruleInputOf(issue), lanes.settings, lanes.overrides);
  const lane = lanes.settings.lanes.find((candidate) => candidate.id === laneId);
  // assignLane only answers lanes of these settings.
  if (!lane) throw new Error(`lane ${laneId} is not in the settings`);
  return { lane: lane.id, kind: lane.kind };
}

/** Whether the issue already carries exactly this copy (extra keys count as a difference). */
export function sameLaneProperty(current: unknown, wanted: LaneProperty): boolean {
  if (typeof current !== 'object' || current === null || Array.isArray(current)) return false;
  const record = current as Record<string, unknown>;
  return Object.keys(record).length === 2 && record.lane === wanted.lane && record.kind === wanted.kind;
}
