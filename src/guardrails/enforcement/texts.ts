import type { Lang } from '../domain/messages';

/**
 * Every sentence the workflow validator and the guardrail's notices show a person, in English and
 * French (docs/architecture.md: user-visible strings live in catalogues). `{name}` marks a value
 * filled in at run time; the French catalogue is typed as the English one, and a test checks both
 * have the same keys and the same placeholders in each text.
 */

const en = {
  list: { and: ' and ', separator: ', ' },
  validator: {
    reasonBudget: 'no answer within {seconds} s',
    reasonRateLimited: 'Jira answered 429: too many requests',
    reasonTimeout: 'Jira did not answer in time',
    reasonJiraStatus: 'Jira answered {status}',
    reasonRecord: 'a Tandem record is unreadable: policy, definition or approval',
    reasonStorage: "Tandem's storage is unavailable",
    reasonUnexpectedJira: 'unexpected answer from Jira',
    reasonInternal: 'internal error',
    failClosed:
      "Tandem could not check this page's guardrail ({reason}); the transition was blocked. Try again in a minute.",
    moreOne: ' (and {count} more)',
    moreMany: ' (and {count} more)',
    pageWord: 'page',
    approvalRequested: 'approval was requested on {since} and is still pending from {waiting}.',
    approvalRejected:
      'approval was rejected on {date}: “{reason}”. Change the page, then request approval again.',
    approvalExpired: 'the approval expired on {date}. Request approval again.',
    approvalVoidedPolicy:
      "the approval was voided because the policy changed this page's tier or findings. Request approval again.",
    approvalVoidedDefinition:
      'the approval was voided because the page changed after it was approved. Request approval again.',
    approvalNotCovering:
      'the recorded approval does not cover this version of the page. Request approval again.',
    approvalNotRequested: 'approval has not been requested. Request it in the “Tandem guardrail” panel.',
    blocked:
      'This page collects prohibited data (tier {tier}) and can never be approved: remove {where}{more}. {listed}',
    fixOne: 'Fix this finding in the “Tandem guardrail” panel before going live{more}: {listed}',
    fixMany: 'Fix these {count} findings in the “Tandem guardrail” panel before going live{more}: {listed}',
    needsApproval: 'This page (tier {tier}) needs approval from {groups} before it goes live: ',
    mayNotGoLive: 'This page may not go live.',
    integrity:
      "This page's stored definition does not match its hash: it was changed outside Tandem. Save the page again in the “Tandem guardrail” panel and request approval; the transition was blocked."
  },
  notices: {
    requested: {
      subject: 'Approval requested',
      body: [
        'Approval is requested for page {key} ({summary}).',
        'Tier {tier}: members of {groups} must approve or reject it in the issue’s “Tandem guardrail” panel.'
      ]
    },
    approved: {
      subject: 'Page approved',
      body: [
        'Page {key} ({summary}) is approved: it may go live.',
        'The approval is valid until {expires}; any change to the page voids it.'
      ]
    },
    rejected: {
      subject: 'Approval rejected',
      body: [
        'The approval request for page {key} ({summary}) was rejected.',
        'Reason: {reason}',
        'Change the page, then request approval again.'
      ]
    },
    partial: {
      subject: 'Approval partly granted',
      body: [
        'Page {key} ({summary}) is approved by {granted}.',
        'It still needs approval from {waiting} before it may go live.'
      ]
    },
    escalation: {
      subject: 'Approval overdue',
      body: [
        'The approval request for page {key} ({summary}) has been waiting for {group} since {since}: the {hours}-hour approval time is passed.',
        'Please approve or reject it in the issue’s “Tandem guardrail” panel.'
      ]
    },
    rereview: {
      subject: 'Approval expires soon',
      body: [
        'The approval of page {key} ({summary}) expires on {expires}.',
        'Check the page is still accurate and ask for a new review before then; after that date it cannot go live.'
      ]
    }
  }
};

export type EnforcementTexts = typeof en;

