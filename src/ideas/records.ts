import { z } from 'zod';
import { macroStorageKey, type MacroInstance } from '../platform/macro';
import type { Store } from '../platform/store';
import { EMPTY_RECORDS, type IdeaRecords } from './domain/backlog';
import { DECISIONS } from './domain/review';
import { EVIDENCE_KINDS } from './domain/evidence';
import { lazySchema } from '../contract/lazy-schema';

/**
 * What the idea backlog keeps in KVS, per page and macro instance (docs/architecture.md rule 6).
 * One record per vote, evidence item and decision (keys from macroStorageKey), so two people
 * voting or adding evidence at the same moment write different keys and both land; the
 * experiment and its outcome are one record per idea, written with the decision they come with
 * in one transaction.
 */

type Instance = Pick<MacroInstance, 'pageId' | 'localId'>;

export const KEYS = {
  /** Every record of the instance: one prefix query reads the whole backlog's state. */
  prefix: (inst: Instance) => macroStorageKey('ideas', inst, ''),
  ideaPrefix: (inst: Instance, issueId: string) => `${macroStorageKey('ideas', inst, issueId, '')}`,
  vote: (inst: Instance, issueId: string, accountId: string) =>
    macroStorageKey('ideas', inst, issueId, 'vote', accountId),
  evidence: (inst: Instance, issueId: string, evidenceId: string) =>
    macroStorageKey('ideas', inst, issueId, 'evidence', evidenceId),
  decision: (inst: Instance, issueId: string, decisionId: string) =>
    macroStorageKey('ideas', inst, issueId, 'decision', decisionId),
  experiment: (inst: Instance, issueId: string) => macroStorageKey('ideas', inst, issueId, 'experiment'),
  outcome: (inst: Instance, issueId: string) => macroStorageKey('ideas', inst, issueId, 'outcome')
};

const iso = lazySchema(() =>
  z.string().refine((value) => !Number.isNaN(Date.parse(value)), 'must be a date-time')
);

export const VoteRecordSchema = lazySchema(() =>
  z.object({ t: z.literal('vote'), accountId: z.string(), at: iso })
);
export const EvidenceRecordSchema = lazySchema(() =>
  z.object({
    t: z.literal('evidence'),
    id: z.string(),
    kind: z.enum(EVIDENCE_KINDS),
    url: z.string().nullable(),
    snippet: z.string().nullable(),
    addedBy: z.string(),
    addedAt: iso
  })
);
export const DecisionRecordSchema = lazySchema(() =>
  z.object({
    t: z.literal('decision'),
    id: z.string(),
    decision: z.enum(DECISIONS),
    at: iso,
    by: z.string(),
    note: z.string()
  })
);
export const ExperimentRecordSchema = lazySchema(() =>
  z.object({
    t: z.literal('experiment'),
    issueId: z.string(),
    issueKey: z.string(),
    hypothesis: z.string(),
    successMetric: z.string(),
    stopDate: z.string(),
    createdAt: iso,
    createdBy: z.string()
  })
);
export const OutcomeRecordSchema = lazySchema(() =>
  z.object({
    t: z.literal('outcome'),
    met: z.boolean(),
    lesson: z.string(),
    at: iso,
    by: z.string()
  })
);

export const IdeaRecordSchema = lazySchema(() =>
  z.discriminatedUnion('t', [
    VoteRecordSchema,
    EvidenceRecordSchema,
    DecisionRecordSchema,
    ExperimentRecordSchema,
    OutcomeRecordSchema
  ])
);
export type IdeaRecord = z.infer<typeof IdeaRecordSchema>;
export type DecisionRecordStored = z.infer<typeof DecisionRecordSchema>;

/** Room left in a value for the record's own fields around the user's text (requireStorable). */
export const RECORD_HEADROOM_BYTES = 2048;

/** An instance's records never exceed this: votes and evidence per idea are bounded, ideas too. */
export const MAX_RECORDS = 50_000;

/** The issue id a record's key belongs to (the segment after the instance's prefix). */
function issueIdOfKey(prefix: string, key: string): string | null {
  if (!key.startsWith(prefix)) return null;
  const rest = key.slice(prefix.length);
  const id = rest.split(':')[0] ?? '';
  return /^[0-9]{1,18}$/.test(id) ? id : null;
}

export interface LoadedRecords {
  byIssue: Map<string, IdeaRecords>;
  /** Stored keys of decisions per issue, for retention. */
  decisionKeys: Map<string, Array<{ key: string; at: string }>>;
}

function group(prefix: string, items: Array<{ key: string; value: IdeaRecord }>): LoadedRecords {
  const byIssue = new Map<string, IdeaRecords>();
  const decisionKeys = new Map<string, Array<{ key: string; at: string }>>();
  for (const { key, value } of items) {
    const issueId = issueIdOfKey(prefix, key);
    if (!issueId) continue;
    const records = byIssue.get(issueId) ?? {
      ...EMPTY_RECORDS,
      votes: [],
      evidence: [],
      decisions: []
    };
    switch (value.t) {
      case 'vote':
        records.votes.push(value.accountId);
        break;
      case 'evidence':
        records.evidence.push({
          id: value.id,
          kind: value.kind,
          url: value.url,
          snippet: value.snippet,
          addedBy: value.addedBy,
          addedAt: value.addedAt
        });
        break;
      case 'decision':
        records.decisions.push({ decision: value.decision, at: value.at, by: value.by, note: value.note });
        decisionKeys.set(issueId, [...(decisionKeys.get(issueId) ?? []), { key, at: value.at }]);
        break;
      case 'experiment': {
        const { t: _t, ...experiment } = value;
        records.experiment = experiment;
        break;
      }
      case 'outcome': {
        const { t: _t, ...outcome } = value;
        records.outcome = outcome;
        break;
      }
    }
    byIssue.set(issueId, records);
  }
  return { byIssue, decisionKeys };
}

export async function loadInstanceRecords(store: Store, inst: Instance): Promise<LoadedRecords> {
  const prefix = KEYS.prefix(inst);
  return group(prefix, await store.listByPrefix(prefix, IdeaRecordSchema, MAX_RECORDS));
}

export async function loadIdeaRecords(
  store: Store,
  inst: Instance,
  issueId: string
): Promise<{ records: IdeaRecords; decisionKeys: Array<{ key: string; at: string }> }> {
  const prefix = KEYS.prefix(inst);
  const loaded = group(
    prefix,
    await store.listByPrefix(KEYS.ideaPrefix(inst, issueId), IdeaRecordSchema, MAX_RECORDS)
  );
  return {
    records: loaded.byIssue.get(issueId) ?? { ...EMPTY_RECORDS },
    decisionKeys: loaded.decisionKeys.get(issueId) ?? []
  };
}
