import fc from 'fast-check';
import {
  classifyField,
  normaliseSlowly,
  normaliseText,
  type FieldKind,
  type Tier
} from '../../src/guardrails/domain';
import { field, policy } from '../support/page-definitions';

type Case = readonly [label: string, tier: Tier, kind: FieldKind | null];

// Labels as marketers write them, in French and English. Near misses sit next to the field they resemble.
const LABELS: ReadonlyArray<Case> = [
  // T0
  ['Notez notre webinar de 1 à 5', 'T0', 'rating'],
  ['How likely are you to recommend us?', 'T0', 'rating'],
  ['Code promo', 'T0', 'choice'],
  ['Quel produit vous intéresse ?', 'T0', 'choice'],
  ['Preferred language', 'T0', 'choice'],
  // T1
  ['Adresse e-mail professionnelle', 'T1', 'email'],
  ['Work email', 'T1', 'email'],
  ['Prénom', 'T1', 'name'],
  ['Last name', 'T1', 'name'],
  ["Nom de l'entreprise", 'T1', 'company'],
  ['Company size', 'T1', 'company'],
  ['Numéro de TVA intracommunautaire', 'T1', 'company'],
  ["Chiffre d'affaires annuel", 'T1', 'company'],
  ['Âge de votre entreprise', 'T1', 'company'],
  ['Syndicat de copropriété', 'T1', 'company'],
  ['Partner company', 'T1', 'company'],
  ['Partenaire revendeur', 'T1', null],
  ['Fonction', 'T1', 'job_title'],
  ['Job title', 'T1', 'job_title'],
  ['Téléphone portable', 'T1', 'phone'],
  ['Pays', 'T1', 'country'],
  ['Ville', 'T1', 'city'],
  ['Numéro de commande', 'T1', 'reference'],
  ['N° de carte de fidélité', 'T1', 'reference'],
  ['Customer number', 'T1', 'reference'],
  ["Nombre d'enfants", 'T1', 'household'],
  ['Votre message', 'T1', 'free_text'],
  ['How can we help?', 'T1', 'free_text'],
  ['Parlez-nous de votre projet', 'T1', 'free_text'],
  ['Résumé de votre projet', 'T1', 'free_text'],
  ['Je souhaite recevoir la newsletter', 'T1', 'marketing_opt_in'],
  ['Civilité', 'T1', 'name'],
  // T2
  ['Date de naissance', 'T2', 'date_of_birth'],
  ['Date of birth', 'T2', 'date_of_birth'],
  ['Votre âge', 'T2', 'age'],
  ["Tranche d'âge", 'T2', 'age'],
  ['Adresse postale', 'T2', 'postal_address'],
  ['Street address', 'T2', 'postal_address'],
  ['Code postal', 'T2', 'coarse_location'],
  ['Adresse IP', 'T2', 'ip_address'],
  ['Joindre votre CV', 'T2', 'file_upload'],
  ['Upload your resume', 'T2', 'file_upload'],
  ['Photo de profil', 'T2', 'photo'],
  ['Nationalité', 'T2', 'nationality'],
  // T3
  ['N° de sécurité sociale', 'T3', 'government_id'],
  ['Numéro de passeport', 'T3', 'government_id'],
  ['Numéro fiscal', 'T3', 'government_id'],
  ['IBAN', 'T3', 'bank_details'],
  ['Coordonnées bancaires (RIB)', 'T3', 'bank_details'],
  ['Salaire annuel brut', 'T3', 'salary'],
  ['Décrivez vos symptômes', 'T3', 'health'],
  ['Antécédents médicaux', 'T3', 'health'],
  ['Traitement médical en cours', 'T3', 'health'],
  ['Medical history', 'T3', 'health'],
  ['Allergies', 'T3', 'health'],
  ['Régime alimentaire', 'T3', 'health'],
  ['Dietary requirements', 'T3', 'health'],
  ['Religion', 'T3', 'religion'],
  ['Origine ethnique', 'T3', 'racial_ethnic_origin'],
  ['Opinions politiques', 'T3', 'political_opinion'],
  ['Êtes-vous syndiqué ?', 'T3', 'trade_union'],
  ['Orientation sexuelle', 'T3', 'sex_life_orientation'],
  ['Nom de votre conjoint ou partenaire', 'T3', 'sex_life_orientation'],
  ['Casier judiciaire', 'T3', 'criminal_record'],
  ["Prénom de l'enfant", 'T3', 'child_data'],
  ["Date de naissance de l'enfant", 'T3', 'child_data'],
  ['Empreinte digitale', 'T3', 'biometric'],
  ['Test génétique', 'T3', 'genetic'],
  ['Position GPS', 'T3', 'precise_location'],
  // T4
  ['Mot de passe', 'T4', 'password'],
  ['Password', 'T4', 'password'],
  ['Numéro de carte bancaire', 'T4', 'payment_card'],
  ['Card number', 'T4', 'payment_card'],
  ['Cryptogramme visuel', 'T4', 'card_security_code'],
  ['CVV', 'T4', 'card_security_code'],
  ['Code PIN', 'T4', 'pin'],
  ['Clé API', 'T4', 'api_token'],
  ['Code de vérification reçu par SMS', 'T4', 'one_time_code'],
  ['Code promo ou mot de passe', 'T4', 'password']
];

