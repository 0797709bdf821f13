/**
 * The closed vocabularies of a page definition (field kinds, tiers, legal bases, audiences), apart
 * from its zod schemas in definition.ts: the classification and the workflow validator use these
 * without loading zod.
 */

/**
 * Field kinds the guardrail knows. The policy maps every one of them to a tier, so adding a kind here
 * is a policy-format change (the policy schema requires an exhaustive map).
 */
export const FIELD_KINDS = [
  // T0 in the default policy: no personal data
  'rating',
  'choice',
  'technical',
  // T1
  'name',
  'email',
  'phone',
  'company',
  'job_title',
  'country',
  'city',
  'gender',
  'marketing_opt_in',
  'reference',
  'household',
  'free_text',
  // T2
  'date_of_birth',
  'age',
  'postal_address',
  'coarse_location',
  'ip_address',
  'device_id',
  'file_upload',
  'photo',
  'nationality',
  // T3
  'health',
  'racial_ethnic_origin',
  'political_opinion',
  'religion',
  'trade_union',
  'genetic',
  'biometric',
  'sex_life_orientation',
  'criminal_record',
  'child_data',
  'government_id',
  'bank_details',
  'salary',
  'precise_location',
  // T4
  'payment_card',
  'card_security_code',
  'pin',
  'password',
  'api_token',
  'one_time_code'
] as const;

export type FieldKind = (typeof FIELD_KINDS)[number];

export const TIERS = ['T0', 'T1', 'T2', 'T3', 'T4'] as const;
export type Tier = (typeof TIERS)[number];

export function tierRank(tier: Tier): number {
  return tier.charCodeAt(1) - 48;
}

export function maxTier(a: Tier, b: Tier): Tier {
  return tierRank(a) >= tierRank(b) ? a : b;
}

export const LEGAL_BASES = [
  'consent',
  'contract',
  'legal_obligation',
  'vital_interests',
  'public_task',
  'legitimate_interests'
] as const;
export type LegalBasis = (typeof LEGAL_BASES)[number];

export const AUDIENCES = ['general', 'professionals', 'minors'] as const;
export type Audience = (typeof AUDIENCES)[number];
