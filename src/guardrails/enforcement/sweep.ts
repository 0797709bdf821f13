import { z } from 'zod';
import { InvalidInputError } from '../../platform/errors';
import { storageKey } from '../../platform/store';
import type { Lang } from '../domain/messages';
import type { Policy } from '../domain/policy';
import { defaultDeps, siteLanguage, type EnforcementDeps } from './deps';
import {
  escalationNotice,
  issueRefOf,
  pendingGroups,
  reReviewNotice,
  sendNoticeOnce,
  slaHoursFor,
  type IssueRef
} from './notifications';
import { currentPolicy } from '../policy-store';
import { syncProperty } from './publish';
import { DueEntrySchema, KEYS, StoredApprovalSchema } from '../records';
import type { GuardrailState } from '../../contract/guardrails';
import { loadIssueState, settleApproval, viewOf } from '../service';
import { lazySchema } from '../../contract/lazy-schema';

/**
 * The hourly sweep (scheduled trigger): walks every stored approval a page at a time and does what
 * only the clock can cause — escalations when an approval SLA is passed, re-review reminders before
 * an approval expires (each at most once per approval revision), and a fresh issue property when
 * an approval expired (or a new policy voided it) since the copy was written. Once per policy
 * version it also checks every described page's copy (a new policy can change any page's decision).
 * It stops within its time budget and stores where it stopped; the next run resumes there.
 */

export const SWEEP_KEYS = {
  approvalPrefix: `${storageKey('guardrails', 'approval')}:`,
  cursor: storageKey('guardrails', 'sweep', 'cursor'),
  definitionPrefix: `${storageKey('guardrails', 'definition')}:`,
  definitionCursor: storageKey('guardrails', 'sweep', 'definition-cursor'),
  /** Set once every approval stored before the due index existed has an entry in it. */
  indexed: storageKey('guardrails', 'sweep', 'indexed'),
  /** The policy version every described page's copy was last checked against. */
  reconciledPolicy: storageKey('guardrails', 'sweep', 'reconciled-policy'),
  /** Set once the property shows what the clock made of revision n (e.g. `expired`). */
  republished: (issueId: string, revision: number, state: string) =>
    storageKey('guardrails', 'sweep', 'republished', issueId, String(revision).padStart(10, '0'), state)
};

const CursorSchema = lazySchema(() => z.object({ cursor: z.string(), savedAt: z.string() }));
const MarkerSchema = lazySchema(() => z.object({ at: z.string() }));
const ReconciledSchema = lazySchema(() => z.object({ version: z.string(), at: z.string() }));

export interface SweepOptions {
  /** Stop starting new work after this long (the function has 900 s). */
  budgetMs: number;
  pageSize: number;
}

export const DEFAULT_SWEEP_OPTIONS: SweepOptions = { budgetMs: 10 * 60 * 1000, pageSize: 50 };

export interface SweepReport {
  approvals: number;
  escalations: number;
  reminders: number;
  /** Copies rewritten: expired or voided approvals, pages a new policy changed. */
  republished: number;
  /** Described pages checked after a policy change. */
  reconciled: number;
  /** Closed approval records removed after their retention. */
  pruned: number;
  failures: number;
  /** True when the budget ran out; the cursor is stored for the next run. */
  cutShort: boolean;
  resumed: boolean;
}

/** Months added in UTC, as approval expiries are computed. */
function addMonths(atMs: number, months: number): number {
  const date = new Date(atMs);
  date.setUTCMonth(date.getUTCMonth() + months);
  return date.getTime();
}

/**
 * When the sweep must next look at an approval, or undefined when only a person's action (a
 * decision, a new request) can move it on — that action writes its own due entry.
 * - requested: the next group SLA deadline still ahead;
 * - approved: the re-review reminder, then the expiry;
 * - rejected, expired, voided: closed; pruned once closed for the policy's approval validity
 *   (`approvalValidityMonths`), the retention of a closed record (the audit trail is kept).
 */
