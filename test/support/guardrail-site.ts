import type { Principal, IssueDoc, SiteSeed } from '../../preview/backend/types';
import type { GuardrailView } from '../../src/contract/guardrails';
import type { Result } from '../../src/contract/result';
import { DEFAULT_POLICY } from '../../src/guardrails/domain';
import { defaultDeps, describeError, type EnforcementDeps } from '../../src/guardrails/enforcement/deps';
import { createIssueEventHandler } from '../../src/guardrails/enforcement/issue-events';
import {
  createGuardrailSweep,
  type SweepOptions,
  DEFAULT_SWEEP_OPTIONS
} from '../../src/guardrails/enforcement/sweep';
import {
  createGuardrailValidator,
  DEFAULT_VALIDATOR_OPTIONS,
  type ValidatorOptions
} from '../../src/guardrails/enforcement/validator';
import { GROUPS, USERS, issue, mergeSeeds, project, user } from './site-seeds';
import { appHandlerModules, createTestSite, type TestSite } from './test-site';

/**
 * A test site for the guardrail's enforcement: a company-managed project GRD with Landing Page
 * issues, approvers in the default policy's groups, and the app's real handlers except that the
 * validator, trigger and sweep read a clock the test moves (the resolvers use the real clock).
 */

export const PRIVACY = DEFAULT_POLICY.tiers.T2.approverGroup ?? '';
export const DPO = DEFAULT_POLICY.tiers.T3.approverGroup ?? '';
export const IT = DEFAULT_POLICY.itApproverGroup;

/** Approves T3 pages; edits nothing. */
export const dpoUser = user({
  accountId: '64e1f7a3b5c6d700a2e8f90a',
  displayName: 'Inès Garnier',
  groups: [DPO]
});

/** Reviews pages with scripts or embeds outside the allow-list (the IT approver group). */
export const itUser = user({
  accountId: '65f2a8b4c6d7e811b3f90a1b',
  displayName: 'Yann Moreau',
  groups: [IT]
});

export interface Clock {
  now: Date;
  /** Moves the clock by hours (may be negative). */
  advanceHours(hours: number): void;
  advanceMonths(months: number): void;
}

/** A Jira answer as tests read it (error collection or any JSON object). */
export interface RestBody {
  errorMessages?: string[];
  [key: string]: unknown;
}

export interface GuardrailSite {
  t: TestSite;
  clock: Clock;
  deps: EnforcementDeps;
  /** Issue id by key (GRD-1 …). */
  id(key: string): string;
  must<T = GuardrailView>(accountId: string, key: string, payload?: unknown): Promise<T>;
  /** Calls the embedded Jira's REST API as a user or the app. */
  rest(
    who: Principal,
    method: string,
    path: string,
    body?: unknown
  ): Promise<{ status: number; body: RestBody }>;
  /** The panel's writes as the personas: the requester saves and requests, the IT approver decides. */
  save(definition: unknown, issueKey?: string): Promise<GuardrailView>;
  requestApproval(issueKey?: string): Promise<GuardrailView>;
  decide(
    decision: 'approve' | 'reject',
    options?: { reason?: string; who?: string; issueKey?: string }
  ): Promise<GuardrailView>;
  property(issueKey: string): unknown;
}

export interface GuardrailSiteOptions {
  seed?: SiteSeed;
  validator?: Partial<ValidatorOptions>;
  sweep?: Partial<SweepOptions>;
}

export const GRD_ISSUES = {
  /** Landing Page reported by the marketing requester. */
  page: 'GRD-1',
  /** A second Landing Page. */
  second: 'GRD-2',
  /** Not a guardrail type. */
  task: 'GRD-3',
  /** A Web Form (French catalogue name). */
  form: 'GRD-4'
} as const;

