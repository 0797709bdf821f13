import type { FieldKind } from './definition';

/*
 * The classifier's word tables: what labels, names, answer choices and browser hints say about the kind
 * of data a field collects. `rule-index.ts` compiles the text rules; `classifier.ts` applies them.
 */
export interface TextRule {
  kind: FieldKind;
  pattern: RegExp;
  indirect: boolean;
  viaOptions?: boolean;
}

export type RuleSpec = readonly [kind: FieldKind, source: string, indirect?: 'indirect'];

/*
 * Text rules run on normalised text: lower case, accents stripped, every run of non-alphanumerics turned
 * into one space. So "N° de sécurité sociale" is matched as "n de securite sociale".
 *
 * Near misses are handled in two ways: benign phrases are first rewritten to a single token (so "adresse
 * e-mail" never looks like a postal address and "nombre d'enfants" never looks like data about children),
 * and a few rules carry a negative look-ahead. Rewriting rather than "stop at the first benign match"
 * keeps "code promo ou mot de passe" a password field.
 */
export const BENIGN_PHRASES: ReadonlyArray<readonly [token: string, source: string]> = [
  ['email', 'adresses? (e ?mail|electronique|de courriel|mel)|e ?mail address(es)?|courriel'],
  ['website', 'adresses? (du |de votre |de l )?(site|page)( web| internet)?|web ?site address|web address'],
  ['ipaddress', 'adresses? ip|ip address(es)?'],
  ['macaddress', 'adresses? mac|mac address'],
  [
    'household',
    'nombre d enfants|number of (children|kids|dependents)|how many (children|kids)|combien d enfants|enfants a charge|personnes a charge|taille du foyer|household size|composition du foyer'
  ],
  [
    'loyaltycard',
    'cartes? (de )?fidelite|loyalty (card|number|programme|program)|carte (de membre|d adherent|etudiant)'
  ],
  [
    'promocode',
    'codes? (promo|promotionnel|de reduction|avantage|parrain|cadeau)|(promo|discount|coupon|referral|voucher|gift) codes?|coupon'
  ],
  [
    'ordernumber',
    'n(umero)? (de )?(commande|facture|dossier|ticket|suivi|contrat)|order (number|no|id|reference)|invoice (number|no)|ticket (number|no)|tracking (number|no)'
  ],
  [
    'customerid',
    'n(umero)? (de )?(compte )?(client|adherent|membre|abonne)|customer (account )?(number|no|id)|account id|member(ship)? (number|no|id)'
  ],
  [
    'companytaxid',
    'n(umero)? (de )?tva( intracommunautaire)?|vat (number|no|id)|siret|siren|numero rcs|ein|duns'
  ],
  [
    'companyage',
    'age (de |of )?(l |la |le |votre |your |the )?(entreprise|societe|company|business|vehicule|vehicle|batiment|building|logement|toiture|chaudiere|installation)'
  ],
  [
    'companyrevenue',
    'chiffre d affaires|revenus? (de l |de votre )(entreprise|societe)|company (revenue|income)'
  ],
  [
    'csrftoken',
    'csrf( ?middleware)?( ?token)?|xsrf( token)?|authenticity token|request ?verification ?token|form (build )?token'
  ],
  ['devicefingerprint', '(device|browser|visitor|navigateur) fingerprint|fingerprint ?js'],
  [
    'leadsource',
    'comment avez vous connu|how did you (hear|find|learn)|origine (du contact|de la demande|du lead)'
  ],
  ['syndic', 'syndicat (de copropriete|des coproprietaires|intercommunal|mixte|d initiative)'],
  [
    'privacypolicy',
    'politiques? de confidentialite|privacy (policy|notice)|politique de protection des donnees'
  ],
  ['captcha', 're ?captcha|captcha'],
  ['europeanunion', 'union europeenne|european union'],
  // Neutral near misses: words of a special category used in a business sense. They match nothing.
  [
    'businessdiagnostic',
    'diagnostics? (seo|energetique|de performance|immobiliers?|technique|gratuit|marketing|digital|numerique|informatique|de (votre |vos |la |le |l )?(site|entreprise|societe|maturite|installation|logement|toiture|chaudiere|parc|reseau|securite))|(seo|website|site|marketing|energy|security|it) (audit|diagnostic)'
  ],
  [
    'businesshealth',
    'sante (financiere|economique|de (votre |l )?(entreprise|societe|site))|(financial|business|website|site|seo|pipeline|account) health'
  ],
  ['dataprocessing', 'treatment of (your |the |personal )?data|traitements? (de vos|des) donnees'],
  ['golfhandicap', 'golf handicap|handicap (at |au |de )?golf|index de golf']
];

