import { createHash } from 'node:crypto';
import { z } from 'zod';
import { defaultCapacityDeps, ENFORCEMENT_KEYS, type CapacityEnforcementDeps } from './deps';
import { LANE_PROPERTY_KEY, lanePropertyOf, sameLaneProperty } from './lane-property';
import { lazySchema } from '../../contract/lazy-schema';

/**
 * The `avi:jira:created:issue` / `avi:jira:updated:issue` trigger (ignoreSelf, and a filter
 * expression so Jira only sends creations and edits of what lane rules read): it recomputes the
 * issue's lane from the settings and overrides in KVS and writes the `tandemLane` copy only when
 * it differs. Replaying an event costs one issue read and no write.
 */

/**
 * Changelog fields that can change an issue's lane (rules on epic, label, component, issue
 * type; a move to another project). Jira names them by `field` (display) or `fieldId`.
 */
export const LANE_INPUT_FIELDS = [
  'labels',
  'Component',
  'components',
  'issuetype',
  'parent',
  'IssueParentAssociation',
  'Epic Link',
  'project'
] as const;

/**
 * The manifest's `filter.expression` (Jira expression over the event): creations, and updates
 * whose changelog touches one of LANE_INPUT_FIELDS. The handler applies the same test, so an
 * event the filter let through by mistake (onError: RECEIVE_AND_LOG) is still ignored cheaply.
 */
export const TRIGGER_FILTER_EXPRESSION = `event.eventType == 'avi:jira:created:issue' || event.changelog == null || event.changelog.items.some(item => [${LANE_INPUT_FIELDS.map((f) => `'${f}'`).join(', ')}].includes(item.field) || [${LANE_INPUT_FIELDS.map((f) => `'${f}'`).join(', ')}].includes(item.fieldId))`;

const ChangeItemSchema = lazySchema(() =>
  z.object({ field: z.string().optional(), fieldId: z.string().optional() })
);

const IssueEventSchema = lazySchema(() =>
  z.object({
    eventType: z.string().optional(),
    issue: z.object({
      id: z.string().regex(/^[0-9]{1,18}$/),
      fields: z.object({ project: z.object({ id: z.string().regex(/^[0-9]{1,18}$/) }).optional() }).optional()
    }),
    changelog: z
      .object({ items: z.array(ChangeItemSchema) })
      .nullable()
      .optional()
  })
);

type IssueEvent = z.infer<typeof IssueEventSchema>;

const INPUTS: ReadonlySet<string> = new Set(LANE_INPUT_FIELDS);

export function touchesLane(event: IssueEvent): boolean {
  if (event.eventType === 'avi:jira:created:issue' || !event.changelog) return true;
  return event.changelog.items.some(
    (item) =>
      (item.field !== undefined && INPUTS.has(item.field)) ||
      (item.fieldId !== undefined && INPUTS.has(item.fieldId))
  );
}

const CLAIM_TTL_SECONDS = 60;

function digest(value: unknown): string {
  return createHash('sha256')
    .update(JSON.stringify(value ?? null))
    .digest('base64url')
    .slice(0, 22);
}

export type LaneEventOutcome = 'ignored' | 'written' | 'unchanged' | 'failed';

/**
 * Projects known to have no lanes, with when that was read. Only "no" is cached: a project gets
 * lanes through a settings save, which queues a relabel of all its issues, so an event skipped
 * during the cache's minute is covered by that job. A project never loses its lanes (the
 * settings always keep the run lane).
 */
const NO_LANES_TTL_MS = 60_000;
const noLanes = new Map<string, number>();

export function clearLaneCache(): void {
  noLanes.clear();
}

const HasLanesSchema = lazySchema(() => z.object({ at: z.string() }));

async function hasLanes(deps: CapacityEnforcementDeps, projectId: string): Promise<boolean> {
  const seen = noLanes.get(projectId);
  if (seen !== undefined && Date.now() - seen < NO_LANES_TTL_MS) return false;
  const marker = await deps.store.get(ENFORCEMENT_KEYS.hasLanes(projectId), HasLanesSchema);
  if (marker) {
    noLanes.delete(projectId);
    return true;
  }
  noLanes.set(projectId, Date.now());
  return false;
}

export function createLaneEventHandler(
  deps: CapacityEnforcementDeps = defaultCapacityDeps
): (event: unknown) => Promise<LaneEventOutcome> {
  return async (event) => {
    const parsed = IssueEventSchema.safeParse(event);
    if (!parsed.success || !touchesLane(parsed.data)) return 'ignored';
    const { issue } = parsed.data;
    const projectId = issue.fields?.project?.id;
    try {
      if (!projectId || !(await hasLanes(deps, projectId))) return 'ignored';
      return await refreshLaneCopy(projectId, issue.id, deps);
    } catch (error) {
      // The copy is only for search; the next event or the next relabel run puts it right.
      deps.log(`issue ${issue.id}: could not update the tandemLane property`, error);
      return 'failed';
    }
  };
}

/**
 * Brings one issue's `tandemLane` copy in line with the project's settings and overrides (the
 * trigger after an edit, the card move after an override). Writes only when the copy differs.
 */
export async function refreshLaneCopy(
  projectId: string,
  issueId: string,
  deps: CapacityEnforcementDeps = defaultCapacityDeps
): Promise<Exclude<LaneEventOutcome, 'failed'>> {
  const issue = { id: issueId };
  const lanes = await deps.lanes.load(projectId, issue.id);
  if (!lanes) return 'ignored';
  const jira = deps.jira();
  const current = await jira.laneIssue(issue.id, LANE_PROPERTY_KEY);
  // Deleted since the event, or moved to another project (that project's event relabels it).
  if (!current || current.projectId !== projectId) return 'ignored';
  const wanted = lanePropertyOf(current, lanes);
  if (sameLaneProperty(current.property, wanted)) return 'unchanged';
  // Jira delivers an event more than once and sometimes several at a time: every delivery
  // that saw the same old copy would write the same new one. One claim per (issue, old copy,
  // new copy) lets exactly one of them write; a later change has another old copy, so it
  // gets its own claim.
  const claim = ENFORCEMENT_KEYS.writeClaim(
    issue.id,
    digest(current.property),
    `${wanted.lane}.${wanted.kind}`
  );
  if (!(await deps.store.setIfAbsent(claim, { at: deps.now().toISOString() }, CLAIM_TTL_SECONDS)))
    return 'unchanged';
  try {
    await jira.setIssueProperty(issue.id, LANE_PROPERTY_KEY, wanted);
  } catch (error) {
    await deps.store.delete(claim).catch(() => undefined);
    throw error;
  }
  return 'written';
}
