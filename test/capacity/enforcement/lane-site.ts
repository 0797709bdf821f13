import { parseSettings, type CapacitySettingsInput } from '../../../src/capacity/domain/settings';
import {
  loadSettings,
  saveSettings as saveCapacitySettings,
  setOverride,
  settingsVersionName
} from '../../../src/capacity/settings-store';
import {
  CAPACITY_QUEUE,
  defaultLaneSource,
  describeError,
  type CapacityEnforcementDeps
} from '../../../src/capacity/enforcement/deps';
import {
  createExperimentsGate,
  DEFAULT_GATE_OPTIONS,
  type GateOptions
} from '../../../src/capacity/enforcement/experiments-gate';
import { clearLaneCache, createLaneEventHandler } from '../../../src/capacity/enforcement/issue-events';
import { LANE_PROPERTY_KEY } from '../../../src/capacity/enforcement/lane-property';
import {
  createRelabelWorker,
  DEFAULT_RELABEL_OPTIONS,
  enqueueRelabel,
  type RelabelOptions
} from '../../../src/capacity/enforcement/relabel';
import { jiraAsApp } from '../../../src/platform/jira';
import { laneJiraAsApp } from '../../../src/platform/jira-lanes';
import { queueFor } from '../../../src/platform/queue';
import { forgeStore, type Store } from '../../../src/platform/store';
import type { IssueDoc, IssueSeed, Principal, SiteSeed } from '../../../preview/backend/types';
import { issue, mergeSeeds, project, USERS } from '../../support/site-seeds';
import { appHandlerModules, createTestSite, type TestSite } from '../../support/test-site';

/**
 * An embedded site with a project that has lanes (LAN), one without (MKT, from the base seed), the
 * Experiment type and the three experiment fields, and the capacity enforcement functions wired to
 * the test's store (which counts reads), options and logs.
 */

export const SETTINGS: CapacitySettingsInput = {
  lanes: [
    { id: 'website-rebuild', name: 'Refonte du site', kind: 'dedicated' },
    { id: 'run', name: 'Run', kind: 'run' },
    { id: 'experiments', name: 'Expérimentations', kind: 'experiments' }
  ],
  rules: [
    { field: 'epic', value: 'LAN-1', lane: 'website-rebuild' },
    { field: 'label', value: 'rebuild', lane: 'website-rebuild' },
    { field: 'issueType', value: 'Experiment', lane: 'experiments' }
  ]
};

export const FIELD_IDS = {
  hypothesis: 'customfield_12001',
  successMetric: 'customfield_12002',
  stopDate: 'customfield_12003'
} as const;

export interface RestBody {
  errorMessages?: string[];
  [key: string]: unknown;
}

export interface LaneSite {
  t: TestSite;
  deps: CapacityEnforcementDeps;
  logs: string[];
  /** Store reads (get) made through deps.store, by key. */
  reads: string[];
  id(key: string): string;
  projectId(key: string): string;
  property(key: string): unknown;
  rest(
    who: Principal,
    method: string,
    path: string,
    body?: unknown
  ): Promise<{ status: number; body: RestBody }>;
  /** What the settings save does: stores the settings (and overrides) and queues a relabel. */
  saveSettings(
    settings: CapacitySettingsInput,
    version: string,
    overrides?: Record<string, string>
  ): Promise<void>;
  propertyWrites(): number;
}

export interface LaneSiteOptions {
  seed?: SiteSeed;
  relabel?: Partial<RelabelOptions>;
  gate?: Partial<GateOptions>;
}

export function laneIssues(count: number, extra: Partial<IssueSeed> = {}): IssueSeed[] {
  return Array.from({ length: count }, (_, i) =>
    issue({
      project: 'LAN',
      issuetype: 'Task',
      summary: `Task ${i + 1}`,
      ...(i % 3 === 0 ? { labels: ['rebuild'] } : {}),
      ...extra
    })
  );
}