export const GROUPS: ReadonlyArray<ReadonlyArray<RuleSpec>> = [
  // T4 in the default policy: never collected on a marketing page.
  [
    [
      'card_security_code',
      '\\b(cvv2?|cvc2?|cvn|cryptogramme( visuel)?|card (verification|security) (code|value)|code de securite (de la |de votre )?carte)\\b'
    ],
    [
      'payment_card',
      '\\b(cartes? (bancaires?|bleues?|de credit|de debit|de paiement|cb)|(credit|debit|payment|bank) cards?|card ?(number|no|num|holder)|cc ?(number|num|no|exp\\w*)|n(umero)? (de )?(la |votre )?carte\\b(?! (vitale|d identite|grise|de sejour|nationale|de fidelite|fidelite|de membre|d adherent|etudiant|cadeau))|numero cb|date d expiration (de la |de votre )?carte|(card )?expiry date|expiration date|mm ?(aa|yy))\\b'
    ],
    ['pin', '\\b((code )?pin|pin code|code confidentiel)\\b'],
    ['password', '\\b(password|passwort|passcode|passwd|pwd|mot de passe|mdp|passphrase|phrase secrete)\\b'],
    [
      'api_token',
      '\\b((api|access|auth|bearer|secret|refresh|personal access|oauth|github|slack) ?(key|token|secret)s?|apikey|cle (d )?api|cle secrete|client secret|jeton (d acces|api|d authentification|secret))\\b'
    ],
    [
      'one_time_code',
      '\\b((one time|single use) (code|password|passcode|pin)|otp|totp|2fa|mfa|(verification|authentication|security|sms|login) code|code (de verification|de validation|de confirmation|sms|a usage unique|recu par sms|d authentification|d acces|otp|a \\d chiffres)|code de securite)\\b'
    ]
  ],
  // T3: GDPR art. 9 and 10, children (art. 8), government ids, money, precise location.
  [
    [
      'health',
      '\\b(sante|health|medical|medicale?s?|medicaux|maladies?|disease|illness|sick|symptoms?|symptomes?|diagnos\\w*|treatments?|traitements? (medica\\w*|en cours|actuels?|suivis?)|(suivez|prenez) vous (un |des )?traitements?|quels? traitements? (suivez|prenez)|under (medical )?treatment|mental health|sante mentale|medicaments?|medications?|prescriptions?|ordonnances? medicales?|allerg\\w*|intoleran\\w*|handicap\\w*|disabilit\\w*|pathologies?|antecedents( medicaux)?|medical history|blood (type|group)|groupe sanguin|pregnan\\w*|enceinte|grossesse|hiv|vih|diabet\\w*|cancer|depression|therapie|therapy|arret maladie|sick leave|taille et poids|height and weight|imc|bmi|fumeur|smoker|addiction\\w*)\\b'
    ],
    [
      'health',
      '\\b(regimes? alimentaires?|restrictions? alimentaires?|dietary (requirements?|restrictions?|needs?|preferences?)|accessibilit\\w* (needs?|requirements?)|besoins? (d )?accessibilite|besoins? specifiques?|besoins? particuliers?(?! (pour|en matiere de|concernant|sur) (votre |vos |le |la |les )?(projet|site|offre|devis|commande|campagne))|access (needs?|requirements?)|amenagements?|mobilite reduite|reduced mobility|wheelchair|fauteuil roulant)\\b',
      'indirect'
    ],
    [
      'racial_ethnic_origin',
      '\\b(origines? ethniques?|ethnic\\w*|ethnie|racial|race\\b(?! (de |du )?(votre |ton |du |de )?(chien|chat|animal|cheval))|couleur de peau|skin colou?r)\\b'
    ],
    [
      'political_opinion',
      '\\b(opinions? politiques?|political (opinions?|views?|affiliation|party|parties|leaning|convictions?|beliefs?)|convictions? politiques?|which (political )?party do you( usually)? vote|(who|which candidate) (do|did|will|would) you( usually)? vote for|pour qui (votez|voterez) vous|partis? politiques?|party affiliation|orientation politique|sympathie politique|engagement politique|intention de vote|voting intention|pour qui avez vous vote|who did you vote for)\\b'
    ],
    [
      'religion',
      '\\b(religions?|religious|religieu\\w*|confession|croyances?|croyante?s?|beliefs?|convictions? (religieuses?|philosophiques?)|faith|foi|culte|place of worship|paroisse|parish|church|eglise|mosquee|mosque|synagogue|halal|casher|kosher|ramadan|shabbat)\\b'
    ],
    [
      'religion',
      '\\b(fetes? religieuses?|religious holidays?|jours? de fete observes?|jour de repos hebdomadaire prefere)\\b',
      'indirect'
    ],
    [
      'trade_union',
      '\\b(syndicats?|syndique\\w*|syndical\\w*|trade unions?|labou?r unions?|union (member\\w*|affiliation)|belong to a (trade |labou?r )?union|member of a (trade |labou?r )?union|unioni[sz]ed|adherent d un syndicat|delegue du personnel)\\b'
    ],
    ['genetic', '\\b(genetic\\w*|genetique\\w*|dna|adn|genome\\w*|genomique\\w*|ancestry test)\\b'],
    [
      'biometric',
      '\\b(biometri\\w*|fingerprints?|empreintes? (digitales?|biometriques?|vocales?)|face (scan|id|recognition|geometry)|reconnaissance (faciale|vocale)|iris|voice ?print|retin\\w*)\\b'
    ],
    [
      'sex_life_orientation',
      '\\b(orientation sexuelle|sexual (orientation|preferences?|life|activity|partners?)|vie sexuelle|sex life|lgbt\\w*|gay|lesbi\\w*|bisexu\\w*|homosexu\\w*|heterosexu\\w*|queer|transgen\\w*|identite de genre|gender identity)\\b'
    ],
    [
      // CJEU C-184/20 (OT v Vyriausioji tarnybinės etikos komisija): the name of a spouse or partner can
      // reveal sexual orientation, so it is a special category.
      'sex_life_orientation',
      '\\b(conjoint\\w*|epou\\w*|mari|spouse\\w*|husband|wife|concubin\\w*|partenaire de vie|life partner|domestic partner|partenaire de pacs|pacse\\w*|(nom|prenom|name|first name) (de |du |of )?(votre |your )(partenaire|partner))\\b(?! (company|entreprise|societe|commercial\\w*|revendeur|reseller|agency|agence|id|code|program\\w*|programme|portal|portail|level|niveau|type|tier))',
      'indirect'
    ],
    [
      'criminal_record',
      '\\b(casier judiciaire|criminal (records?|convictions?|history|offen[cs]es?|background)|condamnations?|condamnee?s?|convicted|convictions?|infractions?|offen[cs]es?|extrait de casier|antecedents judiciaires|poursuites judiciaires|arrested|arrestation)\\b'
    ],
    [
      'child_data',
      '\\b(enfants?|child|children|child s|kids?|fils|fille|bebe|baby|babies|eleves?|pupils?|mineurs?|under 1[3-8]|moins de 1[3-8] ans|(date de naissance|age|prenom|nom) de (l |votre |vos )?(enfant|fils|fille))\\b'
    ],
    [
      'government_id',
      '\\b(securite sociale|social security|ssn|nir|numero (d )?insee|carte vitale|passeports?|passports?|cartes? (nationale )?d identite|identity (card|document)|id card|national (id\\w*|insurance number)|pieces? d identite|numero fiscal|numero d identification fiscale|nif|tax (id|identification|file|payer)( number)?|tin|n(umero)? (de |du )?permis( de conduire)?|driv(ing|er s) licen[cs]e( number)?|titre de sejour|residence permit|visa number|nino)\\b'
    ],
    [
      'bank_details',
      '\\b(iban|bic|swift|rib|releve d identite bancaire|coordonnees bancaires|bank (details|account)|account (number|no)|n(umero)? (de )?compte( bancaire)?|routing number|sort code|code (banque|guichet)|domiciliation bancaire)\\b'
    ],
    [
      'salary',
      '\\b(salaires?|salary|salaries|remunerations?|revenus?( annuels?| mensuels?| du foyer| fiscal de reference)?|income|earnings|paie|payslips?|fiche de paie|bulletin de (paie|salaire)|patrimoine|net worth|pretentions salariales|salary expectations|montant des impots|impot sur le revenu)\\b'
    ],
    [
      'precise_location',
      '\\b(geolocali[sz]ation|geoloc|gps|latitude|longitude|lat ?lng|coordonnees gps|position (exacte|precise|actuelle|gps)|precise location|exact location|current location|localisation (exacte|precise|actuelle))\\b'
    ]
  ],
  // T2: personal data that needs one privacy reviewer.
  [
    [
      'date_of_birth',
      '\\b(date (de )?naissance|date of birth|birth ?dates?|birthday|dob|anniversaire|ne le|nee le|bday|annee de naissance|year of birth|birth year)\\b'
    ],
    [
      'age',
      '\\b(ages?|tranches? d age|age (range|group|bracket)|how old|quel age|plus de 1[3-8] ans|over 1[3-8]|majeure?|of legal age)\\b'
    ],
    ['ip_address', '\\b(ipaddress|ip|ipv4|ipv6|ip addr)\\b'],
    [
      'device_id',
      '\\b(macaddress|devicefingerprint|device (id|identifier)|identifiant (de l |d )?appareil|imei|idfa|gaid|advertising id|android id|visitor id|ga client id|gclid|fbclid|msclkid|dclid|ttclid|wbraid|gbraid|cookie id|session id|user agent)\\b'
    ],
    [
      'coarse_location',
      '\\b(code postal|postal code|postcode|post code|zip( code)?|cp|localisation approximative|approximate location)\\b'
    ],
    [
      'postal_address',
      '\\b(adresses?( postale| de livraison| de facturation| personnelle| du domicile)?|address(es)?( line \\d)?|street|rue|voie|lieu dit|boite postale|complement d adresse|apartment|appartement|domicile|home address)\\b'
    ],
    [
      'file_upload',
      '\\b(cv|resume\\b(?! (de|du|des) )|curriculum( vitae)?|lettre de motivation|cover letter|pieces? jointes?|attachments?|upload\\w*|televers\\w*|joindre|fichiers?|files?|documents? justificatifs?)\\b'
    ],
    [
      'photo',
      '\\b(photos?|photographie|picture|portrait|selfie|avatar|photo de profil|profile (picture|photo))\\b'
    ],
    [
      'nationality',
      '\\b(nationalites?|nationality|citizenship|citoyennete|pays de naissance|country of birth|lieu de naissance|place of birth)\\b'
    ]
  ],
  // T1: basic contact and business data.
  [
    ['email', '\\b(email|e ?mails?|mel|courriel)\\b'],
    [
      'phone',
      '\\b(telephones?|tel|phone|mobile|portable|cellulaire|cell|gsm|numero de tel\\w*|phone number|whatsapp|fax)\\b'
    ],
    [
      'company',
      '\\b(website|companytaxid|companyage|companyrevenue|syndic|entreprises?|societes?|company|companies|organi[sz]ations?|organisme|employeur|employer|raison sociale|business|firm|etablissement|structure|secteurs?( d activite)?|industry|industrie|taille de l entreprise|company size|nombre de (salaries|collaborateurs|employes)|number of employees|effectifs?|budget|site (web|internet)|url|domaine|nom de domaine)\\b'
    ],
    [
      'job_title',
      '\\b(fonctions?|postes?( occupe)?|job( title)?|titre du poste|intitule (du |de )?poste|role|position|departement|service|metier|profession|seniorit\\w*|niveau hierarchique|titre)\\b'
    ],
    ['country', '\\b(pays|country|countries)\\b'],
    ['city', '\\b(villes?|city|cities|commune|localite|town|region|state|province|canton)\\b'],
    ['gender', '\\b(genre|gender|sexe|sex)\\b'],
    [
      'marketing_opt_in',
      '\\b(newsletter|opt ?in|inscription|s inscrire|subscribe|abonn\\w*|recevoir|receive|communications? (commerciales?|marketing)|marketing (communications?|emails?)|j accepte|i agree|i accept|consent\\w*)\\b'
    ],
    ['reference', '\\b(ordernumber|customerid|loyaltycard|reference|ref)\\b'],
    ['household', '\\b(household)\\b'],
    [
      'name',
      '\\b(noms?|prenoms?|names?|first ?name|last ?name|surname|full ?name|given name|family name|nom de famille|nom complet|civilite|salutation|mr|mrs|mme|pseudo|username|nom d utilisateur|identifiant|login)\\b'
    ],
    [
      'free_text',
      '\\b(messages?|commentaires?|comments?|remarques?|questions?|demandes?|requests?|details?|precisions?|descriptions?|how can we help|comment pouvons nous vous aider|tell us|dites nous|parlez nous|racontez nous|votre projet|your project|notes|informations? complementaires?|additional (information|info|comments)|autres?|other|feedback|suggestions?|besoins?|needs?|contexte|context|objet|subject|motivation|anything else)\\b'
    ]
  ],
  // T0: no personal data.
  [
    [
      'rating',
      '\\b(notez|rating|rate us|scores?|satisfaction|nps|etoiles|stars|how likely|quelle note|votre note|note globale|note sur \\d+)\\b'
    ],
    [
      'choice',
      '\\b(promocode|leadsource|centres? d interet|interests?|interested in|produits?|products?|offres?|quantite|quantity|nombre de places|tailles?|sizes?|couleurs?|colou?rs?|langues?|languages?|preferences?|date souhaitee|preferred date|creneau|time slot|horaire|sujet|topics?|theme|type de demande|request type|motif|reason|quel produit|which product)\\b'
    ],
    [
      'technical',
      '\\b(csrftoken|captcha|privacypolicy|europeanunion|utm( \\w+)?|honeypot|hp|form ?id|form name|lang|locale|redirect\\w*|return ?url|page ?url|page title|referr?er|landing page|campaign( ?(id|name))?|source|medium|nonce|wpnonce|form build id|submission id|timestamp|action)\\b'
    ]
  ]
];