const fr: EnforcementTexts = {
  list: { and: ' et ', separator: ', ' },
  validator: {
    reasonBudget: 'pas de réponse en {seconds} s',
    reasonRateLimited: 'Jira a répondu 429 : trop de requêtes',
    reasonTimeout: 'Jira ne répond pas à temps',
    reasonJiraStatus: 'Jira a répondu {status}',
    reasonRecord: 'un enregistrement de Tandem est illisible : politique, définition ou approbation',
    reasonStorage: 'le stockage de Tandem est indisponible',
    reasonUnexpectedJira: 'réponse de Jira inattendue',
    reasonInternal: 'erreur interne',
    failClosed:
      "Tandem n'a pas pu vérifier le garde-fou de cette page ({reason}) ; la transition est bloquée. Réessayez dans une minute.",
    moreOne: ' (et {count} autre)',
    moreMany: ' (et {count} autres)',
    pageWord: 'page',
    approvalRequested: "l'approbation a été demandée le {since} et attend encore {waiting}.",
    approvalRejected:
      "l'approbation a été refusée le {date} : « {reason} ». Modifiez la page puis demandez de nouveau l'approbation.",
    approvalExpired: "l'approbation a expiré le {date}. Demandez une nouvelle approbation.",
    approvalVoidedPolicy:
      "l'approbation est annulée : la politique a changé le niveau ou les constats de cette page. Demandez de nouveau l'approbation.",
    approvalVoidedDefinition:
      "l'approbation est annulée car la page a été modifiée après son approbation. Demandez de nouveau l'approbation.",
    approvalNotCovering:
      "l'approbation enregistrée ne couvre pas cette version de la page. Demandez de nouveau l'approbation.",
    approvalNotRequested:
      "l'approbation n'a pas été demandée. Demandez-la dans le panneau « Tandem guardrail ».",
    blocked:
      'Cette page collecte des données interdites (niveau {tier}) et ne peut jamais être approuvée : retirez {where}{more}. {listed}',
    fixOne: 'Corrigez ce point dans le panneau « Tandem guardrail » avant la mise en ligne{more} : {listed}',
    fixMany:
      'Corrigez ces {count} points dans le panneau « Tandem guardrail » avant la mise en ligne{more} : {listed}',
    needsApproval: 'Cette page (niveau {tier}) doit être approuvée par {groups} avant la mise en ligne : ',
    mayNotGoLive: 'Cette page ne peut pas être mise en ligne.',
    integrity:
      "La définition enregistrée de cette page ne correspond pas à son empreinte : elle a été modifiée hors de Tandem. Enregistrez de nouveau la page dans le panneau « Tandem guardrail » puis demandez l'approbation ; la transition est bloquée."
  },
  notices: {
    requested: {
      subject: 'Approbation demandée',
      body: [
        'Une approbation est demandée pour la page {key} ({summary}).',
        'Niveau {tier} : les membres de {groups} doivent approuver ou refuser dans le panneau « Tandem guardrail » du ticket.'
      ]
    },
    approved: {
      subject: 'Page approuvée',
      body: [
        'La page {key} ({summary}) est approuvée : elle peut être mise en ligne.',
        "L'approbation est valable jusqu'au {expires} ; toute modification de la page l’annule."
      ]
    },
    rejected: {
      subject: 'Approbation refusée',
      body: [
        'La demande d’approbation de la page {key} ({summary}) est refusée.',
        'Motif : {reason}',
        'Modifiez la page puis demandez de nouveau l’approbation.'
      ]
    },
    partial: {
      subject: 'Approbation partielle',
      body: [
        'La page {key} ({summary}) est approuvée par {granted}.',
        'Il manque encore l’approbation de {waiting} avant la mise en ligne.'
      ]
    },
    escalation: {
      subject: 'Délai d’approbation dépassé',
      body: [
        'La demande d’approbation de la page {key} ({summary}) attend {group} depuis le {since} : le délai de {hours} heures est dépassé.',
        'Merci de l’approuver ou de la refuser dans le panneau « Tandem guardrail » du ticket.'
      ]
    },
    rereview: {
      subject: 'Approbation bientôt expirée',
      body: [
        'L’approbation de la page {key} ({summary}) expire le {expires}.',
        'Vérifiez que la page est toujours à jour et demandez une nouvelle revue avant cette date ; ensuite, sa mise en ligne sera bloquée.'
      ]
    }
  }
};

export const ENFORCEMENT_TEXTS: Record<Lang, EnforcementTexts> = { en, fr };

export type ValidatorTextKey = keyof EnforcementTexts['validator'];
export type NoticeTextKey = keyof EnforcementTexts['notices'];

const PLACEHOLDER = /\{(\w+)\}/g;

/** The names of a text's placeholders, sorted (what the catalogue test compares across languages). */
export function placeholdersOf(text: string): string[] {
  return [...text.matchAll(PLACEHOLDER)].map((m) => m[1] ?? '').sort();
}

/** `A, B and C` in the language's own words. */
export function joinList(values: ReadonlyArray<string>, lang: Lang): string {
  const { and, separator } = ENFORCEMENT_TEXTS[lang].list;
  if (values.length <= 1) return values.join('');
  return `${values.slice(0, -1).join(separator)}${and}${values[values.length - 1]}`;
}

/** A validator text with its placeholders filled in. */
export function validatorText(
  lang: Lang,
  key: ValidatorTextKey,
  values: Record<string, string | number> = {}
): string {
  return ENFORCEMENT_TEXTS[lang].validator[key].replace(PLACEHOLDER, (whole, name: string) =>
    name in values ? String(values[name]) : whole
  );
}

/**
 * A text split into its literal pieces and the values typed by people (summaries, group names,
 * reasons), so the HTML body can escape and emphasise the values; a list value becomes its items
 * joined by the language's separators.
 */
export type TextPart = string | { value: string };

export function textParts(
  lang: Lang,
  template: string,
  values: Record<string, string | ReadonlyArray<string>>
): TextPart[] {
  const { and, separator } = ENFORCEMENT_TEXTS[lang].list;
  const parts: TextPart[] = [];
  let last = 0;
  for (const match of template.matchAll(PLACEHOLDER)) {
    const index = match.index;
    if (index > last) parts.push(template.slice(last, index));
    last = index + match[0].length;
    const value = values[match[1] ?? ''];
    if (value === undefined) {
      parts.push(match[0]);
      continue;
    }
    if (typeof value === 'string') {
      parts.push({ value });
      continue;
    }
    value.forEach((item, i) => {
      if (i > 0) parts.push(i === value.length - 1 ? and : separator);
      parts.push({ value: item });
    });
  }
  if (last < template.length) parts.push(template.slice(last));
  return parts;
}