export function createGuardrailSite(options: GuardrailSiteOptions = {}): GuardrailSite {
  let now = new Date();
  const clock: Clock = {
    get now() {
      return now;
    },
    set now(value: Date) {
      now = value;
    },
    advanceHours(hours) {
      now = new Date(now.getTime() + hours * 3600_000);
    },
    advanceMonths(months) {
      const next = new Date(now.getTime());
      next.setUTCMonth(next.getUTCMonth() + months);
      now = next;
    }
  };
  const logs: string[] = [];
  const deps: EnforcementDeps = {
    ...defaultDeps,
    now: () => now,
    log: (message, error) => {
      logs.push(`${message}${error ? `: ${describeError(error)}` : ''}`);
    }
  };
  // The enforcement functions with the test's clock and logs; every other export as deployed.
  const overrides: Record<string, unknown> = {
    validateGuardrail: createGuardrailValidator(deps, {
      ...DEFAULT_VALIDATOR_OPTIONS,
      ...options.validator
    }),
    onIssueEvent: createIssueEventHandler(deps),
    runGuardrailSweep: createGuardrailSweep(deps, { ...DEFAULT_SWEEP_OPTIONS, ...options.sweep })
  };
  const t = createTestSite(
    mergeSeeds(
      {
        groups: [{ name: PRIVACY }, { name: DPO }, { name: IT }],
        users: [{ ...USERS.approver, groups: [GROUPS.approvers, PRIVACY] }, dpoUser, itUser],
        issueTypes: [
          { name: 'Landing Page', description: 'Adopted by Tandem' },
          { name: 'Formulaire web', description: 'Named in French' }
        ],
        projects: [
          project({
            key: 'GRD',
            name: 'Guarded pages',
            roles: {
              Administrators: { users: [USERS.admin.accountId] },
              Members: { groups: [GROUPS.marketing] },
              Viewers: {
                users: [
                  USERS.browseOnly.accountId,
                  USERS.approver.accountId,
                  dpoUser.accountId,
                  itUser.accountId
                ]
              }
            }
          })
        ],
        issues: [
          issue({ project: 'GRD', issuetype: 'Landing Page', summary: 'Spring <b>landing</b> page' }),
          issue({ project: 'GRD', issuetype: 'Landing Page', summary: 'Health survey' }),
          issue({ project: 'GRD', issuetype: 'Task', summary: 'Unrelated task' }),
          issue({ project: 'GRD', issuetype: 'Formulaire web', summary: 'Contact form' })
        ]
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
  (t as TestSite & { logs: string[] }).logs = logs;

  const id = (key: string): string => {
    const doc = t.site.docs.all<IssueDoc>('issues').find((d) => d.key === key);
    if (!doc) throw new Error(`No issue ${key}`);
    return doc.id;
  };

  async function must<T = GuardrailView>(accountId: string, key: string, payload?: unknown): Promise<T> {
    const result = await t.asUser(accountId).invoke<Result<T>>(key, payload);
    if (!result.ok) throw new Error(`${key} as ${accountId}: ${result.error.code} ${result.error.message}`);
    return result.data;
  }

  return {
    t,
    clock,
    deps,
    id,
    must,
    async rest(who, method, path, body) {
      const res = await t.site.request('jira', who, path, {
        method,
        ...(body !== undefined ? { body: JSON.stringify(body) } : {})
      });
      const text = await res.text();
      return { status: res.status, body: (text ? JSON.parse(text) : {}) as RestBody };
    },
    save(definition, issueKey = GRD_ISSUES.page) {
      return must(USERS.requester.accountId, 'guardrails/save', { issueId: id(issueKey), definition });
    },
    requestApproval(issueKey = GRD_ISSUES.page) {
      return must(USERS.requester.accountId, 'guardrails/request-approval', { issueId: id(issueKey) });
    },
    decide(decision, { reason, who = USERS.approver.accountId, issueKey = GRD_ISSUES.page } = {}) {
      return must(who, 'guardrails/decide', {
        issueId: id(issueKey),
        decision,
        ...(reason ? { reason } : {})
      });
    },
    property(issueKey) {
      return t.site.docs.get<IssueDoc>('issues', id(issueKey))?.properties.tandemGuardrail;
    }
  };
}

export function logsOf(t: TestSite): string[] {
  return (t as TestSite & { logs?: string[] }).logs ?? [];
}