/** Kind given to each benign phrase: the phrase is matched first and its words are not read again. */
/** 'neutral': the phrase owns its words and says nothing about the field (a near miss with no kind). */
export const BENIGN_KINDS: Record<string, FieldKind | 'neutral'> = {
  email: 'email',
  website: 'company',
  ipaddress: 'ip_address',
  macaddress: 'device_id',
  household: 'household',
  loyaltycard: 'reference',
  promocode: 'choice',
  ordernumber: 'reference',
  customerid: 'reference',
  companytaxid: 'company',
  companyage: 'company',
  companyrevenue: 'company',
  csrftoken: 'technical',
  devicefingerprint: 'device_id',
  leadsource: 'choice',
  syndic: 'company',
  privacypolicy: 'technical',
  captcha: 'technical',
  europeanunion: 'technical',
  businessdiagnostic: 'neutral',
  businesshealth: 'neutral',
  dataprocessing: 'neutral',
  golfhandicap: 'neutral'
};

/*
 * Answer choices reveal a special category only through words that are not also industry or product
 * names: "Santé" is a sector in a B2B select, "Halal" is not.
 */
export const OPTION_RULES: TextRule[] = (
  [
    [
      'religion',
      '\\b(halal|casher|kosher|musulman\\w*|muslim|chretien\\w*|christian|catholi\\w*|protestant\\w*|juif|juive|juifs|jewish|hindou\\w*|hindu|bouddhist\\w*|buddhist|athee|atheist|sans religion|no religion|sikh\\w*)\\b'
    ],
    [
      'sex_life_orientation',
      '\\b(gay|lesbi\\w*|bisexu\\w*|homosexu\\w*|heterosexu\\w*|queer|pansexu\\w*|asexu\\w*)\\b'
    ],
    [
      'health',
      '\\b(diabet\\w*|hiv|vih|enceinte|pregnant|handicap\\w*|disabled|sans gluten|gluten free|allerg\\w*|intoleran\\w*|fauteuil roulant|wheelchair|malentendant|hard of hearing|malvoyant|visually impaired)\\b'
    ],
    [
      'racial_ethnic_origin',
      '\\b(caucasi\\w*|hispani\\w*|latino|latina|afro ?americ\\w*|african american|maghrebin\\w*|metis|metisse)\\b'
    ]
  ] as const
).map(([kind, source]) => ({
  kind,
  pattern: new RegExp(`(?:^| )(?:${source})`),
  indirect: true,
  viaOptions: true
}));

