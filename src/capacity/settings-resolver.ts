import type Resolver from '@forge/resolver';
import { CAPACITY_KEYS, type SettingsView, type UserOption } from '../contract/capacity';
import {
  ProjectPayloadSchema,
  SettingsSavePayloadSchema,
  TimeOffSavePayloadSchema,
  UserSearchPayloadSchema
} from '../contract/capacity-payloads';
import { ForbiddenError, InvalidInputError } from '../platform/errors';
import { jiraAsApp, jiraAsUser } from '../platform/jira';
import type { CallerContext } from '../platform/resolvers';
import { defineResolver } from '../platform/resolvers';
import { enqueueRelabel } from './enforcement/relabel';
import { forgeStore } from '../platform/store';
import { parseSettings, type CapacitySettings } from './domain/settings';
import {
  accountsNamed,
  directoryOf,
  langOf,
  projectAccess,
  projectRef,
  requireBrowse,
  requireConfigure,
  settingsView
} from './service';
import {
  defaultSettings,
  loadSettings,
  parseSettingsPayload,
  saveSettings,
  settingsError,
  settingsVersionName
} from './settings-store';

async function store(
  projectId: string,
  settings: CapacitySettings,
  basedOn: string | null,
  caller: CallerContext
): Promise<void> {
  // As the app, after the caller's permission check (docs/architecture.md rule 5).
  const jira = jiraAsApp();
  const named = accountsNamed(settings);
  const [project, users] = await Promise.all([
    projectRef(jira, projectId),
    named.length > 0 ? jira.usersByIds(named) : Promise.resolve([])
  ]);
  const before = await loadSettings(forgeStore, projectId);
  const saved = await saveSettings(forgeStore, {
    projectId,
    project,
    directory: directoryOf(users),
    settings,
    basedOn,
    actor: caller.accountId,
    now: new Date(),
    lang: langOf(caller)
  });
  // Lanes or rules changed: every issue's tandemLane copy may change, in a queued, resumable job.
  const labelsOf = (s: CapacitySettings | undefined) =>
    s === undefined ? null : JSON.stringify({ lanes: s.lanes.map((l) => [l.id, l.kind]), rules: s.rules });
  if (labelsOf(before?.settings) !== labelsOf(saved.settings))
    await enqueueRelabel(projectId, settingsVersionName(saved.number));
}

/**
 * The project settings page's resolvers: anyone who can browse the project reads the settings and
 * edits their own time off; project administrators (or Jira administrators) save them.
 */
export function registerCapacitySettingsResolvers(resolver: Resolver): void {
  defineResolver(
    resolver,
    CAPACITY_KEYS.settingsGet,
    ProjectPayloadSchema,
    async (payload, caller): Promise<SettingsView> => {
      const jira = jiraAsUser();
      const access = await projectAccess(jira, payload.projectId);
      if (!access.configure) requireBrowse(access, payload.projectId);
      return settingsView(forgeStore, payload.projectId, caller, access);
    }
  );

  defineResolver(
    resolver,
    CAPACITY_KEYS.settingsSave,
    SettingsSavePayloadSchema,
    async (payload, caller): Promise<SettingsView> => {
      const jira = jiraAsUser();
      const access = await projectAccess(jira, payload.projectId);
      requireConfigure(access);
      const settings = parseSettingsPayload(payload.settings, langOf(caller));
      await store(payload.projectId, settings, payload.basedOn, caller);
      return settingsView(forgeStore, payload.projectId, caller, access);
    }
  );

  defineResolver(
    resolver,
    CAPACITY_KEYS.timeOffSave,
    TimeOffSavePayloadSchema,
    async (payload, caller): Promise<SettingsView> => {
      const jira = jiraAsUser();
      const access = await projectAccess(jira, payload.projectId);
      requireBrowse(access, payload.projectId);
      const lang = langOf(caller);
      // Identity comes from Forge's context: an entry naming anyone else is refused, not rewritten.
      payload.entries.forEach((entry, i) => {
        if (typeof entry !== 'object' || entry === null || Array.isArray(entry))
          throw new InvalidInputError(
            `entries[${i}]: ${lang === 'fr' ? 'type attendu : object' : 'expected object'}`,
            `entries[${i}]`
          );
        const named = (entry as { accountId?: unknown }).accountId;
        if (named !== undefined && named !== caller.accountId)
          throw new ForbiddenError(
            lang === 'fr'
              ? `entries[${i}].accountId : vous ne modifiez que vos propres absences`
              : `entries[${i}].accountId: you can only edit your own time off`
          );
      });
      const current = (await loadSettings(forgeStore, payload.projectId))?.settings ?? defaultSettings();
      const others = current.timeOff.filter((entry) => entry.accountId !== caller.accountId);
      const mine = payload.entries.map((entry) => ({ ...(entry as object), accountId: caller.accountId }));
      const parsed = parseSettings({ ...current, timeOff: [...others, ...mine] });
      if (!parsed.ok) {
        // The domain names `timeOff[k]` in the merged list; the caller sent `entries[k - others]`.
        settingsError(parsed.issues, lang, (path) =>
          path.replace(/^timeOff\[(\d+)\]/, (whole, k: string) =>
            Number(k) >= others.length ? `entries[${Number(k) - others.length}]` : whole
          )
        );
      }
      await store(payload.projectId, parsed.value, payload.basedOn, caller);
      return settingsView(forgeStore, payload.projectId, caller, access);
    }
  );

  defineResolver(
    resolver,
    CAPACITY_KEYS.userSearch,
    UserSearchPayloadSchema,
    async (payload): Promise<UserOption[]> => {
      const jira = jiraAsUser();
      requireBrowse(await projectAccess(jira, payload.projectId), payload.projectId);
      const users = await jira.assignableUsers(payload.projectId, payload.query);
      return users.map((u) => ({
        accountId: u.accountId,
        displayName: u.displayName ?? u.accountId,
        avatarUrl: u.avatarUrls?.['48x48'] ?? null
      }));
    }
  );
}
