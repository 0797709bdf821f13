import { Random } from './random';
import type { PreviewSeed } from './schema';

/**
 * The demo site: "Atelier Boréal", a French maker of outdoor gear, rebuilds its website
 * ("Refonte du site") with three teams — marketing (MKT, company-managed), the creative studio
 * (CRE, team-managed) and IT (IT, company-managed). The story starts BEFORE Tandem is
 * provisioned: ideas and experiments are plain tasks, and marketing already created its own
 * "Campaign", "Landing Page" and "Web Form" issue types and a "Target Launch Date" field, which
 * provisioning should adopt rather than duplicate. The creative studio (team-managed) has its
 * own project-scoped "Landing Page" type, which provisioning leaves alone.
 *
 * Deterministic: one seeded PRNG, every date computed from DEMO_EPOCH ("today" in the demo).
 */

export const DEMO_EPOCH = Date.UTC(2026, 9, 5, 8, 0, 0); // Monday 5 October 2026, 08:00 UTC
const DAY = 24 * 60 * 60 * 1000;
const RANDOM_SEED = 20261005;

export const DEMO_IDS = {
  projects: { MKT: '10000', IT: '10001', CRE: '10002' },
  campaignType: '10010',
  landingPageType: '10011',
  webFormType: '10012',
  /** The creative studio's own "Landing Page" type (team-managed projects have project-scoped types). */
  creLandingPageType: '10013',
  mktScheme: '10100',
  targetLaunchField: 'customfield_10050',
  space: '98305',
  pages: { home: '131073', retroSept: '131074', retroAug: '131075', charter: '131076', ideas: '131077' }
} as const;

interface Person {
  key: string;
  name: string;
  email: string;
  locale: 'fr_FR' | 'en_GB' | 'en_US';
  team: 'marketing' | 'creative' | 'it' | 'admin' | 'sales' | 'legal';
  groups: string[];
}

const PEOPLE: Person[] = [
  {
    key: 'marc',
    name: 'Marc Lefèvre',
    email: 'marc.lefevre',
    locale: 'fr_FR',
    team: 'admin',
    groups: ['jira-administrators']
  },
  {
    key: 'lea',
    name: 'Léa Martin',
    email: 'lea.martin',
    locale: 'fr_FR',
    team: 'marketing',
    groups: ['marketing']
  },
  {
    key: 'camille',
    name: 'Camille Laurent',
    email: 'camille.laurent',
    locale: 'fr_FR',
    team: 'marketing',
    groups: ['marketing']
  },
  {
    key: 'hugo',
    name: 'Hugo Bernard',
    email: 'hugo.bernard',
    locale: 'fr_FR',
    team: 'marketing',
    groups: ['marketing']
  },
  {
    key: 'emma',
    name: 'Emma Thompson',
    email: 'emma.thompson',
    locale: 'en_GB',
    team: 'marketing',
    groups: ['marketing']
  },
  {
    key: 'julien',
    name: 'Julien Moreau',
    email: 'julien.moreau',
    locale: 'fr_FR',
    team: 'marketing',
    groups: ['marketing']
  },
  {
    key: 'chloe',
    name: 'Chloé Dubois',
    email: 'chloe.dubois',
    locale: 'fr_FR',
    team: 'creative',
    groups: ['creative']
  },
  {
    key: 'sofia',
    name: 'Sofia Rossi',
    email: 'sofia.rossi',
    locale: 'en_GB',
    team: 'creative',
    groups: ['creative']
  },
  {
    key: 'liam',
    name: "Liam O'Connor",
    email: 'liam.oconnor',
    locale: 'en_GB',
    team: 'creative',
    groups: ['creative']
  },
  {
    key: 'nicolas',
    name: 'Nicolas Petit',
    email: 'nicolas.petit',
    locale: 'fr_FR',
    team: 'it',
    groups: ['it', 'tandem-privacy-reviewers', 'tandem-it-reviewers']
  },
  { key: 'priya', name: 'Priya Sharma', email: 'priya.sharma', locale: 'en_GB', team: 'it', groups: ['it'] },
  {
    key: 'thomas',
    name: 'Thomas Girard',
    email: 'thomas.girard',
    locale: 'fr_FR',
    team: 'it',
    groups: ['it', 'tandem-privacy-reviewers', 'tandem-it-reviewers']
  },
  {
    key: 'amelie',
    name: 'Amélie Fournier',
    email: 'amelie.fournier',
    locale: 'fr_FR',
    team: 'legal',
    groups: ['tandem-data-protection-officer']
  },
  {
    key: 'olivia',
    name: 'Olivia Bennett',
    email: 'olivia.bennett',
    locale: 'en_US',
    team: 'sales',
    groups: []
  }
];

const SITE = {
  cloudId: 'b7e2c4a1-5d3f-4e8a-9c61-2f0d8e7a4b15',
  siteUrl: 'https://atelier-boreal.atlassian.net',
  name: 'Atelier Boréal'
};

type Status = 'To Do' | 'In Progress' | 'In Review' | 'Done';

interface DraftIssue {
  project: 'MKT' | 'IT' | 'CRE';
  type: string;
  summary: string;
  labels: string[];
  components?: string[];
  epic?: string;
  reporter: string;
  assignee?: string;
  text?: string;
  /** Days before the epoch the issue was created. */
  age: number;
  status?: Status;
  targetLaunchInDays?: number;
}

function adf(...paragraphs: string[]): { type: 'doc'; version: 1; content: unknown[] } {
  return {
    type: 'doc',
    version: 1,
    content: paragraphs.map((text) => ({ type: 'paragraph', content: [{ type: 'text', text }] }))
  };
}

function heading(text: string, level = 2): unknown {
  return { type: 'heading', attrs: { level }, content: [{ type: 'text', text }] };
}

function bullets(items: string[]): unknown {
  return {
    type: 'bulletList',
    content: items.map((text) => ({
      type: 'listItem',
      content: [{ type: 'paragraph', content: [{ type: 'text', text }] }]
    }))
  };
}

function paragraph(text: string): unknown {
  return { type: 'paragraph', content: [{ type: 'text', text }] };
}

/**
 * Estimates without touching the PRNG (the rest of the demo stays as it was): 2 to 14 hours from
 * the key's number, every ninth issue unestimated (the board counts those), in-progress work
 * half done.
 */
function estimateOf(key: string, status: Status): { timeoriginalestimate?: number; timeestimate?: number } {
  const n = Number(key.split('-')[1]);
  if (n % 9 === 0) return {};
  const hours = 2 + ((n * 7) % 13);
  return status === 'In Progress' || status === 'In Review'
    ? { timeoriginalestimate: hours * 3600, timeestimate: Math.ceil(hours / 2) * 3600 }
    : { timeoriginalestimate: hours * 3600 };
}

function iso(ms: number): string {
  return new Date(ms).toISOString();
}

function isoDate(ms: number): string {
  return iso(ms).slice(0, 10);
}

