import {
  DEFAULT_POLICY,
  definitionSchema,
  type FieldDefinition,
  type PageDefinition,
  type PageDefinitionInput
} from '../../src/guardrails/domain';

export const policy = DEFAULT_POLICY;

export function field(label: string, extra: Partial<FieldDefinition> = {}): FieldDefinition {
  return { name: extra.name ?? 'field', label, required: false, inputType: 'text', hidden: false, ...extra };
}

/** A T1 page that passes every automatic check; tests add or change one thing at a time. */
export function compliantPage(overrides: Partial<PageDefinitionInput> = {}): PageDefinition {
  return definitionSchema.parse({
    title: 'Livre blanc 2026',
    purpose: 'Envoyer le livre blanc et recontacter les prospects',
    privacyNoticeUrl: 'https://www.example.com/confidentialite',
    retentionMonths: 36,
    modules: [
      { id: 'hero', version: '2.1.0' },
      { id: 'lead-form', version: '3.0.0' }
    ],
    forms: [
      {
        id: 'whitepaper',
        fields: [
          { name: 'email', label: 'Adresse e-mail professionnelle', inputType: 'email', required: true },
          { name: 'firstName', label: 'Prénom' },
          { name: 'company', label: 'Société' }
        ],
        consents: [{ id: 'newsletter', purpose: 'Recevoir la newsletter', preTicked: false }]
      }
    ],
    // The tag manager is a tracker: the page declares its consent banner and the tags it loads.
    consentManagementPlatform: 'Axeptio',
    scripts: [{ url: 'https://www.googletagmanager.com/gtm.js?id=GTM-ABC', tags: ['Google Analytics 4'] }],
    ...overrides
  });
}

export function withFields(
  fields: ReadonlyArray<Partial<FieldDefinition> & { name: string }>,
  overrides: Partial<PageDefinitionInput> = {}
): PageDefinition {
  const base = compliantPage();
  return definitionSchema.parse({
    ...base,
    forms: [{ id: 'whitepaper', fields, consents: base.forms[0]?.consents ?? [] }],
    ...overrides
  });
}

/** The compliant page plus a date of birth: T2, needs one approval by a privacy reviewer. */
export function withBirthDate(): PageDefinition {
  return withFields([
    { name: 'email', label: 'Adresse e-mail professionnelle', inputType: 'email', required: true },
    { name: 'dob', label: 'Date of birth' }
  ]);
}
