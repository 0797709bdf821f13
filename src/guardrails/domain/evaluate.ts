import { classifyField, type FieldClassification } from './classifier';
import { tierRank, type FieldKind, type FormDefinition, type PageDefinition, type Tier } from './definition';
import { KIND_NAMES, TIER_NAMES, lazy, localised, type LocalisedText } from './messages';
import type { PageCheckSeverity, Policy } from './policy';

export const DECISIONS = ['go', 'fix', 'approval', 'blocked'] as const;
export type Decision = (typeof DECISIONS)[number];

/** `fix`: the requester can fix it alone; `approval`: someone must approve; `block`: cannot ship. */
export type Severity = 'info' | 'fix' | 'approval' | 'block';

/** Stable codes: JQL, audit events and marketing CI pipelines key on them, so never rename one. */
export type FindingCode =
  | 'field.prohibited'
  | 'field.sensitive'
  | 'field.personal'
  | 'field.kind_unknown'
  | 'field.kind_label_mismatch'
  | 'free_text.notice_missing'
  | 'audience.minors'
  | 'page.purpose_missing'
  | 'page.privacy_notice_missing'
  | 'page.privacy_notice_invalid'
  | 'page.retention_missing'
  | 'page.retention_too_long'
  | 'consent.preticked'
  | 'consent.purpose_missing'
  | 'sensitive.legal_basis_missing'
  | 'sensitive.explicit_consent_missing'
  | 'sensitive.dpia_missing'
  | 'module.not_in_library'
  | 'module.retired'
  | 'script.not_allowed'
  | 'script.invalid_url'
  | 'embed.not_allowed'
  | 'embed.invalid_url'
  | 'import.invalid_attribute';

export interface Finding {
  code: FindingCode;
  severity: Severity;
  /** The form the finding concerns, when the page has forms. */
  form?: string;
  /** The field name, consent id, module id or script host the finding concerns. */
  field?: string;
  message: LocalisedText;
  /** For `approval` findings: the Jira group that must approve. */
  approverGroup?: string;
}

export interface ApprovalRequirement {
  group: string;
  slaHours: number | null;
  /** The finding codes that make this approval necessary. */
  codes: FindingCode[];
  reason: LocalisedText;
}

export interface FormEvaluation {
  form: string;
  tier: Tier;
  fields: FieldClassification[];
}

export interface Evaluation {
  policyVersion: string;
  tier: Tier;
  decision: Decision;
  findings: Finding[];
  forms: FormEvaluation[];
  /** Who must approve and why; empty when nothing needs approval or when the page is blocked. */
  approvals: ApprovalRequirement[];
}

