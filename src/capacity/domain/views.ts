import { fromDay, periodAt, type IsoDate } from './calendar';
import {
  DEFAULT_SEED,
  hashSeed,
  missedBy,
  monteCarlo,
  weeklyThroughput,
  type ClearStatus,
  type MonteCarloResult
} from './forecast';
import { laneJql, type IssueAssignee, type LaneSource } from './issues';
import { type LocalisedText } from './messages';
import { EXPERIMENTS_BAND, laneColourToken, type LaneColour, type LaneKind } from './settings';
import { warningMessage, type CapacityWarning } from './warnings';
import {
  analyse,
  DEFAULT_PAGE_SIZE,
  EPSILON,
  PLAN_PERIODS,
  round,
  type BoardColumn,
  type CapacityAnalysis,
  type CapacityInput,
  type EvaluatedIssue,
  type LaneAnalysis,
  type PersonAnalysis
} from './analysis';

// The analysis the views are built from lives in analysis.ts; its names stay importable from here.
export * from './analysis';

// ---------------------------------------------------------------------------------------------
// View models: what the project page renders, as plain JSON.

export interface WarningView {
  warning: CapacityWarning;
  message: LocalisedText;
}

export interface CardView {
  id: string;
  key: string;
  summary: string;
  type: string;
  assignee: IssueAssignee | null;
  estimateHours: number | null;
  targetDate: IsoDate | null;
  /** Rule 10's finish day; null for done or unestimated issues, or a lane that cannot clear. */
  forecastDate: IsoDate | null;
  /** Working days the target will be missed by; null when on time or undated. */
  missedByWorkingDays: number | null;
  laneSource: LaneSource;
}

export interface CellView {
  total: number;
  cards: CardView[];
}

export interface LaneHeaderView {
  id: string;
  name: string;
  kind: LaneKind;
  colour: LaneColour;
  colourToken: string;
  owner: { accountId: string; displayName: string; avatarUrl: string | null } | null;
  jql: string;
  capacityHours: number;
  loadHours: number;
  /** load ÷ capacity; null when the period offers no hours. */
  loadRatio: number | null;
  periodsToClear: number | null;
  wip: { count: number; limit: number | null };
  unestimatedCount: number;
  warnings: WarningView[];
}

export interface BoardLaneView extends LaneHeaderView {
  cells: Record<BoardColumn, CellView>;
}

export interface PersonView {
  accountId: string;
  displayName: string;
  avatarUrl: string | null;
  inSettings: boolean;
  wip: number;
  wipLimit: number;
  inProgressHours: number;
  availableHoursThisPeriod: number | null;
  warnings: WarningView[];
}

export interface BoardView {
  today: IsoDate;
  period: { start: IsoDate; end: IsoDate; workingDays: number };
  pageSize: number;
  lanes: BoardLaneView[];
  people: PersonView[];
  experimentsShare: { actual: number | null; target: number; min: number; max: number };
}

const withMessage = (warning: CapacityWarning): WarningView => ({
  warning,
  message: warningMessage(warning)
});

function cardView(e: EvaluatedIssue): CardView {
  const finish = e.finishDay;
  const target = e.targetDay;
  const late = finish !== null && target !== null && target < finish;
  return {
    id: e.issue.id,
    key: e.issue.key,
    summary: e.issue.summary,
    type: e.issue.type,
    assignee: e.issue.assignee,
    estimateHours: e.estimateHours === null ? null : round(e.estimateHours),
    targetDate: target === null ? null : fromDay(target),
    forecastDate: finish === null ? null : fromDay(finish),
    missedByWorkingDays: late ? missedBy(target, finish) : null,
    laneSource: e.source
  };
}

function laneHeader(analysis: CapacityAnalysis, lane: LaneAnalysis): LaneHeaderView {
  const owner = lane.lane.owner;
  const ownerView =
    owner === null
      ? null
      : {
          accountId: owner,
          displayName:
            analysis.people.find((p) => p.accountId === owner)?.displayName ??
            analysis.input.directory?.[owner]?.displayName ??
            owner,
          avatarUrl: analysis.input.directory?.[owner]?.avatarUrl ?? null
        };
  return {
    id: lane.lane.id,
    name: lane.lane.name,
    kind: lane.lane.kind,
    colour: lane.lane.colour,
    colourToken: laneColourToken(lane.lane.colour),
    owner: ownerView,
    jql: laneJql(lane.lane.id),
    capacityHours: round(lane.capacityHours),
    loadHours: round(lane.loadHours),
    loadRatio: lane.capacityHours > EPSILON ? round(lane.loadHours / lane.capacityHours) : null,
    periodsToClear: lane.periodsToClear,
    wip: { count: lane.wip, limit: lane.lane.wipLimit },
    unestimatedCount: lane.unestimatedCount,
    warnings: lane.warnings.map(withMessage)
  };
}

function personView(person: PersonAnalysis): PersonView {
  return {
    accountId: person.accountId,
    displayName: person.displayName,
    avatarUrl: person.avatarUrl,
    inSettings: person.inSettings,
    wip: person.wip,
    wipLimit: person.wipLimit,
    inProgressHours: round(person.inProgressHours),
    availableHoursThisPeriod: person.period === null ? null : round(person.period.available),
    warnings: person.warnings.map(withMessage)
  };
}

