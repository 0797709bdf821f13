import type { GuardrailState } from '../../contract/guardrails';
import { PlatformError } from '../../platform/errors';
import { DEFAULT_RETRY_POLICY, type RetryPolicy } from '../../platform/http';
import { issueReaderAsApp, type JiraIssue, type JiraIssueReader } from '../../platform/jira-issue';
import { forgeStore } from '../../platform/store';
import { pendingGroups, type ApprovalRecord } from '../domain/approval';
import { PAGE_NOT_DESCRIBED } from '../domain/finding-messages';
import { definitionHash } from '../domain/hash';
import type { Lang } from '../domain/messages';
import { GUARDRAIL_PROPERTY_KEY, isGuardrailIssueType } from '../issue-context';
import { loadIssueState, viewOf, type IssueState } from '../issue-state';
import { currentPolicy } from '../policy-current';
import { isoDay, logToConsole, siteLanguage, type EnforcementDeps } from './context';
import { joinList, validatorText } from './texts';

// Imports chosen for the validator's cold load: the records it reads are checked by hand-written
// guards and Jira's answer by the one-call reader, so neither zod nor the full Jira client is in
// its bundle (docs/architecture.md, "Functions and bundles"; test/forge/bundle.test.ts).

/**
 * The `jira:workflowValidator` on the transition into the live status. It recomputes the guardrail
 * from the app's own records (definition, approval, policy in force) — never from the issue
 * property, which any editor can overwrite — and lets the transition through only when the page
 * may go live. It fails closed: any error, or running out of its time budget, blocks the
 * transition with a message saying so.
 */

export interface ValidatorArgs {
  issue?: { key?: unknown; id?: unknown };
  transition?: unknown;
  configuration?: unknown;
  context?: unknown;
}

export interface ValidatorAnswer {
  result: boolean;
  errorMessage?: string;
}

/** What the validator runs on: the enforcement's deps, of which Jira only needs to read the issue. */
export interface ValidatorDeps extends Omit<EnforcementDeps, 'jira'> {
  jira: (retry?: RetryPolicy) => Pick<JiraIssueReader, 'getIssue'>;
}

export const validatorDeps: ValidatorDeps = {
  store: forgeStore,
  jira: (retry) => issueReaderAsApp(retry),
  now: () => new Date(),
  log: logToConsole
};

export interface ValidatorOptions {
  /** Answer by then whatever happens: Forge gives validators 25 s. */
  budgetMs: number;
  /** Retries and per-attempt timeout of the issue lookup. */
  retry: RetryPolicy;
}

export const VALIDATOR_RETRY: RetryPolicy = {
  ...DEFAULT_RETRY_POLICY,
  maxAttempts: 2,
  timeoutMs: 3000,
  maxRetryAfterMs: 1000,
  maxDelayMs: 500
};

export const DEFAULT_VALIDATOR_OPTIONS: ValidatorOptions = { budgetMs: 8000, retry: VALIDATOR_RETRY };

class BudgetExceeded extends Error {
  constructor(readonly budgetMs: number) {
    super(`no answer within ${budgetMs} ms`);
  }
}

/** Why the check itself failed, in a few words for the person trying the transition. */
function failureReason(error: unknown, lang: Lang): string {
  if (error instanceof BudgetExceeded) {
    return validatorText(lang, 'reasonBudget', { seconds: Math.round(error.budgetMs / 100) / 10 });
  }
  if (error instanceof PlatformError) {
    const status = error.details.status;
    const jira = error.details.path?.startsWith('/rest/') === true;
    if (error.kind === 'rate-limited') return validatorText(lang, 'reasonRateLimited');
    if (error.kind === 'timeout') return validatorText(lang, 'reasonTimeout');
    if (jira && status !== undefined) return validatorText(lang, 'reasonJiraStatus', { status });
    if (error.message.startsWith('Stored record')) return validatorText(lang, 'reasonRecord');
    if (error.message.startsWith('Storage')) return validatorText(lang, 'reasonStorage');
    if (error.message.startsWith('Unexpected Jira response'))
      return validatorText(lang, 'reasonUnexpectedJira');
  }
  return validatorText(lang, 'reasonInternal');
}

function failClosed(error: unknown, lang: Lang): ValidatorAnswer {
  return {
    result: false,
    errorMessage: validatorText(lang, 'failClosed', { reason: failureReason(error, lang) })
  };
}

const MAX_LISTED = 3;

function moreSuffix(total: number, lang: Lang): string {
  const more = total - MAX_LISTED;
  if (more <= 0) return '';
  return validatorText(lang, more > 1 ? 'moreMany' : 'moreOne', { count: more });
}

function approvalStateMessage(
  record: ApprovalRecord | null,
  state: GuardrailState['approval']['state'],
  groups: string[],
  lang: Lang
): string {
  const who = joinList(groups, lang);
  switch (state) {
    case 'requested': {
      const waiting = record ? joinList(pendingGroups(record), lang) || who : who;
      return validatorText(lang, 'approvalRequested', { since: isoDay(record?.requestedAt), waiting });
    }
    case 'rejected':
      return validatorText(lang, 'approvalRejected', {
        date: isoDay(record?.decidedAt),
        reason: record?.reason ?? ''
      });
    case 'expired':
      return validatorText(lang, 'approvalExpired', { date: isoDay(record?.expiresAt) });
    case 'voided':
      return validatorText(
        lang,
        record?.voidReason === 'policy_changed' ? 'approvalVoidedPolicy' : 'approvalVoidedDefinition'
      );
    case 'approved':
      // mayGoLive is false although the record says approved: it does not cover this version.
      return validatorText(lang, 'approvalNotCovering');
    default:
      return validatorText(lang, 'approvalNotRequested');
  }
}