describe('classifier: field labels in English and French', () => {
  it('covers at least 60 labels', () => {
    expect(LABELS.length).toBeGreaterThanOrEqual(60);
  });

  it.each(LABELS)('%s → %s (%s)', (label, tier, kind) => {
    const result = classifyField(field(label), policy);
    expect({ tier: result.tier, kind: result.kind }).toEqual({ tier, kind });
  });
});

/*
 * Free text takes the tier of what its question invites (QUALITY.md): questions as people write them on
 * forms, EN and FR, then near misses that must stay ordinary free text.
 *
 * "Any dietary preferences?" is T3 (health, indirect), like "Dietary requirements": the answers typed
 * into it are "halal", "kosher", "coeliac", "nut allergy", which reveal religion or health (GDPR art. 9,
 * CJEU C-184/20 on data revealing a special category indirectly). A page that only needs a meal choice
 * should offer a closed list of neutral options instead of asking.
 */
const FREE_TEXT_QUESTIONS: ReadonlyArray<Case> = [
  ['Any allergies we should know about?', 'T3', 'health'],
  ['Avez-vous des antécédents médicaux ?', 'T3', 'health'],
  ['Do you have any medical conditions we should be aware of?', 'T3', 'health'],
  ['What symptoms are you experiencing?', 'T3', 'health'],
  ['Quels symptômes ressentez-vous ?', 'T3', 'health'],
  ['Have you been diagnosed with anything relevant?', 'T3', 'health'],
  ['Diagnostic posé par votre médecin', 'T3', 'health'],
  ['Are you currently taking any medication?', 'T3', 'health'],
  ['Suivez-vous un traitement en ce moment ?', 'T3', 'health'],
  ['Quel traitement suivez-vous ?', 'T3', 'health'],
  ['Are you under medical treatment?', 'T3', 'health'],
  ['Tell us about your mental health', 'T3', 'health'],
  ['Do you have a disability that requires adjustments?', 'T3', 'health'],
  ['Êtes-vous en situation de handicap ?', 'T3', 'health'],
  ['Any access requirements for the venue?', 'T3', 'health'],
  ['Avez-vous des besoins particuliers pour venir ?', 'T3', 'health'],
  ['Are you pregnant or breastfeeding?', 'T3', 'health'],
  ['Quelle mutuelle santé avez-vous ?', 'T3', 'health'],
  ['Any dietary preferences?', 'T3', 'health'],
  ['Do you practise a faith?', 'T3', 'religion'],
  ['Êtes-vous croyant(e) ?', 'T3', 'religion'],
  ['Quelle est votre religion ?', 'T3', 'religion'],
  ['Convictions religieuses ou philosophiques', 'T3', 'religion'],
  ['Religious holidays you observe', 'T3', 'religion'],
  ['Are you a member of a trade union?', 'T3', 'trade_union'],
  ['Do you belong to a union?', 'T3', 'trade_union'],
  ["Êtes-vous adhérent d'un syndicat ?", 'T3', 'trade_union'],
  ['What are your political convictions?', 'T3', 'political_opinion'],
  ['Vos convictions politiques', 'T3', 'political_opinion'],
  ['Which party do you usually vote for?', 'T3', 'political_opinion'],
  ['How would you describe your sexual orientation?', 'T3', 'sex_life_orientation'],
  ['Quelle est votre orientation sexuelle ?', 'T3', 'sex_life_orientation'],
  ['Do you have a criminal record?', 'T3', 'criminal_record'],
  ['Have you ever been convicted of an offence?', 'T3', 'criminal_record'],
  ['Avez-vous déjà été condamné(e) ?', 'T3', 'criminal_record'],
  ['How would you describe your ethnicity?', 'T3', 'racial_ethnic_origin'],
  // Near misses: the same words in a business sense are neutral free text (or what else they say).
  ["Your company's union with our group", 'T1', 'company'],
  ['Diagnostic SEO gratuit de votre site', 'T1', 'free_text'],
  ['Souhaitez-vous un diagnostic énergétique ?', 'T1', 'free_text'],
  ['Santé financière de votre entreprise', 'T1', 'company'],
  ['Which treatment of your data do you prefer?', 'T1', 'free_text'],
  ['Traitement de votre demande', 'T1', 'free_text'],
  ["What's your handicap at golf?", 'T1', 'free_text'],
  ['Besoins particuliers pour votre projet', 'T1', 'free_text'],
  ['Orientation de votre projet', 'T1', 'free_text'],
  ['Pratiquez-vous un sport ?', 'T1', 'free_text'],
  ['Vote for the next webinar topic', 'T0', 'choice'],
  ['Party size', 'T0', 'choice']
];

