import type { Language } from '../../contract/language';
import type { FieldKind, Tier } from './definition';

export type Lang = Language;
export interface LocalisedText {
  en: string;
  fr: string;
}

export const KIND_NAMES: Record<FieldKind, LocalisedText> = {
  rating: { en: 'rating', fr: 'note' },
  choice: { en: 'anonymous choice', fr: 'choix anonyme' },
  technical: { en: 'technical field', fr: 'champ technique' },
  name: { en: 'name', fr: 'nom' },
  email: { en: 'email', fr: 'e-mail' },
  phone: { en: 'phone number', fr: 'numéro de téléphone' },
  company: { en: 'company information', fr: "informations sur l'entreprise" },
  job_title: { en: 'job title', fr: 'fonction' },
  country: { en: 'country', fr: 'pays' },
  city: { en: 'city or region', fr: 'ville ou région' },
  gender: { en: 'gender or title', fr: 'genre ou civilité' },
  marketing_opt_in: { en: 'marketing opt-in', fr: 'consentement marketing' },
  reference: { en: 'order or customer reference', fr: 'référence de commande ou de client' },
  household: { en: 'household composition', fr: 'composition du foyer' },
  free_text: { en: 'free text', fr: 'texte libre' },
  date_of_birth: { en: 'date of birth', fr: 'date de naissance' },
  age: { en: 'age', fr: 'âge' },
  postal_address: { en: 'postal address', fr: 'adresse postale' },
  coarse_location: {
    en: 'postal code or approximate location',
    fr: 'code postal ou localisation approximative'
  },
  ip_address: { en: 'IP address', fr: 'adresse IP' },
  device_id: { en: 'device or online identifier', fr: "identifiant d'appareil ou en ligne" },
  file_upload: { en: 'file upload', fr: 'envoi de fichier' },
  photo: { en: 'photo', fr: 'photo' },
  nationality: { en: 'nationality or place of birth', fr: 'nationalité ou lieu de naissance' },
  health: { en: 'health data', fr: 'données de santé' },
  racial_ethnic_origin: { en: 'racial or ethnic origin', fr: 'origine raciale ou ethnique' },
  political_opinion: { en: 'political opinion', fr: 'opinion politique' },
  religion: { en: 'religious or philosophical belief', fr: 'conviction religieuse ou philosophique' },
  trade_union: { en: 'trade-union membership', fr: 'appartenance syndicale' },
  genetic: { en: 'genetic data', fr: 'données génétiques' },
  biometric: { en: 'biometric data', fr: 'données biométriques' },
  sex_life_orientation: { en: 'sex life or sexual orientation', fr: 'vie sexuelle ou orientation sexuelle' },
  criminal_record: { en: 'criminal convictions or offences', fr: 'condamnations ou infractions pénales' },
  child_data: { en: 'data about children', fr: 'données concernant des enfants' },
  government_id: { en: 'government identifier', fr: 'identifiant officiel (NIR, passeport, numéro fiscal…)' },
  bank_details: { en: 'bank details', fr: 'coordonnées bancaires' },
  salary: { en: 'salary or income', fr: 'salaire ou revenus' },
  precise_location: { en: 'precise geolocation', fr: 'géolocalisation précise' },
  payment_card: { en: 'payment card data', fr: 'données de carte bancaire' },
  card_security_code: { en: 'card security code', fr: 'cryptogramme de carte' },
  pin: { en: 'PIN', fr: 'code PIN' },
  password: { en: 'password', fr: 'mot de passe' },
  api_token: { en: 'API key or token', fr: "clé d'API ou jeton" },
  one_time_code: { en: 'one-time code', fr: 'code à usage unique' }
};

export const TIER_NAMES: Record<Tier, LocalisedText> = {
  T0: { en: 'no personal data', fr: 'aucune donnée personnelle' },
  T1: { en: 'basic personal data', fr: 'données personnelles de base' },
  T2: { en: 'personal data', fr: 'données personnelles' },
  T3: { en: 'sensitive data', fr: 'données sensibles' },
  T4: { en: 'prohibited data', fr: 'données interdites' }
};

export function localised(en: string, fr: string): LocalisedText {
  return { en, fr };
}

/**
 * A message rendered the first time it is read. Evaluations run tens of thousands of times a second
 * (QUALITY.md budget) and most callers only read the decision, so building every sentence up front
 * would dominate the cost. JSON serialisation renders it (for the audit trail).
 */
class LazyLocalisedText implements LocalisedText {
  private rendered: LocalisedText | undefined;

  constructor(private readonly render: () => LocalisedText) {}

  private resolve(): LocalisedText {
    if (this.rendered === undefined) this.rendered = this.render();
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

export function lazy(render: () => LocalisedText): LocalisedText {
  return new LazyLocalisedText(render);
}
