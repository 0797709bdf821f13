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
  targetDate: IsoDate | null;
  resolutionDate: IsoDate | null;
  epicKey: string | null;
  labels: readonly string[];
  components: readonly string[];
}

const HOUR = 3600;

/**
 * Rule 8: remaining estimate, else original estimate, else story points × hours per point (only when
 * the project counts in story points); null means unestimated. A remaining estimate of 0 is a real
 * value (the work is done), not a missing one.
 */
export function openEstimateHours(issue: CapacityIssue, settings: CapacitySettings): number | null {
  if (issue.remainingEstimateSeconds !== null) return issue.remainingEstimateSeconds / HOUR;
  if (issue.originalEstimateSeconds !== null) return issue.originalEstimateSeconds / HOUR;
  return storyPointHours(issue, settings);
}

/**
 * The size of finished work (rule 11). Jira drops the remaining estimate to 0 when work is logged to
 * completion, so for done issues the original estimate comes first; otherwise every done issue would
 * weigh nothing and the experiments share would be 0/0.
 */
export function doneEstimateHours(issue: CapacityIssue, settings: CapacitySettings): number | null {
  if (issue.originalEstimateSeconds !== null) return issue.originalEstimateSeconds / HOUR;
  const points = storyPointHours(issue, settings);
  if (points !== null) return points;
  if (issue.remainingEstimateSeconds !== null) return issue.remainingEstimateSeconds / HOUR;
  return null;
}

function storyPointHours(issue: CapacityIssue, settings: CapacitySettings): number | null {
  if (issue.storyPoints === null || settings.estimate.unit !== 'storyPoints') return null;
  return issue.storyPoints * settings.estimate.hoursPerPoint;
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
