import { FIELDS, ISSUE_TYPES } from '../issue-types/domain/catalogue';
import { ItemRecordSchema, KEYS as PROVISIONING_KEYS } from '../issue-types/records';
import { InvalidInputError, PlatformError } from '../platform/errors';
import { BULK_FETCH_MAX, type JiraBulkIssue, type JiraClient, type JiraField } from '../platform/jira';
import type { Store } from '../platform/store';
import type { IdeaIssue, ExperimentIssueState } from './domain/backlog';
import { SCORE_INPUTS, type ScoreInput, type ScoreInputs } from './domain/scoring';
import type { StatusCategory } from './domain/stages';

/**
 * What the backlog reads from Jira, as the caller (issues they cannot browse stay out): the ids
 * of the backlog's issues (one search), then only the fields the backlog needs, 100 per bulk
 * fetch, several at once. Field and type ids come from provisioning's records, else from the
 * catalogue's names in English or French (a site whose admin has not run the set-up yet).
 */

/** A backlog is a working list, not an archive: the newest ideas up to this many. */
export const MAX_IDEAS = 500;
const FETCH_CONCURRENCY = 5;

type CatalogueKey = 'hypothesis' | 'success-metric' | 'stop-date' | ScoreInput;

export class IdeaFieldIds {
  private fields: Promise<JiraField[]> | undefined;
  private readonly cache = new Map<string, Promise<string | null>>();

  constructor(
    private readonly jira: JiraClient,
    private readonly store: Store
  ) {}

  private list(): Promise<JiraField[]> {
    this.fields ??= this.jira.listFields();
    return this.fields;
  }

  private async lookup(key: CatalogueKey): Promise<string | null> {
    const record = await this.store.get(PROVISIONING_KEYS.item('field', key), ItemRecordSchema);
    if (record?.jiraId && (record.state === 'created' || record.state === 'adopted')) return record.jiraId;
    const spec = FIELDS.find((f) => f.key === key);
    if (!spec) return null;
    const names = [spec.names.en, spec.names.fr, spec.fallbackNames.en, spec.fallbackNames.fr].map((n) =>
      n.trim().toLowerCase()
    );
    const fields = await this.list();
    for (const name of names) {
      const hit = fields.find((f) => f.custom !== false && f.name.trim().toLowerCase() === name);
      if (hit) return hit.id;
    }
    return null;
  }

  id(key: CatalogueKey): Promise<string | null> {
    let found = this.cache.get(key);
    if (!found) {
      found = this.lookup(key);
      this.cache.set(key, found);
    }
    return found;
  }

  async scoreFields(): Promise<Record<ScoreInput, string | null>> {
    const ids = await Promise.all(SCORE_INPUTS.map((input) => this.id(input)));
    return Object.fromEntries(SCORE_INPUTS.map((input, n) => [input, ids[n] ?? null])) as Record<
      ScoreInput,
      string | null
    >;
  }
}

/**
 * The project's issue type for a catalogue type ('strategic-idea', 'experiment'): the id
 * provisioning recorded when the project has it, else one of the catalogue's names.
 */
export async function issueTypeIn(
  store: Store,
  projectTypes: ReadonlyArray<{ id: string; name: string; subtask?: boolean }>,
  key: 'strategic-idea' | 'experiment'
): Promise<{ id: string; name: string } | null> {
  const record = await store.get(PROVISIONING_KEYS.item('issueType', key), ItemRecordSchema);
  const usable = projectTypes.filter((t) => t.subtask !== true);
  if (record?.jiraId) {
    const hit = usable.find((t) => t.id === record.jiraId);
    if (hit) return { id: hit.id, name: hit.name };
  }
  const spec = ISSUE_TYPES.find((t) => t.key === key);
  if (!spec) return null;
  const names = [spec.names.en, spec.names.fr].map((n) => n.toLowerCase());
  const hit = usable.find((t) => names.includes(t.name.trim().toLowerCase()));
  return hit ? { id: hit.id, name: hit.name } : null;
}

