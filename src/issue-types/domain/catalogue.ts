import type { Language } from '../../contract/provisioning';

/**
 * The shared marketing–IT language: the issue types and the fields people fill in.
 * What Tandem computes itself (guardrail decision, approval state, capacity lane) is not
 * here: it lives in the app's records and is copied to JQL-indexed issue properties.
 */

export type Localised = Record<Language, string>;

export interface IssueTypeSpec {
  key: string;
  names: Localised;
  descriptions: Localised;
  fields: string[];
}

/** Jira custom field types used, with the searcher that makes them usable in JQL. */
export const FIELD_TYPES = {
  textarea: {
    type: 'com.atlassian.jira.plugin.system.customfieldtypes:textarea',
    searcherKey: 'com.atlassian.jira.plugin.system.customfieldtypes:textsearcher',
    schemaType: 'string'
  },
  text: {
    type: 'com.atlassian.jira.plugin.system.customfieldtypes:textfield',
    searcherKey: 'com.atlassian.jira.plugin.system.customfieldtypes:textsearcher',
    schemaType: 'string'
  },
  date: {
    type: 'com.atlassian.jira.plugin.system.customfieldtypes:datepicker',
    searcherKey: 'com.atlassian.jira.plugin.system.customfieldtypes:daterange',
    schemaType: 'date'
  },
  number: {
    type: 'com.atlassian.jira.plugin.system.customfieldtypes:float',
    searcherKey: 'com.atlassian.jira.plugin.system.customfieldtypes:exactnumber',
    schemaType: 'number'
  },
  select: {
    type: 'com.atlassian.jira.plugin.system.customfieldtypes:select',
    searcherKey: 'com.atlassian.jira.plugin.system.customfieldtypes:multiselectsearcher',
    schemaType: 'option'
  }
} as const;

export type FieldTypeKey = keyof typeof FIELD_TYPES;

export interface FieldSpec {
  key: string;
  names: Localised;
  /** Tried, in order, when a field with the main name exists with an incompatible type. */
  fallbackNames: Localised;
  descriptions: Localised;
  scale: Localised;
  fieldType: FieldTypeKey;
  options?: Localised[];
}

export const FIELDS: readonly FieldSpec[] = [
  {
    key: 'hypothesis',
    names: { en: 'Hypothesis', fr: 'Hypothèse' },
    fallbackNames: { en: 'Experiment Hypothesis', fr: "Hypothèse d'expérimentation" },
    descriptions: {
      en: 'What we believe will happen, for whom, and why.',
      fr: 'Ce que nous pensons qu’il va se passer, pour qui, et pourquoi.'
    },
    scale: {
      en: 'Free text: "If we …, then … because …"',
      fr: 'Texte libre : « Si nous …, alors … parce que … »'
    },
    fieldType: 'textarea'
  },
  {
    key: 'success-metric',
    names: { en: 'Success Metric', fr: 'Indicateur de succès' },
    fallbackNames: { en: 'Tandem Success Metric', fr: 'Indicateur de succès Tandem' },
    descriptions: {
      en: 'The measure that says whether it worked, with its target.',
      fr: 'La mesure qui dit si cela a marché, avec sa cible.'
    },
    scale: {
      en: 'Metric and target, e.g. "form conversion ≥ 4 %"',
      fr: 'Mesure et cible, par ex. « conversion du formulaire ≥ 4 % »'
    },
    fieldType: 'text'
  },
  {
    key: 'stop-date',
    names: { en: 'Stop Date', fr: "Date d'arrêt" },
    fallbackNames: { en: 'Experiment Stop Date', fr: "Date d'arrêt de l'expérimentation" },
    descriptions: {
      en: 'The date the experiment ends, whatever its result.',
      fr: 'La date où l’expérimentation s’arrête, quel que soit son résultat.'
    },
    scale: { en: 'Date', fr: 'Date' },
    fieldType: 'date'
  },
  {
    key: 'target-launch-date',
    names: { en: 'Target Launch Date', fr: 'Date de lancement visée' },
    fallbackNames: { en: 'Tandem Target Launch Date', fr: 'Date de lancement visée Tandem' },
    descriptions: {
      en: 'The date marketing needs this live.',
      fr: 'La date à laquelle le marketing a besoin que ce soit en ligne.'
    },
    scale: { en: 'Date', fr: 'Date' },
    fieldType: 'date'
  },
  {
    key: 'requesting-team',
    names: { en: 'Requesting Team', fr: 'Équipe demandeuse' },
    fallbackNames: { en: 'Tandem Requesting Team', fr: 'Équipe demandeuse Tandem' },
    descriptions: {
      en: 'The team that asked for this work.',
      fr: 'L’équipe qui a demandé ce travail.'
    },
    scale: {
      en: 'One of: Marketing, Creative, IT, Marketing Ops',
      fr: 'Au choix : Marketing, Création, IT, Marketing Ops'
    },
    fieldType: 'select',
    options: [
      { en: 'Marketing', fr: 'Marketing' },
      { en: 'Creative', fr: 'Création' },
      { en: 'IT', fr: 'IT' },
      { en: 'Marketing Ops', fr: 'Marketing Ops' }
    ]
  },
  {
    key: 'reach',
    names: { en: 'Reach', fr: 'Portée' },
    fallbackNames: { en: 'Reach (RICE)', fr: 'Portée (RICE)' },
    descriptions: {
      en: 'How many people or events this touches per quarter (RICE).',
      fr: 'Combien de personnes ou d’événements cela touche par trimestre (RICE).'
    },
    scale: { en: 'Count per quarter, ≥ 0', fr: 'Nombre par trimestre, ≥ 0' },
    fieldType: 'number'
  },
  {
    key: 'impact',
    names: { en: 'Impact', fr: 'Impact' },
    fallbackNames: { en: 'Impact (RICE)', fr: 'Impact (RICE)' },
    descriptions: {
      en: 'How much it moves the goal for each person reached (RICE and ICE).',
      fr: 'Combien cela fait avancer l’objectif pour chaque personne touchée (RICE et ICE).'
    },
    scale: {
      en: '0.25 minimal · 0.5 low · 1 medium · 2 high · 3 massive',
      fr: '0,25 minime · 0,5 faible · 1 moyen · 2 fort · 3 massif'
    },
    fieldType: 'number'
  },
  {
    key: 'confidence',
    names: { en: 'Confidence', fr: 'Confiance' },
    fallbackNames: { en: 'Confidence (RICE)', fr: 'Confiance (RICE)' },
    descriptions: {
      en: 'How sure we are of reach and impact (RICE and ICE).',
      fr: 'Notre degré de certitude sur la portée et l’impact (RICE et ICE).'
    },
    scale: {
      en: 'Percent: 100 high · 80 medium · 50 low',
      fr: 'Pourcentage : 100 élevée · 80 moyenne · 50 faible'
    },
    fieldType: 'number'
  },
  {
    key: 'ease',
    names: { en: 'Ease', fr: 'Facilité' },
    fallbackNames: { en: 'Ease (ICE)', fr: 'Facilité (ICE)' },
    descriptions: {
      en: 'How easy it is to do (ICE).',
      fr: 'À quel point c’est facile à faire (ICE).'
    },
    scale: { en: '1 (very hard) to 10 (trivial)', fr: '1 (très difficile) à 10 (trivial)' },
    fieldType: 'number'
  },
  {
    key: 'effort',
    names: { en: 'Effort', fr: 'Effort' },
    fallbackNames: { en: 'Effort (RICE)', fr: 'Effort (RICE)' },
    descriptions: {
      en: 'Total work it needs from all teams (RICE).',
      fr: 'Le travail total qu’il demande à toutes les équipes (RICE).'
    },
    scale: { en: 'Person-weeks, > 0', fr: 'Semaines-personne, > 0' },
    fieldType: 'number'
  }
];

