import type { FrameLocator, Locator, Page } from 'playwright-core';
import { buildDemoSeed } from '../../preview/demo/demo';
import {
  Browser,
  GUARDRAIL_PANEL_MODULE,
  chooseTheme,
  expectAttribute,
  expectCount,
  expectText,
  expectVisible,
  guardrailPanel,
  invokeAsPersona,
  openIssueAs,
  previewForSuite,
  screenshot,
  startPreview,
  tempDir,
  text,
  until
} from './support/harness';

/**
 * The guardrail issue panel in the local preview, end to end (issue #4): a marketer describes a
 * landing page's form → go; adds a date of birth → approval, requests it; an IT approver (a
 * member of tandem-privacy-reviewers) approves; the marketer edits → the approval is voided; the
 * transition to Done on the host page is then blocked by the app's workflow validator, with its
 * message. Every step runs the real resolvers as the persona chosen in the switcher.
 */

const seed = buildDemoSeed();
const issuesOf = (project: string, type: string, status?: string) =>
  (seed.issues ?? []).filter(
    (i) => i.project === project && i.issuetype === type && (status === undefined || i.status === status)
  );
const keyOf = (issue: { key?: string } | undefined, what: string): string => {
  if (!issue?.key) throw new Error(`The demo has no ${what}`);
  return issue.key;
};

/** A marketing landing page still to do: the one the story is about. */
const LANDING = keyOf(issuesOf('MKT', 'Landing Page', 'To Do')[0], 'MKT Landing Page to do');
/** Another one, for the read-only and French checks (nobody touches it). */
const OTHER_LANDING = keyOf(issuesOf('MKT', 'Landing Page', 'To Do')[1], 'second MKT Landing Page to do');
/** The creative studio's own Landing Page type, in a team-managed project. */
const STUDIO_LANDING = keyOf(issuesOf('CRE', 'Landing Page')[0], 'CRE Landing Page');
/** Not a landing page or a form. */
const CAMPAIGN = keyOf(issuesOf('MKT', 'Campaign')[0], 'MKT Campaign');

const en = (key: Parameters<typeof text>[1]) => text('en', key);

/** The issue's numeric id, as the session's user sees it in Jira. */
async function issueIdOf(page: Page, key: string): Promise<string> {
  const answer = await page.evaluate<{ body: string }>(
    `fetch('/api/product-fetch', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ product: 'jira', restPath: '/rest/api/3/issue/${key}?fields=summary' })
    }).then((res) => res.json())`
  );
  return (JSON.parse(answer.body) as { id: string }).id;
}

function decision(panel: FrameLocator): Locator {
  return panel.locator('.gp-decision');
}

function approval(panel: FrameLocator): Locator {
  return panel.locator('.gp-approval');
}

function pageSettings(panel: FrameLocator): Locator {
  return panel.getByRole('group', { name: en('panel.page.legend'), exact: true });
}

/** Adds a field to the form and fills it the way a marketer would. */
async function addField(
  form: Locator,
  position: number,
  field: { label: string; name: string; inputType?: string; autocomplete?: string; required?: boolean }
): Promise<void> {
  await form.getByRole('button', { name: en('panel.fields.add') }).click();
  const group = form.getByRole('group', { name: new RegExp(`^Field ${position}:`) });
  await group.getByLabel(en('panel.field.label'), { exact: true }).fill(field.label);
  await group.getByLabel(en('panel.field.name'), { exact: true }).fill(field.name);
  if (field.inputType) await group.getByLabel(en('panel.field.inputType')).selectOption(field.inputType);
  if (field.autocomplete) await group.getByLabel(en('panel.field.autocomplete')).fill(field.autocomplete);
  if (field.required) await group.getByLabel(en('panel.field.required')).check();
}

async function save(panel: FrameLocator): Promise<void> {
  await panel.getByRole('button', { name: en('panel.editor.save'), exact: true }).click();
  // The server's answer replaces the view: nothing unsaved is left.
  await expectCount(panel.getByText(en('panel.editor.unsaved'), { exact: true }), 0);
  await expectText(panel.locator('#gp-decision-title'), en('panel.decision.title'));
}

