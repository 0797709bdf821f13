import type { GuardrailState } from '../../contract/guardrails';
import { PlatformError } from '../../platform/errors';
import { DEFAULT_RETRY_POLICY, type RetryPolicy } from '../../platform/http';
import type { ApprovalRecord } from '../domain/approval';
import { PAGE_NOT_DESCRIBED } from '../domain/finding-messages';
import { definitionHash } from '../domain/hash';
import type { Lang } from '../domain/messages';
import { defaultDeps, isoDay, siteLanguage, type EnforcementDeps } from './deps';
import { isGuardrailIssueType } from '../issue-context';
import { pendingGroups } from './notifications';
import { currentPolicy } from '../policy-store';
import { loadIssueState, viewOf } from '../service';

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
  const fr = lang === 'fr';
  if (error instanceof BudgetExceeded) {
    const seconds = Math.round(error.budgetMs / 100) / 10;
    return fr ? `pas de réponse en ${seconds} s` : `no answer within ${seconds} s`;
  }
  if (error instanceof PlatformError) {
    const status = error.details.status;
    const jira = error.details.path?.startsWith('/rest/') === true;
    if (error.kind === 'rate-limited')
      return fr ? 'Jira a répondu 429 : trop de requêtes' : 'Jira answered 429: too many requests';
    if (error.kind === 'timeout') return fr ? 'Jira ne répond pas à temps' : 'Jira did not answer in time';
    if (jira && status !== undefined) return fr ? `Jira a répondu ${status}` : `Jira answered ${status}`;
    if (error.message.startsWith('Stored record'))
      return fr
        ? 'un enregistrement de Tandem est illisible : politique, définition ou approbation'
        : 'a Tandem record is unreadable: policy, definition or approval';
    if (error.message.startsWith('Storage'))
      return fr ? 'le stockage de Tandem est indisponible' : "Tandem's storage is unavailable";
    if (error.message.startsWith('Unexpected Jira response'))
      return fr ? 'réponse de Jira inattendue' : 'unexpected answer from Jira';
  }
  return fr ? 'erreur interne' : 'internal error';
}

function failClosed(error: unknown, lang: Lang): ValidatorAnswer {
  const reason = failureReason(error, lang);
  return {
    result: false,
    errorMessage:
      lang === 'fr'
        ? `Tandem n'a pas pu vérifier le garde-fou de cette page (${reason}) ; la transition est bloquée. Réessayez dans une minute.`
        : `Tandem could not check this page's guardrail (${reason}); the transition was blocked. Try again in a minute.`
  };
}

const MAX_LISTED = 3;

function joinList(values: ReadonlyArray<string>, lang: Lang): string {
  if (values.length <= 1) return values.join('');
  return `${values.slice(0, -1).join(', ')}${lang === 'fr' ? ' et ' : ' and '}${values[values.length - 1]}`;
}

function moreSuffix(total: number, lang: Lang): string {
  const more = total - MAX_LISTED;
  if (more <= 0) return '';
  return lang === 'fr' ? ` (et ${more} autre${more > 1 ? 's' : ''})` : ` (and ${more} more)`;
}

function approvalStateMessage(
  record: ApprovalRecord | null,
  state: GuardrailState['approval']['state'],
  groups: string[],
  lang: Lang
): string {
  const fr = lang === 'fr';
  const who = joinList(groups, lang);
  switch (state) {
    case 'requested': {
      const waiting = record ? joinList(pendingGroups(record), lang) || who : who;
      const since = isoDay(record?.requestedAt);
      return fr
        ? `l'approbation a été demandée le ${since} et attend encore ${waiting}.`
        : `approval was requested on ${since} and is still pending from ${waiting}.`;
    }
    case 'rejected':
      return fr
        ? `l'approbation a été refusée le ${isoDay(record?.decidedAt)} : « ${record?.reason ?? ''} ». Modifiez la page puis demandez de nouveau l'approbation.`
        : `approval was rejected on ${isoDay(record?.decidedAt)}: “${record?.reason ?? ''}”. Change the page, then request approval again.`;
    case 'expired':
      return fr
        ? `l'approbation a expiré le ${isoDay(record?.expiresAt)}. Demandez une nouvelle approbation.`
        : `the approval expired on ${isoDay(record?.expiresAt)}. Request approval again.`;
    case 'voided':
      return record?.voidReason === 'policy_changed'
        ? fr
          ? `l'approbation est annulée : la politique a changé le niveau ou les constats de cette page. Demandez de nouveau l'approbation.`
          : `the approval was voided because the policy changed this page's tier or findings. Request approval again.`
        : fr
          ? `l'approbation est annulée car la page a été modifiée après son approbation. Demandez de nouveau l'approbation.`
          : `the approval was voided because the page changed after it was approved. Request approval again.`;
    case 'approved':
      // mayGoLive is false although the record says approved: it does not cover this version.
      return fr
        ? `l'approbation enregistrée ne couvre pas cette version de la page. Demandez de nouveau l'approbation.`
        : `the recorded approval does not cover this version of the page. Request approval again.`;
    default:
      return fr
        ? `l'approbation n'a pas été demandée. Demandez-la dans le panneau « Tandem guardrail ».`
        : `approval has not been requested. Request it in the “Tandem guardrail” panel.`;
  }
}