/** Exactly what stands between this page and going live, in the site's language. */
export function explainBlock(state: GuardrailState, lang: Lang): string {
  // The same words as the panel's finding for an undescribed page (one text, domain/finding-messages).
  if (state.definition === null) return PAGE_NOT_DESCRIBED[lang];
  const { evaluation } = state;
  const where = (finding: { field?: string; form?: string }) =>
    finding.field ?? finding.form ?? validatorText(lang, 'pageWord');
  const line = (finding: { field?: string; message: { en: string; fr: string } }) =>
    finding.field ? `${finding.field}: ${finding.message[lang]}` : finding.message[lang];
  if (evaluation.decision === 'blocked') {
    const blocking = evaluation.findings.filter((finding) => finding.severity === 'block');
    return validatorText(lang, 'blocked', {
      tier: evaluation.tier,
      where: joinList(blocking.slice(0, MAX_LISTED).map(where), lang),
      more: moreSuffix(blocking.length, lang),
      listed: blocking.slice(0, MAX_LISTED).map(line).join(' ')
    });
  }
  if (evaluation.decision === 'fix') {
    const fixes = evaluation.findings.filter((finding) => finding.severity === 'fix');
    return validatorText(lang, fixes.length === 1 ? 'fixOne' : 'fixMany', {
      count: fixes.length,
      more: moreSuffix(fixes.length, lang),
      listed: fixes.slice(0, MAX_LISTED).map(line).join(' ')
    });
  }
  if (evaluation.decision === 'approval') {
    const groups = evaluation.approvals.map((approval) => approval.group);
    const prefix = validatorText(lang, 'needsApproval', {
      tier: evaluation.tier,
      groups: joinList(groups, lang)
    });
    return prefix + approvalStateMessage(state.approval.record, state.approval.state, groups, lang);
  }
  return validatorText(lang, 'mayNotGoLive');
}

function integrityMessage(lang: Lang): string {
  return validatorText(lang, 'integrity');
}

async function decide(
  deps: ValidatorDeps,
  options: ValidatorOptions,
  args: ValidatorArgs,
  language: Promise<Lang>
): Promise<ValidatorAnswer> {
  const key = args.issue?.key ?? args.issue?.id;
  if (typeof key !== 'string' && typeof key !== 'number')
    throw new Error('No issue in the validator arguments');
  const [issue, lang] = await Promise.all([
    // The JQL copy comes in the same call: it marks an issue that was once a guardrail page.
    deps.jira(options.retry).getIssue(String(key), ['issuetype', 'project'], [GUARDRAIL_PROPERTY_KEY]),
    language
  ]);
  const policy = await currentPolicy(deps.store);
  const loaded = await loadIssueState(deps.store, issue.id, policy);
  if (
    !(await isGuardrailIssueType(deps.store, issue.fields?.issuetype)) &&
    !wasGuardrailPage(issue, loaded)
  ) {
    return { result: true };
  }
  // The stored hash is what approvals bind to: a definition replaced behind Tandem's back keeps
  // an old hash, so the content is hashed again here.
  if (loaded.stored && definitionHash(loaded.stored.definition) !== loaded.stored.hash) {
    return { result: false, errorMessage: integrityMessage(lang) };
  }
  const state = viewOf(loaded, deps.now(), policy);
  if (state.definition !== null && state.mayGoLive) return { result: true };
  return { result: false, errorMessage: explainBlock(state, lang) };
}

/**
 * Changing a page's issue type (Web Form → Task) must not lift its guardrail: Tandem's records are
 * kept by issue id, so a page described or sent for approval stays guarded whatever its type, and
 * so does one the trigger ever copied a state onto (its property; trusted only to block, never
 * to pass). Only an issue Tandem never saw as a page passes on its type.
 */
function wasGuardrailPage(issue: JiraIssue, loaded: IssueState): boolean {
  return (
    loaded.stored !== undefined ||
    loaded.approval !== undefined ||
    issue.properties?.[GUARDRAIL_PROPERTY_KEY] !== undefined
  );
}

export function createGuardrailValidator(
  deps: ValidatorDeps = validatorDeps,
  options: ValidatorOptions = DEFAULT_VALIDATOR_OPTIONS
): (args: ValidatorArgs) => Promise<ValidatorAnswer> {
  return async (args) => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const budget = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new BudgetExceeded(options.budgetMs)), options.budgetMs);
    });
    let lang: Lang = 'en';
    const language = siteLanguage(deps.store).then((found) => (lang = found));
    const work = decide(deps, options, args ?? {}, language);
    // The losing side of the race must not surface as an unhandled rejection later.
    work.catch(() => undefined);
    try {
      return await Promise.race([work, budget]);
    } catch (error) {
      deps.log(`validator blocked ${describeIssue(args)} on an error`, error);
      return failClosed(error, lang);
    } finally {
      clearTimeout(timer);
    }
  };
}

function describeIssue(args: ValidatorArgs | undefined): string {
  const key = args?.issue?.key;
  return typeof key === 'string' ? key.slice(0, 40) : 'an issue';
}
