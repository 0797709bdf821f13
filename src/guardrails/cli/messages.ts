import type { Decision, FindingCode, Lang, Severity } from '../domain';
import loaderMessages from './loader-messages.json';

/**
 * Every string tandem-check shows a person, in English and French (DESIGN rule 8). The French catalogue
 * is typed as the English one, so a key present in one language only does not compile. Finding messages
 * themselves come from the domain, already bilingual.
 */
const en = {
  usage: `Usage: tandem-check [options] PATH...

PATH is a page definition in JSON, an HTML page, a directory (searched recursively for
.html, .htm and .json files) or a glob such as "site/**/*.html" (quote it so the shell
leaves it to tandem-check). Hidden entries and node_modules are skipped in directories and globs.

Options:
  --policy POLICY.json          the policy exported from Tandem's admin page (default: built-in policy)
  --format text|json|sarif|junit  report format (default: text)
  --json                        same as --format json
  --output FILE                 write the report to FILE; with json, sarif or junit the summary
                                table is still printed on standard output
  --lang en|fr                  language of the report (default: en)
  -h, --help                    show this help

Exit codes: the worst decision among the pages: 0 go, 1 fix, 2 approval, 3 blocked;
64 unreadable or invalid input (the other pages are still reported), 70 internal error.`,
  prefix: 'tandem-check',
  colon: ':',
  internalError: (detail: string) => `internal error: ${detail}`,
  needsValue: (flag: string) => `${flag} needs a value`,
  badLang: (value: string) => `--lang must be "en" or "fr", not "${value}"`,
  badFormat: (value: string) => `--format must be text, json, sarif or junit, not "${value}"`,
  unknownOption: (option: string) => `unknown option ${option}`,
  pathMissing: 'PATH is missing',
  cannotRead: (path: string, reason: string) => `cannot read ${path}: ${reason}`,
  cannotWrite: (path: string, reason: string) => `cannot write ${path}: ${reason}`,
  noSuchFile: 'no such file',
  isDirectory: 'is a directory',
  noPagesIn: (path: string) => `no .html, .htm or .json page in ${path}`,
  globMatchesNothing: (pattern: string) => `no .html, .htm or .json page matches ${pattern}`,
  invalidJson: (path: string, detail: string) => `${path}: invalid JSON: ${detail}`,
  invalidJsonAt: (path: string, line: number, column: number, detail: string) =>
    `${path}: invalid JSON at line ${line}, column ${column}: ${detail}`,
  invalidPolicy: (path: string, detail: string) => `${path}: invalid policy: ${detail}`,
  invalidDefinition: (path: string, detail: string) => `${path}: invalid definition: ${detail}`,
  notAPage: (path: string) =>
    `${path}: neither a JSON definition nor an HTML page (use a .json or .html file)`,
  htmlNotImported: (path: string, detail: string) => `${path}: ${detail}`,

  file: 'File',
  page: 'Page',
  tier: 'Tier',
  decision: 'Decision',
  findings: 'Findings',
  policy: 'Policy',
  line: 'line',
  error: 'ERROR',
  decisions: {
    go: 'GO — can go live',
    fix: 'FIX — fix the findings below',
    approval: 'APPROVAL — needs approval',
    blocked: 'BLOCKED — cannot go live'
  } satisfies Record<Decision, string>,
  decisionShort: { go: 'GO', fix: 'FIX', approval: 'APPROVAL', blocked: 'BLOCKED' } satisfies Record<
    Decision,
    string
  >,
  approvers: 'Must approve',
  sla: 'within',
  none: 'No findings.',
  severities: { block: 'blocked', fix: 'fix', approval: 'approval', info: 'info' } satisfies Record<
    Severity,
    string
  >,
  summary: (pages: number, counts: Record<Decision, number>, errors: number) =>
    `${pages} ${pages === 1 ? 'page' : 'pages'}: ${counts.go} go, ${counts.fix} fix, ${counts.approval} approval, ${counts.blocked} blocked` +
    (errors === 0 ? '.' : `, ${errors} not checked (invalid).`),
  worst: (decision: string, code: number) => `Result: ${decision} (exit code ${code}).`,
  reportWritten: (format: string, path: string) => `The ${format} report is in ${path}.`,
  junitSuite: 'Tandem guardrail',
  sarifToolDescription:
    'Checks landing pages and forms against the Tandem guardrail policy (data tiers, consent, privacy notice, retention, allowed scripts and embeds).',
  ruleDescriptions: {
    'field.prohibited': 'A field collects data a marketing page must never collect.',
    'field.sensitive': 'A field collects a special category of personal data.',
    'field.personal': 'A field collects personal data that needs approval at this tier.',
    'field.kind_unknown': 'Tandem cannot tell what a field collects.',
    'field.kind_label_mismatch': 'A field’s declared kind does not match its label.',
    'free_text.notice_missing': 'Free text without a notice not to share sensitive data.',
    'audience.minors': 'The page targets minors.',
    'page.purpose_missing': 'The purpose of the data collection is not stated.',
    'page.privacy_notice_missing': 'No link to a privacy notice.',
    'page.privacy_notice_invalid': 'The privacy notice link is not a valid address.',
    'page.retention_missing': 'The retention period is not stated.',
    'page.retention_too_long': 'The retention period is longer than the policy allows.',
    'consent.preticked': 'A consent box is ticked in advance.',
    'consent.purpose_missing': 'A consent box does not say what it is for.',
    'sensitive.legal_basis_missing': 'Sensitive data without a stated legal basis.',
    'sensitive.explicit_consent_missing': 'Sensitive data without explicit consent wording.',
    'sensitive.dpia_missing': 'Sensitive data without a completed impact assessment (DPIA).',
    'module.not_in_library': 'A module is not in IT’s pre-approved library.',
    'module.retired': 'A module version is retired.',
    'script.not_allowed': 'A script loads from a domain outside IT’s allow-list.',
    'script.invalid_url': 'A script address is not a valid URL.',
    'embed.not_allowed': 'An embed loads from a domain outside IT’s allow-list.',
    'embed.invalid_url': 'An embed address is not a valid URL.',
    'import.invalid_attribute': 'A form attribute has a value Tandem cannot read.'
  } satisfies Partial<Record<FindingCode, string>> as Partial<Record<string, string>>,
  ruleFallback: (code: string) => `Tandem guardrail finding ${code}.`,
  ruleInvalidInput: 'The page could not be read or is not a valid page, so it was not checked.',
  /** Printed by bin/tandem-check.js before TypeScript can load, hence kept in JSON. */
  loaderMissing: loaderMessages.en
};

