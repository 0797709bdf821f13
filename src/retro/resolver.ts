import type Resolver from '@forge/resolver';
import type { Request } from '@forge/resolver';
import type { z } from 'zod';
import {
  RETRO_KEYS,
  type ConfigureAnswer,
  type RetroBoardAnswer,
  type RetroPerson,
  type RetroUserOption,
  type RetroView
} from '../contract/retro';
import {
  AddCardPayloadSchema,
  CardPayloadSchema,
  ConfigurePayloadSchema,
  CreateActionPayloadSchema,
  EditCardPayloadSchema,
  EmptyPayloadSchema,
  MoveCardPayloadSchema,
  SetFacilitatorsPayloadSchema,
  SetPhasePayloadSchema,
  UserSearchPayloadSchema
} from '../contract/retro-payloads';
import type { Result } from '../contract/result';
import { pageAccess, type PageAccess } from '../platform/confluence';
import { RESOLVER_DEADLINE_MS, runWithDeadline } from '../platform/deadline';
import { ForbiddenError, InvalidInputError, toResolverError } from '../platform/errors';
import { jiraAsUser } from '../platform/jira';
import { assertLicensed } from '../platform/licence';
import { retroJiraAsUser, type RetroProject } from '../platform/jira-retro';
import { macroInstanceFrom, macroStorageKey, type MacroInstance } from '../platform/macro';
import { macroChannel, publishChange } from '../platform/realtime';
import { parsePayload, type CallerContext } from '../platform/resolvers';
import { forgeStore } from '../platform/store';
import { createAction, type PageLink } from './action-service';
import { parseConfig, type RetroConfig } from './domain/model';
import {
  addCard,
  boardAnswer,
  changeFacilitators,
  deleteCard,
  editCard,
  ensureState,
  moveCard,
  setPhase,
  unvote,
  vote,
  type RetroScope
} from './service';
import { retroView } from './view';

/**
 * The retrospective macro's resolvers (docs/architecture.md rules 4–7). Which retro a call is
 * about comes from Forge's context (the macro instance), never the payload; reading needs view
 * permission on the page, writing needs edit permission, both asked of Confluence as the caller;
 * creating an action needs Create issues in the retro's project, asked of Jira as the caller.
 */

interface MacroCall {
  caller: CallerContext;
  instance: MacroInstance;
  access: PageAccess;
  siteUrl: string | undefined;
}

function callerFrom(context: Record<string, unknown>): CallerContext {
  const accountId = context.accountId;
  if (typeof accountId !== 'string' || accountId.length === 0)
    throw new ForbiddenError('The call has no authenticated user');
  return {
    accountId,
    ...(typeof context.cloudId === 'string' ? { cloudId: context.cloudId } : {}),
    ...(typeof context.locale === 'string' ? { locale: context.locale } : {}),
    ...(typeof context.timezone === 'string' ? { timezone: context.timezone } : {})
  };
}

/** Like defineResolver (licence first, then payload), with the macro instance and the caller's page access resolved first. */
function defineMacroResolver<P, R>(
  resolver: Resolver,
  key: string,
  schema: z.ZodType<P>,
  handler: (payload: P, call: MacroCall) => Promise<R>
): void {
  resolver.define(key, async (request: Request): Promise<Result<R>> => {
    try {
      const context = (request.context ?? {}) as Record<string, unknown>;
      assertLicensed(context.license);
      const caller = callerFrom(context);
      const payload = parsePayload(schema, request.payload);
      const data = await runWithDeadline(RESOLVER_DEADLINE_MS, async () => {
        const instance = macroInstanceFrom(context);
        const access = await pageAccess(instance.pageId, caller.accountId);
        if (!access.canView) throw new ForbiddenError('You cannot view the page this retro is on');
        const siteUrl = typeof context.siteUrl === 'string' ? context.siteUrl : undefined;
        return handler(payload, { caller, instance, access, siteUrl });
      });
      return { ok: true, data };
    } catch (error) {
      const mapped = toResolverError(error);
      if (mapped.code === 'INTERNAL' || mapped.code === 'UPSTREAM')
        console.error(`resolver ${key} failed`, error instanceof Error ? error.message : error);
      return { ok: false, error: mapped };
    }
  });
}

function configOf(raw: unknown): RetroConfig {
  const parsed = parseConfig(raw);
  if (!parsed.ok) throw new InvalidInputError(parsed.message, parsed.field);
  return parsed.config;
}

async function peopleNamed(accountIds: readonly string[]): Promise<Record<string, RetroPerson>> {
  const ids = [...new Set(accountIds)].filter((id) => /^[a-zA-Z0-9:_-]{1,128}$/.test(id));
  if (ids.length === 0) return {};
  const users = await jiraAsUser().usersByIds(ids);
  return Object.fromEntries(
    users.map((u) => [
      u.accountId,
      { displayName: u.displayName ?? u.accountId, avatarUrl: u.avatarUrls?.['48x48'] ?? null }
    ])
  );
}