/** The board: lanes × status categories, each cell paged to its first `pageSize` cards. */
export function boardView(analysis: CapacityAnalysis, options: { pageSize?: number } = {}): BoardView {
  const pageSize = options.pageSize ?? DEFAULT_PAGE_SIZE;
  return {
    today: analysis.input.today,
    period: {
      start: analysis.period.start,
      end: analysis.period.end,
      workingDays: analysis.period.workingDays
    },
    pageSize,
    lanes: analysis.lanes.map((lane) => ({
      ...laneHeader(analysis, lane),
      cells: {
        todo: cell(lane.columns.todo, 0, pageSize),
        inProgress: cell(lane.columns.inProgress, 0, pageSize),
        done: cell(lane.columns.done, 0, pageSize)
      }
    })),
    people: analysis.people.map(personView),
    experimentsShare: {
      actual: analysis.experimentsShare === null ? null : round(analysis.experimentsShare * 10000) / 10000,
      target: analysis.input.settings.experimentsShare,
      min: EXPERIMENTS_BAND.min,
      max: EXPERIMENTS_BAND.max
    }
  };
}

function cell(issues: EvaluatedIssue[], offset: number, limit: number): CellView {
  return { total: issues.length, cards: issues.slice(offset, offset + limit).map(cardView) };
}

/** "Show more": the next cards of one cell; null for an unknown lane. */
export function boardCellPage(
  analysis: CapacityAnalysis,
  laneId: string,
  column: BoardColumn,
  offset: number,
  limit = DEFAULT_PAGE_SIZE
): (CellView & { offset: number }) | null {
  const lane = analysis.lanes.find((l) => l.lane.id === laneId);
  if (!lane) return null;
  const start = Math.max(0, Math.floor(offset));
  return { offset: start, ...cell(lane.columns[column], start, Math.max(0, Math.floor(limit))) };
}

export type ClearView =
  | { status: 'clear' }
  | { status: 'dated'; date: IsoDate }
  | { status: 'noCapacity' }
  | { status: 'beyondHorizon' };

export type MonteCarloView =
  | { status: 'nothingOpen'; historyWeeks: number }
  | { status: 'notEnoughHistory'; historyWeeks: number }
  | {
      status: 'forecast';
      historyWeeks: number;
      trials: number;
      p50: IsoDate | null;
      p85: IsoDate | null;
      p50Weeks: number | null;
      p85Weeks: number | null;
    };

export interface MissedTargetView {
  id: string;
  key: string;
  summary: string;
  targetDate: IsoDate;
  /** null when the lane cannot clear (no capacity, or beyond ten years). */
  forecastDate: IsoDate | null;
  byWorkingDays: number | null;
}

export interface PlanLaneView extends LaneHeaderView {
  /** Capacity of each of the plan's periods, in hours. */
  periodCapacityHours: number[];
  openCount: number;
  clear: ClearView;
  monteCarlo: MonteCarloView;
  missedTargets: MissedTargetView[];
}

export interface PlanView {
  today: IsoDate;
  periods: Array<{ start: IsoDate; end: IsoDate; workingDays: number }>;
  /** Protected future-ops hours and people's gross hours per period (the table under the chart). */
  protectedHours: number[];
  grossHours: number[];
  lanes: PlanLaneView[];
}

export function clearView(clear: ClearStatus): ClearView {
  return clear.status === 'dated' ? { status: 'dated', date: fromDay(clear.day) } : clear;
}

function monteCarloView(result: MonteCarloResult): MonteCarloView {
  if (result.status !== 'forecast') return result;
  return {
    status: 'forecast',
    historyWeeks: result.historyWeeks,
    trials: result.trials,
    p50: result.p50Day === null ? null : fromDay(result.p50Day),
    p85: result.p85Day === null ? null : fromDay(result.p85Day),
    p50Weeks: result.p50Weeks,
    p85Weeks: result.p85Weeks
  };
}

/** The plan: per lane, the next 6 periods' capacity, the clear date, Monte Carlo and missed targets. */
export function planView(analysis: CapacityAnalysis): PlanView {
  const { settings, today } = analysis.input;
  const periods = Array.from({ length: PLAN_PERIODS }, (_, i) => periodAt(settings.period, today, i));
  const totals = periods.map((p) => analysis.model.inPeriod(p));
  const seed = analysis.input.seed ?? DEFAULT_SEED;
  return {
    today,
    periods: periods.map((p) => ({ start: p.start, end: p.end, workingDays: p.workingDays })),
    protectedHours: totals.map((t) => round(t.protectedHours)),
    grossHours: totals.map((t) => round(t.grossHours)),
    lanes: analysis.lanes.map((lane) => {
      const missedTargets: MissedTargetView[] = [];
      for (const e of lane.open) {
        const target = e.targetDay;
        if (target === null || e.estimateHours === null) continue;
        if (e.finishDay === null) {
          missedTargets.push({
            id: e.issue.id,
            key: e.issue.key,
            summary: e.issue.summary,
            targetDate: fromDay(target),
            forecastDate: null,
            byWorkingDays: null
          });
        } else if (target < e.finishDay) {
          missedTargets.push({
            id: e.issue.id,
            key: e.issue.key,
            summary: e.issue.summary,
            targetDate: fromDay(target),
            forecastDate: fromDay(e.finishDay),
            byWorkingDays: missedBy(target, e.finishDay)
          });
        }
      }
      const weekly = weeklyThroughput(analysis.todayDay, lane.resolvedDays);
      return {
        ...laneHeader(analysis, lane),
        periodCapacityHours: totals.map((t) => round(t.lanes[lane.index] ?? 0)),
        openCount: lane.open.length,
        clear: clearView(lane.clear),
        monteCarlo: monteCarloView(
          monteCarlo(analysis.todayDay, lane.open.length, weekly, hashSeed(seed, lane.lane.id))
        ),
        missedTargets
      };
    })
  };
}

/** Board and plan from one analysis (what the page loads first). */
export function capacityViews(
  input: CapacityInput,
  options: { pageSize?: number } = {}
): { board: BoardView; plan: PlanView } {
  const analysis = analyse(input);
  return { board: boardView(analysis, options), plan: planView(analysis) };
}
