/**
 * The capacity analysis (pure): every issue in its lane, each lane's and person's hours this period,
 * throughput, forecasts and warnings. views.ts turns it into what the project page shows; what-if.ts
 * reruns it on changed copies of the settings.
 */
import { dayOrNull, periodAt, toDay, type IsoDate, type Period } from './calendar';
import { CapacityModel, type PersonHours } from './capacity';
import { experimentsShareOf, periodsToClear, walkLane, type ClearStatus } from './forecast';
import {
  assignLane,
  doneEstimateHours,
  openEstimateHours,
  type CapacityIssue,
  type IssueAssignee,
  type LaneSource
} from './issues';
import { DEFAULT_PERSON_WIP_LIMIT, EXPERIMENTS_BAND, type CapacitySettings, type Lane } from './settings';
import { STARVED_RATIO, type CapacityWarning } from './warnings';

export interface DirectoryEntry {
  displayName: string;
  avatarUrl?: string;
}

/** Everything a figure depends on; the domain reads no clock, so `today` is an input. */
export interface CapacityInput {
  today: IsoDate;
  settings: CapacitySettings;
  issues: ReadonlyArray<CapacityIssue>;
  /** Issue id → lane id, set by a card move; wins over the rules. */
  overrides?: Readonly<Record<string, string>>;
  /** Names and avatars for people in the settings who may have no issue assigned. */
  directory?: Readonly<Record<string, DirectoryEntry>>;
  /** Monte Carlo seed; the same seed and input give the same P50/P85. */
  seed?: number;
}

export type BoardColumn = 'todo' | 'inProgress' | 'done';
export const BOARD_COLUMNS: ReadonlyArray<BoardColumn> = ['todo', 'inProgress', 'done'];
/** Experiments share and done work are judged over this many periods (the current one included). */
export const SHARE_WINDOW_PERIODS = 4;
export const PLAN_PERIODS = 6;
export const DEFAULT_PAGE_SIZE = 20;

export interface EvaluatedIssue {
  issue: CapacityIssue;
  source: LaneSource;
  /** Open issues: rule 8; done issues: the size of the finished work. */
  estimateHours: number | null;
  finishDay: number | null;
  targetDay: number | null;
}

export interface LaneAnalysis {
  lane: Lane;
  index: number;
  /** Open and done-in-period issues by column, in rank order. */
  columns: Record<BoardColumn, EvaluatedIssue[]>;
  open: EvaluatedIssue[];
  resolvedDays: number[];
  doneHoursInWindow: number;
  loadHours: number;
  unestimatedCount: number;
  capacityHours: number;
  promisedHours: number;
  periodsToClear: number | null;
  clear: ClearStatus;
  wip: number;
  warnings: CapacityWarning[];
}

export interface PersonAnalysis {
  accountId: string;
  displayName: string;
  avatarUrl: string | null;
  inSettings: boolean;
  wip: number;
  wipLimit: number;
  inProgressHours: number;
  period: PersonHours | null;
  availableRestOfPeriod: number | null;
  warnings: CapacityWarning[];
}

export interface CapacityAnalysis {
  input: CapacityInput;
  todayDay: number;
  period: Period;
  model: CapacityModel;
  lanes: LaneAnalysis[];
  people: PersonAnalysis[];
  /** Rule 11 over the last 4 periods; null when nothing was done there. */
  experimentsShare: number | null;
}

const byRank = (a: EvaluatedIssue, b: EvaluatedIssue) =>
  a.issue.rank - b.issue.rank || (a.issue.key < b.issue.key ? -1 : a.issue.key > b.issue.key ? 1 : 0);

export const EPSILON = 1e-9;
/** Hours reach the browser to the hundredth: enough for a figure, and no 4.300000000000001. */
export const round = (value: number) => Math.round(value * 100) / 100;

