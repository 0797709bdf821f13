import { loadAnalysis } from '../capacity/service';
import type { ExperimentCheck, ExperimentCreated, IdeaAnswer } from '../contract/ideas';
import type { ExperimentPayload, OutcomePayload } from '../contract/ideas';
import { requirePageView } from '../platform/confluence';
import { ConflictError, InvalidInputError } from '../platform/errors';
import type { CallerContext } from '../platform/resolvers';
import { requireStorable } from '../platform/store';
import { addDays } from '../capacity/domain/calendar';
import { todayFor } from '../capacity/today';
import {
  experimentEnded,
  experimentsHeadroom,
  MAX_EXPERIMENT_DAYS,
  type Headroom
} from './domain/experiments';
import { experimentStates, fetchIdeas, IdeaFieldIds } from './jira-reads';
import { KEYS, loadIdeaRecords, RECORD_HEADROOM_BYTES } from './records';
import {
  backlogContext,
  ideaAnswer,
  notify,
  recordDecision,
  requireCreate,
  writeContext,
  type IdeasDeps,
  type Instance
} from './service';

/**
 * The idea backlog's experiment use cases: the experiments lane's headroom, turning an idea into an
 * experiment (a Jira issue created as the caller, linked to its idea) and recording its outcome.
 * Same rules as service.ts, whose shared steps (backlog context, permission checks, answers,
 * realtime notices) they use.
 */
/** The experiments lane's headroom this period, from capacity's own analysis of the project. */
async function headroomOf(deps: IdeasDeps, projectId: string, caller: CallerContext): Promise<Headroom> {
  const loaded = await loadAnalysis(deps.store, projectId, caller, deps.now(), deps.jira);
  const lane = loaded?.analysis.lanes.find((l) => l.lane.kind === 'experiments');
  return experimentsHeadroom(
    lane
      ? {
          capacityHours: lane.capacityHours,
          loadHours: lane.loadHours,
          unestimatedCount: lane.unestimatedCount
        }
      : null
  );
}

export async function experimentCheck(
  deps: IdeasDeps,
  inst: Instance,
  caller: CallerContext
): Promise<ExperimentCheck> {
  await requirePageView(inst.pageId, caller.accountId);
  const ctx = await backlogContext(deps, inst);
  const today = todayFor(deps.now(), caller.timezone);
  return {
    headroom: await headroomOf(deps, ctx.config.projectId, caller),
    latestStopDate: addDays(today, MAX_EXPERIMENT_DAYS),
    today
  };
}

export async function turnIntoExperiment(
  deps: IdeasDeps,
  inst: Instance,
  caller: CallerContext,
  payload: ExperimentPayload
): Promise<ExperimentCreated> {
  const today = todayFor(deps.now(), caller.timezone);
  if (payload.stopDate < today) throw new InvalidInputError('stopDate: must be today or later', 'stopDate');
  if (payload.stopDate > addDays(today, MAX_EXPERIMENT_DAYS))
    throw new InvalidInputError(
      `stopDate: an experiment is small and bounded: stop within ${MAX_EXPERIMENT_DAYS} days`,
      'stopDate'
    );
  const ctx = await writeContext(deps, inst, caller, payload.issueId);
  await requireCreate(deps.jira, ctx.config.projectId);
  if (!ctx.experimentType)
    throw new InvalidInputError(
      `issueType: project ${ctx.meta.key} has no Experiment issue type; a Jira administrator adds it with Tandem's set-up`,
      'issueType'
    );
  const { records } = await loadIdeaRecords(deps.store, inst, payload.issueId);
  if (records.experiment)
    throw new ConflictError(`This idea is already tested by ${records.experiment.issueKey}`);
  const stored = {
    hypothesis: payload.hypothesis,
    successMetric: payload.successMetric,
    stopDate: payload.stopDate
  };
  requireStorable(stored, 'hypothesis', RECORD_HEADROOM_BYTES);
  const headroom = await headroomOf(deps, ctx.config.projectId, caller);
  const fieldIds = new IdeaFieldIds(deps.jira, deps.store);
  const [hypothesisId, metricId, stopId] = await Promise.all([
    fieldIds.id('hypothesis'),
    fieldIds.id('success-metric'),
    fieldIds.id('stop-date')
  ]);
  const idea = (await fetchIdeas(deps.jira, fieldIds, [payload.issueId]))[0];
  // The description carries the three too, so the experiment reads right where the fields are missing.
  const description = [
    `Hypothesis: ${payload.hypothesis}`,
    `Success metric: ${payload.successMetric}`,
    `Stop date: ${payload.stopDate}`,
    idea ? `From idea ${idea.key}: ${idea.summary}` : ''
  ].join('\n\n');
  const created = await deps.ideasJira.createIssue({
    projectId: ctx.config.projectId,
    issueTypeId: ctx.experimentType.id,
    summary: `${idea?.summary ?? payload.hypothesis}`.slice(0, 255),
    description,
    labels: ['experiment'],
    fields: {
      ...(hypothesisId ? { [hypothesisId]: payload.hypothesis } : {}),
      ...(metricId ? { [metricId]: payload.successMetric } : {}),
      ...(stopId ? { [stopId]: payload.stopDate } : {})
    }
  });
  let linked = true;
  try {
    await deps.ideasJira.linkIssues(payload.issueId, created.id);
  } catch (error) {
    // The experiment exists in Jira now: it is recorded on the idea whatever happens to the link.
    linked = false;
    console.warn('idea → experiment link not created', error instanceof Error ? error.message : error);
  }
  const at = deps.now().toISOString();
  await recordDecision(
    deps,
    inst,
    payload.issueId,
    { decision: 'experiment', note: '', by: caller.accountId, at },
    [
      {
        key: KEYS.experiment(inst, payload.issueId),
        value: {
          t: 'experiment',
          issueId: created.id,
          issueKey: created.key,
          ...stored,
          createdAt: at,
          createdBy: caller.accountId
        }
      }
    ]
  );
  await notify(inst, 'experiment', payload.issueId, caller.accountId);
  return {
    idea: await ideaAnswer(deps, ctx, inst, caller, payload.issueId),
    experimentKey: created.key,
    linked,
    headroom
  };
}

export async function recordOutcome(
  deps: IdeasDeps,
  inst: Instance,
  caller: CallerContext,
  payload: OutcomePayload
): Promise<IdeaAnswer> {
  const ctx = await writeContext(deps, inst, caller, payload.issueId);
  const { records } = await loadIdeaRecords(deps.store, inst, payload.issueId);
  const experiment = records.experiment;
  if (!experiment) throw new InvalidInputError('issueId: this idea has no experiment', 'issueId');
  const state = (await experimentStates(deps.jira, [experiment.issueId])).get(experiment.issueId) ?? null;
  const today = todayFor(deps.now(), caller.timezone);
  if (!experimentEnded(experiment, state?.statusCategory ?? null, today))
    throw new ConflictError(
      `${experiment.issueKey} is still running until ${experiment.stopDate}; record its outcome when it ends`
    );
  const record = {
    t: 'outcome' as const,
    met: payload.met,
    lesson: payload.lesson,
    at: deps.now().toISOString(),
    by: caller.accountId
  };
  requireStorable(record, 'lesson', RECORD_HEADROOM_BYTES);
  if (!(await deps.store.setIfAbsent(KEYS.outcome(inst, payload.issueId), record)))
    throw new ConflictError(`The outcome of ${experiment.issueKey} is already recorded`);
  await notify(inst, 'outcome', payload.issueId, caller.accountId);
  return { idea: await ideaAnswer(deps, ctx, inst, caller, payload.issueId) };
}