export const AUTOCOMPLETE_KINDS: ReadonlyMap<string, FieldKind> = new Map<string, FieldKind>([
  ['name', 'name'],
  ['honorific-prefix', 'name'],
  ['given-name', 'name'],
  ['additional-name', 'name'],
  ['family-name', 'name'],
  ['honorific-suffix', 'name'],
  ['nickname', 'name'],
  ['username', 'name'],
  ['email', 'email'],
  ['impp', 'email'],
  ['tel', 'phone'],
  ['tel-country-code', 'phone'],
  ['tel-national', 'phone'],
  ['tel-area-code', 'phone'],
  ['tel-local', 'phone'],
  ['tel-extension', 'phone'],
  ['organization', 'company'],
  ['url', 'company'],
  ['organization-title', 'job_title'],
  ['country', 'country'],
  ['country-name', 'country'],
  ['address-level1', 'city'],
  ['address-level2', 'city'],
  ['address-level3', 'postal_address'],
  ['address-level4', 'postal_address'],
  ['street-address', 'postal_address'],
  ['address-line1', 'postal_address'],
  ['address-line2', 'postal_address'],
  ['address-line3', 'postal_address'],
  ['postal-code', 'coarse_location'],
  ['sex', 'gender'],
  ['bday', 'date_of_birth'],
  ['bday-day', 'date_of_birth'],
  ['bday-month', 'date_of_birth'],
  ['bday-year', 'date_of_birth'],
  ['photo', 'photo'],
  ['language', 'choice'],
  ['transaction-currency', 'choice'],
  ['transaction-amount', 'choice'],
  ['new-password', 'password'],
  ['current-password', 'password'],
  ['one-time-code', 'one_time_code'],
  // PCI DSS counts the cardholder name and expiry as cardholder data once stored with the number.
  ['cc-name', 'payment_card'],
  ['cc-given-name', 'payment_card'],
  ['cc-additional-name', 'payment_card'],
  ['cc-family-name', 'payment_card'],
  ['cc-number', 'payment_card'],
  ['cc-exp', 'payment_card'],
  ['cc-exp-month', 'payment_card'],
  ['cc-exp-year', 'payment_card'],
  ['cc-type', 'payment_card'],
  ['cc-csc', 'card_security_code']
]);

export const INPUT_TYPE_KINDS: ReadonlyMap<string, FieldKind> = new Map<string, FieldKind>([
  ['password', 'password'],
  ['file', 'file_upload'],
  ['email', 'email'],
  ['tel', 'phone']
]);
