/**
 * Golden tests written from the tier table of QUALITY.md ("Data-protection tiers for forms") before the
 * classifier: one block per row, asserting what the marketer sees (tier, decision, who approves, codes).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  definitionHash,
  definitionSchema,
  evaluateDefinition,
  policySchema,
  type Evaluation
} from '../../src/guardrails/domain';
import { compliantPage, policy, withFields } from '../support/page-definitions';

const codes = (evaluation: Evaluation) => evaluation.findings.map((finding) => finding.code).sort();

describe('T0 none: ratings, anonymous choices, no personal data → nothing before publish', () => {
  it('goes live with no purpose, no privacy link and no retention', () => {
    const page = definitionSchema.parse({
      forms: [
        {
          id: 'poll',
          fields: [
            {
              name: 'rating',
              label: 'Notez notre webinar',
              inputType: 'radio',
              options: ['1', '2', '3', '4', '5']
            },
            { name: 'topic', label: 'Sujet préféré', inputType: 'select', options: ['IA', 'Cloud'] }
          ]
        }
      ]
    });
    const evaluation = evaluateDefinition(page, policy);
    expect(evaluation).toMatchObject({ tier: 'T0', decision: 'go', findings: [], approvals: [] });
  });
});

describe('T1 basic: purpose, privacy link, retention ≤ 36 months, consent not pre-ticked → straight through', () => {
  it('goes straight through when every automatic check passes', () => {
    const evaluation = evaluateDefinition(compliantPage(), policy);
    expect(evaluation).toMatchObject({ tier: 'T1', decision: 'go', findings: [], approvals: [] });
  });

  it.each([
    ['purpose', { purpose: undefined }, 'page.purpose_missing'],
    ['privacy link', { privacyNoticeUrl: undefined }, 'page.privacy_notice_missing'],
    [
      'privacy link that is not a URL',
      { privacyNoticeUrl: 'voir mentions légales' },
      'page.privacy_notice_invalid'
    ],
    ['retention', { retentionMonths: undefined }, 'page.retention_missing'],
    ['retention over 36 months (CNIL)', { retentionMonths: 37 }, 'page.retention_too_long']
  ])('asks the marketer to fix a missing or wrong %s', (_name, override, code) => {
    const evaluation = evaluateDefinition(compliantPage(override), policy);
    expect(evaluation.decision).toBe('fix');
    expect(codes(evaluation)).toEqual([code]);
    expect(evaluation.findings[0]?.message.en).toMatch(/\w/);
    expect(evaluation.findings[0]?.message.fr).toMatch(/\w/);
  });

  it('accepts exactly 36 months', () => {
    expect(evaluateDefinition(compliantPage({ retentionMonths: 36 }), policy).decision).toBe('go');
  });

  it('rejects a pre-ticked consent box and names it', () => {
    const page = compliantPage();
    const form = page.forms[0];
    if (form?.consents[0] === undefined) throw new Error('fixture');
    form.consents[0].preTicked = true;
    const evaluation = evaluateDefinition(page, policy);
    expect(evaluation.decision).toBe('fix');
    expect(evaluation.findings).toEqual([
      expect.objectContaining({ code: 'consent.preticked', field: 'newsletter', severity: 'fix' })
    ]);
    expect(evaluation.findings[0]?.message.fr).toContain('Décochez');
  });

  it('asks for a "do not share sensitive data" notice on neutral free text, and is satisfied by one', () => {
    const without = evaluateDefinition(
      withFields([
        { name: 'email', label: 'Email' },
        { name: 'message', label: 'Votre message', inputType: 'textarea' }
      ]),
      policy
    );
    expect(without.tier).toBe('T1');
    expect(without.decision).toBe('fix');
    expect(without.findings).toEqual([
      expect.objectContaining({ code: 'free_text.notice_missing', field: 'message' })
    ]);

    const withNotice = evaluateDefinition(
      withFields([
        { name: 'email', label: 'Email' },
        {
          name: 'message',
          label: 'Votre message',
          inputType: 'textarea',
          notice: 'Ne communiquez pas de données sensibles.'
        }
      ]),
      policy
    );
    expect(withNotice.decision).toBe('go');
  });

  it('asks the requester to pick the kind of a field it cannot place, and counts it as T1', () => {
    const evaluation = evaluateDefinition(
      withFields([
        { name: 'email', label: 'Email' },
        { name: 'x7', label: 'Champ 7' }
      ]),
      policy
    );
    expect(evaluation.tier).toBe('T1');
    expect(evaluation.decision).toBe('fix');
    expect(evaluation.findings).toEqual([
      expect.objectContaining({ code: 'field.kind_unknown', field: 'x7', severity: 'fix' })
    ]);
  });
});

describe('T2 personal: date of birth, postal address, device ids, uploads → T1 + one privacy reviewer', () => {
  it.each([['Date de naissance'], ['Adresse postale'], ['Joindre votre CV']])(
    'needs the privacy reviewers for "%s"',
    (label) => {
      const evaluation = evaluateDefinition(
        withFields([
          { name: 'email', label: 'Email' },
          { name: 'f', label }
        ]),
        policy
      );
      expect(evaluation.tier).toBe('T2');
      expect(evaluation.decision).toBe('approval');
      expect(evaluation.approvals).toEqual([
        expect.objectContaining({
          group: 'tandem-privacy-reviewers',
          slaHours: 48,
          codes: ['field.personal']
        })
      ]);
    }
  );

  it('still requires the T1 checks first: fix before approval', () => {
    const evaluation = evaluateDefinition(
      withFields([{ name: 'dob', label: 'Date de naissance' }], { retentionMonths: undefined }),
      policy
    );
    expect(evaluation.decision).toBe('fix');
    expect(codes(evaluation)).toEqual(['field.personal', 'page.retention_missing']);
    // The marketer still learns who will approve once the fix is made.
    expect(evaluation.approvals.map((approval) => approval.group)).toEqual(['tandem-privacy-reviewers']);
  });
});

describe('T3 sensitive: DPO approval with legal basis, explicit consent, DPIA, retention ≤ 12 months', () => {
  const sensitive = (overrides = {}) =>
    withFields(
      [
        { name: 'email', label: 'Email' },
        { name: 'symptoms', label: 'Décrivez vos symptômes', inputType: 'textarea' }
      ],
      {
        retentionMonths: 12,
        legalBasis: 'consent',
        explicitConsentText: "J'accepte que mes données de santé soient utilisées pour me recontacter.",
        dpiaCompleted: true,
        ...overrides
      }
    );

  it('needs the data-protection officer, not the privacy reviewers', () => {
    const evaluation = evaluateDefinition(sensitive(), policy);
    expect(evaluation.tier).toBe('T3');
    expect(evaluation.decision).toBe('approval');
    expect(evaluation.approvals).toEqual([
      expect.objectContaining({ group: 'tandem-data-protection-officer', codes: ['field.sensitive'] })
    ]);
  });

  it('lists each missing T3 requirement as a fix', () => {
    const evaluation = evaluateDefinition(
      sensitive({
        legalBasis: undefined,
        explicitConsentText: undefined,
        dpiaCompleted: undefined,
        retentionMonths: 24
      }),
      policy
    );
    expect(evaluation.decision).toBe('fix');
    expect(codes(evaluation)).toEqual([
      'field.sensitive',
      'page.retention_too_long',
      'sensitive.dpia_missing',
      'sensitive.explicit_consent_missing',
      'sensitive.legal_basis_missing'
    ]);
  });

  it('treats a page aimed at minors as data about children', () => {
    const evaluation = evaluateDefinition(sensitive({ audience: 'minors' }), policy);
    expect(evaluation.tier).toBe('T3');
    const minors = evaluateDefinition(
      compliantPage({
        audience: 'minors',
        retentionMonths: 12,
        legalBasis: 'consent',
        explicitConsentText: 'ok',
        dpiaCompleted: true
      }),
      policy
    );
    expect(minors.tier).toBe('T3');
    expect(codes(minors)).toContain('audience.minors');
    expect(minors.decision).toBe('approval');
  });
});

describe('T4 prohibited: card number, CVV, PIN, passwords, API tokens, one-time codes → always blocked', () => {
  it.each(['Numéro de carte bancaire', 'CVV', 'Code PIN', 'Mot de passe', 'API key', 'Code de vérification'])(
    'blocks "%s" and offers no approval',
    (label) => {
      const evaluation = evaluateDefinition(
        withFields([
          { name: 'email', label: 'Email' },
          { name: 'secret', label }
        ]),
        policy
      );
      expect(evaluation.tier).toBe('T4');
      expect(evaluation.decision).toBe('blocked');
      expect(evaluation.approvals).toEqual([]);
      expect(evaluation.findings[0]).toMatchObject({
        code: 'field.prohibited',
        field: 'secret',
        severity: 'block'
      });
    }
  );
});

describe('a page: the tier is the highest of all its forms, and page-level checks apply', () => {
  it('takes the maximum over forms', () => {
    const page = definitionSchema.parse({
      ...compliantPage(),
      forms: [
        { id: 'newsletter', fields: [{ name: 'email', label: 'Email' }] },
        { id: 'event', fields: [{ name: 'dob', label: 'Date de naissance' }] }
      ]
    });
    const evaluation = evaluateDefinition(page, policy);
    expect(evaluation.tier).toBe('T2');
    expect(evaluation.forms.map((form) => form.tier)).toEqual(['T1', 'T2']);
  });

  it('routes non-library modules and off-list scripts to IT, and asks to replace retired modules', () => {
    const evaluation = evaluateDefinition(
      compliantPage({
        modules: [
          { id: 'hero', version: '1.4.0' },
          { id: 'homemade-carousel', version: '0.1.0' }
        ],
        scripts: [
          { url: 'https://www.googletagmanager.com/gtm.js', tags: ['Google Analytics 4'] },
          { url: 'https://connect.facebook.net/fr_FR/fbevents.js' },
          { url: '/assets/app.js' },
          {
            inline:
              "!function(){var s=document.createElement('script');s.src='https://static.hotjar.com/c/hotjar.js'}()"
          }
        ],
        embeds: [
          { url: 'https://www.youtube-nocookie.com/embed/xyz' },
          { url: 'https://www.tiktok.com/embed/v2/1' }
        ]
      }),
      policy
    );
    expect(evaluation.tier).toBe('T1');
    expect(evaluation.decision).toBe('fix');
    expect(evaluation.findings.map((finding) => [finding.code, finding.field, finding.severity])).toEqual([
      ['module.retired', 'hero@1.4.0', 'fix'],
      ['module.not_in_library', 'homemade-carousel@0.1.0', 'approval'],
      ['script.not_allowed', 'connect.facebook.net', 'approval'],
      ['script.not_allowed', 'static.hotjar.com', 'approval'],
      ['embed.not_allowed', 'www.tiktok.com', 'approval']
    ]);
    expect(evaluation.findings[0]?.message.en).toContain('2.1.0');
    expect(evaluation.findings[1]?.message.fr).toContain('bibliothèque pré-approuvée');
    expect(evaluation.approvals).toEqual([
      expect.objectContaining({
        group: 'tandem-it-reviewers',
        codes: ['module.not_in_library', 'script.not_allowed', 'embed.not_allowed']
      })
    ]);
  });
});

describe('third-party resources that cannot be checked', () => {
  it('asks to fix a script URL with a scheme other than http(s), and accepts relative and allowed ones', () => {
    const evaluation = evaluateDefinition(
      compliantPage({
        scripts: [
          { url: 'javascript:alert(1)' },
          { url: '/js/app.js' },
          { url: '//www.googletagmanager.com/gtm.js', tags: ['Google Analytics 4'] },
          { url: 'https://user@evil.example/x.js' }
        ]
      }),
      policy
    );
    expect(evaluation.findings.map((finding) => [finding.code, finding.field])).toEqual([
      ['script.invalid_url', 'javascript:alert(1)'],
      ['script.not_allowed', 'evil.example']
    ]);
  });
});

describe('trackers need a consent-management platform (CNIL cookie guidelines, 2020)', () => {
  const codes = (evaluation: Evaluation) =>
    evaluation.findings.map((finding) => `${finding.code}:${finding.field ?? ''}:${finding.severity}`);

  it('asks for a CMP for each tracker a page loads without one, whatever the tier', () => {
    const evaluation = evaluateDefinition(
      compliantPage({
        consentManagementPlatform: undefined,
        forms: [],
        scripts: [
          { url: 'https://www.googletagmanager.com/gtm.js?id=GTM-1', tags: ['Google Analytics 4'] },
          { url: 'https://snap.licdn.com/li.lms-analytics/insight.min.js' },
          {
            inline:
              "(function(){var s=document.createElement('script');s.src='https://region1.google-analytics.com/g/collect'})()"
          },
          { url: '/assets/site.js' },
          { url: 'https://js.hsforms.net/forms/v2.js' }
        ]
      }),
      policy
    );
    expect(evaluation.tier).toBe('T0');
    expect(evaluation.decision).toBe('fix');
    expect(codes(evaluation).sort()).toEqual([
      'script.not_allowed:region1.google-analytics.com:approval',
      'script.not_allowed:snap.licdn.com:approval',
      'tracker.consent_manager_missing:region1.google-analytics.com:fix',
      'tracker.consent_manager_missing:snap.licdn.com:fix',
      'tracker.consent_manager_missing:www.googletagmanager.com:fix'
    ]);
    const linkedIn = evaluation.findings.find(
      (f) => f.field === 'snap.licdn.com' && f.code.startsWith('tracker')
    );
    expect(linkedIn?.message.en).toContain('advertising');
    expect(linkedIn?.message.fr).toContain('publicité');
  });

  it('lets a declared CMP hold trackers back, and asks the owner to list what a tag manager loads', () => {
    const evaluation = evaluateDefinition(
      compliantPage({ scripts: [{ url: 'https://www.googletagmanager.com/gtm.js?id=GTM-2' }] }),
      policy
    );
    expect(evaluation.decision).toBe('fix');
    expect(codes(evaluation)).toEqual(['tracker.tags_unlisted:www.googletagmanager.com:fix']);
    expect(evaluation.findings[0]?.message.fr).toContain('gestionnaire de balises');
    const listed = evaluateDefinition(
      compliantPage({
        scripts: [
          { url: 'https://www.googletagmanager.com/gtm.js?id=GTM-2', tags: ['GA4', 'LinkedIn Insight'] },
          { url: 'https://www.googletagmanager.com/gtag/js?id=G-XYZ' }
        ]
      }),
      policy
    );
    expect(listed.decision).toBe('go');
  });

  it('recognises a listed tracker on its bare domain and subdomains, but allows only the exact host', () => {
    // The default policy lists www.googletagmanager.com; gtm.js loads just as well from the bare domain
    // and from a tagging server's subdomain: each is the same tracker and needs the same consent.
    const hosts = ['googletagmanager.com', 'eu.googletagmanager.com', 'c.clarity.ms', 'a.static.hotjar.com'];
    const evaluation = evaluateDefinition(
      compliantPage({
        consentManagementPlatform: undefined,
        forms: [],
        scripts: hosts.map((host) => ({ url: `https://${host}/gtm.js`, tags: ['GA4'] }))
      }),
      policy
    );
    expect(
      codes(evaluation)
        .filter((code) => code.startsWith('tracker'))
        .sort()
    ).toEqual([...hosts].sort().map((host) => `tracker.consent_manager_missing:${host}:fix`));
    // The allow-list stays exact: allowing www.googletagmanager.com allows no other host.
    expect(codes(evaluation)).toContain('script.not_allowed:googletagmanager.com:approval');
    // Look-alike hosts are not the tracker (and not allowed either).
    const lookalikes = evaluateDefinition(
      compliantPage({
        consentManagementPlatform: undefined,
        forms: [],
        scripts: [
          { url: 'https://notgoogletagmanager.com/gtm.js' },
          { url: 'https://googletagmanager.com.example.net/gtm.js' },
          { url: 'https://script.hotjar.com.cdn.example.org/x.js' }
        ]
      }),
      policy
    );
    expect(codes(lookalikes).filter((code) => code.startsWith('tracker'))).toEqual([]);
  });

  it('reads definitions stored before trackers existed, with the same hash (their approvals stay bound)', () => {
    const stored = (file: string) =>
      definitionSchema.parse(
        JSON.parse(readFileSync(join(__dirname, 'fixtures', 'definitions', file), 'utf8')) as unknown
      );
    // Hashes computed before the tracker fields were added to the schema.
    expect(definitionHash(stored('t1-go.json'))).toBe(
      '5b1b38084003c36605a722b7ba30f3b2a7263b2d43ceafa190c83c56579e8d5f'
    );
    expect(definitionHash(stored('t2-approval.json'))).toBe(
      'c6a884ff627f23d5b62116cf1cd56c1769f828296e8d450f0fd3d3a556ed8c16'
    );
  });

  it('follows the trackers the policy lists, and reads a policy stored before trackers existed', () => {
    const { trackers: _dropped, ...stored } = policy;
    const parsed = policySchema.parse(JSON.parse(JSON.stringify(stored)));
    expect(parsed.trackers).toEqual(policy.trackers);
    const page = compliantPage({
      consentManagementPlatform: undefined,
      scripts: [{ url: 'https://cdn.example-analytics.io/a.js' }]
    });
    expect(codes(evaluateDefinition(page, policy))).toEqual([
      'script.not_allowed:cdn.example-analytics.io:approval'
    ]);
    const custom = {
      ...parsed,
      trackers: [{ domain: '*.example-analytics.io', category: 'analytics' as const }]
    };
    expect(codes(evaluateDefinition(page, custom))).toContain(
      'tracker.consent_manager_missing:cdn.example-analytics.io:fix'
    );
  });
});