describe('classifier: free-text questions that invite sensitive data, and their near misses', () => {
  it('covers at least 40 questions, near misses included', () => {
    expect(FREE_TEXT_QUESTIONS.length).toBeGreaterThanOrEqual(40);
    expect(FREE_TEXT_QUESTIONS.filter(([, tier]) => tier !== 'T3').length).toBeGreaterThanOrEqual(10);
  });

  it.each(FREE_TEXT_QUESTIONS)('%s → %s (%s)', (label, tier, kind) => {
    const result = classifyField(field(label, { inputType: 'textarea' }), policy);
    expect({ tier: result.tier, kind: result.kind }).toEqual({ tier, kind });
  });
});

describe('classifier: signals other than the label', () => {
  it('reads autocomplete tokens, including section and shipping modifiers', () => {
    expect(classifyField(field('Champ 1', { autocomplete: 'cc-number' }), policy).kind).toBe('payment_card');
    expect(classifyField(field('Champ 2', { autocomplete: 'bday' }), policy).tier).toBe('T2');
    expect(
      classifyField(field('Champ 3', { autocomplete: 'section-a shipping street-address' }), policy).kind
    ).toBe('postal_address');
    expect(classifyField(field('Identifiant', { autocomplete: 'username webauthn' }), policy).kind).toBe(
      'name'
    );
  });

  it('treats a password input as a password whatever its label says', () => {
    const result = classifyField(field('Votre code', { inputType: 'password' }), policy);
    expect(result.tier).toBe('T4');
    expect(result.source).toBe('inputType');
  });

  it('classifies hidden inputs by their name', () => {
    const hidden = (name: string) =>
      classifyField({ name, required: false, inputType: 'hidden', hidden: true }, policy);
    expect(hidden('utm_source').tier).toBe('T0');
    expect(hidden('csrf_token').tier).toBe('T0');
    expect(hidden('gclid').tier).toBe('T2');
    expect(hidden('visitorId').kind).toBe('device_id');
    expect(hidden('dateOfBirth').kind).toBe('date_of_birth');
    expect(hidden('api_key').tier).toBe('T4');
  });

  it('splits camelCase and snake_case names when there is no label', () => {
    expect(
      classifyField(
        { name: 'socialSecurityNumber', required: false, inputType: 'text', hidden: false },
        policy
      ).tier
    ).toBe('T3');
    expect(
      classifyField({ name: 'date_naissance', required: false, inputType: 'text', hidden: false }, policy)
        .tier
    ).toBe('T2');
  });

  it('lets answer choices reveal a special category (CJEU C-184/20)', () => {
    const meal = classifyField(
      field('Choix du repas', {
        inputType: 'select',
        options: ['Standard', 'Végétarien', 'Halal', 'Casher']
      }),
      policy
    );
    expect(meal.tier).toBe('T3');
    expect(meal.kind).toBe('religion');
    expect(meal.indirect).toBe(true);
    expect(meal.source).toBe('options');
  });

  it('does not read an industry list as health data', () => {
    const sector = classifyField(
      field("Secteur d'activité", {
        inputType: 'select',
        options: ['Santé', 'Banque', 'Industrie', 'Public']
      }),
      policy
    );
    expect(sector.tier).toBe('T1');
    expect(sector.kind).toBe('company');
  });

  it('places an unknown text input at T1 with no kind, and a textarea as neutral free text', () => {
    const unknown = classifyField(field('Champ 7'), policy);
    expect(unknown).toMatchObject({ kind: null, tier: 'T1', source: 'unplaced' });
    const textarea = classifyField(field('Blabla', { inputType: 'textarea' }), policy);
    expect(textarea).toMatchObject({ kind: 'free_text', tier: 'T1' });
  });

  it('trusts a declared kind over the label but flags a label that suggests worse', () => {
    const declared = classifyField(field('N° de sécurité sociale', { kind: 'reference' }), policy);
    expect(declared.tier).toBe('T1');
    expect(declared.labelSuggests).toBe('government_id');
    // …except where the browser itself says more: a cc-number autocomplete is card data whatever the kind.
    expect(
      classifyField(field('Référence', { kind: 'reference', autocomplete: 'cc-number' }), policy).tier
    ).toBe('T4');
  });

  it('follows the policy when an admin moves a kind to another tier', () => {
    const strict = { ...policy, version: 'strict', kindTiers: { ...policy.kindTiers, phone: 'T2' as const } };
    expect(classifyField(field('Téléphone'), strict).tier).toBe('T2');
  });
});

describe('normaliseText', () => {
  it('strips accents, ligatures, case and punctuation', () => {
    expect(normaliseText('N° de Sécurité-Sociale')).toBe('n de securite sociale');
    expect(normaliseText("Cœur d'ÉTÉ")).toBe('coeur d ete');
    expect(normaliseText('Date d’expiration\u00a0»')).toBe('date d expiration');
  });

  it('agrees with the NFD reference on any Latin text (the fast path is only an optimisation)', () => {
    const latin = fc.constantFrom(
      ...Array.from({ length: 0x180 - 0x20 }, (_, i) => String.fromCharCode(0x20 + i)).filter(
        (c) => !'ßœŒæÆ'.includes(c)
      ),
      '’',
      '–',
      'ǅ',
      '한'
    );
    fc.assert(
      fc.property(fc.array(latin, { maxLength: 40 }), (chars) => {
        const text = chars.join('');
        expect(normaliseText(text)).toBe(normaliseSlowly(text));
      }),
      { numRuns: 2000 }
    );
  });
});
