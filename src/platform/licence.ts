import type { Language } from '../contract/language';
import { UseCaseError } from './errors';

/**
 * Tandem's licence check (manifest `app.licensing.enabled: true`). Forge hands every invocation the
 * site's licence: resolvers read it as `request.context.license` (@forge/resolver copies it from the
 * invocation), other functions — workflow validators, triggers — as `context.license`, their second
 * argument. Its shape (Forge function reference, "Function Arguments"; @forge/api `License`):
 * `{ active, isActive (deprecated twin of active), isEvaluation?, billingPeriod?, trialEndDate?,
 * subscriptionEndDate?, type?, capabilitySet?, ... }`.
 *
 * Forge omits `license` altogether for free apps and for installations in the development and
 * staging environments (unless `forge install --license active|inactive|trial` overrides it there),
 * and a paid app's production installation always carries one. So an absent licence is not a lapsed
 * one: Tandem runs normally without it, which is what Atlassian's listing guide expects (test paid
 * apps in development or staging, where production licences are not billed).
 */

/**
 * - `active`: a paid subscription in force;
 * - `evaluation`: a trial Forge still reports active (a trial that ended is `active: false`);
 * - `inactive`: the site has no licence in force — cancelled, lapsed, trial over;
 * - `absent`: Forge sent no licence (free listing, development or staging environment).
 */
export type LicenceStatus = 'active' | 'evaluation' | 'inactive' | 'absent';

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The status of the licence Forge passed, from `context.license` as it arrived (untyped). */
export function licenceStatus(license: unknown): LicenceStatus {
  if (license === undefined || license === null) return 'absent';
  if (!isRecord(license)) return 'inactive';
  // `active` replaced `isActive`; runtimes still send either or both, so the newer wins when present.
  const active = typeof license.active === 'boolean' ? license.active : license.isActive;
  // Anything but an explicit true is no licence in force: a malformed licence never unlocks the app.
  if (active !== true) return 'inactive';
  return license.isEvaluation === true ? 'evaluation' : 'active';
}

/** Whether Tandem may read and write for this invocation. */
export function mayRun(status: LicenceStatus): boolean {
  return status !== 'inactive';
}

/**
 * The site's licence is not in force: the resolver answers UNLICENSED before it reads or writes
 * anything, and each surface shows its unlicensed page instead of its content.
 */
export class UnlicensedError extends UseCaseError {
  readonly code = 'UNLICENSED';
  constructor() {
    super("Tandem's licence for this site is not active");
    this.name = 'UnlicensedError';
  }
}

/** Throws UnlicensedError unless the licence Forge passed lets Tandem run. */
export function assertLicensed(license: unknown): void {
  if (!mayRun(licenceStatus(license))) throw new UnlicensedError();
}

/** What a `jira:workflowValidator` function answers Jira. */
export interface ValidatorVerdict {
  result: boolean;
  errorMessage?: string;
}

/** The validators' own sentences about the licence, in the languages set-up offers. */
export const VALIDATOR_LICENCE_TEXTS: Record<Language, { unlicensed: string; failure: string }> = {
  en: {
    unlicensed:
      "Tandem's licence on this site is not active: Tandem keeps checking this transition, but nothing can be changed in Tandem (approvals included) until a site administrator renews the licence or removes this validator from the workflow.",
    failure: 'Tandem could not check this transition, so it was blocked. Try again in a minute.'
  },
  fr: {
    unlicensed:
      'La licence de Tandem n’est pas active sur ce site : Tandem continue de vérifier cette transition, mais rien ne peut être modifié dans Tandem (approbations comprises) tant qu’un administrateur du site n’a pas renouvelé la licence ou retiré ce validateur du workflow.',
    failure: 'Tandem n’a pas pu vérifier cette transition : elle est bloquée. Réessayez dans une minute.'
  }
};

/**
 * A workflow validator entry that keeps enforcing when the licence lapses. Lifting the gate on an
 * unlicensed site would let unapproved pages go live the day a subscription ends; blocking every
 * transition would stop a site's publishing over a billing matter. So the check runs as on a
 * licensed site — a page that may go live passes, any other is blocked — and a block on an
 * unlicensed site also says why Tandem cannot lift it (the panel refuses approvals until the licence
 * is renewed) and who can. Never throws: a failure anywhere here blocks the transition.
 */
export function licensedValidator<A>(
  validate: (args: A) => Promise<ValidatorVerdict>,
  language: () => Promise<Language>,
  log: (message: string, error?: unknown) => void = (message, error) =>
    console.error(message, error instanceof Error ? error.message : (error ?? ''))
): (args: A, context?: { license?: unknown }) => Promise<ValidatorVerdict> {
  const texts = async () => VALIDATOR_LICENCE_TEXTS[await language().catch(() => 'en' as const)];
  return async (args, context) => {
    let verdict: ValidatorVerdict;
    try {
      verdict = await validate(args);
      if (typeof verdict?.result !== 'boolean') throw new Error('the validator gave no verdict');
    } catch (error) {
      log('validator failed; the transition was blocked', error);
      return { result: false, errorMessage: (await texts()).failure };
    }
    if (verdict.result || mayRun(licenceStatus(context?.license))) return verdict;
    const note = (await texts()).unlicensed;
    return { result: false, errorMessage: [verdict.errorMessage, note].filter(Boolean).join(' ') };
  };
}

/** What a background function answers when the site's licence is not in force and it did nothing. */
export const SKIPPED_UNLICENSED = 'unlicensed' as const;

/**
 * A product-event trigger or scheduled job that writes to the site (JQL copies, lane labels,
 * reminders and escalation e-mails) runs only while Tandem's licence is in force: on a lapsed
 * site nothing in Tandem changes (the resolvers refuse every write), so there is nothing to copy,
 * and an unpaid app does not keep writing to issues or mailing people. The validators keep
 * enforcing (licensedValidator) and the personal-data report keeps running: those protect the
 * site and its people, whatever the billing. No licence at all (free, development, staging) runs.
 */
export function licensedTrigger<E, R>(
  handler: (event: E) => Promise<R>
): (event: E, context?: { license?: unknown }) => Promise<R | typeof SKIPPED_UNLICENSED> {
  return async (event, context) =>
    mayRun(licenceStatus(context?.license)) ? handler(event) : SKIPPED_UNLICENSED;
}

/**
 * A scheduled trigger's answer to Forge. The function reference ("Scheduled triggers") asks for a
 * response in the web-trigger shape and records anything else as a 424 Failed dependency in the
 * app's invocation metrics; the job's own report goes to the log instead.
 */
export function scheduledTrigger<R>(
  name: string,
  run: (request: unknown, context?: { license?: unknown }) => Promise<R>,
  log: (message: string) => void = (message) => console.log(message)
): (request: unknown, context?: { license?: unknown }) => Promise<{ statusCode: 204 }> {
  return async (request, context) => {
    const report = await run(request, context);
    if (report !== undefined) log(`${name}: ${JSON.stringify(report)}`);
    return { statusCode: 204 };
  };
}