export function nextDue(
  state: GuardrailState,
  policy: Policy,
  nowMs: number,
  closedSince?: number
): number | undefined {
  const record = state.approval.record;
  if (!record) return undefined;
  const at = (iso: string | undefined) => (iso ? Date.parse(iso) : NaN);
  switch (state.approval.state) {
    case 'requested': {
      const requestedAt = at(record.requestedAt);
      if (Number.isNaN(requestedAt)) return undefined;
      const deadlines = pendingGroups(record)
        .map((group) => slaHoursFor(policy, record, group))
        .filter((hours): hours is number => hours !== null)
        .map((hours) => requestedAt + hours * 3600_000)
        .filter((deadline) => deadline > nowMs);
      return deadlines.length ? Math.min(...deadlines) : undefined;
    }
    case 'approved': {
      const expiresAt = at(record.expiresAt);
      if (Number.isNaN(expiresAt)) return undefined;
      const remindAt = addMonths(expiresAt, -policy.reReviewReminderMonths);
      return remindAt > nowMs ? remindAt : Math.max(expiresAt, nowMs + 1);
    }
    case 'rejected':
    case 'expired':
    case 'voided': {
      // A voided record carries no date: the first sweep that saw it closed passes it on.
      const closedAt =
        state.approval.state === 'rejected'
          ? at(record.decidedAt)
          : state.approval.state === 'expired'
            ? at(record.expiresAt)
            : (closedSince ?? nowMs);
      return addMonths(
        Number.isNaN(closedAt) ? nowMs : Math.min(closedAt, nowMs),
        policy.approvalValidityMonths
      );
    }
    default:
      return undefined;
  }
}

function isClosed(state: GuardrailState): boolean {
  return ['rejected', 'expired', 'voided'].includes(state.approval.state);
}

/** Everything the sweep and the notices keep for an issue's approval revisions; the audit trail stays. */
async function pruneApproval(deps: EnforcementDeps, issueId: string): Promise<void> {
  const prefixes = [
    KEYS.approvalRevisionPrefix(issueId),
    `${storageKey('guardrails', 'notice', issueId)}:`,
    `${storageKey('guardrails', 'sweep', 'republished', issueId)}:`
  ];
  const keys: string[] = [];
  for (const prefix of prefixes) {
    let cursor: string | undefined;
    do {
      const page = await deps.store.pageByPrefix(prefix, z.unknown(), {
        limit: 100,
        ...(cursor ? { cursor } : {})
      });
      keys.push(...page.items.map((item) => item.key));
      cursor = page.nextCursor;
    } while (cursor);
  }
  // The record first: once it is gone the revision numbering restarts, so its claims and
  // markers must go with it (a later request would otherwise find revision 1 taken).
  await deps.store.delete(KEYS.approval(issueId));
  for (const key of keys) await deps.store.delete(key);
}

async function processApproval(
  deps: EnforcementDeps,
  policy: Policy,
  lang: Lang,
  issueId: string,
  report: SweepReport
): Promise<GuardrailState | undefined> {
  const now = deps.now();
  // 0. Record in the audit trail what the clock or a new policy made of the approval; the state
  // it answers is the one just written, so the records are read once.
  const settled = await settleApproval(deps.store, issueId, now, policy);
  if (settled && (await syncProperty(deps, issueId, settled)) === 'written') report.republished++;
  const loaded = await loadIssueState(deps.store, issueId, policy);
  const stored = loaded.approval;
  if (!stored) return undefined;
  const state = viewOf(loaded, now, policy);
  const { record, revision } = stored;
  let issue: IssueRef | undefined;
  const issueRef = async (): Promise<IssueRef> => (issue ??= issueRefOf(await deps.jira().getIssue(issueId)));

  // 1. The clock (or a new policy) moved the state on since the record — and the copy — were written.
  if (state.approval.state !== record.state) {
    const marker = SWEEP_KEYS.republished(issueId, revision, state.approval.state);
    if (!(await deps.store.get(marker, MarkerSchema))) {
      if ((await syncProperty(deps, issueId, state)) === 'written') report.republished++;
      await deps.store.set(marker, { at: now.toISOString() });
    }
  }

  // 2. Escalation: a group that must approve has let its SLA pass.
  if (state.approval.state === 'requested' && state.approval.record) {
    const pending = state.approval.record;
    const requestedAt = Date.parse(pending.requestedAt);
    for (const group of pendingGroups(pending)) {
      const hours = slaHoursFor(policy, pending, group);
      if (hours === null || Number.isNaN(requestedAt)) continue;
      if (now.getTime() < requestedAt + hours * 3600_000) continue;
      const sent = await sendNoticeOnce(
        deps,
        { issueId, kind: 'escalation', revision, part: group },
        (ref) => escalationNotice(lang, ref, pending, group, hours, policy.itApproverGroup, policy),
        issueRef
      );
      if (sent) report.escalations++;
    }
  }

  // 3. Re-review reminder: the approval expires within the policy's reminder window.
  if (state.approval.state === 'approved' && state.approval.reReviewDue && state.approval.record) {
    const approved = state.approval.record;
    const sent = await sendNoticeOnce(
      deps,
      { issueId, kind: 'rereview', revision },
      (ref) => reReviewNotice(lang, ref, approved),
      issueRef
    );
    if (sent) report.reminders++;
  }
  return state;
}

