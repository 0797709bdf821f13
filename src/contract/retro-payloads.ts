import { z } from 'zod';
import { lazySchema } from './lazy-schema';

/**
 * The retrospective macro's payload schemas, parsed at the boundary (docs/architecture.md rule 4).
 * No payload names the page or the macro: which retro a call is about comes from Forge's context
 * (the macro instance the frame belongs to), never from what the browser sends.
 */

const recordId = lazySchema(() =>
  z
    .string()
    .regex(/^[a-z0-9-]{8,64}$/, 'must be an id this retro gave (lower-case letters, digits and dashes)')
);
const columnId = lazySchema(() =>
  z.string().regex(/^[a-z0-9-]{1,32}$/, 'must be one of the retro’s column ids')
);
const accountId = lazySchema(() =>
  z.string().regex(/^[a-zA-Z0-9:_-]{1,128}$/, 'must be an Atlassian account id')
);
const isoDate = lazySchema(() =>
  z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date written YYYY-MM-DD')
);
const cardText = lazySchema(() =>
  z.string().trim().min(1, 'is empty').max(500, 'is longer than 500 characters')
);

export const EmptyPayloadSchema = lazySchema(() => z.strictObject({}));

/** The configuration dialog checks what it is about to submit (and its author becomes facilitator). */
export const ConfigurePayloadSchema = lazySchema(() =>
  z.strictObject({ config: z.record(z.string(), z.unknown()) })
);

export const AddCardPayloadSchema = lazySchema(() =>
  z.strictObject({
    column: columnId,
    text: cardText,
    /** Energy audit: the kind of work recurs. */
    repetitive: z.boolean().optional()
  })
);

export const EditCardPayloadSchema = lazySchema(() => z.strictObject({ cardId: recordId, text: cardText }));

export const CardPayloadSchema = lazySchema(() => z.strictObject({ cardId: recordId }));

/** Group phase: to another column, and/or under a lead card (`into: null` takes it out of its group). */
export const MoveCardPayloadSchema = lazySchema(() =>
  z
    .strictObject({ cardId: recordId, column: columnId.optional(), into: recordId.nullable().optional() })
    .refine((p) => p.column !== undefined || p.into !== undefined, {
      message: 'says neither where nor under which card to move it',
      path: ['column']
    })
);

export const SetPhasePayloadSchema = lazySchema(() =>
  z.strictObject({
    phase: z.enum(['review', 'add', 'group', 'vote', 'discuss', 'done']),
    /** The version the facilitator saw: a move based on an older one is refused (CONFLICT). */
    basedOn: z.number().int().min(1)
  })
);

export const SetFacilitatorsPayloadSchema = lazySchema(() =>
  z.strictObject({
    accountIds: z.array(accountId).min(1, 'needs at least one facilitator').max(10),
    basedOn: z.number().int().min(1)
  })
);

export const CreateActionPayloadSchema = lazySchema(() =>
  z.strictObject({
    /** The card it comes from; null for an action raised in the discussion. */
    cardId: recordId.nullable(),
    summary: z.string().trim().min(1, 'is empty').max(255, 'is longer than 255 characters'),
    owner: accountId.nullable(),
    /** Null: the next retro's date. */
    due: isoDate.nullable()
  })
);

export const UserSearchPayloadSchema = lazySchema(() =>
  z.strictObject({
    query: z.string().trim().min(1, 'is empty').max(100)
  })
);

export type ConfigurePayload = z.infer<typeof ConfigurePayloadSchema>;
export type AddCardPayload = z.infer<typeof AddCardPayloadSchema>;
export type EditCardPayload = z.infer<typeof EditCardPayloadSchema>;
export type CardPayload = z.infer<typeof CardPayloadSchema>;
export type MoveCardPayload = z.infer<typeof MoveCardPayloadSchema>;
export type SetPhasePayload = z.infer<typeof SetPhasePayloadSchema>;
export type SetFacilitatorsPayload = z.infer<typeof SetFacilitatorsPayloadSchema>;
export type CreateActionPayload = z.infer<typeof CreateActionPayloadSchema>;
export type RetroUserSearchPayload = z.infer<typeof UserSearchPayloadSchema>;