export const ISSUE_TYPES: readonly IssueTypeSpec[] = [
  {
    key: 'campaign',
    names: { en: 'Campaign', fr: 'Campagne' },
    descriptions: {
      en: 'A marketing campaign. Relate its pages, forms, assets and IT changes through its epic or issue links.',
      fr: 'Une campagne marketing. Reliez-lui pages, formulaires, éléments créatifs et changements IT par son epic ou des liens.'
    },
    fields: ['requesting-team', 'target-launch-date', 'success-metric']
  },
  {
    key: 'landing-page',
    names: { en: 'Landing Page', fr: "Page d'atterrissage" },
    descriptions: {
      en: 'A landing page built from approved modules; Tandem checks it before it goes live.',
      fr: 'Une page d’atterrissage construite avec des modules approuvés ; Tandem la vérifie avant sa mise en ligne.'
    },
    fields: ['requesting-team', 'target-launch-date']
  },
  {
    key: 'web-form',
    names: { en: 'Web Form', fr: 'Formulaire web' },
    descriptions: {
      en: 'A web form; Tandem classifies the data it collects and says who must approve it.',
      fr: 'Un formulaire web ; Tandem classe les données qu’il collecte et dit qui doit l’approuver.'
    },
    fields: ['requesting-team', 'target-launch-date']
  },
  {
    key: 'creative-asset',
    names: { en: 'Creative Asset', fr: 'Élément créatif' },
    descriptions: {
      en: 'A visual, video or copy deliverable from the creative team.',
      fr: 'Un visuel, une vidéo ou un texte livré par l’équipe créative.'
    },
    fields: ['requesting-team', 'target-launch-date']
  },
  {
    key: 'it-change',
    names: { en: 'IT Change', fr: 'Changement IT' },
    descriptions: {
      en: 'A change IT makes for marketing: integration, tracking, DNS, CMS, security.',
      fr: 'Un changement que l’IT fait pour le marketing : intégration, suivi, DNS, CMS, sécurité.'
    },
    fields: ['requesting-team', 'target-launch-date']
  },
  {
    key: 'experiment',
    names: { en: 'Experiment', fr: 'Expérimentation' },
    descriptions: {
      en: 'A time-boxed test with a hypothesis, a success metric and a stop date.',
      fr: 'Un test limité dans le temps, avec une hypothèse, un indicateur de succès et une date d’arrêt.'
    },
    fields: ['hypothesis', 'success-metric', 'stop-date', 'requesting-team']
  },
  {
    key: 'strategic-idea',
    names: { en: 'Strategic Idea', fr: 'Idée stratégique' },
    descriptions: {
      en: 'An idea for the strategic backlog, scored with ICE and RICE.',
      fr: 'Une idée pour le backlog stratégique, notée avec ICE et RICE.'
    },
    fields: ['reach', 'impact', 'confidence', 'ease', 'effort', 'requesting-team']
  },
  {
    key: 'retro-action',
    names: { en: 'Retro Action', fr: 'Action de rétro' },
    descriptions: {
      en: 'An action decided in a joint retrospective; open actions carry over to the next one.',
      fr: 'Une action décidée en rétrospective commune ; les actions ouvertes passent à la suivante.'
    },
    fields: ['requesting-team']
  }
];