export function buildDemoSeed(): PreviewSeed {
  const rng = new Random(RANDOM_SEED);
  const ids = new Map<string, string>();
  for (const person of PEOPLE)
    ids.set(person.key, `712020:${rng.hex(8)}-${rng.hex(4)}-4${rng.hex(3)}-a${rng.hex(3)}-${rng.hex(12)}`);
  const acc = (key: string): string => {
    const id = ids.get(key);
    if (!id) throw new Error(`demo: unknown person ${key}`);
    return id;
  };
  const team = (name: Person['team']): string[] => PEOPLE.filter((p) => p.team === name).map((p) => p.key);
  const marketing = team('marketing');
  const creative = team('creative');
  const it = team('it');

  const drafts: DraftIssue[] = [];
  const add = (d: DraftIssue): void => {
    drafts.push(d);
  };

  // ---- Epics: the website rebuild is the dedicated initiative; the rest is run/BAU. -----------
  const epics: Record<string, DraftIssue> = {
    mktSite: {
      project: 'MKT',
      type: 'Epic',
      summary: 'Refonte du site — contenus et pages produits',
      labels: ['refonte-site'],
      reporter: 'camille',
      assignee: 'lea',
      age: 118,
      status: 'In Progress'
    },
    mktLaunch: {
      project: 'MKT',
      type: 'Epic',
      summary: 'Lancement du nouveau site (campagne « Nouveau cap »)',
      labels: ['refonte-site'],
      reporter: 'camille',
      assignee: 'julien',
      age: 96,
      status: 'In Progress'
    },
    mktForms: {
      project: 'MKT',
      type: 'Epic',
      summary: 'Migration des formulaires vers le nouveau site',
      labels: ['refonte-site', 'forms'],
      reporter: 'hugo',
      assignee: 'hugo',
      age: 104,
      status: 'In Progress'
    },
    mktSeo: {
      project: 'MKT',
      type: 'Epic',
      summary: 'SEO: keep our rankings through the migration',
      labels: ['refonte-site', 'seo'],
      reporter: 'emma',
      assignee: 'emma',
      age: 110,
      status: 'In Progress'
    },
    mktExperiments: {
      project: 'MKT',
      type: 'Epic',
      summary: "Programme d'expérimentation T4",
      labels: ['experiment'],
      reporter: 'camille',
      assignee: 'hugo',
      age: 60,
      status: 'In Progress'
    },
    mktFutureOps: {
      project: 'MKT',
      type: 'Epic',
      summary: 'Future ops: automate the repetitive MOps work',
      labels: ['future-ops'],
      reporter: 'hugo',
      assignee: 'hugo',
      age: 75,
      status: 'To Do'
    },
    itPlatform: {
      project: 'IT',
      type: 'Epic',
      summary: 'Nouvelle plateforme web (CMS headless)',
      labels: ['refonte-site'],
      reporter: 'nicolas',
      assignee: 'priya',
      age: 120,
      status: 'In Progress'
    },
    itSecurity: {
      project: 'IT',
      type: 'Epic',
      summary: 'Sécurité et conformité du nouveau site',
      labels: ['refonte-site', 'security'],
      reporter: 'thomas',
      assignee: 'thomas',
      age: 112,
      status: 'In Progress'
    },
    itCrm: {
      project: 'IT',
      type: 'Epic',
      summary: 'CRM integration for web forms',
      labels: ['refonte-site', 'crm'],
      reporter: 'nicolas',
      assignee: 'priya',
      age: 90,
      status: 'In Progress'
    },
    itRun: {
      project: 'IT',
      type: 'Epic',
      summary: 'Run — demandes courantes marketing',
      labels: ['run'],
      reporter: 'nicolas',
      assignee: 'nicolas',
      age: 119,
      status: 'In Progress'
    },
    creIdentity: {
      project: 'CRE',
      type: 'Epic',
      summary: 'Identité visuelle du nouveau site',
      labels: ['refonte-site'],
      reporter: 'chloe',
      assignee: 'sofia',
      age: 115,
      status: 'In Progress'
    },
    creModules: {
      project: 'CRE',
      type: 'Epic',
      summary: 'Page module library (approved blocks)',
      labels: ['refonte-site', 'modules'],
      reporter: 'chloe',
      assignee: 'chloe',
      age: 100,
      status: 'In Progress'
    },
    creMedia: {
      project: 'CRE',
      type: 'Epic',
      summary: 'Photos et vidéos produits — collection hiver',
      labels: ['run'],
      reporter: 'chloe',
      assignee: 'liam',
      age: 80,
      status: 'In Progress'
    }
  };
  Object.values(epics).forEach(add);

  // ---- Marketing's own Campaign issue type (adopted by provisioning later). ------------------
  const campaigns: [string, number, Status, number][] = [
    ['Campagne lancement nouveau site — « Nouveau cap »', 70, 'In Progress', 15],
    ['Black Friday 2026 — offres atelier', 40, 'To Do', 53],
    ['Webinar series: "MOps, from order-taking to strategy"', 55, 'In Progress', 24],
    ['Salon Outdoor Lyon — relance des contacts', 88, 'Done', -20],
    ['Customer stories — spring collection', 30, 'To Do', 120],
    ['Nurturing inbound leads (EN + FR)', 64, 'In Progress', 31]
  ];
  for (const [summary, age, status, launch] of campaigns) {
    add({
      project: 'MKT',
      type: 'Campaign',
      summary,
      labels: ['campaign'],
      components: ['Campagnes'],
      epic: 'mktLaunch',
      reporter: 'camille',
      assignee: rng.pick(['lea', 'julien']),
      age,
      status,
      targetLaunchInDays: launch,
      text: 'Objectif, cible, canaux et budget à préciser avec la création et l’IT.'
    });
  }

  // ---- Landing pages: every lane, every language. -------------------------------------------
  const lpTopics = [
    'Page d’accueil',
    'Collection hiver',
    'Tentes 4 saisons',
    'Sacs à dos techniques',
    'Réparation & garantie',
    'Ateliers en boutique',
    'Programme fidélité',
    'Carte cadeau',
    'Black Friday',
    'Webinar MOps',
    'Customer stories',
    'Outdoor Lyon follow-up',
    'Recrutement',
    'Marque employeur',
    'Presse',
    'Éco-conception',
    'Seconde main',
    'Guide des tailles',
    'Store locator',
    'Newsletter'
  ];
  lpTopics.forEach((topic, i) => {
    const lang = i % 3 === 2 ? 'EN' : 'FR';
    const label = lang === 'EN' ? `Landing page: ${topic} (EN)` : `Landing page : ${topic}`;
    const age = rng.int(3, 110);
    add({
      project: 'MKT',
      type: 'Landing Page',
      summary: label,
      labels: ['landing-page', i < 12 ? 'refonte-site' : 'run'],
      components: ['Landing pages'],
      epic: i < 12 ? 'mktSite' : undefined,
      reporter: rng.pick(['lea', 'julien', 'emma']),
      assignee: rng.pick(marketing),
      age,
      targetLaunchInDays: rng.chance(0.5) ? rng.int(-10, 60) : undefined,
      text: 'Modules : hero, bénéfices, témoignages, formulaire. Tracking : GA4 uniquement.'
    });
    if (i % 2 === 0) {
      add({
        project: 'CRE',
        type: i % 4 === 0 ? 'Landing Page' : 'Task',
        summary: `Maquette — ${label}`,
        labels: ['landing-page', 'design'],
        epic: 'creIdentity',
        reporter: 'chloe',
        assignee: rng.pick(creative),
        age: Math.max(1, age - rng.int(0, 5))
      });
    }
    if (i % 3 === 0) {
      add({
        project: 'IT',
        type: 'Task',
        summary: `Intégration CMS — ${label}`,
        labels: ['landing-page', 'cms'],
        components: ['Site web'],
        epic: 'itPlatform',
        reporter: 'priya',
        assignee: rng.pick(it),
        age: Math.max(1, age - rng.int(0, 8))
      });
    }
  });

  // ---- Forms at every data-protection tier (T0 … T4). -----------------------------------------
  const forms: [string, string][] = [
    ['Enquête de satisfaction anonyme (note 1 à 5)', 'T0 : aucune donnée personnelle.'],
    ['Sondage « Quel sport pratiquez-vous ? » (choix anonymes)', 'T0.'],
    [
      'Formulaire de contact (nom, e-mail pro, message)',
      'T1 : message libre, notice « ne partagez pas de données sensibles ».'
    ],
    ['Demande de démo B2B (nom, e-mail pro, société, fonction)', 'T1.'],
    ['Inscription webinar MOps (nom, e-mail, pays)', 'T1.'],
    ['Newsletter sign-up (email, marketing opt-in)', 'T1: consent box must not be pre-ticked.'],
    ['Téléchargement livre blanc (nom, e-mail, société)', 'T1.'],
    ['Jeu concours hiver (date de naissance, adresse postale)', 'T2 : revue confidentialité requise.'],
    ['Candidature spontanée (CV en pièce jointe)', 'T2 : dépôt de fichier.'],
    ['Demande de réparation (photo du produit, adresse)', 'T2.'],
    ['Store locator — use my location (coarse)', 'T2: coarse location.'],
    ['Programme ambassadeurs — questionnaire santé et blessures', 'T3 : données de santé, avis DPO requis.'],
    ['Stage jeunes grimpeurs (enfants de moins de 16 ans)', 'T3 : données d’enfants.'],
    [
      'Remboursement — RIB et numéro de sécurité sociale',
      'T3 : identifiants gouvernementaux, coordonnées bancaires.'
    ],
    ['Acompte atelier — numéro de carte bancaire', 'T4 : interdit, passer par le prestataire de paiement.'],
    ['Espace partenaire — mot de passe et jeton API', 'T4: credentials, always blocked.'],
    ['Avis clients (note + commentaire libre)', 'T1.'],
    ['Demande de devis entreprise (nom, téléphone, société)', 'T1.']
  ];
  forms.forEach(([summary, tier], i) => {
    const age = rng.int(2, 105);
    add({
      project: 'MKT',
      type: 'Web Form',
      summary: `Formulaire : ${summary}`,
      labels: ['form', i < 10 ? 'refonte-site' : 'run'],
      components: ['Formulaires'],
      epic: 'mktForms',
      reporter: rng.pick(['lea', 'hugo', 'julien']),
      assignee: 'hugo',
      age,
      text: `Champs et finalité à valider. ${tier}`,
      targetLaunchInDays: rng.chance(0.4) ? rng.int(0, 45) : undefined
    });
    if (i % 2 === 1) {
      add({
        project: 'IT',
        type: 'Task',
        summary: `Revue sécurité formulaire — ${summary}`,
        labels: ['form', 'security-review'],
        components: ['Sécurité'],
        epic: 'itSecurity',
        reporter: 'thomas',
        assignee: rng.pick(['thomas', 'nicolas']),
        age: Math.max(1, age - 3)
      });
    }
  });

  // ---- Ideas (the strategic idea backlog, still plain tasks) and experiments. ----------------
  const ideas: [string, string][] = [
    ['Quiz « Quel sac pour quelle rando ? » sur la home', 'webinar'],
    ['Chatbot for repair requests', 'community'],
    ['Pages locales par magasin', 'one-to-one'],
    ['Programme de seconde main en ligne', 'call-recording'],
    ['Personalised homepage for returning visitors', 'webinar'],
    ['Vidéos courtes « 60 secondes en montagne »', 'community'],
    ['Score de durabilité sur chaque fiche produit', 'one-to-one'],
    ['Automated UTM builder for campaigns', 'community'],
    ['Newsletter segmentée par sport', 'call-recording'],
    ['Comparateur de tentes', 'webinar'],
    ['User-generated photos on product pages', 'community'],
    ['Parcours B2B séparé (comités d’entreprise)', 'one-to-one'],
    ['Calendrier des ateliers synchronisé avec les boutiques', 'call-recording'],
    ['Exit-intent offer on the cart', 'webinar'],
    ['Page « Nos engagements » avec données mesurées', 'one-to-one'],
    ['Lead scoring based on workshop attendance', 'community'],
    ['Podcast avec nos ambassadeurs', 'webinar'],
    ['Retours clients sur Slack partagé MOps/IT', 'one-to-one'],
    ['Dark mode for the store locator', 'community'],
    ['Tableau de bord unique campagnes + trafic', 'call-recording'],
    ['Ask IT for a pre-approved form template library', 'one-to-one'],
    ['Heatmaps sur les pages produits', 'webinar'],
    ['Livret d’accueil pour les nouveaux du marketing', 'one-to-one'],
    ['A/B test framework in the CMS', 'community']
  ];
  ideas.forEach(([summary, source]) => {
    add({
      project: 'MKT',
      type: 'Task',
      summary: `Idée : ${summary}`,
      labels: ['idea', `source-${source}`],
      reporter: rng.pick([...marketing, ...creative, 'priya']),
      assignee: rng.chance(0.3) ? 'camille' : undefined,
      age: rng.int(1, 115),
      status: rng.chance(0.2) ? 'Done' : 'To Do',
      text: `Source : ${source}. À scorer (ICE/RICE) lors de la prochaine revue.`
    });
  });
  const experiments: [string, string, string][] = [
    [
      'CTA « Réserver un atelier » au-dessus de la ligne de flottaison',
      'Si le CTA est visible sans défiler, les réservations augmentent de 15 %',
      'réservations / visites ≥ +15 %'
    ],
    [
      'Formulaire de démo en 3 champs au lieu de 7',
      'Fewer fields → more demo requests without lower lead quality',
      'conversion ≥ 4 %'
    ],
    [
      'Objet de newsletter avec prénom',
      'La personnalisation de l’objet augmente le taux d’ouverture',
      'ouverture ≥ 32 %'
    ],
    [
      'Social proof on the winter collection page',
      'Customer reviews near the price raise add-to-cart',
      'add-to-cart ≥ +8 %'
    ],
    [
      'Vidéo produit en autoplay muet',
      'La vidéo augmente le temps passé sans nuire à la vitesse',
      'LCP < 2,5 s et temps ≥ +20 %'
    ],
    [
      'Exit-intent survey on the pricing page',
      'Asking why people leave reveals the main objection',
      '≥ 150 answers in 2 weeks'
    ],
    ['Page d’atterrissage webinar sans menu', 'Sans navigation, plus d’inscriptions', 'inscriptions ≥ +10 %'],
    [
      'Chat d’aide sur le formulaire de réparation',
      'Un chat réduit les abandons du formulaire',
      'abandon ≤ 35 %'
    ],
    [
      'Recommandations « complétez votre équipement »',
      'Cross-sell increases basket size',
      'panier moyen ≥ +5 %'
    ],
    [
      'Lead magnet: packing checklist PDF',
      'A checklist brings more newsletter sign-ups than a discount',
      'sign-ups ≥ +12 %'
    ],
    [
      'Bandeau cookies simplifié (même conformité)',
      'Un bandeau plus clair augmente le consentement sans dark pattern',
      'consentement ≥ 60 %'
    ],
    ['Store locator on the homepage', 'Showing nearby stores drives workshop bookings', 'bookings ≥ +10 %']
  ];
  experiments.forEach(([summary, hypothesis, metric], i) => {
    const age = rng.int(5, 70);
    add({
      project: 'MKT',
      type: 'Task',
      summary: `Expérience : ${summary}`,
      labels: ['experiment'],
      components: i % 2 ? ['Landing pages'] : undefined,
      epic: 'mktExperiments',
      reporter: rng.pick(['hugo', 'julien', 'emma']),
      assignee: rng.pick(['hugo', 'julien']),
      age,
      text: `Hypothèse : ${hypothesis}. Indicateur de succès : ${metric}. Date d’arrêt : ${isoDate(DEMO_EPOCH + rng.int(-10, 30) * DAY)}.`
    });
  });

  // ---- Retro actions from past retrospectives and protected "future ops" time. ---------------
  const retroActions = [
    'Action rétro : brief créatif unique partagé MOps/Création',
    'Retro action: publish the IT pre-approved module list',
    'Action rétro : point hebdo de 15 min marketing–IT',
    'Retro action: one intake form for all web requests',
    'Action rétro : définir les critères « prêt pour l’IT »',
    'Retro action: show-and-tell every other Friday',
    'Action rétro : documenter la check-list RGPD des formulaires',
    'Retro action: stop the "urgent" label without a date'
  ];
  retroActions.forEach((summary, i) => {
    add({
      project: i % 3 === 2 ? 'IT' : 'MKT',
      type: 'Task',
      summary,
      labels: ['retro-action'],
      reporter: rng.pick(['camille', 'nicolas', 'chloe']),
      assignee: rng.pick([...marketing, ...it]),
      age: rng.int(10, 60),
      status: i < 3 ? 'Done' : rng.pick<Status>(['To Do', 'In Progress'])
    });
  });
  const futureOps = [
    'Automatiser l’export des leads salons vers le CRM',
    'Template Jira pour les demandes de landing page',
    'Script de vérification des UTM',
    'Audit des workflows d’e-mailing dormants',
    'Documenter le parcours lead → opportunité',
    'Veille : outils no-code validés par l’IT',
    'Energy audit: list the tasks that drain us'
  ];
  futureOps.forEach((summary) => {
    add({
      project: 'MKT',
      type: 'Task',
      summary,
      labels: ['future-ops'],
      epic: 'mktFutureOps',
      reporter: 'hugo',
      assignee: rng.pick(['hugo', 'julien', 'emma']),
      age: rng.int(5, 70)
    });
  });

  // ---- SEO and content for the rebuild. -----------------------------------------------------
  const seo = [
    'Plan de redirections 301 (ancien site → nouveau)',
    'Inventaire des URLs à fort trafic',
    'Meta descriptions des fiches produits',
    'Structured data for products (schema.org)',
    'Hreflang FR/EN',
    'Audit contenu dupliqué',
    'Réécriture des pages catégories',
    'Blog migration plan',
    'Sitemap XML du nouveau site',
    'Suivi des positions après bascule',
    'Alt texts for the image library',
    'Guide éditorial web v2',
    'Glossaire FR/EN des produits',
    'Pages FAQ : retours et garantie'
  ];
  seo.forEach((summary) => {
    add({
      project: 'MKT',
      type: rng.pick(['Task', 'Story']),
      summary,
      labels: ['seo', 'refonte-site'],
      components: ['SEO & contenu'],
      epic: 'mktSeo',
      reporter: 'emma',
      assignee: rng.pick(['emma', 'lea']),
      age: rng.int(5, 110)
    });
  });

  // ---- Marketing run/BAU: the shared queue. ---------------------------------------------------
  const runMkt = [
    'Mettre à jour la bannière promo',
    'Export de la liste des inscrits',
    'Corriger les UTM de la campagne e-mail',
    'Update the footer links',
    'Relecture newsletter mensuelle',
    'Visuels réseaux sociaux de la semaine',
    'Brief agence média',
    'Rapport mensuel trafic et leads',
    'Changer le numéro de téléphone du SAV',
    'Add the new store to the store locator',
    'Corriger une faute sur la page garantie',
    'Nouvelle vidéo YouTube — description',
    'Mettre en avant l’atelier de Lyon',
    'Refresh the pricing page copy',
    'Préparer le budget T1',
    'Planning éditorial de novembre',
    'Invitation presse — lancement',
    'Email: abandoned cart copy refresh',
    'Synchroniser les segments CRM',
    'Retirer les anciennes offres d’été'
  ];
  for (let i = 0; i < 75; i++) {
    const base = runMkt[i % runMkt.length] as string;
    const summary =
      i < runMkt.length
        ? base
        : `${base} (${i < 2 * runMkt.length ? 'semaine ' + (35 + (i % 6)) : 'v' + (2 + (i % 3))})`;
    add({
      project: 'MKT',
      type: rng.chance(0.15) ? 'Bug' : 'Task',
      summary,
      labels: ['run'],
      components: rng.chance(0.3) ? ['Emailing'] : undefined,
      reporter: rng.pick(marketing),
      assignee: rng.chance(0.85) ? rng.pick(marketing) : undefined,
      age: rng.int(1, 120)
    });
  }

  // ---- IT: platform, security, CRM, run. ----------------------------------------------------
  const itPlatform = [
    'Choisir le CMS headless (grille de comparaison)',
    'Environnements dev / recette / prod',
    'Pipeline CI/CD du site',
    'Content model: product, category, story',
    'Composants front : header, footer, navigation',
    'Migration des médias vers le DAM',
    'Search: index products and stores',
    'Cache et CDN',
    'Monitoring et alertes du site',
    'Accessibility audit (RGAA)',
    'Core Web Vitals: LCP under 2.5 s',
    'Gestion des rôles éditeurs dans le CMS',
    'Sauvegardes et plan de reprise',
    'Image pipeline (AVIF/WebP)',
    'Bascule DNS le jour J',
    'Load test before launch'
  ];
  itPlatform.forEach((summary) => {
    add({
      project: 'IT',
      type: rng.pick(['Story', 'Task']),
      summary,
      labels: ['refonte-site', 'platform'],
      components: ['Site web'],
      epic: 'itPlatform',
      reporter: rng.pick(['nicolas', 'priya']),
      assignee: rng.pick(it),
      age: rng.int(5, 118)
    });
  });
  const itSecurity = [
    'Politique CSP du nouveau site',
    'Allow-list des scripts tiers (tags marketing)',
    'Bandeau de consentement conforme CNIL',
    'Pentest avant mise en ligne',
    'WAF rules for forms',
    'Durées de conservation des données de formulaires',
    'Registre des traitements : nouveaux formulaires',
    'Chiffrement des pièces jointes (CV)',
    'Revue des accès au CMS',
    'DPIA: ambassador health questionnaire',
    'Secrets management for the CMS API',
    'Rotation des clés API CRM'
  ];
  itSecurity.forEach((summary) => {
    add({
      project: 'IT',
      type: 'Task',
      summary,
      labels: ['refonte-site', 'security'],
      components: ['Sécurité'],
      epic: 'itSecurity',
      reporter: rng.pick(['thomas', 'amelie', 'nicolas']),
      assignee: rng.pick(['thomas', 'nicolas']),
      age: rng.int(5, 110)
    });
  });
  const itCrm = [
    'Connecteur formulaires → CRM',
    'Mapping des champs formulaires',
    'Déduplication des leads',
    'Webhook for workshop bookings',
    'Consent flags synced to CRM',
    'Error queue for failed form posts',
    'Tests de bout en bout des formulaires'
  ];
  itCrm.forEach((summary) => {
    add({
      project: 'IT',
      type: rng.pick(['Story', 'Task']),
      summary,
      labels: ['refonte-site', 'crm'],
      components: ['Intégrations CRM'],
      epic: 'itCrm',
      reporter: 'priya',
      assignee: rng.pick(['priya', 'thomas']),
      age: rng.int(5, 90)
    });
  });
  const itRun = [
    'Demande d’accès CMS pour un stagiaire',
    'Certificat TLS à renouveler',
    'Patch de sécurité du CMS actuel',
    'Bug: demo form does not reach the CRM',
    'Lenteurs sur l’ancien site',
    'Nouvel alias e-mail marketing',
    'Mise à jour plugin formulaire',
    'Erreur 500 sur la page magasins',
    'Sauvegarde à restaurer (page supprimée)',
    'Add a redirect for the old promo URL',
    'Droits Google Analytics pour l’agence',
    'Quota de stockage médias atteint'
  ];
  for (let i = 0; i < 60; i++) {
    const base = itRun[i % itRun.length] as string;
    const summary = i < itRun.length ? base : `${base} #${1 + Math.floor(i / itRun.length)}`;
    add({
      project: 'IT',
      type: /bug|erreur|lenteurs/i.test(base) ? 'Bug' : 'Task',
      summary,
      labels: ['run'],
      components: rng.chance(0.5) ? ['Infrastructure'] : ['Site web'],
      epic: rng.chance(0.5) ? 'itRun' : undefined,
      reporter: rng.pick([...marketing, ...it]),
      assignee: rng.chance(0.8) ? rng.pick(it) : undefined,
      age: rng.int(1, 120)
    });
  }

  // ---- Creative studio (team-managed). -------------------------------------------------------
  const creIdentity = [
    'Moodboard du nouveau site',
    'Palette et typographies web',
    'Maquette page d’accueil (desktop)',
    'Homepage mock-up (mobile)',
    'Fiche produit : maquette',
    'Iconographie',
    'Illustrations des pages engagements',
    'Guide de style web v2',
    'Motion guidelines',
    'Dark mode palette check',
    'Prototype interactif navigation'
  ];
  creIdentity.forEach((summary) => {
    add({
      project: 'CRE',
      type: 'Task',
      summary,
      labels: ['refonte-site', 'design'],
      epic: 'creIdentity',
      reporter: 'chloe',
      assignee: rng.pick(creative),
      age: rng.int(5, 115)
    });
  });
  const creModules = [
    'Module hero',
    'Module bénéfices (3 colonnes)',
    'Module témoignages',
    'Form module (approved layout)',
    'Module FAQ',
    'Module carte des magasins',
    'Video module',
    'Module appel à l’action',
    'Module comparatif',
    'Newsletter block'
  ];
  creModules.forEach((summary) => {
    add({
      project: 'CRE',
      type: 'Task',
      summary: `Bibliothèque — ${summary}`,
      labels: ['refonte-site', 'modules'],
      epic: 'creModules',
      reporter: 'chloe',
      assignee: rng.pick(creative),
      age: rng.int(5, 100)
    });
  });
  const creAssets = [
    'Shooting collection hiver',
    'Vidéo témoignage client — Chamonix',
    'Déclinaisons bannières campagne lancement',
    'Social cut-downs (9:16)',
    'Photos ateliers en boutique',
    'Visuel newsletter',
    'Packshots sacs à dos',
    'Key visual Black Friday',
    'Webinar slides template',
    'Retouches photos catalogue'
  ];
  for (let i = 0; i < 56; i++) {
    const base = creAssets[i % creAssets.length] as string;
    const summary = i < creAssets.length ? base : `${base} — lot ${1 + Math.floor(i / creAssets.length)}`;
    add({
      project: 'CRE',
      type: 'Task',
      summary,
      labels: ['creative-asset', i < 20 ? 'refonte-site' : 'run'],
      epic: rng.chance(0.5) ? 'creMedia' : undefined,
      reporter: rng.pick(['chloe', 'lea', 'julien', 'emma']),
      assignee: rng.pick(creative),
      age: rng.int(1, 110)
    });
  }

  // ---- Keys, dates, statuses. -----------------------------------------------------------------
  const counters: Record<DraftIssue['project'], number> = { MKT: 0, IT: 0, CRE: 0 };
  const epicKeys = new Map<DraftIssue, string>();
  const keyOf = (d: DraftIssue): string => {
    const existing = epicKeys.get(d);
    if (existing) return existing;
    counters[d.project] += 1;
    const key = `${d.project}-${counters[d.project]}`;
    epicKeys.set(d, key);
    return key;
  };
  Object.values(epics).forEach(keyOf);

  const issues: NonNullable<PreviewSeed['issues']> = drafts.map((d) => {
    const key = keyOf(d);
    const created = DEMO_EPOCH - d.age * DAY - rng.int(0, 8 * 60) * 60 * 1000;
    const status: Status =
      d.status ??
      (d.age > 70
        ? rng.pick<Status>(['Done', 'Done', 'Done', 'In Progress'])
        : d.age > 25
          ? rng.pick<Status>(['Done', 'In Progress', 'In Review', 'To Do'])
          : rng.pick<Status>(['To Do', 'To Do', 'In Progress']));
    const updated = Math.min(DEMO_EPOCH - 60 * 60 * 1000, created + rng.int(0, Math.max(1, d.age)) * DAY);
    const parentDraft = d.epic ? epics[d.epic] : undefined;
    return {
      key,
      project: d.project,
      issuetype: d.type,
      summary: d.summary,
      status,
      labels: d.labels,
      ...(d.components ? { components: d.components } : {}),
      ...(parentDraft && parentDraft !== d ? { parent: keyOf(parentDraft) } : {}),
      reporter: acc(d.reporter),
      assignee: d.assignee ? acc(d.assignee) : null,
      ...(d.text ? { description: adf(d.text) } : {}),
      ...(d.targetLaunchInDays !== undefined
        ? { fields: { [DEMO_IDS.targetLaunchField]: isoDate(DEMO_EPOCH + d.targetLaunchInDays * DAY) } }
        : {}),
      created: iso(created),
      updated: iso(Math.max(created, updated)),
      ...estimateOf(key, status)
    };
  });

  // The board's "done this period" column: the last two finished MKT issues of each lane were
  // resolved early on the epoch's Monday, so the current week has done work on every day of it.
  for (const label of ['refonte-site', 'run', 'experiment']) {
    const finished = issues.filter(
      (i) => i.project === 'MKT' && i.status === 'Done' && (i.labels ?? []).includes(label)
    );
    for (const done of finished.slice(-2)) {
      done.updated = iso(DEMO_EPOCH - 2 * 60 * 60 * 1000);
      done.resolved = done.updated;
    }
  }

  // Target dates some of which cannot hold: the rebuild promised one page for last Friday and
  // another for tomorrow behind a day or more of earlier work; a run form is due the day after.
  const openWith = (label: string) =>
    issues.filter(
      (i) =>
        i.project === 'MKT' &&
        i.issuetype !== 'Epic' &&
        i.status !== 'Done' &&
        i.timeoriginalestimate !== undefined &&
        (i.labels ?? []).includes(label) &&
        !(i.labels ?? []).includes('experiment')
    );
  const promise = (issue: (typeof issues)[number] | undefined, days: number) => {
    if (issue)
      issue.fields = { ...issue.fields, [DEMO_IDS.targetLaunchField]: isoDate(DEMO_EPOCH + days * DAY) };
  };
  const rebuildOpen = openWith('refonte-site');
  promise(rebuildOpen[1], -3);
  promise(rebuildOpen[4], 1);
  promise(openWith('run')[2], 2);

  // ---- The retro macro (#12): August's retro is done and its actions are open in Jira, September's
  // is in progress (cards being added). Before the issue types are set up, retro actions are Tasks
  // labelled retro-action: the macro finds them by that label (and by the Retro Action type once
  // provisioned), so September's retro opens on August's open actions with their Jira status.
  const augActions = issues.filter((i) => i.project === 'MKT' && (i.labels ?? []).includes('retro-action'));
  augActions.forEach((issue, n) => (issue.duedate = isoDate(Date.UTC(2026, 8, 14) + n * 7 * DAY)));
  // Titles name the sprint, not the month: the preview re-dates the demo to the current week
  // (dated.ts), which moves the periods but not words in a title.
  const retroConfig = (month: 'august' | 'september') =>
    month === 'august'
      ? {
          title: 'Joint retro — sprint 5',
          teams: ['Marketing', 'Creative', 'IT'],
          projectKey: 'MKT',
          periodStart: '2026-08-01',
          periodEnd: '2026-08-31',
          nextRetro: '2026-09-14',
          format: 'worked-didnt-improve',
          votesPerPerson: 3,
          anonymous: false
        }
      : {
          title: 'Rétro conjointe — sprint 6',
          teams: ['Marketing', 'Création', 'IT'],
          projectKey: 'MKT',
          periodStart: '2026-09-01',
          periodEnd: '2026-09-30',
          nextRetro: '2026-10-19',
          format: 'worked-didnt-improve',
          votesPerPerson: 5,
          anonymous: false
        };
  const card = (
    id: string,
    column: string,
    text: string,
    author: string,
    daysAgo: number,
    groupId?: string
  ) => ({
    id,
    column,
    text,
    author: acc(author),
    createdAt: iso(DEMO_EPOCH - daysAgo * DAY),
    ...(groupId ? { groupId } : {})
  });
  const retros: NonNullable<NonNullable<PreviewSeed['app']>['retros']> = [
    {
      pageId: DEMO_IDS.pages.retroAug,
      localId: 'retro-aug',
      phase: 'done',
      facilitators: [acc('hugo')],
      cards: [
        card('aug-card-01', 'worked', 'Weekly 15-minute marketing–IT sync kept blockers short.', 'hugo', 49),
        card(
          'aug-card-02',
          'didnt',
          'L’audit d’énergie montre trop de tâches manuelles d’export.',
          'lea',
          49
        ),
        card(
          'aug-card-03',
          'didnt',
          'Experiments lane starved: 2 % of capacity instead of 5–10 %.',
          'nicolas',
          49
        ),
        card('aug-card-04', 'improve', 'Automate trade-show lead exports.', 'camille', 49),
        card('aug-card-05', 'improve', 'Critères « prêt pour l’IT » à écrire.', 'chloe', 49),
        card('aug-card-06', 'improve', 'Export des leads salons : trop manuel', 'julien', 49, 'aug-card-04')
      ],
      votes: [
        { voter: acc('hugo'), cardId: 'aug-card-04' },
        { voter: acc('lea'), cardId: 'aug-card-04' },
        { voter: acc('lea'), cardId: 'aug-card-05' },
        { voter: acc('nicolas'), cardId: 'aug-card-03' },
        { voter: acc('camille'), cardId: 'aug-card-06' }
      ],
      actions: augActions.map((issue, n) => ({
        id: `aug-action-${String(n + 1).padStart(2, '0')}`,
        issueKey: issue.key as string,
        owner: issue.assignee ?? acc('camille'),
        due: issue.duedate as string,
        ...(n === 0 ? { cardId: 'aug-card-04' } : {}),
        createdBy: acc('hugo'),
        createdAt: iso(DEMO_EPOCH - 49 * DAY)
      }))
    },
    {
      pageId: DEMO_IDS.pages.retroSept,
      localId: 'retro-sept',
      phase: 'add',
      facilitators: [acc('chloe'), acc('lea')],
      cards: [
        card('sep-card-01', 'worked', 'Les modules pré-approuvés ont évité 6 revues IT.', 'chloe', 2),
        card('sep-card-02', 'worked', 'Show-and-tell: the creative team demoed the new homepage.', 'emma', 2),
        card(
          'sep-card-03',
          'didnt',
          'Trois formulaires sont arrivés chez l’IT la veille de la mise en ligne.',
          'nicolas',
          1
        ),
        card('sep-card-04', 'didnt', 'Too many "urgent" requests without a date.', 'hugo', 1),
        card('sep-card-05', 'improve', 'Un seul formulaire de demande pour le web.', 'camille', 1)
      ],
      votes: [],
      actions: []
    }
  ];

  // Seed 004's story as Tandem lanes on MKT: the rebuild got a temporary, dedicated team (Camille
  // as its project manager, two IT developers and two marketers with shares), the rest of the
  // work shares the run lane, experiments keep their 5–10 % band, everyone keeps 2 h of future ops.
  const capacityOf = (all: NonNullable<PreviewSeed['issues']>) => {
    const overridden = all.find(
      (i) => i.project === 'MKT' && i.status !== 'Done' && (i.labels ?? []).includes('run') && i.key
    );
    return {
      savedBy: acc('camille'),
      savedAt: iso(DEMO_EPOCH - 14 * DAY),
      settings: {
        lanes: [
          {
            id: 'refonte-site',
            name: 'Refonte du site',
            kind: 'dedicated',
            owner: acc('camille'),
            start: isoDate(DEMO_EPOCH - 56 * DAY),
            end: isoDate(DEMO_EPOCH + 120 * DAY),
            wipLimit: 8,
            colour: 'purple'
          },
          { id: 'run', name: 'Run', kind: 'run', owner: acc('lea'), wipLimit: 12, colour: 'blue' },
          {
            id: 'experiments',
            name: 'Expérimentations',
            kind: 'experiments',
            owner: acc('hugo'),
            colour: 'green'
          }
        ],
        people: [
          { accountId: acc('camille'), hoursPerWeek: 35, shares: { 'refonte-site': 0.6 } },
          { accountId: acc('nicolas'), hoursPerWeek: 35, shares: { 'refonte-site': 0.8 } },
          { accountId: acc('priya'), hoursPerWeek: 37.5, shares: { 'refonte-site': 0.5 } },
          { accountId: acc('julien'), hoursPerWeek: 35, shares: { 'refonte-site': 0.5 } },
          { accountId: acc('lea'), hoursPerWeek: 35, shares: {} },
          { accountId: acc('hugo'), hoursPerWeek: 28, shares: {}, wipLimit: 2 },
          { accountId: acc('emma'), hoursPerWeek: 35, shares: {} }
        ],
        timeOff: [
          {
            accountId: acc('nicolas'),
            start: isoDate(DEMO_EPOCH + 7 * DAY),
            end: isoDate(DEMO_EPOCH + 11 * DAY)
          },
          {
            accountId: acc('lea'),
            start: isoDate(DEMO_EPOCH + 2 * DAY),
            end: isoDate(DEMO_EPOCH + 3 * DAY),
            endHalfDay: true
          },
          {
            accountId: acc('lea'),
            start: isoDate(DEMO_EPOCH + 59 * DAY),
            end: isoDate(DEMO_EPOCH + 63 * DAY)
          }
        ],
        rules: [
          { field: 'label', value: 'experiment', lane: 'experiments' },
          { field: 'label', value: 'refonte-site', lane: 'refonte-site' }
        ],
        period: { kind: 'week' },
        futureOpsHoursPerWeek: 2,
        experimentsShare: 0.08,
        estimate: { unit: 'time' }
      },
      // One card moved by hand: an urgent run task the rebuild team took on.
      overrides: overridden?.key ? { [overridden.key]: 'refonte-site' } : {}
    };
  };

  const users = PEOPLE.map((p) => ({
    accountId: acc(p.key),
    displayName: p.name,
    email: `${p.email}@atelier-boreal.example`,
    locale: p.locale,
    timeZone:
      p.locale === 'en_US' ? 'America/New_York' : p.locale === 'en_GB' ? 'Europe/London' : 'Europe/Paris',
    groups: p.groups
  }));

  const everyoneWorking = { groups: ['marketing', 'creative', 'it'] };
  const retroBody = (title: string, worked: string[], didNot: string[], improve: string[]) => ({
    type: 'doc' as const,
    version: 1 as const,
    content: [
      paragraph(title),
      heading('Ce qui a marché / What worked'),
      bullets(worked),
      heading('Ce qui n’a pas marché / What did not'),
      bullets(didNot),
      heading('À améliorer / To improve'),
      bullets(improve)
    ]
  });

  return withIdeaBacklog(acc, {
    format: 'tandem-preview-seed',
    version: 1,
    site: SITE,
    personas: [
      {
        role: 'requester',
        accountId: acc('lea'),
        label: { en: 'Léa Martin — marketing requester', fr: 'Léa Martin — demandeuse marketing' }
      },
      {
        role: 'approver',
        accountId: acc('nicolas'),
        label: { en: 'Nicolas Petit — IT approver', fr: 'Nicolas Petit — approbateur IT' }
      },
      {
        role: 'admin',
        accountId: acc('marc'),
        label: { en: 'Marc Lefèvre — Jira admin', fr: 'Marc Lefèvre — administrateur Jira' }
      },
      {
        role: 'browser',
        accountId: acc('olivia'),
        label: { en: 'Olivia Bennett — browse-only user', fr: 'Olivia Bennett — lecture seule' }
      },
      {
        role: 'dpo',
        accountId: acc('amelie'),
        label: { en: 'Amélie Fournier — data-protection officer', fr: 'Amélie Fournier — DPO' }
      },
      {
        role: 'creative',
        accountId: acc('chloe'),
        label: { en: 'Chloé Dubois — creative ops lead', fr: 'Chloé Dubois — responsable creative ops' }
      }
    ],
    users,
    groups: [
      { name: 'jira-administrators' },
      { name: 'tandem-privacy-reviewers' },
      { name: 'tandem-it-reviewers' },
      { name: 'tandem-data-protection-officer' },
      { name: 'marketing' },
      { name: 'creative' },
      { name: 'it' }
    ],
    globalPermissions: {
      ADMINISTER: { groups: ['jira-administrators'] },
      USER_PICKER: { anyone: true }
    },
    issueTypes: [
      {
        id: DEMO_IDS.campaignType,
        name: 'Campaign',
        description: 'Marketing campaign (created by the marketing team in 2025).',
        hierarchyLevel: 0
      },
      {
        id: DEMO_IDS.landingPageType,
        name: 'Landing Page',
        description: 'A landing page of the website (created by the marketing team in 2025).',
        hierarchyLevel: 0
      },
      {
        id: DEMO_IDS.webFormType,
        name: 'Web Form',
        description: 'A form of the website (created by the marketing team in 2025).',
        hierarchyLevel: 0
      },
      {
        id: DEMO_IDS.creLandingPageType,
        name: 'Landing Page',
        description: 'Landing page mock-ups of the creative studio (team-managed project type).',
        hierarchyLevel: 0,
        projectId: DEMO_IDS.projects.CRE
      }
    ],
    issueTypeSchemes: [
      {
        id: DEMO_IDS.mktScheme,
        name: 'MKT: Marketing Issue Type Scheme',
        description: 'Types used by the marketing team.',
        issueTypeIds: [
          '10000',
          '10001',
          '10002',
          '10003',
          '10004',
          DEMO_IDS.campaignType,
          DEMO_IDS.landingPageType,
          DEMO_IDS.webFormType
        ],
        defaultIssueTypeId: '10001'
      }
    ],
    fields: [
      {
        id: DEMO_IDS.targetLaunchField,
        name: 'Target Launch Date',
        type: 'com.atlassian.jira.plugin.system.customfieldtypes:datepicker',
        description: 'Date marketing needs it live.',
        onDefaultScreen: true
      }
    ],
    projects: [
      {
        id: DEMO_IDS.projects.MKT,
        key: 'MKT',
        name: 'Marketing',
        style: 'classic',
        lead: acc('camille'),
        issueTypeSchemeId: DEMO_IDS.mktScheme,
        components: ['Landing pages', 'Formulaires', 'Campagnes', 'SEO & contenu', 'Emailing'],
        roles: {
          Administrators: { users: [acc('camille')], groups: ['jira-administrators'] },
          Members: { groups: ['marketing'], users: [acc('chloe')] },
          Viewers: { groups: ['creative', 'it', 'tandem-data-protection-officer'], users: [acc('olivia')] }
        }
      },
      {
        id: DEMO_IDS.projects.IT,
        key: 'IT',
        name: 'IT — Web platform',
        style: 'classic',
        lead: acc('nicolas'),
        components: ['Site web', 'Sécurité', 'Infrastructure', 'Intégrations CRM'],
        roles: {
          Administrators: { users: [acc('nicolas')], groups: ['jira-administrators'] },
          Members: { groups: ['it'], users: [acc('hugo')] },
          Viewers: {
            groups: ['marketing', 'creative', 'tandem-data-protection-officer'],
            users: [acc('olivia')]
          }
        }
      },
      {
        id: DEMO_IDS.projects.CRE,
        key: 'CRE',
        name: 'Studio créa',
        style: 'next-gen',
        lead: acc('chloe'),
        roles: {
          Administrators: { users: [acc('chloe')] },
          Members: { groups: ['creative'], users: [acc('lea'), acc('julien'), acc('emma')] },
          Viewers: { groups: ['marketing', 'it'], users: [acc('olivia')] }
        }
      }
    ],
    issues,
    app: { capacity: { MKT: capacityOf(issues) }, retros },
    spaces: [
      {
        id: DEMO_IDS.space,
        key: 'WEB',
        name: 'Refonte du site web',
        viewers: {
          groups: ['marketing', 'creative', 'it', 'tandem-data-protection-officer', 'jira-administrators'],
          users: [acc('olivia')]
        },
        editors: everyoneWorking
      }
    ],
    pages: [
      {
        id: DEMO_IDS.pages.home,
        spaceKey: 'WEB',
        title: 'Refonte du site — accueil du projet',
        authorId: acc('camille'),
        createdAt: iso(DEMO_EPOCH - 118 * DAY),
        body: {
          type: 'doc',
          version: 1,
          content: [
            paragraph(
              'Marketing, création et IT reconstruisent ensemble le site d’Atelier Boréal. Mise en ligne visée : 20 octobre 2026.'
            ),
            heading('Équipes / Teams'),
            bullets([
              'Marketing (MKT) — Camille Laurent',
              'Studio créa (CRE) — Chloé Dubois',
              'IT — Web platform (IT) — Nicolas Petit'
            ]),
            heading('Règles du jeu / Ground rules'),
            bullets([
              'Pages construites avec les modules pré-approuvés : pas de revue IT.',
              'Forms with personal data: one privacy review; sensitive data: the DPO.',
              'Une voie dédiée pour la refonte, hors file partagée ; 10 % du temps pour les expériences.'
            ])
          ]
        }
      },
      {
        id: DEMO_IDS.pages.retroSept,
        spaceKey: 'WEB',
        parentId: DEMO_IDS.pages.home,
        title: 'Rétrospective — sprint 6',
        authorId: acc('chloe'),
        createdAt: iso(DEMO_EPOCH - 21 * DAY),
        macros: [{ moduleKey: 'tandem-retro', localId: 'retro-sept', config: retroConfig('september') }],
        body: retroBody(
          'Rétro conjointe marketing / création / IT du sprint 6.',
          [
            'Les modules pré-approuvés ont évité 6 revues IT.',
            'Show-and-tell: the creative team demoed the new homepage.'
          ],
          [
            'Trois formulaires sont arrivés chez l’IT la veille de la mise en ligne.',
            'Too many "urgent" requests without a date.'
          ],
          [
            'Un seul formulaire de demande pour le web.',
            'Publish the pre-approved module list (owner: Nicolas).'
          ]
        )
      },
      {
        id: DEMO_IDS.pages.retroAug,
        spaceKey: 'WEB',
        parentId: DEMO_IDS.pages.home,
        title: 'Retrospective — sprint 5',
        authorId: acc('hugo'),
        createdAt: iso(DEMO_EPOCH - 49 * DAY),
        macros: [{ moduleKey: 'tandem-retro', localId: 'retro-aug', config: retroConfig('august') }],
        body: retroBody(
          'Joint retro of sprint 5.',
          ['Weekly 15-minute marketing–IT sync kept blockers short.'],
          [
            'L’audit d’énergie montre trop de tâches manuelles d’export.',
            'Experiments lane starved: 2 % of capacity instead of 5–10 %.'
          ],
          ['Automate trade-show lead exports.', 'Critères « prêt pour l’IT » à écrire.']
        )
      },
      {
        id: DEMO_IDS.pages.charter,
        spaceKey: 'WEB',
        parentId: DEMO_IDS.pages.home,
        title: 'Charte de collaboration marketing–IT',
        authorId: acc('nicolas'),
        createdAt: iso(DEMO_EPOCH - 90 * DAY),
        body: adf(
          'Le marketing a besoin d’aller vite ; l’IT de cohérence et de maîtrise du risque. Ce ne sont pas des objectifs opposés.',
          'Shared language: campaigns, landing pages, web forms, creative assets, IT changes, experiments, strategic ideas, retro actions.'
        )
      },
      {
        id: DEMO_IDS.pages.ideas,
        spaceKey: 'WEB',
        parentId: DEMO_IDS.pages.home,
        title: 'Backlog d’idées stratégiques',
        authorId: acc('camille'),
        createdAt: iso(DEMO_EPOCH - 60 * DAY),
        body: adf(
          'Les idées venues des webinars, des enregistrements d’appels, des one-to-one et de la communauté, revues toutes les deux semaines.'
        )
      }
    ]
  });
}

