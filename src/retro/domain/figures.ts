import { toDay, dayOrNull, type IsoDate } from '../../capacity/domain/calendar';

/**
 * The period's figures shown beside the board, computed from what Jira and Tandem's own records
 * say (the service reads them; nothing here calls anything).
 */

export interface DoneIssue {
  /** The `tandemLane` copy capacity keeps on each issue; null for issues without a lane. */
  lane: string | null;
  resolved: IsoDate | null;
}

export interface ApprovalSpan {
  issueKey: string;
  requestedAt: string;
  decidedAt: string | null;
}

export interface ExperimentInput {
  issueKey: string;
  summary: string;
  created: IsoDate;
  resolved: IsoDate | null;
  /** The resolution or status it ended in (Done, Won't do…), as Jira names it. */
  outcome: string | null;
}

export interface ProtectedTimeInput {
  /** Hours per person per week the capacity settings protect (future ops). */
  hoursPerWeek: number;
  people: number;
  /** Hours logged in the period on the protected lane's issues. */
  loggedHours: number;
}

export interface PeriodFigures {
  period: { start: IsoDate; end: IsoDate };
  donePerLane: { lane: string | null; count: number }[];
  approvals: {
    decided: number;
    pending: number;
    medianHours: number | null;
    slowest: { issueKey: string; hours: number } | null;
  };
  experiments: {
    started: { issueKey: string; summary: string }[];
    stopped: { issueKey: string; summary: string; outcome: string | null }[];
  };
  protectedTime: { plannedHours: number; loggedHours: number; keptShare: number | null } | null;
}

const inPeriod = (day: number | null, start: number, end: number) =>
  day !== null && day >= start && day <= end;
const dayOfInstant = (instant: string) => dayOrNull(instant.slice(0, 10));

export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** Issues without a lane come last: they are what is left once the lanes are counted. */
export const byLaneNullLast = (a: string | null, b: string | null): number =>
  a === b ? 0 : a === null ? 1 : b === null ? -1 : a.localeCompare(b);

const round1 = (n: number) => Math.round(n * 10) / 10;

export function periodFigures(
  period: { start: IsoDate; end: IsoDate },
  done: readonly DoneIssue[],
  approvals: readonly ApprovalSpan[],
  experiments: readonly ExperimentInput[],
  protectedTime: ProtectedTimeInput | null
): PeriodFigures {
  const start = toDay(period.start);
  const end = toDay(period.end);
  const lanes = new Map<string | null, number>();
  for (const issue of done) {
    if (!inPeriod(dayOrNull(issue.resolved), start, end)) continue;
    lanes.set(issue.lane, (lanes.get(issue.lane) ?? 0) + 1);
  }
  const donePerLane = [...lanes.entries()]
    .map(([lane, count]) => ({ lane, count }))
    .sort((a, b) => b.count - a.count || byLaneNullLast(a.lane, b.lane));

  // Turnaround counts approvals decided in the period; those still waiting are counted apart.
  const spans: { issueKey: string; hours: number }[] = [];
  let pending = 0;
  for (const a of approvals) {
    if (a.decidedAt === null) {
      if ((dayOfInstant(a.requestedAt) ?? Infinity) <= end) pending += 1;
      continue;
    }
    if (!inPeriod(dayOfInstant(a.decidedAt), start, end)) continue;
    const hours = (Date.parse(a.decidedAt) - Date.parse(a.requestedAt)) / 3_600_000;
    if (Number.isFinite(hours) && hours >= 0) spans.push({ issueKey: a.issueKey, hours });
  }
  const slowest = spans.reduce<{ issueKey: string; hours: number } | null>(
    (worst, s) => (worst === null || s.hours > worst.hours ? s : worst),
    null
  );
  const medianHours = median(spans.map((s) => s.hours));

  const started = experiments
    .filter((e) => inPeriod(dayOrNull(e.created), start, end))
    .map((e) => ({ issueKey: e.issueKey, summary: e.summary }));
  const stopped = experiments
    .filter((e) => inPeriod(dayOrNull(e.resolved), start, end))
    .map((e) => ({ issueKey: e.issueKey, summary: e.summary, outcome: e.outcome }));

  let protectedFigures: PeriodFigures['protectedTime'] = null;
  if (protectedTime) {
    const weeks = (end - start + 1) / 7;
    const plannedHours = round1(protectedTime.hoursPerWeek * protectedTime.people * weeks);
    protectedFigures = {
      plannedHours,
      loggedHours: round1(protectedTime.loggedHours),
      keptShare: plannedHours > 0 ? Math.min(1, protectedTime.loggedHours / plannedHours) : null
    };
  }

  return {
    period,
    donePerLane,
    approvals: {
      decided: spans.length,
      pending,
      medianHours: medianHours === null ? null : round1(medianHours),
      slowest: slowest ? { issueKey: slowest.issueKey, hours: round1(slowest.hours) } : null
    },
    experiments: { started, stopped },
    protectedTime: protectedFigures
  };
}