export type CliMessages = typeof en;

const fr: CliMessages = {
  usage: `Utilisation\u202f: tandem-check [options] CHEMIN...

CHEMIN est une définition de page en JSON, une page HTML, un dossier (parcouru récursivement à
la recherche de fichiers .html, .htm et .json) ou un motif tel que «\u202fsite/**/*.html\u202f» (entre
guillemets, pour que le shell le laisse à tandem-check). Les entrées cachées et node_modules
sont ignorés dans les dossiers et les motifs.

Options\u202f:
  --policy POLITIQUE.json       la politique exportée depuis la page d’administration de Tandem
                                (par défaut\u202f: la politique intégrée)
  --format text|json|sarif|junit  format du rapport (par défaut\u202f: text)
  --json                        identique à --format json
  --output FICHIER              écrit le rapport dans FICHIER\u202f; avec json, sarif ou junit le
                                tableau récapitulatif reste affiché sur la sortie standard
  --lang en|fr                  langue du rapport (par défaut\u202f: en)
  -h, --help                    affiche cette aide

Codes de sortie\u202f: la pire décision parmi les pages\u202f: 0 go, 1 à corriger, 2 approbation,
3 bloquée\u202f; 64 entrée illisible ou invalide (les autres pages sont tout de même rapportées),
70 erreur interne.`,
  prefix: 'tandem-check',
  colon: '\u202f:',
  internalError: (detail) => `erreur interne\u202f: ${detail}`,
  needsValue: (flag) => `${flag} attend une valeur`,
  badLang: (value) => `--lang doit valoir «\u202fen\u202f» ou «\u202ffr\u202f», pas «\u202f${value}\u202f»`,
  badFormat: (value) => `--format doit valoir text, json, sarif ou junit, pas «\u202f${value}\u202f»`,
  unknownOption: (option) => `option inconnue ${option}`,
  pathMissing: 'CHEMIN manquant',
  cannotRead: (path, reason) => `impossible de lire ${path}\u202f: ${reason}`,
  cannotWrite: (path, reason) => `impossible d’écrire ${path}\u202f: ${reason}`,
  noSuchFile: 'fichier introuvable',
  isDirectory: 'c’est un dossier',
  noPagesIn: (path) => `aucune page .html, .htm ou .json dans ${path}`,
  globMatchesNothing: (pattern) => `aucune page .html, .htm ou .json ne correspond à ${pattern}`,
  invalidJson: (path, detail) => `${path}\u202f: JSON invalide\u202f: ${detail}`,
  invalidJsonAt: (path, line, column, detail) =>
    `${path}\u202f: JSON invalide ligne ${line}, colonne ${column}\u202f: ${detail}`,
  invalidPolicy: (path, detail) => `${path}\u202f: politique invalide\u202f: ${detail}`,
  invalidDefinition: (path, detail) => `${path}\u202f: définition invalide\u202f: ${detail}`,
  notAPage: (path) =>
    `${path}\u202f: ni une définition JSON ni une page HTML (utilisez un fichier .json ou .html)`,
  htmlNotImported: (path, detail) => `${path}\u202f: ${detail}`,

  file: 'Fichier',
  page: 'Page',
  tier: 'Niveau',
  decision: 'Décision',
  findings: 'Constats',
  policy: 'Politique',
  line: 'ligne',
  error: 'ERREUR',
  decisions: {
    go: 'GO — peut être publiée',
    fix: 'À CORRIGER — corrigez les points ci-dessous',
    approval: 'APPROBATION — doit être approuvée',
    blocked: 'BLOQUÉE — ne peut pas être publiée'
  },
  decisionShort: { go: 'GO', fix: 'À CORRIGER', approval: 'APPROBATION', blocked: 'BLOQUÉE' },
  approvers: 'Doit approuver',
  sla: 'sous',
  none: 'Aucun constat.',
  severities: { block: 'bloquant', fix: 'à corriger', approval: 'approbation', info: 'info' },
  summary: (pages, counts, errors) =>
    `${pages} page${pages > 1 ? 's' : ''}\u202f: ${counts.go} go, ${counts.fix} à corriger, ${counts.approval} en approbation, ${counts.blocked} bloquée${counts.blocked > 1 ? 's' : ''}` +
    (errors === 0
      ? '.'
      : `, ${errors} non vérifiée${errors > 1 ? 's' : ''} (invalide${errors > 1 ? 's' : ''}).`),
  worst: (decision, code) => `Résultat\u202f: ${decision} (code de sortie ${code}).`,
  reportWritten: (format, path) => `Le rapport ${format} est dans ${path}.`,
  junitSuite: 'Garde-fou Tandem',
  sarifToolDescription:
    'Vérifie les pages d’atterrissage et formulaires selon la politique de garde-fou Tandem (niveaux de données, consentement, politique de confidentialité, durée de conservation, scripts et contenus intégrés autorisés).',
  ruleDescriptions: {
    'field.prohibited': 'Un champ collecte des données qu’une page marketing ne doit jamais collecter.',
    'field.sensitive': 'Un champ collecte une catégorie particulière de données personnelles.',
    'field.personal': 'Un champ collecte des données personnelles qui demandent une approbation à ce niveau.',
    'field.kind_unknown': 'Tandem ne peut pas savoir ce que collecte un champ.',
    'field.kind_label_mismatch': 'Le type déclaré d’un champ ne correspond pas à son libellé.',
    'free_text.notice_missing': 'Texte libre sans avertissement de ne pas partager de données sensibles.',
    'audience.minors': 'La page s’adresse à des mineurs.',
    'page.purpose_missing': 'La finalité de la collecte n’est pas indiquée.',
    'page.privacy_notice_missing': 'Aucun lien vers une politique de confidentialité.',
    'page.privacy_notice_invalid':
      'Le lien vers la politique de confidentialité n’est pas une adresse valide.',
    'page.retention_missing': 'La durée de conservation n’est pas indiquée.',
    'page.retention_too_long': 'La durée de conservation dépasse ce que permet la politique.',
    'consent.preticked': 'Une case de consentement est cochée d’avance.',
    'consent.purpose_missing': 'Une case de consentement ne dit pas à quoi elle sert.',
    'sensitive.legal_basis_missing': 'Données sensibles sans base légale indiquée.',
    'sensitive.explicit_consent_missing': 'Données sensibles sans formulation de consentement explicite.',
    'sensitive.dpia_missing': 'Données sensibles sans analyse d’impact (AIPD) terminée.',
    'module.not_in_library': 'Un module ne fait pas partie de la bibliothèque pré-approuvée par l’IT.',
    'module.retired': 'Une version de module est retirée.',
    'script.not_allowed': 'Un script est chargé depuis un domaine hors de la liste autorisée par l’IT.',
    'script.invalid_url': 'L’adresse d’un script n’est pas une URL valide.',
    'embed.not_allowed':
      'Un contenu intégré est chargé depuis un domaine hors de la liste autorisée par l’IT.',
    'embed.invalid_url': 'L’adresse d’un contenu intégré n’est pas une URL valide.',
    'import.invalid_attribute': 'Un attribut de formulaire a une valeur que Tandem ne sait pas lire.'
  },
  ruleFallback: (code) => `Constat du garde-fou Tandem ${code}.`,
  ruleInvalidInput: 'La page est illisible ou n’est pas une page valide : elle n’a pas été vérifiée.',
  loaderMissing: loaderMessages.fr
};

export const CLI_MESSAGES: Record<Lang, CliMessages> = { en, fr };
