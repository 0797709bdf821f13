import type Resolver from '@forge/resolver';
import type { Request } from '@forge/resolver';
import type { z } from 'zod';
import {
  IDEAS_KEYS,
  type BacklogView,
  type ConfigOptions,
  type ExperimentCheck,
  type ExperimentCreated,
  type IdeaAnswer
} from '../contract/ideas';
import {
  CapturePayloadSchema,
  ConfigOptionsPayloadSchema,
  DecidePayloadSchema,
  EvidenceAddPayloadSchema,
  EvidenceRemovePayloadSchema,
  ExperimentPayloadSchema,
  OutcomePayloadSchema,
  ViewPayloadSchema,
  VotePayloadSchema
} from '../contract/ideas-payloads';
import type { Result } from '../contract/result';
import { RESOLVER_DEADLINE_MS, runWithDeadline } from '../platform/deadline';
import { InvalidInputError, toResolverError } from '../platform/errors';
import { assertLicensed } from '../platform/licence';
import { macroInstanceFrom, type MacroInstance } from '../platform/macro';
import { parsePayload, type CallerContext } from '../platform/resolvers';
import { forgeStore } from '../platform/store';
import {
  addEvidence,
  backlogView,
  capture,
  configOptions,
  decide,
  ideasDeps,
  removeEvidence,
  vote
} from './service';
import { experimentCheck, recordOutcome, turnIntoExperiment } from './experiment-service';

/** The caller, from Forge's context only (docs/architecture.md rule 5). */
export function callerOf(context: unknown): CallerContext {
  const c = (typeof context === 'object' && context !== null ? context : {}) as Record<string, unknown>;
  const accountId = c.accountId;
  if (typeof accountId !== 'string' || accountId.length === 0)
    throw new InvalidInputError('The call has no authenticated user');
  return {
    accountId,
    ...(typeof c.cloudId === 'string' ? { cloudId: c.cloudId } : {}),
    ...(typeof c.locale === 'string' ? { locale: c.locale } : {}),
    ...(typeof c.timezone === 'string' ? { timezone: c.timezone } : {})
  };
}

/**
 * defineResolver (src/platform/resolvers.ts) for a macro: the same licence and payload checks,
 * deadline and Result, plus the macro instance (page, local id, config) read from Forge's context.
 */
function defineMacroResolver<P, R>(
  resolver: Resolver,
  key: string,
  schema: z.ZodType<P>,
  handler: (payload: P, caller: CallerContext, instance: MacroInstance) => Promise<R>
): void {
  resolver.define(key, async (request: Request): Promise<Result<R>> => {
    try {
      assertLicensed((request.context as { license?: unknown }).license);
      const caller = callerOf(request.context);
      const instance = macroInstanceFrom(request.context);
      const payload = parsePayload(schema, request.payload);
      return {
        ok: true,
        data: await runWithDeadline(RESOLVER_DEADLINE_MS, () => handler(payload, caller, instance))
      };
    } catch (error) {
      const mapped = toResolverError(error);
      if (mapped.code === 'INTERNAL' || mapped.code === 'UPSTREAM')
        console.error(`resolver ${key} failed`, error instanceof Error ? error.message : error);
      return { ok: false, error: mapped };
    }
  });
}

/** The idea backlog macro's and its config dialog's resolvers (IDEA_BACKLOG_KEYS). */
export function registerIdeaResolvers(resolver: Resolver): void {
  const deps = () => ideasDeps(forgeStore);
  defineMacroResolver(
    resolver,
    IDEAS_KEYS.view,
    ViewPayloadSchema,
    (_p, caller, inst): Promise<BacklogView> => backlogView(deps(), inst, caller)
  );
  defineMacroResolver(
    resolver,
    IDEAS_KEYS.capture,
    CapturePayloadSchema,
    (p, caller, inst): Promise<IdeaAnswer> => capture(deps(), inst, caller, p)
  );
  defineMacroResolver(resolver, IDEAS_KEYS.vote, VotePayloadSchema, (p, caller, inst): Promise<IdeaAnswer> =>
    vote(deps(), inst, caller, p)
  );
  defineMacroResolver(
    resolver,
    IDEAS_KEYS.evidenceAdd,
    EvidenceAddPayloadSchema,
    (p, caller, inst): Promise<IdeaAnswer> => addEvidence(deps(), inst, caller, p)
  );
  defineMacroResolver(
    resolver,
    IDEAS_KEYS.evidenceRemove,
    EvidenceRemovePayloadSchema,
    (p, caller, inst): Promise<IdeaAnswer> => removeEvidence(deps(), inst, caller, p)
  );
  defineMacroResolver(
    resolver,
    IDEAS_KEYS.decide,
    DecidePayloadSchema,
    (p, caller, inst): Promise<IdeaAnswer> => decide(deps(), inst, caller, p)
  );
  defineMacroResolver(
    resolver,
    IDEAS_KEYS.experimentCheck,
    ViewPayloadSchema,
    (_p, caller, inst): Promise<ExperimentCheck> => experimentCheck(deps(), inst, caller)
  );
  defineMacroResolver(
    resolver,
    IDEAS_KEYS.experiment,
    ExperimentPayloadSchema,
    (p, caller, inst): Promise<ExperimentCreated> => turnIntoExperiment(deps(), inst, caller, p)
  );
  defineMacroResolver(
    resolver,
    IDEAS_KEYS.outcome,
    OutcomePayloadSchema,
    (p, caller, inst): Promise<IdeaAnswer> => recordOutcome(deps(), inst, caller, p)
  );
  defineMacroResolver(
    resolver,
    IDEAS_KEYS.configOptions,
    ConfigOptionsPayloadSchema,
    (p, caller, inst): Promise<ConfigOptions> => configOptions(deps(), inst, caller, p)
  );
}
