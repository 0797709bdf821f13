import { z } from 'zod';
import { LANGUAGES } from './language';
import { lazySchema } from './lazy-schema';

/**
 * The provisioning resolvers' payload schemas (docs/architecture.md rule 4); the payload types
 * are inferred from them. static/ imports this module for types only.
 */

const NUMERIC_ID = /^[0-9]{1,18}$/;

export const OverviewPayloadSchema = lazySchema(() => z.strictObject({}));

export const ProjectsPayloadSchema = lazySchema(() =>
  z.strictObject({
    query: z.string().max(200).optional(),
    startAt: z.number().int().min(0).max(100000).optional()
  })
);

export const StartProvisioningPayloadSchema = lazySchema(() =>
  z.strictObject({
    language: z.enum(LANGUAGES),
    projectIds: z
      .array(z.string().regex(NUMERIC_ID, 'must be a numeric project id'))
      .max(100)
      .refine((ids) => new Set(ids).size === ids.length, 'must not repeat a project')
  })
);

export type ProjectsPayload = z.infer<typeof ProjectsPayloadSchema>;
export type StartProvisioningPayload = z.infer<typeof StartProvisioningPayloadSchema>;
