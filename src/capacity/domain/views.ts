import { dayOrNull, fromDay, periodAt, toDay, type IsoDate, type Period } from './calendar';
import { CapacityModel, type PersonHours } from './capacity';
import {
  DEFAULT_SEED,
  experimentsShareOf,
  hashSeed,
  missedBy,
  monteCarlo,
  periodsToClear,
  walkLane,
  weeklyThroughput,
  type ClearStatus,
  type MonteCarloResult
} from './forecast';
import {
  assignLane,
  doneEstimateHours,
  laneJql,
  openEstimateHours,
  type CapacityIssue,
  type IssueAssignee,
  type LaneSource
} from './issues';
import { type LocalisedText } from './messages';
import {
  DEFAULT_PERSON_WIP_LIMIT,
  EXPERIMENTS_BAND,
  laneColourToken,
  parseSettings,
  type CapacitySettings,
  type CapacitySettingsInput,
  type Lane,
  type LaneColour,
  type LaneKind,
  type PersonInput,
  type SettingsIssue,
  type TimeOffInput
} from './settings';
import { STARVED_RATIO, warningMessage, type CapacityWarning } from './warnings';

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

interface EvaluatedIssue {
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

const EPSILON = 1e-9;
/** Hours reach the browser to the hundredth: enough for a figure, and no 4.300000000000001. */
const round = (value: number) => Math.round(value * 100) / 100;

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

function clearView(clear: ClearStatus): ClearView {
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

// ---------------------------------------------------------------------------------------------
// What-if: changes applied to copies; nothing in the input is touched and nothing is saved.

export type WhatIfChange =
  | { kind: 'setShare'; accountId: string; laneId: string; share: number }
  | { kind: 'setHoursPerWeek'; accountId: string; hoursPerWeek: number }
  | { kind: 'addTimeOff'; entry: TimeOffInput }
  | { kind: 'removeTimeOff'; index: number }
  | { kind: 'addPerson'; person: PersonInput }
  | { kind: 'dropIssues'; laneId: string; issueIds?: ReadonlyArray<string> };

export interface LaneDelta {
  laneId: string;
  capacityHoursBefore: number;
  capacityHoursAfter: number;
  clearBefore: ClearView;
  clearAfter: ClearView;
}

export type WhatIfResult =
  { ok: true; plan: PlanView; deltas: LaneDelta[] } | { ok: false; issues: SettingsIssue[] };

function applyChanges(input: CapacityInput, changes: ReadonlyArray<WhatIfChange>): CapacitySettingsInput {
  const s = input.settings;
  let people: CapacitySettingsInput['people'] = s.people.map((p) => ({ ...p, shares: { ...p.shares } }));
  let timeOff: CapacitySettingsInput['timeOff'] = s.timeOff.map((t) => ({ ...t }));
  for (const change of changes) {
    switch (change.kind) {
      case 'setShare':
        people = people.map((p) =>
          p.accountId === change.accountId
            ? { ...p, shares: { ...p.shares, [change.laneId]: change.share } }
            : p
        );
        break;
      case 'setHoursPerWeek':
        people = people.map((p) =>
          p.accountId === change.accountId ? { ...p, hoursPerWeek: change.hoursPerWeek } : p
        );
        break;
      case 'addTimeOff':
        timeOff = [...timeOff, { ...change.entry }];
        break;
      case 'removeTimeOff':
        timeOff = timeOff.filter((_, i) => i !== change.index);
        break;
      case 'addPerson':
        people = [...people, { ...change.person, shares: { ...(change.person.shares ?? {}) } }];
        break;
      case 'dropIssues':
        break;
    }
  }
  return {
    ...s,
    lanes: s.lanes.map((l) => ({ ...l })),
    rules: s.rules.map((r) => ({ ...r })),
    people,
    timeOff
  };
}

/**
 * Recomputes the plan with people, time off or scope changed. Changed settings go through the same
 * checks as a save (a share pushing someone over 100 % is refused with the same message).
 */
export function whatIf(input: CapacityInput, changes: ReadonlyArray<WhatIfChange>): WhatIfResult {
  const parsed = parseSettings(applyChanges(input, changes));
  if (!parsed.ok) return { ok: false, issues: parsed.issues };
  const drops = changes.filter(
    (c): c is Extract<WhatIfChange, { kind: 'dropIssues' }> => c.kind === 'dropIssues'
  );
  const dropped = new Set<string>();
  for (const drop of drops) {
    const only = drop.issueIds ? new Set(drop.issueIds) : null;
    for (const issue of input.issues) {
      if (issue.statusCategory === 'done' || (only && !only.has(issue.id))) continue;
      if (assignLane(issue, input.settings, input.overrides).laneId === drop.laneId) dropped.add(issue.id);
    }
  }
  const changed: CapacityInput = {
    ...input,
    settings: parsed.value,
    issues: dropped.size === 0 ? input.issues : input.issues.filter((issue) => !dropped.has(issue.id))
  };
  const before = analyse(input);
  const after = analyse(changed);
  const deltas: LaneDelta[] = after.lanes.map((lane) => {
    const old = before.lanes.find((l) => l.lane.id === lane.lane.id);
    return {
      laneId: lane.lane.id,
      capacityHoursBefore: round(old?.capacityHours ?? 0),
      capacityHoursAfter: round(lane.capacityHours),
      clearBefore: old ? clearView(old.clear) : { status: 'clear' },
      clearAfter: clearView(lane.clear)
    };
  });
  return { ok: true, plan: planView(after), deltas };
}
