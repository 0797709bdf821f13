import type { FieldClassification } from './classifier';
import type { FieldKind, Tier } from './definition';
import type { Severity } from './findings';
import type { TrackerCategory } from './policy';
import { KIND_NAMES, TIER_NAMES, lazy, localised, type LocalisedText } from './messages';

/*
 * The sentences of the guardrail's findings, in English and French. The checks decide what to report;
 * these builders only say it.
 */

function kindName(kind: FieldKind): LocalisedText {
  return KIND_NAMES[kind];
}

export function quoted(label: string): string {
  return `“${label}”`;
}

/*
 * Field findings are the hot path of the benchmark: each is a fixed-shape object whose message is
 * rendered on first read by a top-level renderer (no closure over the evaluation's locals).
 */
export type FieldMessageRenderer = (
  label: string,
  kind: FieldKind,
  extra: FieldKind | null,
  indirect: boolean
) => LocalisedText;

export const renderKindUnknown: FieldMessageRenderer = (label) =>
  localised(
    `Pick the kind of field ${label} (for example name, email, free text): Tandem cannot tell what it collects, so it counts as basic personal data until you do.`,
    `Choisissez le type du champ ${label} (par exemple nom, e-mail, texte libre) : Tandem ne peut pas deviner ce qu'il collecte et le compte comme donnée personnelle de base en attendant.`
  );

export const renderProhibited: FieldMessageRenderer = (label, kind) =>
  localised(
    `Remove field ${label} (${kindName(kind).en}): this data must never be collected by a marketing page. Payments go through the PCI payment processor; sign-in goes through the identity provider.`,
    `Supprimez le champ ${label} (${kindName(kind).fr}) : ces données ne doivent jamais être collectées par une page marketing. Les paiements passent par le prestataire de paiement PCI, l'authentification par le fournisseur d'identité.`
  );

export const renderSensitive: FieldMessageRenderer = (label, kind, _extra, indirect) => {
  const whyEn = indirect ? ' Its answers can reveal it indirectly (CJEU C-184/20).' : '';
  const whyFr = indirect ? ' Ses réponses peuvent la révéler indirectement (CJUE C-184/20).' : '';
  return localised(
    `Field ${label} collects ${kindName(kind).en}, a sensitive category.${whyEn} Remove it if you can; otherwise the data-protection officer must approve it.`,
    `Le champ ${label} collecte des ${kindName(kind).fr}, une catégorie sensible.${whyFr} Supprimez-le si possible ; sinon le délégué à la protection des données doit l'approuver.`
  );
};

export const renderPersonal: FieldMessageRenderer = (label, kind) =>
  localised(
    `Field ${label} collects ${kindName(kind).en}: a privacy reviewer must approve the page. Remove the field if the campaign can do without it.`,
    `Le champ ${label} collecte : ${kindName(kind).fr}. Un relecteur vie privée doit approuver la page. Supprimez le champ si la campagne peut s'en passer.`
  );

export const renderLabelMismatch: FieldMessageRenderer = (label, kind, suggested) =>
  localised(
    `Field ${label} is declared as ${kindName(kind).en} but its label suggests ${suggested === null ? '' : kindName(suggested).en}; check the kind.`,
    `Le champ ${label} est déclaré comme ${kindName(kind).fr} mais son libellé évoque : ${suggested === null ? '' : kindName(suggested).fr} ; vérifiez son type.`
  );

export const renderFreeTextNotice: FieldMessageRenderer = (label) =>
  localised(
    `Add a notice under free-text field ${label} asking visitors not to share sensitive data (health, religion, opinions, bank or ID numbers).`,
    `Ajoutez sous le champ de texte libre ${label} une mention demandant de ne pas communiquer de données sensibles (santé, religion, opinions, numéros bancaires ou d'identité).`
  );

/** A field finding's sentence, rendered only when read (see `lazy`). */
export function fieldMessage(
  renderer: FieldMessageRenderer,
  classification: FieldClassification
): LocalisedText {
  return lazy(() => {
    const { displayLabel, kind, labelSuggests, indirect } = classification;
    return renderer(quoted(displayLabel), kind ?? 'free_text', labelSuggests, indirect);
  });
}