export function createLaneSite(options: LaneSiteOptions = {}): LaneSite {
  clearLaneCache();
  const logs: string[] = [];
  const reads: string[] = [];
  const store: Store = {
    ...forgeStore,
    get(key, schema) {
      reads.push(key);
      return forgeStore.get(key, schema);
    }
  };
  const deps: CapacityEnforcementDeps = {
    store,
    jira: (retry) => laneJiraAsApp(retry),
    sharedJira: (retry) => jiraAsApp(retry),
    lanes: defaultLaneSource(store),
    enqueue: queueFor(CAPACITY_QUEUE),
    now: () => new Date(),
    log: (message, error) => {
      logs.push(`${message}${error ? `: ${describeError(error)}` : ''}`);
    }
  };
  const overrides: Record<string, unknown> = {
    onCapacityIssueEvent: createLaneEventHandler(deps),
    runCapacityRelabel: createRelabelWorker(deps, {
      ...DEFAULT_RELABEL_OPTIONS,
      retryDelaySeconds: 1,
      ...options.relabel
    }),
    validateExperiment: createExperimentsGate(deps, { ...DEFAULT_GATE_OPTIONS, ...options.gate })
  };
  const t = createTestSite(
    mergeSeeds(
      {
        issueTypes: [{ name: 'Experiment', description: 'Adopted by Tandem' }],
        fields: [
          {
            id: FIELD_IDS.hypothesis,
            name: 'Hypothesis',
            type: 'com.atlassian.jira.plugin.system.customfieldtypes:textarea',
            onDefaultScreen: true
          },
          {
            id: FIELD_IDS.successMetric,
            name: 'Success Metric',
            type: 'com.atlassian.jira.plugin.system.customfieldtypes:textfield',
            onDefaultScreen: true
          },
          {
            id: FIELD_IDS.stopDate,
            name: 'Stop Date',
            type: 'com.atlassian.jira.plugin.system.customfieldtypes:datepicker',
            onDefaultScreen: true
          }
        ],
        projects: [project({ key: 'LAN', name: 'Lanes' })],
        issues: [issue({ project: 'LAN', issuetype: 'Epic', summary: 'Website rebuild' })]
      },
      options.seed ?? {}
    ),
    {
      handlers: (module) =>
        Object.fromEntries(
          Object.entries(appHandlerModules(module)).map(([name, handler]) => [
            name,
            overrides[name] ?? handler
          ])
        )
    }
  );
  const doc = (key: string): IssueDoc => {
    const found = t.site.docs.all<IssueDoc>('issues').find((d) => d.key === key);
    if (!found) throw new Error(`No issue ${key}`);
    return found;
  };
  const projectIdOf = (key: string): string => {
    const found = t.site.docs.all<{ id: string; key: string }>('projects').find((p) => p.key === key);
    if (!found) throw new Error(`No project ${key}`);
    return found.id;
  };
  const isPropertyWrite = (ex: { method: string; path: string; asUser: boolean }) =>
    ex.method === 'PUT' && !ex.asUser && ex.path.endsWith(`/properties/${LANE_PROPERTY_KEY}`);
  return {
    t,
    deps,
    logs,
    reads,
    id: (key) => doc(key).id,
    projectId: projectIdOf,
    property: (key) => doc(key).properties[LANE_PROPERTY_KEY],
    async rest(who, method, path, body) {
      const res = await t.site.request('jira', who, path, {
        method,
        ...(body !== undefined ? { body: JSON.stringify(body) } : {})
      });
      const text = await res.text();
      return { status: res.status, body: (text ? JSON.parse(text) : {}) as RestBody };
    },
    async saveSettings(input, version, overrides = {}) {
      const projectId = projectIdOf('LAN');
      const parsed = parseSettings(input);
      if (!parsed.ok) throw new Error(parsed.issues.map((i) => i.path).join(', '));
      const current = await loadSettings(forgeStore, projectId);
      const saved = await saveCapacitySettings(forgeStore, {
        projectId,
        project: { id: projectId, key: 'LAN', name: 'Lanes' },
        directory: {},
        settings: parsed.value,
        basedOn: current ? settingsVersionName(current.number) : null,
        actor: USERS.admin.accountId,
        now: new Date(),
        lang: 'en'
      });
      expect(settingsVersionName(saved.number)).toBe(version);
      for (const [issueId, laneId] of Object.entries(overrides))
        await setOverride(forgeStore, projectId, issueId, {
          laneId,
          by: USERS.admin.accountId,
          at: new Date().toISOString()
        });
      await enqueueRelabel(projectId, version, deps);
    },
    propertyWrites: () => t.exchanges.filter(isPropertyWrite).length
  };
}

export const asAdmin: Principal = { kind: 'user', accountId: USERS.admin.accountId };
export const asRequester: Principal = { kind: 'user', accountId: USERS.requester.accountId };
