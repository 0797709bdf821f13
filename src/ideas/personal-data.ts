import { storageKey } from '../platform/store';

/**
 * The idea backlog's records in the personal-data registry (src/privacy/sources.ts): who voted,
 * added evidence, decided, created an experiment or recorded an outcome. A closed account's vote
 * is deleted (a vote is only that person's); elsewhere its id is replaced by its pseudonym, so
 * the backlog's history stays readable. Structural types, so this module needs nothing from
 * src/privacy (no import cycle).
 */

type Rec = Record<string, unknown>;
interface Mention {
  accountId: string;
  at?: string;
}
interface Ctx {
  closed: ReadonlySet<string>;
  pseudonym: (accountId: string) => string;
}

/** The account field of each record kind, and its time. */
const PEOPLE: Record<string, { who: string; at: string }> = {
  vote: { who: 'accountId', at: 'at' },
  evidence: { who: 'addedBy', at: 'addedAt' },
  decision: { who: 'by', at: 'at' },
  experiment: { who: 'createdBy', at: 'createdAt' },
  outcome: { who: 'by', at: 'at' }
};

function fieldsOf(value: Rec): { who: string; at: string } | undefined {
  return typeof value.t === 'string' ? PEOPLE[value.t] : undefined;
}

export const IDEAS_PERSONAL_DATA_SOURCE = {
  name: 'idea backlog votes, evidence, decisions, experiments and outcomes',
  prefix: `${storageKey('macro', 'ideas')}:`,
  mentions(_key: string, value: Rec): Mention[] {
    const f = fieldsOf(value);
    const id = f ? value[f.who] : undefined;
    if (!f || typeof id !== 'string' || id === '') return [];
    const at = value[f.at];
    return [{ accountId: id, ...(typeof at === 'string' ? { at } : {}) }];
  },
  erase(_key: string, value: Rec, ctx: Ctx): Rec | 'delete' | null {
    const f = fieldsOf(value);
    const id = f ? value[f.who] : undefined;
    if (!f || typeof id !== 'string' || !ctx.closed.has(id)) return null;
    if (value.t === 'vote') return 'delete';
    return { ...value, [f.who]: ctx.pseudonym(id) };
  }
};