// Message builders live outside formChecks so that a form without findings allocates no closure.
export function purposeMissing(formId: string): LocalisedText {
  return lazy(() =>
    localised(
      `State the purpose of form “${formId}” (what the data will be used for), e.g. “Send the white paper and follow up on the request”.`,
      `Indiquez la finalité du formulaire « ${formId} » (à quoi serviront les données), par ex. « Envoyer le livre blanc et donner suite à la demande ».`
    )
  );
}

export function privacyMissing(formId: string): LocalisedText {
  return lazy(() =>
    localised(
      `Add a link to the privacy notice next to form “${formId}”.`,
      `Ajoutez un lien vers la politique de confidentialité à côté du formulaire « ${formId} ».`
    )
  );
}

export function privacyInvalid(formId: string): LocalisedText {
  return lazy(() =>
    localised(
      `The privacy-notice link of form “${formId}” is not a web address; use an https:// link or a path on the site.`,
      `Le lien vers la politique de confidentialité du formulaire « ${formId} » n'est pas une adresse web ; utilisez un lien https:// ou un chemin du site.`
    )
  );
}

export function retentionMissing(formId: string, max: number | null, tier: Tier): LocalisedText {
  return lazy(() =>
    localised(
      `Set how long the data of form “${formId}” is kept${max === null ? '' : ` (at most ${max} months for ${TIER_NAMES[tier].en})`}.`,
      `Indiquez la durée de conservation des données du formulaire « ${formId} »${max === null ? '' : ` (${max} mois au plus pour des ${TIER_NAMES[tier].fr})`}.`
    )
  );
}

export function retentionTooLong(formId: string, months: number, max: number, tier: Tier): LocalisedText {
  return lazy(() =>
    localised(
      `Shorten the retention of form “${formId}” from ${months} to at most ${max} months (${TIER_NAMES[tier].en}).`,
      `Réduisez la durée de conservation du formulaire « ${formId} » de ${months} à ${max} mois au plus (${TIER_NAMES[tier].fr}).`
    )
  );
}

export function consentPreTicked(purpose: string): LocalisedText {
  return lazy(() =>
    localised(
      `Untick consent box “${purpose}” by default: consent must be an active choice (GDPR art. 4(11), CJEU Planet49).`,
      `Décochez par défaut la case de consentement « ${purpose} » : le consentement doit être un acte positif (RGPD art. 4(11), CJUE Planet49).`
    )
  );
}

export function consentPurposeMissing(consentId: string): LocalisedText {
  return lazy(() =>
    localised(
      `Say what consent box “${consentId}” is for (one purpose per box).`,
      `Précisez à quoi sert la case de consentement « ${consentId} » (une finalité par case).`
    )
  );
}

export const LEGAL_BASIS_MISSING = localised(
  'Record the legal basis for collecting sensitive data (usually explicit consent, GDPR art. 9(2)(a)).',
  'Indiquez la base légale de la collecte de données sensibles (en général le consentement explicite, RGPD art. 9(2)(a)).'
);
export const EXPLICIT_CONSENT_MISSING = localised(
  'Write the explicit-consent text visitors will tick, naming the sensitive data and why it is collected.',
  'Rédigez le texte de consentement explicite que les visiteurs cocheront, en nommant les données sensibles et leur finalité.'
);
export const DPIA_MISSING = localised(
  'Complete the data-protection impact assessment (DPIA) with the DPO and mark it done.',
  "Réalisez l'analyse d'impact relative à la protection des données (AIPD) avec le DPO et indiquez-la comme faite."
);

export const PAGE_NOT_DESCRIBED = localised(
  'Describe the page first: Tandem cannot check a page it knows nothing about. Add its forms, scripts and modules, or import its HTML.',
  "Décrivez d'abord la page : Tandem ne peut pas vérifier une page dont il ne sait rien. Ajoutez ses formulaires, scripts et modules, ou importez son HTML."
);

export function minorsAudience(): LocalisedText {
  return lazy(() =>
    localised(
      'The page targets minors: any personal data it collects is data about children (GDPR art. 8) and needs parental consent under 15 in France.',
      "La page s'adresse à des mineurs : toute donnée personnelle collectée concerne des enfants (RGPD art. 8) et exige l'accord parental avant 15 ans en France."
    )
  );
}