// ---- The idea backlog page (issue #13). -------------------------------------------------------
// Marketing already created its own number fields for ICE/RICE (Reach, Impact, Confidence, Ease,
// Effort), which provisioning adopts by name like it adopts Campaign; the ideas are still tasks
// labelled `idea` and `source-*`, so the macro on the backlog page is set to the JQL filter
// `project = MKT AND labels = idea`. Their scores come from those fields (every sixth idea has
// none, a few lack one input: "not scored"). Their stage: To Do → captured, Done → adopted (the
// status categories' default), and the team's earlier reviews in Tandem's records put others in
// reviewing, experiment (linked to one of the experiment tasks), parked and dropped, with an
// experiment that ended and taught something. Nothing here draws from the PRNG, so every issue
// built above keeps its key, dates and statuses.

export const IDEA_FIELDS = {
  reach: 'customfield_10051',
  impact: 'customfield_10052',
  confidence: 'customfield_10053',
  ease: 'customfield_10054',
  effort: 'customfield_10055'
} as const;
export const IDEA_BACKLOG_MACRO = { moduleKey: 'tandem-idea-backlog', localId: 'idea-backlog-1' } as const;

const IDEA_FIELD_NAMES: Record<keyof typeof IDEA_FIELDS, [string, string]> = {
  reach: ['Reach', 'People or events touched per quarter (marketing’s RICE sheet).'],
  impact: ['Impact', '0.25 minimal · 0.5 low · 1 medium · 2 high · 3 massive.'],
  confidence: ['Confidence', 'Percent: 100 high · 80 medium · 50 low.'],
  ease: ['Ease', '1 (very hard) to 10 (trivial).'],
  effort: ['Effort', 'Person-weeks.']
};

