import fc from 'fast-check';
import {
  FIELD_KINDS,
  approveApproval,
  canonicalJson,
  definitionHash,
  definitionSchema,
  evaluateDefinition,
  evaluateHtml,
  mayGoLive,
  reconcileApproval,
  rejectApproval,
  requestApproval,
  tierRank,
  type ApprovalRecord,
  type ApprovalResult,
  type FieldDefinition,
  type PageDefinition
} from '../../src/guardrails/domain';
import { policy, withFields } from '../support/page-definitions';

const LABEL_POOL = [
  'Email',
  'Prénom',
  'Société',
  'Votre message',
  'Date de naissance',
  'Code postal',
  'IBAN',
  'Mot de passe',
  'Numéro de commande',
  'Régime alimentaire',
  'Champ 7',
  'Notez-nous',
  'N° de sécurité sociale',
  'Card number',
  "Prénom de l'enfant",
  'Adresse e-mail',
  'Code promo',
  'How can we help?',
  'Nom de votre conjoint',
  ''
];
const AUTOCOMPLETE_POOL = [
  undefined,
  'email',
  'given-name',
  'bday',
  'cc-number',
  'street-address',
  'off',
  'one-time-code'
];
const INPUT_TYPES = [
  'text',
  'email',
  'tel',
  'textarea',
  'select',
  'date',
  'file',
  'password',
  'hidden',
  'checkbox'
];

const fieldArb: fc.Arbitrary<FieldDefinition> = fc
  .record({
    name: fc.oneof(
      fc.constantFrom('email', 'dob', 'utm_source', 'gclid', 'x', 'message', 'nir'),
      fc.string({ minLength: 1, maxLength: 12 })
    ),
    label: fc.oneof(fc.constantFrom(...LABEL_POOL), fc.string({ maxLength: 30 })),
    inputType: fc.constantFrom(...INPUT_TYPES),
    autocomplete: fc.constantFrom(...AUTOCOMPLETE_POOL),
    kind: fc.option(fc.constantFrom(...FIELD_KINDS), { nil: undefined, freq: 4 }),
    required: fc.boolean(),
    options: fc.option(fc.array(fc.constantFrom('Halal', 'Santé', 'Oui', 'Non', 'Gay'), { maxLength: 4 }), {
      nil: undefined
    })
  })
  .map(({ autocomplete, kind, options, ...rest }) => {
    const built: FieldDefinition = { ...rest, hidden: rest.inputType === 'hidden' };
    if (autocomplete !== undefined) built.autocomplete = autocomplete;
    if (kind !== undefined) built.kind = kind;
    if (options !== undefined) built.options = options;
    return built;
  });

const pageArb: fc.Arbitrary<PageDefinition> = fc
  .record({
    forms: fc.array(fc.array(fieldArb, { maxLength: 6 }), { minLength: 1, maxLength: 3 }),
    retentionMonths: fc.option(fc.integer({ min: 1, max: 60 }), { nil: undefined }),
    audience: fc.constantFrom('general', 'professionals', 'minors')
  })
  .map(({ forms, retentionMonths, audience }) =>
    definitionSchema.parse({
      purpose: 'Test',
      privacyNoticeUrl: 'https://example.com/privacy',
      retentionMonths,
      audience,
      forms: forms.map((fields, index) => ({ id: `form-${index}`, fields }))
    })
  );

describe('property: adding a field never lowers the tier', () => {
  it('holds for any page, any form and any position', () => {
    fc.assert(
      fc.property(pageArb, fieldArb, fc.nat(), fc.nat(), (page, extra, formPick, position) => {
        const before = evaluateDefinition(page, policy).tier;
        const after = structuredClone(page);
        const form = after.forms[formPick % after.forms.length];
        if (form === undefined) return;
        form.fields.splice(position % (form.fields.length + 1), 0, extra);
        expect(tierRank(evaluateDefinition(after, policy).tier)).toBeGreaterThanOrEqual(tierRank(before));
      }),
      { numRuns: 500 }
    );
  });
});

type Step =
  | { op: 'request'; actor: string }
  | { op: 'approve'; actor: string; groups: string[] }
  | { op: 'reject'; actor: string; groups: string[] };