describe('guardrail issue panel: a landing page from go to a blocked go-live', () => {
  const { preview, browser } = previewForSuite(() => startPreview({ dataDir: tempDir('guardrail') }));
  let page: Page;

  beforeAll(async () => {
    page = await browser().page();
  });

  afterEach(() => {
    browser().expectNoProblems();
  });

  it('a. the marketer describes a basic form (name, work email, consent, privacy, retention, purpose): go', async () => {
    const panel = await openIssueAs(page, preview().url, LANDING, 'requester');
    // Nothing described yet: an empty page has nothing to check.
    await expectAttribute(approval(panel), 'data-approval-state', 'none');

    const settings = pageSettings(panel);
    await settings.getByLabel(en('panel.page.purpose')).fill('Answer demo requests from the landing page');
    await settings
      .getByLabel(en('panel.page.privacy'))
      .fill('https://www.atelier-boreal.example/confidentialite');
    await settings.getByLabel(en('panel.page.retention')).fill('24');

    await panel.getByRole('button', { name: en('panel.forms.add') }).click();
    const form = panel.getByRole('group', { name: 'Form form-1', exact: true });
    await addField(form, 1, { label: 'Name', name: 'name', required: true });
    await addField(form, 2, {
      label: 'Work email',
      name: 'email',
      inputType: 'email',
      autocomplete: 'email',
      required: true
    });
    await form.getByRole('button', { name: en('panel.consents.add') }).click();
    const consent = form.getByRole('group', { name: 'Consent box 1', exact: true });
    await consent.getByLabel(en('panel.consent.purpose')).fill('Receive our newsletter');
    expect(await consent.getByLabel(en('panel.consent.preTicked')).isChecked()).toBe(false);

    // The decision is computed live in the browser, before saving.
    await expectText(
      panel.getByText(en('panel.editor.unsaved'), { exact: true }),
      en('panel.editor.unsaved')
    );
    await expectText(panel.locator('#gp-decision-title'), en('panel.decision.liveTitle'));
    await expectAttribute(decision(panel), 'data-decision', 'go');
    await expectAttribute(decision(panel), 'data-tier', 'T1');

    await save(panel);
    await expectAttribute(decision(panel), 'data-decision', 'go');
    await expectAttribute(panel.locator('.gp-golive'), 'data-may-go-live', 'yes');
    await expectVisible(panel.locator('tr[data-event="saved"]'));
    await screenshot(page, 'guardrail-go');
  });

  it('b. adding "Date de naissance" needs an approval; the marketer requests it', async () => {
    const panel = await openIssueAs(page, preview().url, LANDING, 'requester');
    const form = panel.getByRole('group', { name: 'Form form-1', exact: true });
    await addField(form, 3, { label: 'Date de naissance', name: 'dob', inputType: 'date' });

    await expectAttribute(decision(panel), 'data-decision', 'approval');
    await expectAttribute(decision(panel), 'data-tier', 'T2');
    // The finding names the field and says what to do, in the user's language.
    await expectText(
      panel.locator('.gp-finding__message').filter({ hasText: 'Date de naissance' }),
      /privacy reviewer must approve/
    );
    await expectText(panel.locator('.gp-approvers'), /tandem-privacy-reviewers/);
    // Requesting needs the saved version.
    await expectAttribute(panel.getByRole('button', { name: en('panel.approval.request') }), 'disabled', '');

    await save(panel);
    await expectAttribute(decision(panel), 'data-decision', 'approval');
    await expectAttribute(panel.locator('.gp-golive'), 'data-may-go-live', 'no');
    await panel.getByRole('button', { name: en('panel.approval.request') }).click();
    await expectAttribute(approval(panel), 'data-approval-state', 'requested');
    await expectText(approval(panel).locator('.tdm-lozenge'), en('panel.approval.state.requested'));
    await expectVisible(panel.locator('tr[data-event="requested"]'));
    await screenshot(page, 'guardrail-approval-requested');
  });

  it('c. the IT approver approves; the marketer then sees the approval', async () => {
    let panel = await openIssueAs(page, preview().url, LANDING, 'approver');
    await expectAttribute(approval(panel), 'data-approval-state', 'requested');
    // Rejecting needs a reason: the button says so instead of sending.
    await panel.getByRole('button', { name: en('panel.approval.reject'), exact: true }).click();
    await expectText(panel.getByRole('alert'), en('panel.approval.reasonRequired'));
    await panel.getByRole('button', { name: en('panel.approval.approve'), exact: true }).click();
    await expectAttribute(approval(panel), 'data-approval-state', 'approved');
    await expectText(approval(panel).locator('.tdm-lozenge'), en('panel.approval.state.approved'));
    // Who decided (the viewer: "You") and until when the approval holds.
    await expectText(approval(panel).locator('.gp-facts'), new RegExp(en('panel.approval.expires')));
    await expectText(panel.locator('tr[data-event="approved"]').locator('td').nth(1), en('panel.you'));
    await screenshot(page, 'guardrail-approved');

    panel = await openIssueAs(page, preview().url, LANDING, 'requester');
    await expectAttribute(approval(panel), 'data-approval-state', 'approved');
    await expectAttribute(panel.locator('.gp-golive'), 'data-may-go-live', 'yes');
    // Who approved, by name (looked up in Jira as the viewer), in the approval and in the audit trail.
    await expectText(approval(panel).locator('.gp-facts'), /Decided\s*Nicolas Petit/);
    await expectText(panel.locator('tr[data-event="approved"]').locator('td').nth(1), 'Nicolas Petit');
  });

  it('d. the marketer edits the approved page: the approval is voided', async () => {
    const panel = await openIssueAs(page, preview().url, LANDING, 'requester');
    await pageSettings(panel).getByLabel(en('panel.page.retention')).fill('12');
    await expectText(panel.locator('.gp-savebar .gp-note'), en('panel.editor.voidsApproval'));
    await save(panel);
    await expectAttribute(approval(panel), 'data-approval-state', 'voided');
    await expectText(panel.locator('.gp-note').first(), en('panel.approval.voidedDefinition'));
    await expectAttribute(panel.locator('.gp-golive'), 'data-may-go-live', 'no');
    await expectVisible(panel.locator('tr[data-event="voided"]'));
    await screenshot(page, 'guardrail-voided');
  });

  it('e. the transition to Done on the issue view is blocked with the validator’s message', async () => {
    await openIssueAs(page, preview().url, LANDING, 'requester');
    const before = (await page.locator('#status-name').textContent())?.trim();
    await page.locator('#status-button').click();
    const done = page.getByRole('menuitem', { name: 'Done', exact: true });
    await expectVisible(done);
    await done.click();

    const banner = page.locator('#transition-error');
    await expectVisible(banner);
    const message = (await banner.locator('.banner-message').textContent()) ?? '';
    // The validator says what is missing: the approval of this version.
    expect(message).toMatch(/approv/i);
    expect(message).not.toMatch(/validator failed/i);
    await expectText(page.locator('.flag-error .flag-title'), 'The transition was blocked');
    await expectText(page.locator('#status-name'), before ?? '');
    await screenshot(page, 'guardrail-transition-blocked');

    // Other transitions are not the go-live one: they go through. The menu works from the keyboard.
    await page.locator('#status-button').focus();
    await page.keyboard.press('Enter');
    await expectVisible(page.getByRole('menuitem', { name: 'In Progress', exact: true }));
    await until(
      'focus on the first transition',
      () => page.evaluate<string>('document.activeElement ? document.activeElement.textContent : ""'),
      (name) => name === 'In Progress'
    );
    await page.keyboard.press('Enter');
    await expectText(page.locator('#status-name'), 'In Progress');
    await until(
      'the banner to go away',
      () => banner.isHidden(),
      (hidden) => hidden
    );
  });

  it('shows the panel read-only to a browse-only user', async () => {
    const panel = await openIssueAs(page, preview().url, LANDING, 'browser');
    await expectText(panel.locator('#gp-summary-title'), en('panel.summary.title'));
    await expectText(
      panel.locator('.gp-section').filter({ has: panel.locator('#gp-summary-title') }),
      /Date de naissance/
    );
    await expectCount(panel.getByRole('button', { name: en('panel.editor.save') }), 0);
    await expectCount(panel.getByRole('button', { name: en('panel.forms.add') }), 0);
    await expectCount(panel.getByRole('button', { name: en('panel.approval.approve'), exact: true }), 0);
    // The audit trail is readable by whoever can browse the issue.
    await expectVisible(panel.locator('tr[data-event="approved"]'));
    await screenshot(page, 'guardrail-read-only');
  });

  it('says plainly that a team-managed project cannot enforce the guardrail', async () => {
    const panel = await openIssueAs(page, preview().url, STUDIO_LANDING, 'requester');
    await expectText(panel.locator('.tdm-message__title').first(), en('panel.advisory.title'));
    await expectVisible(decision(panel));
    await screenshot(page, 'guardrail-team-managed');
  });

  it('follows the dark theme through the design tokens', async () => {
    await openIssueAs(page, preview().url, LANDING, 'approver');
    await chooseTheme(page, 'dark');
    const panel = guardrailPanel(page);
    await expectVisible(panel.locator('.gp-decision'));
    const frame = page.frames().find((f) => f.url().includes('/frame/issue-panel/'));
    if (!frame) throw new Error('The guardrail panel frame is not on the page');
    const colours = await until(
      'the panel in dark colours',
      () =>
        frame.evaluate<{ mode: string | null; background: string; text: string }>(
          `({
            mode: document.documentElement.getAttribute('data-color-mode'),
            background: getComputedStyle(document.body).backgroundColor,
            text: getComputedStyle(document.body).color
          })`
        ),
      (c) => c.mode === 'dark' && c.background !== 'rgb(255, 255, 255)'
    );
    // Light text on a dark surface.
    const luminance = (rgb: string) =>
      (rgb.match(/\d+/g) ?? []).slice(0, 3).reduce((sum, n) => sum + Number(n), 0) / 3;
    expect(luminance(colours.text)).toBeGreaterThan(luminance(colours.background));
    await screenshot(page, 'guardrail-dark');
    await chooseTheme(page, 'light');
  });

  it('says in one sentence that other issue types are not concerned', async () => {
    const panel = await openIssueAs(page, preview().url, CAMPAIGN, 'requester');
    await expectText(panel.locator('.gp-plain'), en('panel.notApplicable'));
    await expectCount(panel.locator('.gp-section'), 0);
  });

  it('imports a page’s HTML into the editor, unsaved, with the import findings', async () => {
    const panel = await openIssueAs(page, preview().url, OTHER_LANDING, 'requester');
    await panel.getByText(en('panel.import.title')).click();
    await panel.getByLabel(en('panel.import.label')).fill(
      `<main><section data-module="hero" data-module-version="2.1.0"><h1>Nouveau cap</h1></section>
       <form id="newsletter" data-purpose="Newsletter" data-retention-months="two years"
             data-privacy-url="https://www.atelier-boreal.example/confidentialite">
         <label for="e">Adresse e-mail</label>
         <input id="e" name="email" type="email" autocomplete="email" required>
         <label><input type="checkbox" name="optin" checked> J'accepte de recevoir la newsletter</label>
         <button>OK</button>
       </form>
       <script src="https://tracker.example.net/t.js"></script></main>`
    );
    await panel.getByRole('button', { name: en('panel.import.run'), exact: true }).click();
    await expectText(
      panel.getByRole('status').filter({ hasText: en('panel.import.done') }),
      en('panel.import.done')
    );
    // The page's own declaration problem (a retention that is not a number) is listed.
    await expectCount(
      panel.getByRole('list', { name: en('panel.import.findings') }).getByRole('listitem'),
      1
    );
    // The editor holds the imported page, not saved yet, and the decision follows it live.
    await expectVisible(panel.getByRole('group', { name: 'Form newsletter', exact: true }));
    await expectAttribute(
      panel.getByRole('group', { name: 'Form newsletter', exact: true }).getByLabel(en('panel.field.label'), {
        exact: true
      }),
      'value',
      'Adresse e-mail'
    );
    await expectText(
      panel.getByText(en('panel.editor.unsaved'), { exact: true }),
      en('panel.editor.unsaved')
    );
    await expectText(panel.locator('.gp-findings').first(), /tracker\.example\.net|pre-ticked|ticked/i);
    await screenshot(page, 'guardrail-import');
    await panel.getByRole('button', { name: en('panel.editor.discard') }).click();
    await expectCount(panel.getByText(en('panel.editor.unsaved'), { exact: true }), 0);
  });

  it('shows the server’s refusal when the approver decides on a request that changed meanwhile', async () => {
    const form = keyOf(issuesOf('MKT', 'Web Form', 'To Do')[0], 'MKT Web Form to do');
    const location = { issueKey: form };
    const asPanel = (functionKey: string, payload: unknown) =>
      invokeAsPersona(page, { moduleKey: GUARDRAIL_PANEL_MODULE, functionKey, payload, location });
    const definition = (retentionMonths: number) => ({
      purpose: 'Winter contest',
      privacyNoticeUrl: 'https://www.atelier-boreal.example/confidentialite',
      retentionMonths,
      forms: [
        {
          id: 'contest',
          fields: [
            { name: 'email', label: 'Email', inputType: 'email' },
            { name: 'dob', label: 'Date of birth', inputType: 'date' }
          ]
        }
      ]
    });

    // The marketer saves a page that needs a privacy review and asks for it.
    await openIssueAs(page, preview().url, form, 'requester');
    const issueId = await issueIdOf(page, form);
    expect(await asPanel('guardrails/save', { issueId, definition: definition(12) })).toMatchObject({
      ok: true
    });
    expect(await asPanel('guardrails/request-approval', { issueId })).toMatchObject({
      ok: true,
      data: { approval: { state: 'requested' } }
    });

    // The approver opens it in another browser (another session)...
    const other = await Browser.open();
    try {
      const approverPage = await other.page();
      const panel = await openIssueAs(approverPage, preview().url, form, 'approver');
      await expectAttribute(approval(panel), 'data-approval-state', 'requested');
      // ...while the marketer changes the page, which voids the request.
      expect(await asPanel('guardrails/save', { issueId, definition: definition(6) })).toMatchObject({
        ok: true,
        data: { approval: { state: 'voided' } }
      });
      await panel.getByRole('button', { name: en('panel.approval.approve'), exact: true }).click();
      await expectText(panel.getByRole('alert').locator('p'), en('panel.error.approvalConflict'));
      // The panel then shows where the approval stands now, and offers no decision on it.
      await expectAttribute(approval(panel), 'data-approval-state', 'voided');
      await expectCount(panel.getByRole('button', { name: en('panel.approval.approve'), exact: true }), 0);
      await screenshot(approverPage, 'guardrail-refused');
      other.expectNoProblems();
    } finally {
      await other.close();
    }
  });

  it('keeps the panel, and says why, on a described page whose type was changed to Task', async () => {
    // As the requester, through the embedded Jira's REST API (the type field of the edit screen).
    await openIssueAs(page, preview().url, LANDING, 'requester');
    const setType = (name: string) =>
      page.evaluate<{ status: number }>(
        `fetch('/api/product-fetch', {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({
            product: 'jira',
            restPath: '/rest/api/3/issue/${LANDING}',
            fetchRequestInit: { method: 'PUT', body: JSON.stringify({ fields: { issuetype: { name: ${JSON.stringify(name)} } } }) }
          })
        }).then((res) => res.json())`
      );
    expect((await setType('Task')).status).toBe(204);
    try {
      const panel = await openIssueAs(page, preview().url, LANDING, 'requester');
      const kept = panel.locator('.tdm-message').filter({ hasText: en('panel.keptAfterTypeChange.title') });
      await expectText(kept.locator('p'), en('panel.keptAfterTypeChange.body').replace('{type}', 'Task'));
      // The page it had is still there, with its decision: the panel did not turn "not concerned".
      await expectVisible(decision(panel));
      await expectCount(panel.locator('.gp-plain'), 0);
      await screenshot(page, 'guardrail-kept-after-type-change');
    } finally {
      expect((await setType('Landing Page')).status).toBe(204);
    }
  });

  it('renders in French, findings included', async () => {
    const panel = await openIssueAs(page, preview().url, OTHER_LANDING, 'requester', 'fr');
    await expectText(panel.locator('#gp-decision-title'), text('fr', 'panel.decision.title'));
    await panel.getByRole('button', { name: text('fr', 'panel.forms.add') }).click();
    const form = panel.getByRole('group', { name: 'Formulaire form-1', exact: true });
    await form.getByRole('button', { name: text('fr', 'panel.fields.add') }).click();
    await form
      .getByLabel(text('fr', 'panel.field.label'), { exact: true })
      .fill('Numéro de sécurité sociale');
    await expectAttribute(decision(panel), 'data-tier', 'T3');
    await expectText(
      panel.locator('.gp-finding__message').filter({ hasText: 'sécurité sociale' }),
      /catégorie sensible|Supprimez/
    );
    await expectText(
      panel.getByText(text('fr', 'panel.editor.unsaved'), { exact: true }),
      text('fr', 'panel.editor.unsaved')
    );
    await screenshot(page, 'guardrail-french');
  });
});
