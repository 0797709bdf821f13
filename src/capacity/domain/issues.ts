import { type IsoDate } from './calendar';
import { type CapacitySettings, type Lane } from './settings';

/** Jira's status category keys (`statusCategory.key`), so the resolver passes them through. */
export type StatusCategory = 'new' | 'indeterminate' | 'done';

export interface IssueAssignee {
  accountId: string;
  displayName: string;
  avatarUrl?: string;
}

/** One Jira issue as the capacity domain needs it: plain data, fetched by the resolver. */
export interface CapacityIssue {
  id: string;
  key: string;
  summary: string;
  /** Issue type name, e.g. "Story", "Experiment". */
  type: string;
  statusCategory: StatusCategory;
  /** Position in Jira rank order (`ORDER BY Rank`), lower first. */
  rank: number;
  assignee: IssueAssignee | null;
  /** Jira `timeestimate` (remaining), in seconds. */
  remainingEstimateSeconds: number | null;
  /** Jira `timeoriginalestimate`, in seconds. */
  originalEstimateSeconds: number | null;
  storyPoints: number | null;
  /** Target launch date; a Jira timestamp is read by its date part, anything unreadable as none. */
  targetDate: IsoDate | null;
  resolutionDate: IsoDate | null;
  epicKey: string | null;
  labels: readonly string[];
  components: readonly string[];
}

const HOUR = 3600;

/** A negative or non-numeric estimate is not an estimate (it would make load fall as work is added). */
const hoursOf = (seconds: number | null): number | null =>
  seconds !== null && Number.isFinite(seconds) && seconds >= 0 ? seconds / HOUR : null;

/**
 * Rule 8: remaining estimate, else original estimate, else story points × hours per point (only when
 * the project counts in story points); null means unestimated. A remaining estimate of 0 is a real
 * value (the work is done), not a missing one.
 */
export function openEstimateHours(issue: CapacityIssue, settings: CapacitySettings): number | null {
  return (
    hoursOf(issue.remainingEstimateSeconds) ??
    hoursOf(issue.originalEstimateSeconds) ??
    storyPointHours(issue, settings)
  );
}

/**
 * The size of finished work (rule 11). Jira drops the remaining estimate to 0 when work is logged to
 * completion, so for done issues the original estimate comes first; otherwise every done issue would
 * weigh nothing and the experiments share would be 0/0.
 */
export function doneEstimateHours(issue: CapacityIssue, settings: CapacitySettings): number | null {
  return (
    hoursOf(issue.originalEstimateSeconds) ??
    storyPointHours(issue, settings) ??
    hoursOf(issue.remainingEstimateSeconds)
  );
}

function storyPointHours(issue: CapacityIssue, settings: CapacitySettings): number | null {
  const points = issue.storyPoints;
  if (points === null || !Number.isFinite(points) || points < 0 || settings.estimate.unit !== 'storyPoints')
    return null;
  return points * settings.estimate.hoursPerPoint;
}

export type LaneSource = 'override' | 'rule' | 'default';

export interface LaneAssignment {
  laneId: string;
  source: LaneSource;
  /** Index of the rule that matched, when source is `rule`. */
  ruleIndex: number | null;
}

function ruleMatches(rule: CapacitySettings['rules'][number], issue: CapacityIssue): boolean {
  switch (rule.field) {
    case 'epic':
      return issue.epicKey !== null && issue.epicKey.toUpperCase() === rule.value.toUpperCase();
    case 'label':
      return issue.labels.includes(rule.value);
    case 'component':
      return issue.components.includes(rule.value);
    case 'issueType':
      return issue.type.toLowerCase() === rule.value.toLowerCase();
  }
}

export function runLane(settings: CapacitySettings): Lane {
  const lane = settings.lanes.find((l) => l.kind === 'run');
  // parseSettings guarantees exactly one; a hand-built object without one is a programming error.
  if (!lane) throw new Error('settings have no run lane');
  return lane;
}

/** Override (when its lane still exists) > first matching rule > the run lane. */
export function assignLane(
  issue: CapacityIssue,
  settings: CapacitySettings,
  overrides: Readonly<Record<string, string>> = {}
): LaneAssignment {
  const override = overrides[issue.id];
  if (override !== undefined && settings.lanes.some((lane) => lane.id === override))
    return { laneId: override, source: 'override', ruleIndex: null };
  const index = settings.rules.findIndex((rule) => ruleMatches(rule, issue));
  const rule = settings.rules[index];
  if (rule && settings.lanes.some((lane) => lane.id === rule.lane))
    return { laneId: rule.lane, source: 'rule', ruleIndex: index };
  return { laneId: runLane(settings).id, source: 'default', ruleIndex: null };
}

/** The JQL that finds a lane's issues through the indexed entity property. */
export function laneJql(laneId: string): string {
  return `tandemLane = "${laneId}"`;
}