function scopeOf(call: MacroCall, config: RetroConfig = configOf(call.instance.config)): RetroScope {
  const channel = macroChannel('retro', call.instance);
  return {
    store: forgeStore,
    key: (...parts) => macroStorageKey('retro', call.instance, ...parts),
    caller: call.caller,
    canEdit: call.access.canEdit,
    config,
    channel,
    publish: (payload) => publishChange(channel, payload),
    now: () => new Date(),
    people: peopleNamed
  };
}

async function canCreateIn(project: RetroProject): Promise<boolean> {
  const permissions = await jiraAsUser().myPermissions(['CREATE_ISSUES'], { projectId: project.id });
  return permissions.CREATE_ISSUES === true;
}

async function requireCreateIn(project: RetroProject): Promise<void> {
  if (!(await canCreateIn(project)))
    throw new ForbiddenError(`You cannot create issues in the Jira project ${project.key}`);
}

/** The page's address for the issue's link back: only a site URL Forge gave, only https. */
function pageLink(call: MacroCall): PageLink | null {
  if (!call.siteUrl || !/^https:\/\/[A-Za-z0-9.-]+(?::[0-9]+)?$/.test(call.siteUrl.replace(/\/$/, '')))
    return null;
  const base = call.siteUrl.replace(/\/$/, '');
  return {
    url: `${base}/wiki/pages/viewpage.action?pageId=${call.instance.pageId}`,
    title: call.access.title ?? 'Retrospective'
  };
}

export function registerRetroResolvers(resolver: Resolver): void {
  defineMacroResolver(resolver, RETRO_KEYS.get, EmptyPayloadSchema, async (_p, call): Promise<RetroView> =>
    retroView(scopeOf(call), retroJiraAsUser(), canCreateIn)
  );

  defineMacroResolver(
    resolver,
    RETRO_KEYS.board,
    EmptyPayloadSchema,
    async (_p, call): Promise<RetroBoardAnswer> => boardAnswer(scopeOf(call))
  );

  defineMacroResolver(
    resolver,
    RETRO_KEYS.configure,
    ConfigurePayloadSchema,
    async (payload, call): Promise<ConfigureAnswer> => {
      const config = configOf(payload.config);
      if (!call.access.canEdit)
        throw new ForbiddenError('Only people who can edit this page can set up the retro');
      // Whoever sets the retro up first facilitates it; later edits of the settings change nobody.
      const state = await ensureState(scopeOf(call, config));
      return { config, facilitators: state.facilitators };
    }
  );

  defineMacroResolver(resolver, RETRO_KEYS.addCard, AddCardPayloadSchema, (p, call) =>
    addCard(scopeOf(call), {
      column: p.column,
      text: p.text,
      ...(p.repetitive !== undefined ? { repetitive: p.repetitive } : {})
    })
  );
  defineMacroResolver(resolver, RETRO_KEYS.editCard, EditCardPayloadSchema, (p, call) =>
    editCard(scopeOf(call), p)
  );
  defineMacroResolver(resolver, RETRO_KEYS.deleteCard, CardPayloadSchema, (p, call) =>
    deleteCard(scopeOf(call), p)
  );
  defineMacroResolver(resolver, RETRO_KEYS.moveCard, MoveCardPayloadSchema, (p, call) =>
    moveCard(scopeOf(call), {
      cardId: p.cardId,
      ...(p.column !== undefined ? { column: p.column } : {}),
      ...(p.into !== undefined ? { into: p.into } : {})
    })
  );
  defineMacroResolver(resolver, RETRO_KEYS.vote, CardPayloadSchema, (p, call) => vote(scopeOf(call), p));
  defineMacroResolver(resolver, RETRO_KEYS.unvote, CardPayloadSchema, (p, call) => unvote(scopeOf(call), p));
  defineMacroResolver(resolver, RETRO_KEYS.setPhase, SetPhasePayloadSchema, (p, call) =>
    setPhase(scopeOf(call), p)
  );
  defineMacroResolver(resolver, RETRO_KEYS.setFacilitators, SetFacilitatorsPayloadSchema, (p, call) =>
    changeFacilitators(scopeOf(call), p)
  );

  defineMacroResolver(
    resolver,
    RETRO_KEYS.createAction,
    CreateActionPayloadSchema,
    async (p, call): Promise<RetroView> => {
      const scope = scopeOf(call);
      const jira = retroJiraAsUser();
      await createAction(scope, jira, p, requireCreateIn, pageLink(call));
      return retroView(scope, jira, canCreateIn);
    }
  );

  defineMacroResolver(
    resolver,
    RETRO_KEYS.userSearch,
    UserSearchPayloadSchema,
    async (p, call): Promise<RetroUserOption[]> => {
      const config = configOf(call.instance.config);
      if (!config.projectKey)
        throw new InvalidInputError(
          'config.projectKey: the retro names no Jira project',
          'config.projectKey'
        );
      const project = await retroJiraAsUser().projectByKey(config.projectKey);
      if (!project) throw new ForbiddenError(`You cannot see the Jira project ${config.projectKey}`);
      const users = await jiraAsUser().assignableUsers(project.id, p.query);
      return users.map((u) => ({
        accountId: u.accountId,
        displayName: u.displayName ?? u.accountId,
        avatarUrl: u.avatarUrls?.['48x48'] ?? null
      }));
    }
  );
}