/** `resourceEn`/`resourceFr` name the kind of resource: script, or embed (« contenu intégré »). */
export function resourceInvalidUrl(resourceEn: string, resourceFr: string, url: string): LocalisedText {
  return lazy(() =>
    localised(
      `The ${resourceEn} address “${url}” is not a valid URL; correct or remove it.`,
      `L'adresse du ${resourceFr} « ${url} » n'est pas une URL valide ; corrigez-la ou supprimez-la.`
    )
  );
}

export function resourceNotAllowed(
  resourceEn: string,
  resourceFr: string,
  host: string,
  severity: Severity
): LocalisedText {
  return lazy(() =>
    localised(
      `The ${resourceEn} from ${host} is not on IT's allow-list: remove it, or ${severity === 'approval' ? 'keep it and IT will review it' : 'ask IT to add the domain to the allow-list'}.`,
      `Le ${resourceFr} chargé depuis ${host} n'est pas dans la liste autorisée par l'IT : supprimez-le, ou ${severity === 'approval' ? "conservez-le et l'IT l'examinera" : "demandez à l'IT d'ajouter le domaine à la liste"}.`
    )
  );
}

export function moduleRetired(ref: string, current: string | null): LocalisedText {
  return lazy(() =>
    localised(
      `Module ${ref} is retired${current === null ? '' : `; switch to version ${current}`}.`,
      `Le module ${ref} est retiré${current === null ? '' : ` ; passez à la version ${current}`}.`
    )
  );
}

export function moduleNotInLibrary(ref: string, current: string | null, severity: Severity): LocalisedText {
  return lazy(() =>
    localised(
      `Module ${ref} is not in IT's pre-approved library${current === null ? '' : ` (approved version: ${current})`}: use a library module${severity === 'approval' ? ', or IT must review this one' : ''}.`,
      `Le module ${ref} ne fait pas partie de la bibliothèque pré-approuvée par l'IT${current === null ? '' : ` (version approuvée : ${current})`} : utilisez un module de la bibliothèque${severity === 'approval' ? ", ou l'IT devra examiner celui-ci" : ''}.`
    )
  );
}

/** Why an approval is needed: IT's review of modules and resources, or the data tier's approver. */
export function approvalReason(isIt: boolean, pageTier: Tier): LocalisedText {
  return isIt
    ? localised(
        'The page uses modules or third-party resources IT has not pre-approved.',
        "La page utilise des modules ou des ressources tierces que l'IT n'a pas pré-approuvés."
      )
    : localised(
        `The page collects ${TIER_NAMES[pageTier].en} (${pageTier}).`,
        `La page collecte des ${TIER_NAMES[pageTier].fr} (${pageTier}).`
      );
}

const TRACKER_CATEGORY_NAMES: Record<TrackerCategory, LocalisedText> = {
  analytics: { en: 'analytics', fr: "mesure d'audience" },
  advertising: { en: 'advertising', fr: 'publicité' },
  tag_manager: { en: 'tag manager', fr: 'gestionnaire de balises' }
};

export function trackerWithoutConsentManager(host: string, category: TrackerCategory): LocalisedText {
  return lazy(() =>
    localised(
      `The page loads a tracker (${TRACKER_CATEGORY_NAMES[category].en}) from ${host} without a consent-management platform: trackers may run only after visitors consent (CNIL cookie guidelines). Add the site's consent banner (Axeptio, Didomi, OneTrust, Cookiebot, tarteaucitron…) and declare it, or remove the script.`,
      `La page charge un traceur (${TRACKER_CATEGORY_NAMES[category].fr}) depuis ${host} sans plateforme de gestion du consentement : un traceur ne peut s'exécuter qu'après le consentement du visiteur (lignes directrices cookies de la CNIL). Ajoutez le bandeau de consentement du site (Axeptio, Didomi, OneTrust, Cookiebot, tarteaucitron…) et déclarez-le, ou supprimez le script.`
    )
  );
}

export function tagManagerTagsUnlisted(host: string): LocalisedText {
  return lazy(() =>
    localised(
      `List the tags the tag manager from ${host} loads (analytics, advertising pixels…): reviewers cannot see them in the page.`,
      `Listez les balises que charge le gestionnaire de balises de ${host} (mesure d'audience, pixels publicitaires…) : les relecteurs ne peuvent pas les voir dans la page.`
    )
  );
}
