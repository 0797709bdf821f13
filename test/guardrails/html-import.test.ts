import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { evaluateHtml, importHtml, type Decision, type Tier } from '../../src/guardrails/domain';
import { policy } from '../support/page-definitions';

const PAGES_DIR = join(__dirname, 'fixtures', 'pages');
const page = (file: string) => readFileSync(join(PAGES_DIR, file), 'utf8');

type Expected = readonly [file: string, tier: Tier, decision: Decision, codes: string[]];

// Expected outcome of each real-looking page, decided from the tier table before running the checker.
const PAGES: ReadonlyArray<Expected> = [
  ['01-livre-blanc-b2b.html', 'T1', 'go', []],
  ['02-contact-en-free-text.html', 'T1', 'fix', ['free_text.notice_missing:message']],
  ['03-contact-with-notice.html', 'T1', 'go', []],
  ['04-newsletter-precoche.html', 'T1', 'fix', ['consent.preticked:partenaires']],
  [
    '05-salon-inscription.html',
    'T2',
    'approval',
    ['field.personal:adresse', 'field.personal:cp', 'field.personal:naissance']
  ],
  ['06-candidature.html', 'T2', 'approval', ['field.personal:cv']],
  [
    '07-teleconsultation.html',
    'T3',
    'fix',
    [
      'field.sensitive:symptomes',
      'sensitive.dpia_missing',
      'sensitive.explicit_consent_missing',
      'sensitive.legal_basis_missing'
    ]
  ],
  ['08-mutuelle-complet.html', 'T3', 'approval', ['field.sensitive:antecedents']],
  [
    '09-paiement-inscription.html',
    'T4',
    'blocked',
    ['field.prohibited:cardnumber', 'field.prohibited:ccname', 'field.prohibited:cvc', 'field.prohibited:exp']
  ],
  ['10-creation-compte.html', 'T4', 'blocked', ['field.prohibited:pwd']],
  [
    '11-diner-de-gala.html',
    'T3',
    'fix',
    [
      'field.sensitive:menu',
      'page.retention_too_long',
      'sensitive.dpia_missing',
      'sensitive.explicit_consent_missing',
      'sensitive.legal_basis_missing'
    ]
  ],
  // Meta pixel and Hotjar with no consent banner: trackers must wait for consent (CNIL, 2020).
  [
    '12-trackers.html',
    'T1',
    'fix',
    [
      'script.not_allowed:connect.facebook.net',
      'script.not_allowed:static.hotjar.com',
      'tracker.consent_manager_missing:connect.facebook.net',
      'tracker.consent_manager_missing:static.hotjar.com'
    ]
  ],
  [
    '13-sans-attributs.html',
    'T1',
    'fix',
    [
      'module.retired:hero@1.4.0',
      'page.privacy_notice_missing',
      'page.purpose_missing',
      'page.retention_missing'
    ]
  ],
  ['14-sondage-satisfaction.html', 'T0', 'go', []],
  // The privacy link sits in the footer, after the form, or before it in the same section: it counts.
  ['16-privacy-footer-en.html', 'T1', 'go', []],
  ['17-deux-formulaires-fr.html', 'T1', 'go', []],
  // "Mentions légales" is the publisher's legal notice, not a privacy notice.
  ['18-mentions-legales-seules.html', 'T1', 'fix', ['page.privacy_notice_missing']],
  // A box ticked in advance is reported whatever its wording, unless marked data-tandem-consent="false";
  // the poll form collects no personal data, so its pre-ticked answer is not a consent problem.
  ['19-tips-updates-en.html', 'T1', 'fix', ['consent.preticked:tips']],
  ['20-tenez-moi-au-courant.html', 'T1', 'fix', ['consent.preticked:actus', 'consent.preticked:sms']],
  // OneTrust is recognised from its script; the tag manager still has to list its tags.
  [
    '21-onetrust-gtm-en.html',
    'T1',
    'fix',
    ['script.not_allowed:cdn.cookielaw.org', 'tracker.tags_unlisted:www.googletagmanager.com']
  ],
  // A CMP the import does not know, declared with <meta name="tandem-consent-manager">, and listed tags.
  ['22-cmp-declare-fr.html', 'T1', 'go', []],
  [
    '15-club-enfants.html',
    'T3',
    'fix',
    [
      'field.personal:age',
      'field.sensitive:child_first_name',
      'sensitive.dpia_missing',
      'sensitive.explicit_consent_missing',
      'sensitive.legal_basis_missing'
    ]
  ]
];

describe('HTML pages: tier and decision', () => {
  it('has an expectation for each fixture page', () => {
    expect(PAGES.map(([file]) => file).sort()).toEqual(
      readdirSync(PAGES_DIR)
        .filter((f) => f.endsWith('.html'))
        .sort()
    );
    expect(PAGES.length).toBeGreaterThanOrEqual(18);
  });

  it.each(PAGES)('%s → %s, %s', (file, tier, decision, codes) => {
    const { evaluation } = evaluateHtml(page(file), policy);
    expect(evaluation.tier).toBe(tier);
    expect(evaluation.decision).toBe(decision);
    expect(
      evaluation.findings.map((f) => (f.field === undefined ? f.code : `${f.code}:${f.field}`)).sort()
    ).toEqual(codes);
  });
});

