import { BULK_FETCH_MAX, type JiraBulkIssue, type JiraClient, type JiraField } from '../platform/jira';
import type { Store } from '../platform/store';
import { ItemRecordSchema, KEYS as PROVISIONING_KEYS } from '../issue-types/records';
import { addDays, dayOrNull, fromDay, type IsoDate } from './domain/calendar';
import type { CapacityIssue, StatusCategory } from './domain/issues';
import type { CapacitySettings } from './domain/settings';

/**
 * What the board reads from Jira, in as few calls as the platform allows: the ids of the project's
 * open and recently resolved issues in rank order (one search call answers up to 5000), then only
 * the fields the board needs, 100 issues per bulk fetch, several fetches at once.
 */

/** Resolved issues older than this feed neither the board's done column nor Monte Carlo (rule 12). */
export const HISTORY_DAYS = 12 * 7;
/** Bulk fetches in flight at once: 100 calls at 150 ms take 1.5 s instead of 15 s. */
export const FETCH_CONCURRENCY = 10;

const STORY_POINT_NAMES = ['story points', 'story point estimate'];
const TARGET_DATE_NAMES = [
  'target launch date',
  'date de lancement visée',
  'tandem target launch date',
  'date de lancement visée tandem'
];

/** The JQL of the board: open work, and what was resolved in the last 12 weeks, in Jira rank order. */
export function boardJql(projectId: string, today: IsoDate): string {
  if (!/^[0-9]{1,18}$/.test(projectId)) throw new RangeError('not a project id');
  return `project = ${projectId} AND (statusCategory != Done OR resolved >= "${addDays(today, -HISTORY_DAYS)}") ORDER BY Rank ASC`;
}

/**
 * Field ids found once per invocation: the field list is read at most once, and only when a name
 * has to be looked up.
 */
export class FieldIds {
  private fields: Promise<JiraField[]> | undefined;

  constructor(
    private readonly jira: JiraClient,
    private readonly store: Store
  ) {}

  private list(): Promise<JiraField[]> {
    this.fields ??= this.jira.listFields();
    return this.fields;
  }

  private async byName(names: readonly string[]): Promise<string | null> {
    const fields = await this.list();
    for (const name of names) {
      const hit = fields.find((f) => f.name.trim().toLowerCase() === name);
      if (hit) return hit.id;
    }
    return null;
  }

  /** Only projects counting in story points need the field; time tracking costs no call. */
  async storyPoints(settings: CapacitySettings): Promise<string | null> {
    return settings.estimate.unit === 'storyPoints' ? this.byName(STORY_POINT_NAMES) : null;
  }

  /** The id provisioning recorded for Target Launch Date, else the field of that name. */
  async targetLaunchDate(): Promise<string | null> {
    const record = await this.store.get(
      PROVISIONING_KEYS.item('field', 'target-launch-date'),
      ItemRecordSchema
    );
    if (record?.jiraId && (record.state === 'created' || record.state === 'adopted')) return record.jiraId;
    return this.byName(TARGET_DATE_NAMES);
  }
}

const CATEGORIES: ReadonlySet<string> = new Set(['new', 'indeterminate', 'done']);

type Fields = Record<string, unknown>;
const obj = (value: unknown): Fields | null =>
  typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Fields) : null;
const str = (value: unknown): string | null => (typeof value === 'string' ? value : null);
const num = (value: unknown): number | null =>
  typeof value === 'number' && Number.isFinite(value) ? value : null;

/** A date field read by its date part; anything unreadable is no date rather than a failed page. */
function dateOf(value: unknown): IsoDate | null {
  const day = dayOrNull(str(value));
  return day === null ? null : fromDay(day);
}

/** One bulk-fetched issue as the capacity domain reads it. */
export function toCapacityIssue(
  issue: JiraBulkIssue,
  rank: number,
  ids: { storyPoints: string | null; targetDate: string | null }
): CapacityIssue {
  const f = issue.fields ?? {};
  const type = obj(f.issuetype);
  const category = str(obj(obj(f.status)?.statusCategory)?.key);
  const assignee = obj(f.assignee);
  const parent = obj(f.parent);
  const assigneeId = str(assignee?.accountId);
  return {
    id: issue.id,
    key: issue.key,
    summary: str(f.summary) ?? '',
    type: str(type?.name) ?? '',
    statusCategory: (category !== null && CATEGORIES.has(category) ? category : 'new') as StatusCategory,
    rank,
    assignee:
      assigneeId === null
        ? null
        : {
            accountId: assigneeId,
            // No avatar URL: cards show initials (Card.tsx says why), so 2,000 cards do not carry
            // 2,000 URLs to the browser and into the board's snapshot.
            displayName: str(assignee?.displayName) ?? assigneeId
          },
    remainingEstimateSeconds: num(f.timeestimate),
    originalEstimateSeconds: num(f.timeoriginalestimate),
    storyPoints: ids.storyPoints ? num(f[ids.storyPoints]) : null,
    targetDate: ids.targetDate ? dateOf(f[ids.targetDate]) : null,
    resolutionDate: dateOf(f.resolutiondate),
    // A sub-task's parent is its story, not an epic.
    epicKey: type?.subtask === true ? null : str(parent?.key),
    labels: Array.isArray(f.labels) ? f.labels.filter((l): l is string => typeof l === 'string') : [],
    components: Array.isArray(f.components)
      ? f.components.map((c) => str(obj(c)?.name)).filter((c): c is string => c !== null)
      : []
  };
}

async function inBatches<T, R>(
  items: readonly T[],
  concurrency: number,
  run: (item: T) => Promise<R>
): Promise<R[]> {
  const results: R[] = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await run(items[index] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker));
  return results;
}

/**
 * The project's issues as the caller sees them (asUser: issues they cannot browse stay out), in
 * Jira rank order. REST calls: one field list at most, ceil(n / 5000) searches, ceil(n / 100) fetches.
 */
export async function readProjectIssues(
  jira: JiraClient,
  fieldIds: FieldIds,
  input: { projectId: string; today: IsoDate; settings: CapacitySettings }
): Promise<CapacityIssue[]> {
  const [ids, storyPoints, targetDate] = await Promise.all([
    jira.searchIssueIds(boardJql(input.projectId, input.today)),
    fieldIds.storyPoints(input.settings),
    fieldIds.targetLaunchDate()
  ]);
  const fields = [
    'summary',
    'issuetype',
    'status',
    'assignee',
    'timeestimate',
    'timeoriginalestimate',
    'resolutiondate',
    'parent',
    'labels',
    'components',
    ...(storyPoints ? [storyPoints] : []),
    ...(targetDate ? [targetDate] : [])
  ];
  const batches: string[][] = [];
  for (let i = 0; i < ids.length; i += BULK_FETCH_MAX) batches.push(ids.slice(i, i + BULK_FETCH_MAX));
  const fetched = (
    await inBatches(batches, FETCH_CONCURRENCY, (batch) => jira.bulkFetchIssues(batch, fields))
  ).flat();
  const byId = new Map(fetched.map((issue) => [issue.id, issue]));
  const out: CapacityIssue[] = [];
  ids.forEach((id, rank) => {
    const issue = byId.get(id);
    if (issue) out.push(toCapacityIssue(issue, rank, { storyPoints, targetDate }));
  });
  return out;
}