/**
 * Walks one KVS prefix a page at a time from a stored cursor. A page is small and always
 * finished, so every run makes progress; the budget is checked between pages, and when it is
 * spent the next page's cursor is stored for the next run. Answers whether the walk finished.
 */
async function walk<T>(
  deps: EnforcementDeps,
  walkOptions: {
    prefix: string;
    schema: z.ZodType<T>;
    cursorKey: string;
    pageSize: number;
    outOfTime: () => boolean;
    onResume: () => void;
  },
  visit: (issueId: string) => Promise<void>
): Promise<boolean> {
  const saved = await deps.store.get(walkOptions.cursorKey, CursorSchema).catch(() => undefined);
  // An empty cursor marks a walk that is due but has not started.
  let cursor = saved?.cursor || undefined;
  if (saved) walkOptions.onResume();
  for (;;) {
    let page;
    try {
      page = await deps.store.pageByPrefix(walkOptions.prefix, walkOptions.schema, {
        limit: walkOptions.pageSize,
        ...(cursor ? { cursor } : {})
      });
    } catch (error) {
      if (!(error instanceof InvalidInputError) || cursor === undefined) throw error;
      // A stored cursor KVS no longer accepts: start again from the beginning.
      cursor = undefined;
      continue;
    }
    for (const item of page.items) await visit(item.key.slice(walkOptions.prefix.length));
    if (!page.nextCursor) {
      await deps.store.delete(walkOptions.cursorKey);
      return true;
    }
    cursor = page.nextCursor;
    if (walkOptions.outOfTime()) {
      await deps.store.set(walkOptions.cursorKey, { cursor, savedAt: new Date().toISOString() });
      return false;
    }
  }
}