describe('HTML import: what is read from the page', () => {
  it('reads labels in all their usual forms', () => {
    const fields = (file: string, form = 0) => importHtml(page(file)).definition.forms[form]?.fields ?? [];
    // <label for>
    expect(fields('01-livre-blanc-b2b.html').find((f) => f.name === 'email')?.label).toBe(
      'Adresse e-mail professionnelle *'
    );
    // wrapping <label>
    expect(fields('02-contact-en-free-text.html').find((f) => f.name === 'email')?.label).toBe('Work email');
    // aria-label, aria-labelledby, placeholder fallback
    const demo = fields('03-contact-with-notice.html');
    expect(demo.find((f) => f.name === 'name')?.label).toBe('Full name');
    expect(demo.find((f) => f.name === 'project')?.label).toBe('Tell us about your project');
    expect(demo.find((f) => f.name === 'email')?.label).toBeUndefined();
    expect(demo.find((f) => f.name === 'email')?.placeholder).toBe('Work email');
    // aria-describedby carries the free-text notice
    expect(demo.find((f) => f.name === 'project')?.notice).toMatch(/do not share sensitive/);
    // fieldset legend and role=radiogroup name radio groups; each radio becomes an option
    const poll = fields('14-sondage-satisfaction.html');
    expect(poll).toEqual([
      expect.objectContaining({
        name: 'note',
        label: 'Notez le webinar de 1 à 5',
        inputType: 'radio',
        options: ['1', '2', '3', '4', '5']
      }),
      expect.objectContaining({
        name: 'theme',
        label: 'Quel thème voulez-vous pour le prochain webinar ?',
        options: ['IA générative', 'SEO']
      })
    ]);
  });

  it('reads hidden inputs, autocomplete, select options and controls attached with form="…"', () => {
    const form = importHtml(page('01-livre-blanc-b2b.html')).definition.forms[0];
    expect(form?.fields.filter((f) => f.hidden).map((f) => f.name)).toEqual(['utm_source', 'utm_campaign']);
    expect(form?.fields.find((f) => f.name === 'prenom')?.autocomplete).toBe('given-name');
    expect(form?.fields.find((f) => f.name === 'taille')?.options).toEqual([
      '1-10',
      '11-50',
      '51-250',
      '250+'
    ]);
    const contact = importHtml(page('02-contact-en-free-text.html')).definition.forms[0];
    expect(contact?.fields.find((f) => f.name === 'country')).toMatchObject({
      label: 'Country',
      inputType: 'select'
    });
  });

  it('turns consent checkboxes into consent boxes, pre-ticked when checked', () => {
    const form = importHtml(page('04-newsletter-precoche.html')).definition.forms[0];
    expect(form?.consents).toEqual([
      { id: 'partenaires', purpose: "J'accepte de recevoir les offres de nos partenaires", preTicked: true }
    ]);
    expect(form?.fields.map((f) => f.name)).toEqual(['email']);
  });

  it('reads any pre-ticked checkbox as a consent box unless the page marks it as not a consent', () => {
    const [trial, poll] = importHtml(page('19-tips-updates-en.html')).definition.forms;
    expect(trial?.consents).toEqual([{ id: 'tips', purpose: 'Tips and updates by email', preTicked: true }]);
    expect(trial?.fields.find((f) => f.name === 'sso')).toMatchObject({ inputType: 'checkbox' });
    expect(poll?.consents.map((c) => c.preTicked)).toEqual([true]);
    const fr = importHtml(page('20-tenez-moi-au-courant.html')).definition.forms[0];
    expect(fr?.consents.map((c) => [c.purpose, c.preTicked])).toEqual([
      ['Tenez-moi au courant', true],
      ['Un petit rappel par SMS la veille', true]
    ]);
    // data-tandem-consent="true" makes an unusually worded box a consent box even when it is not ticked.
    const marked = importHtml(
      '<form id="f"><label><input type="checkbox" name="club" data-tandem-consent="true"> Rejoindre le club</label></form>'
    ).definition.forms[0];
    expect(marked?.consents).toEqual([{ id: 'club', purpose: 'Rejoindre le club', preTicked: false }]);
  });

  it('reads the data- attributes of <form> and falls back to a privacy link inside the form', () => {
    const imported = importHtml(page('01-livre-blanc-b2b.html')).definition;
    expect(imported.forms[0]).toMatchObject({
      id: 'livre-blanc',
      purpose: 'Envoyer le livre blanc et recontacter les prospects',
      retentionMonths: 36,
      privacyNoticeUrl: 'https://www.exemple.fr/confidentialite'
    });
    const sensitive = importHtml(page('08-mutuelle-complet.html')).definition;
    expect(sensitive).toMatchObject({ legalBasis: 'consent', dpiaCompleted: true });
    expect(sensitive.explicitConsentText).toContain('antécédents médicaux');
  });

  it('reads scripts, inline snippets, iframes and library modules, and skips JSON-LD', () => {
    const trackers = importHtml(page('12-trackers.html')).definition;
    expect(trackers.scripts.map((s) => s.url ?? 'inline')).toEqual([
      'inline',
      'https://static.hotjar.com/c/hotjar-3456.js?sv=6',
      '/static/js/site.js'
    ]);
    expect(trackers.embeds).toEqual([{ url: 'https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ' }]);
    expect(trackers.modules).toEqual([{ id: 'hero', version: '2.1.0' }]);
    const whitepaper = importHtml(page('01-livre-blanc-b2b.html')).definition;
    expect(whitepaper.scripts.filter((s) => s.url?.includes('googletagmanager'))).toEqual([
      {
        url: 'https://www.googletagmanager.com/gtm.js?id=GTM-5XK2P9',
        tags: ['Google Analytics 4', 'LinkedIn Insight']
      }
    ]);
    expect(whitepaper.title).toBe("Livre blanc : l'IA au service du marketing B2B");
  });

  it('takes the privacy link from anywhere on the page, the nearest one for each form', () => {
    const footer = importHtml(page('16-privacy-footer-en.html')).definition;
    expect(footer.forms[0]?.privacyNoticeUrl).toBe('https://northwind.example/legal/privacy-notice');
    const twoForms = importHtml(page('17-deux-formulaires-fr.html')).definition;
    expect(twoForms.forms.map((f) => [f.id, f.privacyNoticeUrl])).toEqual([
      ['rdv', 'https://www.maison-jardin.example/politique-de-confidentialite'],
      ['catalogue', '/donnees-personnelles#catalogue']
    ]);
    // A legal notice becomes a privacy notice once its link says it covers personal data.
    const legal = (text: string, href: string) =>
      importHtml(`<form id="f"><input name="email"></form><footer><a href="${href}">${text}</a></footer>`)
        .definition.forms[0]?.privacyNoticeUrl;
    expect(legal('Mentions légales', '/mentions-legales')).toBeUndefined();
    expect(legal('Mentions légales et données personnelles', '/mentions-legales')).toBe('/mentions-legales');
    expect(legal('Legal', '/privacy')).toBe('/privacy');
    expect(legal('Privacy Notice', '/legal/notice')).toBe('/legal/notice');
    expect(legal('Cookies', '/cookies')).toBeUndefined();
  });

  it('detects common consent-management platforms from their scripts, or reads the declared one', () => {
    const cmp = (head: string) =>
      importHtml(`<html><head>${head}</head><body></body></html>`).definition.consentManagementPlatform;
    expect(cmp('<script src="/tarteaucitron/tarteaucitron.js"></script>')).toBe('tarteaucitron');
    expect(cmp('<script>window.axeptioSettings = { clientId: "x" };</script>')).toBe('Axeptio');
    expect(cmp('<script src="https://sdk.privacy-center.org/loader.js"></script>')).toBe('Didomi');
    expect(cmp('<script id="Cookiebot" src="https://consent.cookiebot.com/uc.js"></script>')).toBe(
      'Cookiebot'
    );
    expect(cmp('<script src="https://cdn.cookielaw.org/scripttemplates/otSDKStub.js"></script>')).toBe(
      'OneTrust'
    );
    expect(cmp('<script src="https://www.googletagmanager.com/gtm.js"></script>')).toBeUndefined();
    expect(importHtml(page('21-onetrust-gtm-en.html')).definition.consentManagementPlatform).toBe('OneTrust');
    expect(importHtml(page('22-cmp-declare-fr.html')).definition.consentManagementPlatform).toBe(
      'Bandeau maison (validé par le DPO)'
    );
  });

  it('reports an invalid data-retention-months as a fix instead of guessing', () => {
    const html =
      '<form id="f" data-purpose="x" data-privacy-url="/p" data-retention-months="trois ans"><label>Email <input name="email"></label></form>';
    const { evaluation } = evaluateHtml(html, policy);
    expect(evaluation.decision).toBe('fix');
    expect(evaluation.findings.map((f) => f.code).sort()).toEqual([
      'import.invalid_attribute',
      'page.retention_missing'
    ]);
  });

  it('copes with broken markup the way browsers do', () => {
    const html =
      '<form id=f><p><label>Prénom <input name=prenom><label>Date de naissance<input name=dob type=date></form><div>';
    const { definition, evaluation } = evaluateHtml(html, policy);
    expect(definition.forms[0]?.fields.map((f) => f.name)).toEqual(['prenom', 'dob']);
    expect(evaluation.tier).toBe('T2');
  });

  it('imports a page with no form as a T0 page', () => {
    expect(evaluateHtml('<html><body><h1>Hello</h1></body></html>', policy).evaluation).toMatchObject({
      tier: 'T0',
      decision: 'go'
    });
  });
});
