import type { IssueSeed, ProjectSeed, SiteSeed, UserSeed } from '../../preview/backend/types';

/**
 * Data builders for resolver and preview tests. The four personas mirror the preview's "who am I"
 * switcher: what each may do comes from the embedded Jira's permission answers, not from flags.
 */
export const GROUPS = {
  admins: 'jira-administrators',
  marketing: 'marketing',
  approvers: 'it-approvers',
  dpo: 'data-protection'
} as const;

export const USERS = {
  requester: {
    accountId: '5b10a2844c20165700ede21g',
    displayName: 'Léa Martin',
    email: 'lea.martin@example.com',
    locale: 'fr_FR',
    groups: [GROUPS.marketing]
  },
  approver: {
    accountId: '5b10ac8d82e05b22cc7d4ef5',
    displayName: 'Nicolas Bernard',
    email: 'nicolas.bernard@example.com',
    locale: 'en_US',
    groups: [GROUPS.approvers]
  },
  admin: {
    accountId: '5d9f1c2e4b0a7e0c8f6a1b2c',
    displayName: 'Priya Shah',
    email: 'priya.shah@example.com',
    locale: 'en_GB',
    groups: [GROUPS.admins]
  },
  browseOnly: {
    accountId: '60a7b3c9d1e2f30068a4b5c6',
    displayName: 'Emma Petit',
    email: 'emma.petit@example.com',
    locale: 'fr_FR',
    groups: []
  },
  outsider: {
    accountId: '61b8c4d0e2f3a40079b5c6d7',
    displayName: 'Olivier Nobody',
    locale: 'en_US',
    groups: []
  }
} satisfies Record<string, UserSeed>;

export type Persona = keyof typeof USERS;

export function user(overrides: Partial<UserSeed> & { accountId: string }): UserSeed {
  return { displayName: overrides.accountId, ...overrides };
}

/** A company-managed project: marketing and approvers are members, the admin administers, Emma browses. */
export function project(overrides: Partial<ProjectSeed> = {}): ProjectSeed {
  return {
    key: 'MKT',
    name: 'Marketing',
    style: 'classic',
    lead: USERS.admin.accountId,
    roles: {
      Administrators: { users: [USERS.admin.accountId] },
      Members: { groups: [GROUPS.marketing, GROUPS.approvers] },
      Viewers: { users: [USERS.browseOnly.accountId] }
    },
    components: ['Landing pages', 'Forms'],
    ...overrides
  };
}

/** A team-managed project: no issue type scheme, no app workflow validators. */
export function teamProject(overrides: Partial<ProjectSeed> = {}): ProjectSeed {
  return project({ key: 'WEB', name: 'Website squad', style: 'next-gen', components: [], ...overrides });
}

let issueCounter = 0;

export function issue(overrides: Partial<IssueSeed> = {}): IssueSeed {
  issueCounter++;
  return {
    project: 'MKT',
    issuetype: 'Task',
    summary: `Landing page ${issueCounter}`,
    reporter: USERS.requester.accountId,
    ...overrides
  };
}

/** Personas, one company-managed project (MKT) and one team-managed project (WEB), no issues. */
export function baseSeed(): SiteSeed {
  return {
    groups: Object.values(GROUPS).map((name) => ({ name })),
    users: Object.values(USERS),
    projects: [project(), teamProject()]
  };
}

/** Concatenates seeds; later entries come after earlier ones so references resolve in order. */
export function mergeSeeds(...seeds: SiteSeed[]): SiteSeed {
  const out: SiteSeed = {};
  for (const s of seeds) {
    for (const [k, v] of Object.entries(s) as [keyof SiteSeed, unknown][]) {
      if (k === 'globalPermissions')
        out.globalPermissions = { ...out.globalPermissions, ...(v as SiteSeed['globalPermissions']) };
      else
        (out as Record<string, unknown[]>)[k] = [
          ...((out as Record<string, unknown[]>)[k] ?? []),
          ...(v as unknown[])
        ];
    }
  }
  return out;
}