export async function runSweep(
  deps: EnforcementDeps = defaultDeps,
  options: SweepOptions = DEFAULT_SWEEP_OPTIONS
): Promise<SweepReport> {
  const started = Date.now();
  const outOfTime = () => Date.now() - started >= options.budgetMs;
  const report: SweepReport = {
    approvals: 0,
    escalations: 0,
    reminders: 0,
    republished: 0,
    reconciled: 0,
    pruned: 0,
    failures: 0,
    cutShort: false,
    resumed: false
  };
  const policy = await currentPolicy(deps.store);
  const lang = await siteLanguage(deps.store);
  const onResume = () => {
    report.resumed = true;
  };

  // Every described page's copy, once per policy version (and once at the start, which also
  // back-fills pages described before the copy existed): a new policy can change the decision or
  // tier of pages nobody asked to approve.
  const reconcileCopies = async (): Promise<boolean> => {
    const done = await walk(
      deps,
      {
        prefix: SWEEP_KEYS.definitionPrefix,
        schema: z.unknown(),
        cursorKey: SWEEP_KEYS.definitionCursor,
        pageSize: options.pageSize,
        outOfTime,
        onResume
      },
      async (issueId) => {
        report.reconciled++;
        try {
          // A new policy may void approvals: record it now rather than at their next milestone.
          await settleApproval(deps.store, issueId, deps.now(), policy);
          const state = viewOf(await loadIssueState(deps.store, issueId, policy), deps.now(), policy);
          if ((await syncProperty(deps, issueId, state)) === 'written') report.republished++;
        } catch (error) {
          report.failures++;
          deps.log(`sweep: issue ${issueId}`, error);
        }
      }
    );
    if (done) {
      await deps.store.set(SWEEP_KEYS.reconciledPolicy, {
        version: policy.version,
        at: deps.now().toISOString()
      });
    }
    return done;
  };
  const cutShort = (): SweepReport => {
    report.cutShort = true;
    return report;
  };

  // A check of the copies left unfinished goes first, or it would never end on a site whose
  // approvals alone take a whole run.
  if (await deps.store.get(SWEEP_KEYS.definitionCursor, CursorSchema).catch(() => undefined)) {
    if (!(await reconcileCopies()) || outOfTime()) return cutShort();
  }

  // Approvals stored before the due index existed get an entry, once (resumable like any walk).
  if (!(await deps.store.get(SWEEP_KEYS.indexed, MarkerSchema).catch(() => undefined))) {
    const indexed = await walk(
      deps,
      {
        prefix: SWEEP_KEYS.approvalPrefix,
        schema: StoredApprovalSchema,
        cursorKey: SWEEP_KEYS.cursor,
        pageSize: options.pageSize,
        outOfTime,
        onResume
      },
      async (issueId) => {
        await deps.store.set(KEYS.due(deps.now().getTime(), issueId), { revision: 0 });
      }
    );
    if (!indexed) return cutShort();
    await deps.store.set(SWEEP_KEYS.indexed, { at: deps.now().toISOString() });
  }

  // What is due: escalations, reminders, what the clock expired, closed records past retention.
  // Every entry read is deleted (and the issue's next milestone written), so each page makes
  // progress and the run reads nothing that is not due.
  const visited = new Set<string>();
  for (;;) {
    const nowMs = deps.now().getTime();
    const page = await deps.store.pageByPrefix(KEYS.duePrefix, DueEntrySchema, { limit: options.pageSize });
    const due = page.items.filter(
      (item) => Number(item.key.slice(KEYS.duePrefix.length, KEYS.duePrefix.length + 15)) <= nowMs
    );
    for (const item of due) {
      const issueId = item.key.slice(KEYS.duePrefix.length + 16);
      let next: number | undefined;
      let closedAt: number | undefined;
      if (!visited.has(issueId)) {
        visited.add(issueId);
        report.approvals++;
        try {
          const state = await processApproval(deps, policy, lang, issueId, report);
          const at = state ? nextDue(state, policy, nowMs, item.value.closedAt) : undefined;
          if (state && isClosed(state) && at !== undefined && at <= nowMs) {
            await pruneApproval(deps, issueId);
            report.pruned++;
          } else {
            next = at;
            if (state && isClosed(state)) closedAt = item.value.closedAt ?? nowMs;
          }
        } catch (error) {
          report.failures++;
          deps.log(`sweep: issue ${issueId}`, error);
          // Try again next hour rather than blocking the front of the index.
          next = nowMs + 3600_000;
        }
      }
      await deps.store.transact({
        ...(next !== undefined
          ? {
              set: [
                {
                  key: KEYS.due(next, issueId),
                  value: { revision: 0, ...(closedAt !== undefined ? { closedAt } : {}) }
                }
              ]
            }
          : {}),
        delete: [item.key]
      });
    }
    if (due.length < page.items.length || !page.nextCursor) break;
    if (outOfTime()) return cutShort();
  }

  const reconciled = await deps.store
    .get(SWEEP_KEYS.reconciledPolicy, ReconciledSchema)
    .catch(() => undefined);
  if (reconciled?.version === policy.version) return report;
  if (outOfTime()) {
    // Due but no time left: mark it started so the next run does it first.
    await deps.store.set(SWEEP_KEYS.definitionCursor, { cursor: '', savedAt: new Date().toISOString() });
    return cutShort();
  }
  return (await reconcileCopies()) ? report : cutShort();
}

export function createGuardrailSweep(
  deps: EnforcementDeps = defaultDeps,
  options: SweepOptions = DEFAULT_SWEEP_OPTIONS
): (event?: unknown) => Promise<SweepReport | undefined> {
  return async () => {
    try {
      return await runSweep(deps, options);
    } catch (error) {
      deps.log('sweep stopped', error);
      return undefined;
    }
  };
}
