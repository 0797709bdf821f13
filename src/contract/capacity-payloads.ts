import { z } from 'zod';
// Type-only: the domain's settings schema parses `settings` afterwards, so its errors name the
// path inside the settings (`people[2].shares`, `timeOff[0]`, `lanes[1].name`).
import type { CapacitySettingsInput, PersonInput, TimeOffInput } from '../capacity/domain/settings';
import { lazySchema } from './lazy-schema';

/**
 * The capacity resolvers' payload schemas, parsed at the boundary (docs/architecture.md). The
 * payload types the UI sends are inferred from them; static/ imports this module for types only.
 */

const projectId = lazySchema(() => z.string().regex(/^[0-9]{1,18}$/, 'must be a numeric Jira project id'));
const issueId = lazySchema(() => z.string().regex(/^[0-9]{1,18}$/, 'must be a numeric Jira issue id'));
const laneId = lazySchema(() =>
  z
    .string()
    .min(1)
    .max(64)
    .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'must be a lane id (lower-case letters, digits and dashes)')
);
const accountId = lazySchema(() => z.string().min(1).max(128));
const required = lazySchema(() => z.unknown().refine((value) => value !== undefined, 'is required'));

export const ProjectPayloadSchema = lazySchema(() => z.strictObject({ projectId }));

/** The page's `snapshot`: what the board was built from, so Jira need not be read again. */
const snapshot = lazySchema(() => z.uuid('must be the snapshot id the page answered').optional());

export const CellPayloadSchema = lazySchema(() =>
  z.strictObject({
    projectId,
    laneId,
    column: z.enum(['todo', 'inProgress', 'done']),
    offset: z.number().int().min(0).max(100_000),
    snapshot
  })
);

/** `laneId: null` removes the card's override: its lane comes from the rules again. */
export const MovePayloadSchema = lazySchema(() =>
  z.strictObject({ projectId, issueId, laneId: laneId.nullable(), snapshot })
);

/** What-if changes; shares, hours and time off are then checked by the domain as a save would be. */
const WhatIfChangeSchema = lazySchema(() =>
  z.discriminatedUnion('kind', [
    z.strictObject({ kind: z.literal('setShare'), accountId, laneId, share: z.number().min(0).max(1) }),
    z.strictObject({
      kind: z.literal('setHoursPerWeek'),
      accountId,
      hoursPerWeek: z.number().min(0).max(80)
    }),
    z.strictObject({ kind: z.literal('addTimeOff'), entry: required }),
    z.strictObject({ kind: z.literal('removeTimeOff'), index: z.number().int().min(0).max(10_000) }),
    z.strictObject({ kind: z.literal('addPerson'), person: required }),
    z.strictObject({
      kind: z.literal('dropIssues'),
      laneId,
      issueIds: z.array(issueId).max(1000).optional()
    })
  ])
);

export const WhatIfPayloadSchema = lazySchema(() =>
  z.strictObject({
    projectId,
    changes: z.array(WhatIfChangeSchema).min(1).max(50)
  })
);

/** `basedOn`: the version the editor started from (null before the first save); a newer one → CONFLICT. */
export const SettingsSavePayloadSchema = lazySchema(() =>
  z.strictObject({
    projectId,
    settings: required,
    basedOn: z.string().min(1).max(100).nullable()
  })
);

/** A person's own time off: the caller's entries replace theirs; nobody else's are touched. */
export const TimeOffSavePayloadSchema = lazySchema(() =>
  z.strictObject({
    projectId,
    entries: z.array(required).max(500),
    basedOn: z.string().min(1).max(100).nullable()
  })
);

export const UserSearchPayloadSchema = lazySchema(() =>
  z.strictObject({
    projectId,
    query: z.string().trim().min(1, 'is empty').max(100)
  })
);

export type ProjectPayload = z.infer<typeof ProjectPayloadSchema>;
export type CellPayload = z.infer<typeof CellPayloadSchema>;
export type MovePayload = z.infer<typeof MovePayloadSchema>;
type WhatIfChangePayload = z.infer<typeof WhatIfChangeSchema>;
/** The typed form of a change the UI sends (the schema leaves nested entries to the domain). */
export type WhatIfChangeInput =
  | Exclude<WhatIfChangePayload, { kind: 'addTimeOff' } | { kind: 'addPerson' }>
  | { kind: 'addTimeOff'; entry: TimeOffInput }
  | { kind: 'addPerson'; person: PersonInput };
export type WhatIfPayload = { projectId: string; changes: WhatIfChangeInput[] };
export type SettingsSavePayload = Omit<z.infer<typeof SettingsSavePayloadSchema>, 'settings'> & {
  settings: CapacitySettingsInput;
};
export type TimeOffSavePayload = Omit<z.infer<typeof TimeOffSavePayloadSchema>, 'entries'> & {
  entries: TimeOffInput[];
};
export type UserSearchPayload = z.infer<typeof UserSearchPayloadSchema>;