const SEVERITY_RANK: Record<Severity, number> = { block: 0, fix: 1, approval: 2, info: 3 };
const HTTP_URL = /^https?:\/\/[^\s/]+/i;
const URL_IN_SNIPPET = /(?:https?:)?\/\/([a-z0-9][a-z0-9.-]*\.[a-z]{2,})(?=[/:"'?#\s]|$)/gi;
// Stands for relative URLs, which load from the page's own site.
const FIRST_PARTY_HOST = 'first-party.invalid';

function kindName(kind: FieldKind): LocalisedText {
  return KIND_NAMES[kind];
}

function quoted(label: string): string {
  return `“${label}”`;
}

/*
 * Field findings are the hot path of the benchmark: each is a fixed-shape object whose message is
 * rendered on first read by a top-level renderer (no closure over the evaluation's locals).
 */
type FieldMessageRenderer = (
  label: string,
  kind: FieldKind,
  extra: FieldKind | null,
  indirect: boolean
) => LocalisedText;

const renderKindUnknown: FieldMessageRenderer = (label) =>
  localised(
    `Pick the kind of field ${label} (for example name, email, free text): Tandem cannot tell what it collects, so it counts as basic personal data until you do.`,
    `Choisissez le type du champ ${label} (par exemple nom, e-mail, texte libre) : Tandem ne peut pas deviner ce qu'il collecte et le compte comme donnée personnelle de base en attendant.`
  );

const renderProhibited: FieldMessageRenderer = (label, kind) =>
  localised(
    `Remove field ${label} (${kindName(kind).en}): this data must never be collected by a marketing page. Payments go through the PCI payment processor; sign-in goes through the identity provider.`,
    `Supprimez le champ ${label} (${kindName(kind).fr}) : ces données ne doivent jamais être collectées par une page marketing. Les paiements passent par le prestataire de paiement PCI, l'authentification par le fournisseur d'identité.`
  );

const renderSensitive: FieldMessageRenderer = (label, kind, _extra, indirect) => {
  const whyEn = indirect ? ' Its answers can reveal it indirectly (CJEU C-184/20).' : '';
  const whyFr = indirect ? ' Ses réponses peuvent la révéler indirectement (CJUE C-184/20).' : '';
  return localised(
    `Field ${label} collects ${kindName(kind).en}, a sensitive category.${whyEn} Remove it if you can; otherwise the data-protection officer must approve it.`,
    `Le champ ${label} collecte des ${kindName(kind).fr}, une catégorie sensible.${whyFr} Supprimez-le si possible ; sinon le délégué à la protection des données doit l'approuver.`
  );
};

const renderPersonal: FieldMessageRenderer = (label, kind) =>
  localised(
    `Field ${label} collects ${kindName(kind).en}: a privacy reviewer must approve the page. Remove the field if the campaign can do without it.`,
    `Le champ ${label} collecte : ${kindName(kind).fr}. Un relecteur vie privée doit approuver la page. Supprimez le champ si la campagne peut s'en passer.`
  );

const renderLabelMismatch: FieldMessageRenderer = (label, kind, suggested) =>
  localised(
    `Field ${label} is declared as ${kindName(kind).en} but its label suggests ${suggested === null ? '' : kindName(suggested).en}; check the kind.`,
    `Le champ ${label} est déclaré comme ${kindName(kind).fr} mais son libellé évoque : ${suggested === null ? '' : kindName(suggested).fr} ; vérifiez son type.`
  );

const renderFreeTextNotice: FieldMessageRenderer = (label) =>
  localised(
    `Add a notice under free-text field ${label} asking visitors not to share sensitive data (health, religion, opinions, bank or ID numbers).`,
    `Ajoutez sous le champ de texte libre ${label} une mention demandant de ne pas communiquer de données sensibles (santé, religion, opinions, numéros bancaires ou d'identité).`
  );

class FieldMessage implements LocalisedText {
  private rendered: LocalisedText | undefined;

  constructor(
    private readonly renderer: FieldMessageRenderer,
    private readonly classification: FieldClassification
  ) {}

  private resolve(): LocalisedText {
    if (this.rendered === undefined) {
      const { displayLabel, kind, labelSuggests, indirect } = this.classification;
      this.rendered = this.renderer(quoted(displayLabel), kind ?? 'free_text', labelSuggests, indirect);
    }
    return this.rendered;
  }

  get en(): string {
    return this.resolve().en;
  }

  get fr(): string {
    return this.resolve().fr;
  }

  toJSON(): LocalisedText {
    return this.resolve();
  }
}

function fieldFinding(
  code: FindingCode,
  severity: Severity,
  formId: string,
  classification: FieldClassification,
  renderer: FieldMessageRenderer,
  approverGroup: string | undefined
): Finding {
  const finding: Finding = {
    code,
    severity,
    form: formId,
    field: classification.field,
    message: new FieldMessage(renderer, classification)
  };
  if (approverGroup !== undefined) finding.approverGroup = approverGroup;
  return finding;
}

function fieldFindings(
  classification: FieldClassification,
  form: FormDefinition,
  policy: Policy,
  formTier: Tier,
  notice: string | undefined,
  findings: Finding[]
): void {
  const { kind, tier } = classification;
  if (kind === null) {
    findings.push(
      fieldFinding('field.kind_unknown', 'fix', form.id, classification, renderKindUnknown, undefined)
    );
    return;
  }
  if (tier === 'T4') {
    findings.push(
      fieldFinding('field.prohibited', 'block', form.id, classification, renderProhibited, undefined)
    );
    return;
  }
  const group = policy.tiers[tier].approverGroup;
  if (tier === 'T3' && group !== null) {
    findings.push(
      fieldFinding('field.sensitive', 'approval', form.id, classification, renderSensitive, group)
    );
  } else if (tier === 'T2' && group !== null) {
    findings.push(fieldFinding('field.personal', 'approval', form.id, classification, renderPersonal, group));
  }
  if (classification.labelSuggests !== null) {
    findings.push(
      fieldFinding(
        'field.kind_label_mismatch',
        'info',
        form.id,
        classification,
        renderLabelMismatch,
        undefined
      )
    );
  }
  if (kind === 'free_text' && isBlank(notice) && policy.tiers[formTier].checks.includes('freeTextNotice')) {
    findings.push(
      fieldFinding(
        'free_text.notice_missing',
        'fix',
        form.id,
        classification,
        renderFreeTextNotice,
        undefined
      )
    );
  }
}

function isBlank(text: string | undefined): boolean {
  return text === undefined || text.trim() === '';
}

// Message builders live outside formChecks so that a form without findings allocates no closure.
function purposeMissing(formId: string): LocalisedText {
  return lazy(() =>
    localised(
      `State the purpose of form “${formId}” (what the data will be used for), e.g. “Send the white paper and follow up on the request”.`,
      `Indiquez la finalité du formulaire « ${formId} » (à quoi serviront les données), par ex. « Envoyer le livre blanc et donner suite à la demande ».`
    )
  );
}

function privacyMissing(formId: string): LocalisedText {
  return lazy(() =>
    localised(
      `Add a link to the privacy notice next to form “${formId}”.`,
      `Ajoutez un lien vers la politique de confidentialité à côté du formulaire « ${formId} ».`
    )
  );
}

function privacyInvalid(formId: string): LocalisedText {
  return lazy(() =>
    localised(
      `The privacy-notice link of form “${formId}” is not a web address; use an https:// link or a path on the site.`,
      `Le lien vers la politique de confidentialité du formulaire « ${formId} » n'est pas une adresse web ; utilisez un lien https:// ou un chemin du site.`
    )
  );
}

function retentionMissing(formId: string, max: number | null, tier: Tier): LocalisedText {
  return lazy(() =>
    localised(
      `Set how long the data of form “${formId}” is kept${max === null ? '' : ` (at most ${max} months for ${TIER_NAMES[tier].en})`}.`,
      `Indiquez la durée de conservation des données du formulaire « ${formId} »${max === null ? '' : ` (${max} mois au plus pour des ${TIER_NAMES[tier].fr})`}.`
    )
  );
}

function retentionTooLong(formId: string, months: number, max: number, tier: Tier): LocalisedText {
  return lazy(() =>
    localised(
      `Shorten the retention of form “${formId}” from ${months} to at most ${max} months (${TIER_NAMES[tier].en}).`,
      `Réduisez la durée de conservation du formulaire « ${formId} » de ${months} à ${max} mois au plus (${TIER_NAMES[tier].fr}).`
    )
  );
}

function consentPreTicked(purpose: string): LocalisedText {
  return lazy(() =>
    localised(
      `Untick consent box “${purpose}” by default: consent must be an active choice (GDPR art. 4(11), CJEU Planet49).`,
      `Décochez par défaut la case de consentement « ${purpose} » : le consentement doit être un acte positif (RGPD art. 4(11), CJUE Planet49).`
    )
  );
}

function consentPurposeMissing(consentId: string): LocalisedText {
  return lazy(() =>
    localised(
      `Say what consent box “${consentId}” is for (one purpose per box).`,
      `Précisez à quoi sert la case de consentement « ${consentId} » (une finalité par case).`
    )
  );
}

const LEGAL_BASIS_MISSING = localised(
  'Record the legal basis for collecting sensitive data (usually explicit consent, GDPR art. 9(2)(a)).',
  'Indiquez la base légale de la collecte de données sensibles (en général le consentement explicite, RGPD art. 9(2)(a)).'
);
const EXPLICIT_CONSENT_MISSING = localised(
  'Write the explicit-consent text visitors will tick, naming the sensitive data and why it is collected.',
  'Rédigez le texte de consentement explicite que les visiteurs cocheront, en nommant les données sensibles et leur finalité.'
);
const DPIA_MISSING = localised(
  'Complete the data-protection impact assessment (DPIA) with the DPO and mark it done.',
  "Réalisez l'analyse d'impact relative à la protection des données (AIPD) avec le DPO et indiquez-la comme faite."
);

function pageLevelFinding(
  code: FindingCode,
  message: LocalisedText,
  emitted: Set<FindingCode>,
  findings: Finding[]
): void {
  if (emitted.has(code)) return;
  emitted.add(code);
  findings.push({ code, severity: 'fix', message });
}

function formChecks(
  form: FormDefinition,
  page: PageDefinition,
  policy: Policy,
  formTier: Tier,
  emittedPageLevel: Set<FindingCode>,
  findings: Finding[]
): void {
  const rule = policy.tiers[formTier];
  const checks = rule.checks;
  if (checks.length === 0) return;
  const formId = form.id;
  if (checks.includes('purpose') && isBlank(form.purpose ?? page.purpose)) {
    findings.push({
      code: 'page.purpose_missing',
      severity: 'fix',
      form: formId,
      message: purposeMissing(formId)
    });
  }
  if (checks.includes('privacyNotice')) {
    const url = form.privacyNoticeUrl ?? page.privacyNoticeUrl;
    if (url === undefined || isBlank(url)) {
      findings.push({
        code: 'page.privacy_notice_missing',
        severity: 'fix',
        form: formId,
        message: privacyMissing(formId)
      });
    } else if (!HTTP_URL.test(url) && !url.startsWith('/')) {
      findings.push({
        code: 'page.privacy_notice_invalid',
        severity: 'fix',
        form: formId,
        message: privacyInvalid(formId)
      });
    }
  }
  if (checks.includes('retention')) {
    const months = form.retentionMonths ?? page.retentionMonths;
    const max = rule.maxRetentionMonths;
    if (months === undefined) {
      findings.push({
        code: 'page.retention_missing',
        severity: 'fix',
        form: formId,
        message: retentionMissing(formId, max, formTier)
      });
    } else if (max !== null && months > max) {
      findings.push({
        code: 'page.retention_too_long',
        severity: 'fix',
        form: formId,
        message: retentionTooLong(formId, months, max, formTier)
      });
    }
  }
  if (checks.includes('consentNotPreTicked')) {
    for (const consent of form.consents) {
      if (consent.preTicked) {
        findings.push({
          code: 'consent.preticked',
          severity: 'fix',
          form: formId,
          field: consent.id,
          message: consentPreTicked(consent.purpose)
        });
      }
      if (isBlank(consent.purpose)) {
        findings.push({
          code: 'consent.purpose_missing',
          severity: 'fix',
          form: formId,
          field: consent.id,
          message: consentPurposeMissing(consent.id)
        });
      }
    }
  }
  if (checks.includes('legalBasis') && page.legalBasis === undefined) {
    pageLevelFinding('sensitive.legal_basis_missing', LEGAL_BASIS_MISSING, emittedPageLevel, findings);
  }
  if (checks.includes('explicitConsent') && isBlank(page.explicitConsentText)) {
    pageLevelFinding(
      'sensitive.explicit_consent_missing',
      EXPLICIT_CONSENT_MISSING,
      emittedPageLevel,
      findings
    );
  }
  if (checks.includes('dpia') && page.dpiaCompleted !== true) {
    pageLevelFinding('sensitive.dpia_missing', DPIA_MISSING, emittedPageLevel, findings);
  }
}

function hostAllowed(host: string, allowed: ReadonlyArray<string>): boolean {
  for (const entry of allowed) {
    if (entry.startsWith('*.')) {
      const suffix = entry.slice(1).toLowerCase();
      if (host.endsWith(suffix) || host === suffix.slice(1)) return true;
    } else if (host === entry.toLowerCase()) {
      return true;
    }
  }
  return false;
}

const ABSOLUTE_URL = /^(?:https?:)?\/\/(?:[^/?#@]*@)?([^/?#:]+)/i;
const OTHER_SCHEME = /^[a-z][a-z0-9+.-]*:/i;

/** The host a script or embed loads from; FIRST_PARTY_HOST for a relative URL; null when unusable. */
function hostOf(url: string): string | null {
  const trimmed = url.trim();
  const absolute = ABSOLUTE_URL.exec(trimmed);
  if (absolute !== null) return absolute[1]?.toLowerCase() ?? null;
  // data:, javascript:, ftp:… cannot be checked against a host allow-list.
  if (OTHER_SCHEME.test(trimmed) || trimmed.startsWith('//')) return null;
  return FIRST_PARTY_HOST;
}

function severityOf(check: PageCheckSeverity): Severity {
  return check;
}

function thirdPartyChecks(page: PageDefinition, policy: Policy, findings: Finding[]): void {
  const resourceKinds = [
    {
      items: page.scripts,
      allowed: policy.allowedDomains.scripts,
      severity: policy.pageChecks.scriptOutsideAllowList,
      notAllowed: 'script.not_allowed',
      invalid: 'script.invalid_url',
      en: 'script',
      fr: 'script'
    },
    {
      items: page.embeds,
      allowed: policy.allowedDomains.embeds,
      severity: policy.pageChecks.embedOutsideAllowList,
      notAllowed: 'embed.not_allowed',
      invalid: 'embed.invalid_url',
      en: 'embed',
      fr: 'contenu intégré'
    }
  ] as const;
  for (const resource of resourceKinds) {
    const reported = new Set<string>();
    for (const item of resource.items) {
      const hosts: string[] = [];
      if (item.url !== undefined) {
        const host = hostOf(item.url);
        if (host === null) {
          findings.push({
            code: resource.invalid,
            severity: 'fix',
            field: item.url,
            message: lazy(() =>
              localised(
                `The ${resource.en} address “${item.url}” is not a valid URL; correct or remove it.`,
                `L'adresse du ${resource.fr} « ${item.url} » n'est pas une URL valide ; corrigez-la ou supprimez-la.`
              )
            )
          });
          continue;
        }
        hosts.push(host);
      } else if (item.inline !== undefined) {
        // An inline snippet is judged by the hosts it loads from; one that loads nothing stays first-party.
        for (const match of item.inline.matchAll(URL_IN_SNIPPET)) {
          if (match[1] !== undefined) hosts.push(match[1].toLowerCase());
        }
      }
      for (const host of hosts) {
        if (host === FIRST_PARTY_HOST || hostAllowed(host, resource.allowed) || reported.has(host)) continue;
        reported.add(host);
        const severity = severityOf(resource.severity);
        findings.push({
          code: resource.notAllowed,
          severity,
          field: host,
          ...(severity === 'approval' ? { approverGroup: policy.itApproverGroup } : {}),
          message: lazy(() =>
            localised(
              `The ${resource.en} from ${host} is not on IT's allow-list: remove it, or ${severity === 'approval' ? 'keep it and IT will review it' : 'ask IT to add the domain to the allow-list'}.`,
              `Le ${resource.fr} chargé depuis ${host} n'est pas dans la liste autorisée par l'IT : supprimez-le, ou ${severity === 'approval' ? "conservez-le et l'IT l'examinera" : "demandez à l'IT d'ajouter le domaine à la liste"}.`
            )
          )
        });
      }
    }
  }
}

function moduleChecks(page: PageDefinition, policy: Policy, findings: Finding[]): void {
  for (const module of page.modules) {
    let exact: string | null = null;
    let current: string | null = null;
    for (const entry of policy.moduleLibrary) {
      if (entry.id !== module.id) continue;
      if (entry.version === module.version) exact = entry.status;
      if (entry.status === 'approved') current = entry.version;
    }
    const ref = `${module.id}@${module.version}`;
    if (exact === 'approved') continue;
    if (exact === 'retired') {
      const severity = severityOf(policy.pageChecks.retiredModule);
      findings.push({
        code: 'module.retired',
        severity,
        field: ref,
        ...(severity === 'approval' ? { approverGroup: policy.itApproverGroup } : {}),
        message: lazy(() =>
          localised(
            `Module ${ref} is retired${current === null ? '' : `; switch to version ${current}`}.`,
            `Le module ${ref} est retiré${current === null ? '' : ` ; passez à la version ${current}`}.`
          )
        )
      });
      continue;
    }
    const severity = severityOf(policy.pageChecks.unknownModule);
    findings.push({
      code: 'module.not_in_library',
      severity,
      field: ref,
      ...(severity === 'approval' ? { approverGroup: policy.itApproverGroup } : {}),
      message: lazy(() =>
        localised(
          `Module ${ref} is not in IT's pre-approved library${current === null ? '' : ` (approved version: ${current})`}: use a library module${severity === 'approval' ? ', or IT must review this one' : ''}.`,
          `Le module ${ref} ne fait pas partie de la bibliothèque pré-approuvée par l'IT${current === null ? '' : ` (version approuvée : ${current})`} : utilisez un module de la bibliothèque${severity === 'approval' ? ", ou l'IT devra examiner celui-ci" : ''}.`
        )
      )
    });
  }
}

export function decide(findings: ReadonlyArray<Finding>): Decision {
  let worst = 4;
  for (const finding of findings) {
    const rank = SEVERITY_RANK[finding.severity];
    if (rank < worst) worst = rank;
  }
  if (worst === 0) return 'blocked';
  if (worst === 1) return 'fix';
  if (worst === 2) return 'approval';
  return 'go';
}

function approvalsFor(
  findings: ReadonlyArray<Finding>,
  policy: Policy,
  pageTier: Tier
): ApprovalRequirement[] {
  const byGroup = new Map<string, FindingCode[]>();
  for (const finding of findings) {
    if (finding.severity !== 'approval' || finding.approverGroup === undefined) continue;
    const codes = byGroup.get(finding.approverGroup);
    if (codes === undefined) byGroup.set(finding.approverGroup, [finding.code]);
    else if (!codes.includes(finding.code)) codes.push(finding.code);
  }
  const tierGroup = policy.tiers[pageTier].approverGroup;
  const requirements: ApprovalRequirement[] = [];
  for (const [group, codes] of byGroup) {
    // The page tier's approver covers lower-tier fields too: the DPO does not wait on a privacy reviewer.
    const isDataGroup = codes.every(
      (code) => code === 'field.personal' || code === 'field.sensitive' || code === 'audience.minors'
    );
    if (isDataGroup && group !== tierGroup && tierGroup !== null) continue;
    const isIt = group === policy.itApproverGroup && !isDataGroup;
    requirements.push({
      group,
      codes,
      slaHours: isIt ? policy.itApprovalSlaHours : policy.tiers[pageTier].approvalSlaHours,
      reason: isIt
        ? localised(
            'The page uses modules or third-party resources IT has not pre-approved.',
            "La page utilise des modules ou des ressources tierces que l'IT n'a pas pré-approuvés."
          )
        : localised(
            `The page collects ${TIER_NAMES[pageTier].en} (${pageTier}).`,
            `La page collecte des ${TIER_NAMES[pageTier].fr} (${pageTier}).`
          )
    });
  }
  return requirements;
}

/**
 * Classifies every field and applies the policy's checks. Pure and allocation-light: the benchmark runs
 * it tens of thousands of times a second.
 */
export function evaluateDefinition(
  page: PageDefinition,
  policy: Policy,
  extraFindings: ReadonlyArray<Finding> = []
): Evaluation {
  const findings: Finding[] = [...extraFindings];
  const forms: FormEvaluation[] = [];
  const emittedPageLevel = new Set<FindingCode>();
  let pageTier: Tier = 'T0';
  const minorsTier = policy.kindTiers.child_data;

  for (const form of page.forms) {
    const classifications: FieldClassification[] = [];
    let formTier: Tier = 'T0';
    for (const field of form.fields) {
      const classification = classifyField(field, policy);
      classifications.push(classification);
      if (tierRank(classification.tier) > tierRank(formTier)) formTier = classification.tier;
    }
    // GDPR art. 8: a page aimed at children under 16 collecting any personal data is in the children's tier.
    if (page.audience === 'minors' && formTier !== 'T0' && tierRank(minorsTier) > tierRank(formTier)) {
      formTier = minorsTier;
      const group = policy.tiers[minorsTier].approverGroup;
      if (!emittedPageLevel.has('audience.minors')) {
        emittedPageLevel.add('audience.minors');
        findings.push({
          code: 'audience.minors',
          severity: minorsTier === 'T4' ? 'block' : group === null ? 'info' : 'approval',
          ...(group === null ? {} : { approverGroup: group }),
          message: lazy(() =>
            localised(
              'The page targets minors: any personal data it collects is data about children (GDPR art. 8) and needs parental consent under 15 in France.',
              "La page s'adresse à des mineurs : toute donnée personnelle collectée concerne des enfants (RGPD art. 8) et exige l'accord parental avant 15 ans en France."
            )
          )
        });
      }
    }
    for (let i = 0; i < classifications.length; i++) {
      const classification = classifications[i];
      const field = form.fields[i];
      if (classification === undefined || field === undefined) continue;
      fieldFindings(classification, form, policy, formTier, field.notice, findings);
    }
    formChecks(form, page, policy, formTier, emittedPageLevel, findings);
    forms.push({ form: form.id, tier: formTier, fields: classifications });
    if (tierRank(formTier) > tierRank(pageTier)) pageTier = formTier;
  }

  moduleChecks(page, policy, findings);
  thirdPartyChecks(page, policy, findings);

  findings.sort((a, b) => SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity]);
  const decision = pageTier === 'T4' ? 'blocked' : decide(findings);
  return {
    policyVersion: policy.version,
    tier: pageTier,
    decision,
    findings,
    forms,
    approvals: decision === 'blocked' ? [] : approvalsFor(findings, policy, pageTier)
  };
}

/**
 * What an approval vouches for, besides the definition itself: the tier and every finding that is not
 * purely informative. A new policy that leaves this unchanged leaves the approval valid.
 */
export function evaluationSignature(evaluation: Evaluation): string {
  const parts: string[] = [];
  for (const finding of evaluation.findings) {
    if (finding.severity === 'info') continue;
    parts.push(
      `${finding.code}|${finding.severity}|${finding.form ?? ''}|${finding.field ?? ''}|${finding.approverGroup ?? ''}`
    );
  }
  parts.sort();
  return `${evaluation.tier};${evaluation.decision};${parts.join(';')}`;
}