function withIdeaBacklog(acc: (key: string) => string, seed: PreviewSeed): PreviewSeed {
  const fields = seed.fields ?? [];
  for (const [input, id] of Object.entries(IDEA_FIELDS) as [keyof typeof IDEA_FIELDS, string][])
    fields.push({
      id,
      name: IDEA_FIELD_NAMES[input][0],
      type: 'com.atlassian.jira.plugin.system.customfieldtypes:float',
      description: IDEA_FIELD_NAMES[input][1],
      onDefaultScreen: true
    });
  seed.fields = fields;

  const issues = seed.issues ?? [];
  const ideas = issues.filter((issue) => (issue.labels ?? []).includes('idea'));
  ideas.forEach((issue, n) => {
    if (n % 6 === 5) return;
    const values: Record<string, number> = {
      [IDEA_FIELDS.impact]: [0.5, 1, 2, 3, 1, 2][n % 6] ?? 1,
      [IDEA_FIELDS.ease]: 1 + ((n * 7) % 10)
    };
    if (n % 7 !== 4) values[IDEA_FIELDS.confidence] = [50, 80, 100][n % 3] ?? 80;
    if (n % 4 !== 3) {
      values[IDEA_FIELDS.reach] = 100 * (1 + ((n * 13) % 20));
      values[IDEA_FIELDS.effort] = 1 + (n % 5);
    }
    issue.fields = { ...(issue.fields ?? {}), ...values };
  });

  const open = ideas.filter((issue) => issue.status !== 'Done');
  const experiments = issues.filter(
    (issue) => (issue.labels ?? []).includes('experiment') && issue.issuetype === 'Task'
  );
  const key = (issue: (typeof issues)[number] | undefined): string => {
    if (!issue?.key) throw new Error('demo: the idea backlog needs more ideas and experiments');
    return issue.key;
  };
  const at = (daysAgo: number) => iso(DEMO_EPOCH - daysAgo * DAY);
  const [kept, parked, dropped, tested, failed, adopted, voted] = open;
  seed.app = {
    ...(seed.app ?? {}),
    ideas: [
      {
        pageId: DEMO_IDS.pages.ideas,
        localId: IDEA_BACKLOG_MACRO.localId,
        records: [
          {
            t: 'decision',
            issue: key(kept),
            decision: 'keep',
            note: 'À chiffrer avec l’IT.',
            by: acc('camille'),
            at: at(3)
          },
          {
            t: 'decision',
            issue: key(parked),
            decision: 'park',
            note: 'After the rebuild.',
            by: acc('camille'),
            at: at(10)
          },
          {
            t: 'decision',
            issue: key(dropped),
            decision: 'drop',
            note: 'Doublon du comparateur.',
            by: acc('lea'),
            at: at(12)
          },
          {
            t: 'decision',
            issue: key(tested),
            decision: 'experiment',
            note: '',
            by: acc('camille'),
            at: at(6)
          },
          {
            t: 'experiment',
            issue: key(tested),
            experiment: key(experiments[0]),
            hypothesis: 'Si le CTA est visible sans défiler, les réservations augmentent de 15 %',
            successMetric: 'réservations / visites ≥ +15 %',
            stopDate: isoDate(DEMO_EPOCH + 21 * DAY),
            by: acc('camille'),
            at: at(6)
          },
          {
            t: 'decision',
            issue: key(failed),
            decision: 'experiment',
            note: '',
            by: acc('hugo'),
            at: at(40)
          },
          {
            t: 'experiment',
            issue: key(failed),
            experiment: key(experiments[1]),
            hypothesis: 'Fewer fields → more demo requests without lower lead quality',
            successMetric: 'conversion ≥ 4 %',
            stopDate: isoDate(DEMO_EPOCH - 12 * DAY),
            by: acc('hugo'),
            at: at(40)
          },
          {
            t: 'outcome',
            issue: key(failed),
            met: false,
            lesson:
              'Conversion rose to 3.1 %, but sales rejected twice as many leads: keep the company field.',
            by: acc('hugo'),
            at: at(9)
          },
          {
            t: 'decision',
            issue: key(adopted),
            decision: 'experiment',
            note: '',
            by: acc('julien'),
            at: at(50)
          },
          {
            t: 'experiment',
            issue: key(adopted),
            experiment: key(experiments[2]),
            hypothesis: 'La personnalisation de l’objet augmente le taux d’ouverture',
            successMetric: 'ouverture ≥ 32 %',
            stopDate: isoDate(DEMO_EPOCH - 20 * DAY),
            by: acc('julien'),
            at: at(50)
          },
          {
            t: 'outcome',
            issue: key(adopted),
            met: true,
            lesson: 'Ouverture à 34 % sur 3 envois : on généralise.',
            by: acc('julien'),
            at: at(15)
          },
          { t: 'vote', issue: key(voted), by: acc('lea'), at: at(2) },
          { t: 'vote', issue: key(voted), by: acc('julien'), at: at(2) },
          { t: 'vote', issue: key(kept), by: acc('camille'), at: at(3) },
          {
            t: 'evidence',
            issue: key(kept),
            id: 'demo-evidence-0001',
            kind: 'webinar-screenshot',
            url: 'https://example.com/webinars/mops-strategy/slide-14.png',
            by: acc('lea'),
            at: at(20)
          },
          {
            t: 'evidence',
            issue: key(kept),
            id: 'demo-evidence-0002',
            kind: 'one-to-one-notes',
            snippet: 'Camille : « les clients demandent quel sac prendre pour 3 jours ».',
            by: acc('camille'),
            at: at(18)
          },
          {
            t: 'evidence',
            issue: key(voted),
            id: 'demo-evidence-0003',
            kind: 'community-thread',
            url: 'https://example.com/community/threads/42',
            by: acc('julien'),
            at: at(8)
          }
        ]
      }
    ]
  };

  const page = (seed.pages ?? []).find((p) => p.id === DEMO_IDS.pages.ideas);
  if (page)
    page.macros = [
      {
        ...IDEA_BACKLOG_MACRO,
        config: {
          projectId: DEMO_IDS.projects.MKT,
          jql: 'project = MKT AND labels = idea',
          model: 'ICE',
          cadenceDays: 14
        }
      }
    ];
  return seed;
}