type Fields = Record<string, unknown>;
const obj = (value: unknown): Fields | null =>
  typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Fields) : null;
const str = (value: unknown): string | null => (typeof value === 'string' ? value : null);
/** Number fields arrive as numbers; a text field holding a number is read too, anything else is empty. */
const num = (value: unknown): number | null => {
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  if (typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value)))
    return Number(value);
  return null;
};
const category = (value: unknown): StatusCategory => {
  const key = str(obj(obj(value)?.statusCategory)?.key);
  return key === 'done' ? 'done' : key === 'indeterminate' ? 'indeterminate' : 'new';
};

export function toIdeaIssue(issue: JiraBulkIssue, scoreFields: Record<ScoreInput, string | null>): IdeaIssue {
  const f = issue.fields ?? {};
  const status = obj(f.status);
  const inputs = Object.fromEntries(
    SCORE_INPUTS.map((input) => {
      const id = scoreFields[input];
      return [input, id ? num(f[id]) : null];
    })
  ) as ScoreInputs;
  return {
    id: issue.id,
    key: issue.key,
    summary: str(f.summary) ?? '',
    status: { id: str(status?.id) ?? '', name: str(status?.name) ?? '', category: category(status) },
    statusChangedAt: str(f.statuscategorychangedate),
    labels: Array.isArray(f.labels) ? f.labels.filter((l): l is string => typeof l === 'string') : [],
    createdAt: str(f.created) ?? new Date(0).toISOString(),
    inputs
  };
}

async function inBatches<T, R>(items: readonly T[], run: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await run(items[index] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.min(FETCH_CONCURRENCY, items.length) }, worker));
  return results;
}

/** Fetches issues by id with the backlog's fields, in the order given. */
export async function fetchIdeas(
  jira: JiraClient,
  fieldIds: IdeaFieldIds,
  ids: readonly string[]
): Promise<IdeaIssue[]> {
  const scoreFields = await fieldIds.scoreFields();
  const fields = [
    'summary',
    'status',
    'labels',
    'created',
    'statuscategorychangedate',
    ...Object.values(scoreFields).filter((id): id is string => id !== null)
  ];
  const batches: string[][] = [];
  for (let i = 0; i < ids.length; i += BULK_FETCH_MAX) batches.push(ids.slice(i, i + BULK_FETCH_MAX));
  const fetched = (await inBatches(batches, (batch) => jira.bulkFetchIssues(batch, fields))).flat();
  const byId = new Map(fetched.map((issue) => [issue.id, issue]));
  return ids.flatMap((id) => {
    const issue = byId.get(id);
    return issue ? [toIdeaIssue(issue, scoreFields)] : [];
  });
}

/** The backlog's issue ids; a filter Jira refuses is the config's fault, named as such. */
export async function searchIdeaIds(jira: JiraClient, jql: string, limit = MAX_IDEAS): Promise<string[]> {
  try {
    return await jira.searchIssueIds(jql, limit);
  } catch (error) {
    if (error instanceof PlatformError && error.kind === 'bad-request')
      throw new InvalidInputError(
        `config.jql: Jira refused the backlog's filter (${error.message})`,
        'config.jql'
      );
    throw error;
  }
}

/** Status of the experiments made from ideas (one bulk fetch per 100). */
export async function experimentStates(
  jira: JiraClient,
  ids: readonly string[]
): Promise<Map<string, ExperimentIssueState>> {
  const out = new Map<string, ExperimentIssueState>();
  const batches: string[][] = [];
  for (let i = 0; i < ids.length; i += BULK_FETCH_MAX) batches.push(ids.slice(i, i + BULK_FETCH_MAX));
  const fetched = (await inBatches(batches, (batch) => jira.bulkFetchIssues(batch, ['status']))).flat();
  for (const issue of fetched) {
    const status = obj(issue.fields?.status);
    out.set(issue.id, { statusName: str(status?.name) ?? '', statusCategory: category(status) });
  }
  return out;
}