/** One pass over the issues and the calendar shared by the board, the plan and the what-if. */
export function analyse(input: CapacityInput): CapacityAnalysis {
  const { settings, today } = input;
  const todayDay = toDay(today);
  const period = periodAt(settings.period, today, 0);
  const windowStart = periodAt(settings.period, today, 1 - SHARE_WINDOW_PERIODS).startDay;
  const model = new CapacityModel(settings, today);
  const nominal = new CapacityModel(settings, today, { ignoreTimeOff: true });
  const current = model.inPeriod(period);
  const promised = nominal.inPeriod(period);

  const lanes: LaneAnalysis[] = settings.lanes.map((lane, index) => ({
    lane,
    index,
    columns: { todo: [], inProgress: [], done: [] },
    open: [],
    resolvedDays: [],
    doneHoursInWindow: 0,
    loadHours: 0,
    unestimatedCount: 0,
    capacityHours: current.lanes[index] ?? 0,
    promisedHours: promised.lanes[index] ?? 0,
    periodsToClear: 0,
    clear: { status: 'clear' },
    wip: 0,
    warnings: []
  }));
  const laneById = new Map(lanes.map((l) => [l.lane.id, l]));
  const names = new Map<string, IssueAssignee>();
  const inProgressByPerson = new Map<string, { count: number; hours: number; lanes: Set<LaneAnalysis> }>();

  for (const issue of input.issues) {
    const assignment = assignLane(issue, settings, input.overrides);
    const lane = laneById.get(assignment.laneId);
    if (!lane) continue;
    if (issue.assignee) names.set(issue.assignee.accountId, issue.assignee);
    if (issue.statusCategory === 'done') {
      const estimateHours = doneEstimateHours(issue, settings);
      const resolved = dayOrNull(issue.resolutionDate);
      if (resolved === null) continue;
      const evaluated = {
        issue,
        source: assignment.source,
        estimateHours,
        finishDay: null,
        targetDay: dayOrNull(issue.targetDate)
      };
      lane.resolvedDays.push(resolved);
      if (resolved >= windowStart && resolved <= todayDay) lane.doneHoursInWindow += estimateHours ?? 0;
      if (resolved >= period.startDay && resolved <= period.endDay) lane.columns.done.push(evaluated);
      continue;
    }
    const estimateHours = openEstimateHours(issue, settings);
    const evaluated: EvaluatedIssue = {
      issue,
      source: assignment.source,
      estimateHours,
      finishDay: null,
      targetDay: dayOrNull(issue.targetDate)
    };
    lane.open.push(evaluated);
    if (estimateHours === null) lane.unestimatedCount++;
    else lane.loadHours += estimateHours;
    if (issue.statusCategory === 'indeterminate') {
      lane.columns.inProgress.push(evaluated);
      lane.wip++;
      if (issue.assignee) {
        const entry = inProgressByPerson.get(issue.assignee.accountId) ?? {
          count: 0,
          hours: 0,
          lanes: new Set<LaneAnalysis>()
        };
        entry.count++;
        entry.hours += estimateHours ?? 0;
        entry.lanes.add(lane);
        inProgressByPerson.set(issue.assignee.accountId, entry);
      }
    } else lane.columns.todo.push(evaluated);
  }

  const experimentsDone = lanes.find((l) => l.lane.kind === 'experiments')?.doneHoursInWindow ?? 0;
  const allDone = lanes.reduce((sum, l) => sum + l.doneHoursInWindow, 0);
  const experimentsShare = experimentsShareOf(experimentsDone, allDone);

  for (const lane of lanes) {
    lane.open.sort(byRank);
    for (const column of BOARD_COLUMNS) lane.columns[column].sort(byRank);
    const walk = walkLane(
      model,
      lane.index,
      todayDay,
      lane.open.map((e) => e.estimateHours)
    );
    lane.open.forEach((e, i) => (e.finishDay = walk.finishes[i] ?? null));
    lane.clear = walk.clear;
    lane.periodsToClear = periodsToClear(lane.loadHours, lane.capacityHours);

    if (lane.capacityHours <= EPSILON && lane.loadHours > EPSILON)
      lane.warnings.push({ code: 'noCapacity', loadHours: round(lane.loadHours) });
    else if (lane.loadHours > lane.capacityHours + EPSILON)
      lane.warnings.push({
        code: 'overCapacity',
        loadHours: round(lane.loadHours),
        capacityHours: round(lane.capacityHours)
      });
    if (lane.promisedHours > EPSILON && lane.capacityHours < STARVED_RATIO * lane.promisedHours - EPSILON)
      lane.warnings.push({
        code: 'starved',
        capacityHours: round(lane.capacityHours),
        promisedHours: round(lane.promisedHours)
      });
    if (
      lane.lane.kind === 'experiments' &&
      experimentsShare !== null &&
      (experimentsShare < EXPERIMENTS_BAND.min - EPSILON || experimentsShare > EXPERIMENTS_BAND.max + EPSILON)
    )
      lane.warnings.push({
        code: 'experimentsOutsideBand',
        share: Math.round(experimentsShare * 10000) / 10000,
        min: EXPERIMENTS_BAND.min,
        max: EXPERIMENTS_BAND.max
      });
    if (lane.unestimatedCount > 0) lane.warnings.push({ code: 'unestimated', count: lane.unestimatedCount });
    if (lane.lane.wipLimit !== null && lane.wip > lane.lane.wipLimit)
      lane.warnings.push({ code: 'laneWipOver', wip: lane.wip, limit: lane.lane.wipLimit });
  }

  const displayOf = (accountId: string): { displayName: string; avatarUrl: string | null } => {
    const known = input.directory?.[accountId] ?? names.get(accountId);
    return { displayName: known?.displayName ?? accountId, avatarUrl: known?.avatarUrl ?? null };
  };
  const people: PersonAnalysis[] = [];
  const seen = new Set<string>();
  for (const person of settings.people) {
    seen.add(person.accountId);
    const load = inProgressByPerson.get(person.accountId);
    const rest = model.personBetween(person.accountId, todayDay, period.endDay);
    const analysis: PersonAnalysis = {
      accountId: person.accountId,
      ...displayOf(person.accountId),
      inSettings: true,
      wip: load?.count ?? 0,
      wipLimit: person.wipLimit,
      inProgressHours: load?.hours ?? 0,
      period: model.personBetween(person.accountId, period.startDay, period.endDay),
      availableRestOfPeriod: rest?.available ?? 0,
      warnings: []
    };
    const available = rest?.available ?? 0;
    if (load && load.hours > available + EPSILON) {
      const warning: CapacityWarning = {
        code: 'protectedTimeEaten',
        accountId: person.accountId,
        displayName: analysis.displayName,
        assignedHours: round(load.hours),
        availableHours: round(available)
      };
      analysis.warnings.push(warning);
      for (const lane of load.lanes) lane.warnings.push(warning);
    }
    people.push(analysis);
  }
  // Assignees outside the settings still have WIP; they get the default limit so overload shows.
  for (const [accountId, load] of inProgressByPerson) {
    if (seen.has(accountId)) continue;
    people.push({
      accountId,
      ...displayOf(accountId),
      inSettings: false,
      wip: load.count,
      wipLimit: DEFAULT_PERSON_WIP_LIMIT,
      inProgressHours: load.hours,
      period: null,
      availableRestOfPeriod: null,
      warnings: []
    });
  }
  for (const person of people)
    if (person.wip > person.wipLimit)
      person.warnings.push({
        code: 'personWipOver',
        accountId: person.accountId,
        displayName: person.displayName,
        wip: person.wip,
        limit: person.wipLimit
      });

  return { input, todayDay, period, model, lanes, people, experimentsShare };
}
