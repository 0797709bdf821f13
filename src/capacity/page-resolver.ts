import type Resolver from '@forge/resolver';
import { refreshLaneCopy } from './enforcement/issue-events';
import {
  CAPACITY_KEYS,
  type CapacityPageView,
  type CellAnswer,
  type WhatIfAnswer
} from '../contract/capacity';
import {
  CellPayloadSchema,
  MovePayloadSchema,
  ProjectPayloadSchema,
  WhatIfPayloadSchema
} from '../contract/capacity-payloads';
import { requireIssuePermission } from '../platform/auth';
import { InvalidInputError } from '../platform/errors';
import { jiraAsUser } from '../platform/jira';
import { defineResolver } from '../platform/resolvers';
import { forgeStore } from '../platform/store';
import { boardCellPage } from './domain/views';
import { whatIf, type WhatIfChange } from './domain/what-if';
import {
  langOf,
  loadAnalysis,
  pageView,
  projectAccess,
  requireBrowse,
  requireIssueInProject
} from './service';
import { loadSettings, setOverride, settingsError } from './settings-store';

/** How old a board's snapshot a move still answers from. */
export const MOVE_SNAPSHOT_MAX_AGE_MS = 10 * 60 * 1000;

function noLanes(lang: 'en' | 'fr'): InvalidInputError {
  return new InvalidInputError(
    lang === 'fr'
      ? 'projectId : aucun couloir n’est encore configuré pour ce projet'
      : 'projectId: no lanes are set up for this project yet',
    'projectId'
  );
}

/**
 * The "Tandem lanes" project page's resolvers (docs/architecture.md rules 4–7): reading needs
 * Browse on the project, moving a card needs Edit issues on that issue. Jira is read as the
 * caller, so the board shows only issues they may see.
 */
export function registerCapacityPageResolvers(resolver: Resolver): void {
  defineResolver(
    resolver,
    CAPACITY_KEYS.page,
    ProjectPayloadSchema,
    async (payload, caller): Promise<CapacityPageView> => {
      const jira = jiraAsUser();
      const access = await projectAccess(jira, payload.projectId);
      requireBrowse(access, payload.projectId);
      return pageView(forgeStore, payload.projectId, caller, access, new Date(), jira);
    }
  );

  defineResolver(
    resolver,
    CAPACITY_KEYS.cell,
    CellPayloadSchema,
    async (payload, caller): Promise<CellAnswer> => {
      const jira = jiraAsUser();
      requireBrowse(await projectAccess(jira, payload.projectId), payload.projectId);
      // The cell pages the board the caller is looking at: its snapshot, whatever its age (an
      // hour at most), so totals and pages agree. Without one, Jira is read and a snapshot kept.
      const loaded = await loadAnalysis(forgeStore, payload.projectId, caller, new Date(), jira, {
        snapshot: payload.snapshot,
        keep: true
      });
      if (!loaded) throw noLanes(langOf(caller));
      const page = boardCellPage(loaded.analysis, payload.laneId, payload.column, payload.offset);
      if (!page) throw new InvalidInputError(`laneId: no lane "${payload.laneId}"`, 'laneId');
      return { ...page, snapshot: loaded.snapshot };
    }
  );

  defineResolver(
    resolver,
    CAPACITY_KEYS.move,
    MovePayloadSchema,
    async (payload, caller): Promise<CapacityPageView> => {
      const jira = jiraAsUser();
      // Edit issues on that very issue, asked as the caller; the issue must be in the project, which
      // they must browse. Asked at once (three reads, nothing written yet), judged in this order.
      const [edit, inProject, browse, settings] = await Promise.allSettled([
        requireIssuePermission(payload.issueId, 'EDIT_ISSUES'),
        requireIssueInProject(jira, payload.issueId, payload.projectId),
        projectAccess(jira, payload.projectId),
        loadSettings(forgeStore, payload.projectId)
      ]);
      if (edit.status === 'rejected') throw edit.reason;
      if (inProject.status === 'rejected') throw inProject.reason;
      if (browse.status === 'rejected') throw browse.reason;
      const access = browse.value;
      requireBrowse(access, payload.projectId);
      if (settings.status === 'rejected') throw settings.reason;
      const stored = settings.value;
      if (!stored) throw noLanes(langOf(caller));
      if (payload.laneId !== null && !stored.settings.lanes.some((lane) => lane.id === payload.laneId))
        throw new InvalidInputError(`laneId: no lane "${payload.laneId}"`, 'laneId');
      const now = new Date();
      await setOverride(
        forgeStore,
        payload.projectId,
        payload.issueId,
        payload.laneId === null
          ? null
          : { laneId: payload.laneId, by: caller.accountId, at: now.toISOString() }
      );
      // The JQL copy follows the override at once (no Jira event reports an override). It is only
      // a copy: a failure leaves the move stored and the next relabel or edit puts it right.
      await refreshLaneCopy(payload.projectId, payload.issueId).catch((error: unknown) =>
        console.warn(
          'tandemLane copy not refreshed after a move',
          error instanceof Error ? error.message : error
        )
      );
      // A move changes Tandem's override, not Jira's issues: the board's snapshot is recomputed
      // with it. A snapshot older than a few minutes is read again, so moves also bring others' edits.
      return pageView(forgeStore, payload.projectId, caller, access, now, jira, {
        snapshot: payload.snapshot,
        maxAgeMs: MOVE_SNAPSHOT_MAX_AGE_MS
      });
    }
  );

  defineResolver(
    resolver,
    CAPACITY_KEYS.whatIf,
    WhatIfPayloadSchema,
    async (payload, caller): Promise<WhatIfAnswer> => {
      const jira = jiraAsUser();
      requireBrowse(await projectAccess(jira, payload.projectId), payload.projectId);
      const loaded = await loadAnalysis(forgeStore, payload.projectId, caller, new Date(), jira);
      if (!loaded) throw noLanes(langOf(caller));
      // Nested entries are checked by the domain exactly as a save would check them; nothing is stored.
      const result = whatIf(loaded.input, payload.changes as WhatIfChange[]);
      if (!result.ok) settingsError(result.issues, langOf(caller));
      return { plan: result.plan, deltas: result.deltas };
    }
  );
}