const ACTORS = ['alice', 'bob', 'dpo', 'admin'];
const GROUPS = [
  'tandem-privacy-reviewers',
  'tandem-data-protection-officer',
  'tandem-it-reviewers',
  'jira-admins'
];
const stepArb: fc.Arbitrary<Step> = fc.oneof(
  fc.record({ op: fc.constant('request' as const), actor: fc.constantFrom(...ACTORS) }),
  fc.record({
    op: fc.constant('approve' as const),
    actor: fc.constantFrom(...ACTORS),
    groups: fc.subarray(GROUPS)
  }),
  fc.record({
    op: fc.constant('reject' as const),
    actor: fc.constantFrom(...ACTORS),
    groups: fc.subarray(GROUPS)
  })
);

describe('property: T4 can never be approved', () => {
  const prohibited = fc.constantFrom(
    'Mot de passe',
    'Numéro de carte bancaire',
    'CVV',
    'Code PIN',
    'API token',
    'Code de vérification'
  );
  it('whatever sequence of requests and decisions, by whoever', () => {
    fc.assert(
      fc.property(
        pageArb,
        prohibited,
        fc.array(stepArb, { maxLength: 12 }),
        fc.integer({ min: 0, max: 30 }),
        (page, label, steps, days) => {
          const t4 = structuredClone(page);
          t4.forms[0]?.fields.push({
            name: 'secret',
            label,
            required: true,
            inputType: 'text',
            hidden: false
          });
          const subject = { definitionHash: definitionHash(t4), evaluation: evaluateDefinition(t4, policy) };
          expect(subject.evaluation.decision).toBe('blocked');
          let record: ApprovalRecord | null = null;
          const now = new Date(Date.UTC(2026, 10, 1 + days));
          for (const step of steps) {
            const result: ApprovalResult =
              step.op === 'request'
                ? requestApproval(record, { subject, requester: step.actor, now }, policy)
                : step.op === 'approve'
                  ? approveApproval(
                      record,
                      { subject, approver: step.actor, approverGroups: step.groups, now },
                      policy
                    )
                  : rejectApproval(
                      record,
                      { subject, approver: step.actor, approverGroups: step.groups, now, reason: 'no' },
                      policy
                    );
            expect(result.ok).toBe(false);
            if (result.ok) record = result.record;
          }
          // Even a forged "approved" record for this exact definition does not let it go live.
          const forged: ApprovalRecord = {
            state: 'approved',
            definitionHash: subject.definitionHash,
            policyVersion: policy.version,
            evaluationSignature: 'x',
            tier: 'T2',
            requiredGroups: [],
            requestedBy: 'a',
            requestedAt: now.toISOString(),
            grants: [],
            expiresAt: '2099-01-01T00:00:00.000Z'
          };
          expect(mayGoLive(forged, subject, policy, now)).toBe(false);
          expect(reconcileApproval(forged, subject, policy, now).state).not.toBe('approved');
        }
      ),
      { numRuns: 300 }
    );
  });
});

type Mutation = (page: PageDefinition) => void;
const mutationArb: fc.Arbitrary<Mutation> = fc.oneof(
  fc.string({ minLength: 1, maxLength: 10 }).map((text): Mutation => (page) => {
    const target = page.forms[0]?.fields[0];
    if (target !== undefined) target.label = `${target.label ?? ''}${text}`;
  }),
  fieldArb.map(
    (extra): Mutation =>
      (page) =>
        page.forms[0]?.fields.push(extra)
  ),
  fc.constant<Mutation>((page) => page.forms[0]?.fields.pop()),
  fc.constant<Mutation>((page) => {
    const target = page.forms[0]?.fields[0];
    if (target !== undefined) target.required = !target.required;
  }),
  fc.integer({ min: 1, max: 36 }).map((months): Mutation => (page) => {
    page.retentionMonths = months;
  }),
  fc.webUrl().map(
    (url): Mutation =>
      (page) =>
        page.scripts.push({ url })
  ),
  fc.string({ maxLength: 20 }).map((title): Mutation => (page) => {
    page.title = title;
  }),
  fc.constant<Mutation>((page) => page.forms.reverse()),
  fc.constant<Mutation>((page) => {
    page.forms.push({ id: 'extra', fields: [], consents: [] });
  })
);

