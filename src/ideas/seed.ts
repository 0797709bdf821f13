import { z } from 'zod';
import type { MacroInstance } from '../platform/macro';
import { DECISIONS } from './domain/review';
import { EVIDENCE_KINDS, safeLink } from './domain/evidence';
import { KEYS, type IdeaRecord } from './records';
import { lazySchema } from '../contract/lazy-schema';

/**
 * The idea backlog's records as a preview seed describes them (`app.ideas`), turned into the keys
 * and records the app itself writes: a demo page can open on a backlog that was already reviewed,
 * with votes, evidence, an experiment and its outcome. Issues are named by key; the loader gives
 * their ids.
 */

const issueKey = lazySchema(() =>
  z.string().regex(/^[A-Z][A-Z0-9]{1,9}-[1-9][0-9]*$/, 'an issue key such as "MKT-12"')
);
const at = lazySchema(() => z.string().refine((v) => !Number.isNaN(Date.parse(v)), 'an ISO date-time'));
const by = lazySchema(() => z.string().min(1).max(128));

const entry = lazySchema(() =>
  z.discriminatedUnion('t', [
    z.strictObject({ t: z.literal('vote'), issue: issueKey, by, at }),
    z.strictObject({
      t: z.literal('evidence'),
      issue: issueKey,
      id: z.string().regex(/^[a-z0-9-]{8,64}$/),
      kind: z.enum(EVIDENCE_KINDS),
      url: z
        .string()
        .refine((u) => safeLink(u) !== null, 'an http(s) link')
        .optional(),
      snippet: z.string().min(1).max(2000).optional(),
      by,
      at
    }),
    z.strictObject({
      t: z.literal('decision'),
      issue: issueKey,
      decision: z.enum(DECISIONS),
      note: z.string().max(1000).default(''),
      by,
      at
    }),
    z.strictObject({
      t: z.literal('experiment'),
      issue: issueKey,
      experiment: issueKey,
      hypothesis: z.string().min(1),
      successMetric: z.string().min(1),
      stopDate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
      by,
      at
    }),
    z.strictObject({
      t: z.literal('outcome'),
      issue: issueKey,
      met: z.boolean(),
      lesson: z.string().min(1),
      by,
      at
    })
  ])
);

export const IdeasSeedSchema = lazySchema(() =>
  z.array(
    z.strictObject({
      pageId: z.string().regex(/^[0-9]{1,18}$/),
      localId: z.string().regex(/^[A-Za-z0-9_-]{1,128}$/),
      records: z.array(entry)
    })
  )
);
export type IdeasSeed = z.infer<typeof IdeasSeedSchema>;

/** Keys and records to write; `issueIdOf` answers a key's id (and throws for an unknown key). */
export function ideaSeedRecords(
  seed: IdeasSeed,
  issueIdOf: (key: string) => string
): Array<{ key: string; value: IdeaRecord }> {
  const out: Array<{ key: string; value: IdeaRecord }> = [];
  for (const instance of seed) {
    const inst: Pick<MacroInstance, 'pageId' | 'localId'> = {
      pageId: instance.pageId,
      localId: instance.localId
    };
    instance.records.forEach((r, n) => {
      const issueId = issueIdOf(r.issue);
      const when = new Date(r.at).toISOString();
      switch (r.t) {
        case 'vote':
          out.push({ key: KEYS.vote(inst, issueId, r.by), value: { t: 'vote', accountId: r.by, at: when } });
          break;
        case 'evidence':
          out.push({
            key: KEYS.evidence(inst, issueId, r.id),
            value: {
              t: 'evidence',
              id: r.id,
              kind: r.kind,
              url: r.url ? safeLink(r.url) : null,
              snippet: r.url ? null : (r.snippet ?? ''),
              addedBy: r.by,
              addedAt: when
            }
          });
          break;
        case 'decision': {
          const id = `${when.replace(/[^0-9]/g, '')}-seed${String(n).padStart(4, '0')}`;
          out.push({
            key: KEYS.decision(inst, issueId, id),
            value: { t: 'decision', id, decision: r.decision, at: when, by: r.by, note: r.note }
          });
          break;
        }
        case 'experiment':
          out.push({
            key: KEYS.experiment(inst, issueId),
            value: {
              t: 'experiment',
              issueId: issueIdOf(r.experiment),
              issueKey: r.experiment,
              hypothesis: r.hypothesis,
              successMetric: r.successMetric,
              stopDate: r.stopDate,
              createdAt: when,
              createdBy: r.by
            }
          });
          break;
        case 'outcome':
          out.push({
            key: KEYS.outcome(inst, issueId),
            value: { t: 'outcome', met: r.met, lesson: r.lesson, at: when, by: r.by }
          });
          break;
      }
    });
  }
  return out;
}
