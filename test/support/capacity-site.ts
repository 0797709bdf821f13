import type { CapacitySettingsInput } from '../../src/capacity/domain/settings';
import type { IssueSeed, SiteSeed } from '../../preview/backend/types';
import { GROUPS, USERS, project, user } from './site-seeds';

/**
 * Builders for capacity resolver tests: a company-managed project (LAN) with a project admin who
 * is not a Jira admin, members who edit, a viewer who only browses, and issues with estimates.
 */

export const CAPACITY_PEOPLE = {
  projectAdmin: user({ accountId: '70a1b2c3d4e5f60718293a4b', displayName: 'Sophie Garnier', groups: [] }),
  dev: user({
    accountId: '71b2c3d4e5f60718293a4b5c',
    displayName: 'Karim Benali',
    groups: [GROUPS.marketing]
  }),
  marketer: user({
    accountId: '72c3d4e5f60718293a4b5c6d',
    displayName: 'Julie Moreau',
    groups: [GROUPS.marketing]
  })
};

export const LANE_PROJECT = 'LAN';
export const HOUR = 3600;

/** LAN: Sophie administers (project admin only), marketing edits, Emma browses, the outsider sees nothing. */
export function capacitySeed(issues: Partial<IssueSeed>[] = []): SiteSeed {
  return {
    users: Object.values(CAPACITY_PEOPLE),
    fields: [
      {
        id: 'customfield_10016',
        name: 'Story Points',
        type: 'com.atlassian.jira.plugin.system.customfieldtypes:float'
      }
    ],
    projects: [
      project({
        key: LANE_PROJECT,
        name: 'Lanes',
        lead: CAPACITY_PEOPLE.projectAdmin.accountId,
        roles: {
          Administrators: { users: [CAPACITY_PEOPLE.projectAdmin.accountId] },
          Members: { groups: [GROUPS.marketing] },
          Viewers: { users: [USERS.browseOnly.accountId] }
        },
        components: ['Website', 'Ops']
      })
    ],
    issues: issues.map((i, n) => ({
      project: LANE_PROJECT,
      issuetype: 'Task',
      summary: `Work item ${n + 1}`,
      reporter: CAPACITY_PEOPLE.dev.accountId,
      ...i
    }))
  };
}

/** Valid settings: a dedicated website lane, run, experiments; two people, one with time off. */
export function laneSettings(overrides: Partial<CapacitySettingsInput> = {}): CapacitySettingsInput {
  return {
    lanes: [
      {
        id: 'website-rebuild',
        name: 'Website rebuild',
        kind: 'dedicated',
        owner: CAPACITY_PEOPLE.projectAdmin.accountId
      },
      { id: 'run', name: 'Run', kind: 'run' },
      { id: 'experiments', name: 'Experiments', kind: 'experiments' }
    ],
    people: [
      { accountId: CAPACITY_PEOPLE.dev.accountId, hoursPerWeek: 40, shares: { 'website-rebuild': 0.5 } },
      { accountId: CAPACITY_PEOPLE.marketer.accountId, hoursPerWeek: 30, shares: {} }
    ],
    timeOff: [{ accountId: CAPACITY_PEOPLE.marketer.accountId, start: '2026-12-07', end: '2026-12-08' }],
    rules: [{ field: 'component', value: 'Website', lane: 'website-rebuild' }],
    ...overrides
  };
}

/** `n` issues with estimates, spread over lanes by component, some done recently. */
export function generatedIssues(n: number, now: Date): Partial<IssueSeed>[] {
  const out: Partial<IssueSeed>[] = [];
  for (let i = 0; i < n; i++) {
    const done = i % 5 === 0;
    const resolved = new Date(now.getTime() - ((i % 70) + 1) * 86_400_000).toISOString();
    out.push({
      summary: `Generated ${i + 1}`,
      status: done ? 'Done' : i % 3 === 0 ? 'In Progress' : 'To Do',
      components: i % 2 === 0 ? ['Website'] : ['Ops'],
      timeoriginalestimate: ((i % 8) + 1) * HOUR,
      ...(done ? { resolved, updated: resolved } : {})
    });
  }
  return out;
}