/** Exactly what stands between this page and going live, in the site's language. */
export function explainBlock(state: GuardrailState, lang: Lang): string {
  const fr = lang === 'fr';
  // The same words as the panel's finding for an undescribed page (one text, domain/finding-messages).
  if (state.definition === null) return PAGE_NOT_DESCRIBED[lang];
  const { evaluation } = state;
  const where = (finding: { field?: string; form?: string }) => finding.field ?? finding.form ?? 'page';
  const line = (finding: { field?: string; message: { en: string; fr: string } }) =>
    finding.field ? `${finding.field}: ${finding.message[lang]}` : finding.message[lang];
  if (evaluation.decision === 'blocked') {
    const blocking = evaluation.findings.filter((finding) => finding.severity === 'block');
    const listed = blocking.slice(0, MAX_LISTED).map(line).join(' ');
    return fr
      ? `Cette page collecte des données interdites (niveau ${evaluation.tier}) et ne peut jamais être approuvée : retirez ${joinList(blocking.slice(0, MAX_LISTED).map(where), lang)}${moreSuffix(blocking.length, lang)}. ${listed}`
      : `This page collects prohibited data (tier ${evaluation.tier}) and can never be approved: remove ${joinList(blocking.slice(0, MAX_LISTED).map(where), lang)}${moreSuffix(blocking.length, lang)}. ${listed}`;
  }
  if (evaluation.decision === 'fix') {
    const fixes = evaluation.findings.filter((finding) => finding.severity === 'fix');
    const listed = fixes.slice(0, MAX_LISTED).map(line).join(' ');
    return fr
      ? `Corrigez ${fixes.length === 1 ? 'ce point' : `ces ${fixes.length} points`} dans le panneau « Tandem guardrail » avant la mise en ligne${moreSuffix(fixes.length, lang)} : ${listed}`
      : `Fix ${fixes.length === 1 ? 'this finding' : `these ${fixes.length} findings`} in the “Tandem guardrail” panel before going live${moreSuffix(fixes.length, lang)}: ${listed}`;
  }
  if (evaluation.decision === 'approval') {
    const groups = evaluation.approvals.map((approval) => approval.group);
    const prefix = fr
      ? `Cette page (niveau ${evaluation.tier}) doit être approuvée par ${joinList(groups, lang)} avant la mise en ligne : `
      : `This page (tier ${evaluation.tier}) needs approval from ${joinList(groups, lang)} before it goes live: `;
    return prefix + approvalStateMessage(state.approval.record, state.approval.state, groups, lang);
  }
  return fr ? 'Cette page ne peut pas être mise en ligne.' : 'This page may not go live.';
}

function integrityMessage(lang: Lang): string {
  return lang === 'fr'
    ? "La définition enregistrée de cette page ne correspond pas à son empreinte : elle a été modifiée hors de Tandem. Enregistrez de nouveau la page dans le panneau « Tandem guardrail » puis demandez l'approbation ; la transition est bloquée."
    : "This page's stored definition does not match its hash: it was changed outside Tandem. Save the page again in the “Tandem guardrail” panel and request approval; the transition was blocked.";
}

async function decide(
  deps: EnforcementDeps,
  options: ValidatorOptions,
  args: ValidatorArgs,
  language: Promise<Lang>
): Promise<ValidatorAnswer> {
  const key = args.issue?.key ?? args.issue?.id;
  if (typeof key !== 'string' && typeof key !== 'number')
    throw new Error('No issue in the validator arguments');
  const [issue, lang] = await Promise.all([
    deps.jira(options.retry).getIssue(String(key), ['issuetype', 'project']),
    language
  ]);
  if (!(await isGuardrailIssueType(deps.store, issue.fields?.issuetype))) return { result: true };
  const policy = await currentPolicy(deps.store);
  const loaded = await loadIssueState(deps.store, issue.id, policy);
  // The stored hash is what approvals bind to: a definition replaced behind Tandem's back keeps
  // an old hash, so the content is hashed again here.
  if (loaded.stored && definitionHash(loaded.stored.definition) !== loaded.stored.hash) {
    return { result: false, errorMessage: integrityMessage(lang) };
  }
  const state = viewOf(loaded, deps.now(), policy);
  if (state.definition !== null && state.mayGoLive) return { result: true };
  return { result: false, errorMessage: explainBlock(state, lang) };
}

export function createGuardrailValidator(
  deps: EnforcementDeps = defaultDeps,
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