describe('property: any change to an approved definition voids the approval', () => {
  it('for any sequence of edits that changes the canonical definition', () => {
    const base = withFields([
      { name: 'email', label: 'Email' },
      { name: 'dob', label: 'Date de naissance' }
    ]);
    const now = new Date('2026-11-25T00:00:00Z');
    const subject = { definitionHash: definitionHash(base), evaluation: evaluateDefinition(base, policy) };
    const requested = requestApproval(null, { subject, requester: 'alice', now }, policy);
    if (!requested.ok) throw new Error(requested.error.message);
    const approved = approveApproval(
      requested.record,
      { subject, approver: 'bob', approverGroups: ['tandem-privacy-reviewers'], now },
      policy
    );
    if (!approved.ok) throw new Error(approved.error.message);
    expect(approved.record.state).toBe('approved');

    fc.assert(
      fc.property(fc.array(mutationArb, { minLength: 1, maxLength: 4 }), (mutations) => {
        const edited = structuredClone(base);
        for (const mutate of mutations) mutate(edited);
        fc.pre(canonicalJson(edited) !== canonicalJson(base));
        const after = {
          definitionHash: definitionHash(edited),
          evaluation: evaluateDefinition(edited, policy)
        };
        expect(reconcileApproval(approved.record, after, policy, now).state).toBe('voided');
        expect(mayGoLive(approved.record, after, policy, now)).toBe(after.evaluation.decision === 'go');
      }),
      { numRuns: 300 }
    );
  });
});

describe('property: real page layouts of the privacy link and of pre-ticked boxes', () => {
  const PRIVACY_LINKS = [
    '<a href="/privacy">Privacy</a>',
    '<a href="https://exemple.fr/politique-de-confidentialite">Politique de confidentialité</a>',
    '<a href="/legal/notice">Privacy Notice</a>',
    '<a href="/mentions-legales#donnees">Mentions légales et données personnelles</a>',
    '<a href="/rgpd">Vos droits RGPD</a>'
  ];
  const OTHER_LINKS = [
    '<a href="/mentions-legales">Mentions légales</a>',
    '<a href="/cgu">CGU</a>',
    '<a href="/cookies">Cookies</a>',
    '<a href="/">Accueil</a>'
  ];
  const FORM_START =
    '<form id="f" data-purpose="Rappeler le prospect" data-retention-months="12"><label>E-mail <input name="email" type="email"></label>';
  const privacyCodes = (html: string) =>
    evaluateHtml(html, policy)
      .evaluation.findings.map((f) => f.code)
      .filter((code) => code.startsWith('page.privacy'));

  it('counts a privacy link wherever it sits on the page, and reports a page with none', () => {
    const slot = fc.constantFrom('header', 'inForm', 'afterForm', 'footer');
    fc.assert(
      fc.property(
        fc.constantFrom(...PRIVACY_LINKS),
        slot,
        fc.array(fc.tuple(fc.constantFrom(...OTHER_LINKS), slot), { maxLength: 4 }),
        (privacy, where, others) => {
          const at = (place: string, withPrivacy: boolean) =>
            [
              ...others.filter(([, s]) => s === place).map(([link]) => link),
              ...(withPrivacy ? [privacy] : [])
            ].join(' ');
          const page = (withPrivacy: boolean) =>
            `<header>${at('header', withPrivacy && where === 'header')}</header><main>${FORM_START}${at('inForm', withPrivacy && where === 'inForm')}</form><p>${at('afterForm', withPrivacy && where === 'afterForm')}</p></main><footer>${at('footer', withPrivacy && where === 'footer')}</footer>`;
          expect(privacyCodes(page(true))).toEqual([]);
          expect(privacyCodes(page(false))).toEqual(['page.privacy_notice_missing']);
        }
      ),
      { numRuns: 200 }
    );
  });

  it('reports any box ticked in advance in a form collecting personal data, unless marked as no consent', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(
          'Tips and updates by email',
          'Tenez-moi au courant',
          'Keep me posted',
          'Oui, je veux les bons plans',
          'Send me the monthly digest',
          'Rappel par SMS'
        ),
        fc.boolean(),
        (label, marked) => {
          const box = `<label><input type="checkbox" name="box" checked${marked ? ' data-tandem-consent="false"' : ''}> ${label}</label>`;
          const html = `${FORM_START}${box}</form><a href="/privacy">Privacy</a>`;
          const codes = evaluateHtml(html, policy).evaluation.findings.map((f) => f.code);
          expect(codes.includes('consent.preticked')).toBe(!marked);
        }
      ),
      { numRuns: 100 }
    );
  });
});
