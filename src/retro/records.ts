import { z } from 'zod';
import { RETRO_PHASES } from './domain/model';
import type { ActionRecord } from './domain/actions';
import type { CardRecord, VoteRecord } from './domain/board';
import type { RetroState } from './domain/phases';
import { lazySchema } from '../contract/lazy-schema';

/**
 * What the retro keeps in KVS, per page and macro instance: its state (phase, facilitators), one
 * record per card, one per vote and one per action. Records are parsed on the way out, so a record
 * written by an older version cannot crash a resolver.
 */

const phase = lazySchema(() => z.enum(RETRO_PHASES));

export const StateSchema: z.ZodType<RetroState> = lazySchema(() =>
  z.object({
    phase,
    facilitators: z.array(z.string()).min(1),
    version: z.number().int().min(1),
    history: z.array(z.object({ from: phase, to: phase, by: z.string(), at: z.string() }))
  })
);

export const CardSchema: z.ZodType<CardRecord> = lazySchema(() =>
  z.object({
    id: z.string(),
    column: z.string(),
    text: z.string(),
    author: z.string(),
    createdAt: z.string(),
    groupId: z.string().nullable(),
    repetitive: z.boolean().optional()
  })
);

export const VoteSchema: z.ZodType<VoteRecord> = lazySchema(() =>
  z.object({
    voter: z.string(),
    slot: z.number().int().min(0),
    cardId: z.string()
  })
);

export const ActionSchema: z.ZodType<ActionRecord> = lazySchema(() =>
  z.object({
    id: z.string(),
    issueId: z.string(),
    issueKey: z.string(),
    summary: z.string(),
    owner: z.string(),
    due: z.string(),
    cardId: z.string().nullable(),
    createdBy: z.string(),
    createdAt: z.string()
  })
);

export const ClaimSchema = lazySchema(() => z.object({ by: z.string(), at: z.string() }));

/** Headroom left for a record's envelope when checking a value against KVS's 240 KiB. */
export const RECORD_HEADROOM_BYTES = 1024;

/** The key parts below a macro instance's own prefix (macroStorageKey adds page and macro). */
export const PARTS = {
  state: ['state'],
  /** Claimed (write-if-absent) before state version n is written: two facilitators cannot both win. */
  claim: (version: number) => ['claim', String(version).padStart(8, '0')],
  card: (id: string) => ['card', id],
  cards: ['card'],
  vote: (voter: string, slot: number) => ['vote', voter, String(slot).padStart(3, '0')],
  votes: ['vote'],
  votesOf: (voter: string) => ['vote', voter],
  action: (id: string) => ['action', id],
  actions: ['action']
} as const;
