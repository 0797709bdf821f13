import type { GuardrailView } from '../../src/contract/guardrails';
import type { Result } from '../../src/contract/result';
import * as SURFACES from '../../src/contract/surfaces';
import { assertLicensed, licenceStatus, UnlicensedError } from '../../src/platform/licence';
import { toResolverError } from '../../src/platform/errors';
import { forgeLicense, LICENCE_STATES, type LicenceState } from '../../preview/runtime';
import { createGuardrailSite, GRD_ISSUES, type GuardrailSite } from '../support/guardrail-site';
import { compliantPage } from '../support/page-definitions';
import { USERS } from '../support/site-seeds';

/**
 * The licence check every resolver runs first (src/platform/licence.ts, through defineResolver):
 * the licence object as Forge sends it, and the app's real resolvers over the embedded site with the
 * runtime passing each licence state the way Forge does (`context.license`).
 */

jest.setTimeout(60_000);

describe('the licence Forge passes', () => {
  it('reads active, trial, lapsed and missing licences', () => {
    expect(licenceStatus(undefined)).toBe('absent');
    expect(licenceStatus(null)).toBe('absent');
    expect(licenceStatus({ active: true, isActive: true })).toBe('active');
    // Older runtimes send only the deprecated twin.
    expect(licenceStatus({ isActive: true })).toBe('active');
    expect(licenceStatus({ active: true, isEvaluation: true })).toBe('evaluation');
    expect(licenceStatus({ active: false, isActive: false })).toBe('inactive');
    // A trial that ended is an evaluation Forge reports inactive.
    expect(licenceStatus({ active: false, isEvaluation: true })).toBe('inactive');
  });

  it('never unlocks on a malformed licence', () => {
    // `active` is the current field: when both are sent it decides.
    expect(licenceStatus({ active: false, isActive: true })).toBe('inactive');
    expect(licenceStatus({})).toBe('inactive');
    expect(licenceStatus({ active: 'true' })).toBe('inactive');
    expect(licenceStatus('active')).toBe('inactive');
    expect(licenceStatus([{ active: true }])).toBe('inactive');
  });

  it('refuses with UNLICENSED only when a licence is present and not in force', () => {
    expect(() => assertLicensed({ active: false })).toThrow(UnlicensedError);
    expect(toResolverError(new UnlicensedError()).code).toBe('UNLICENSED');
    for (const license of [undefined, { active: true }, { active: true, isEvaluation: true }])
      expect(() => assertLicensed(license)).not.toThrow();
  });

  it('the preview sends the shapes Forge sends for each state', () => {
    expect(LICENCE_STATES.map((state) => licenceStatus(forgeLicense(state)))).toEqual([
      'active',
      'evaluation',
      'inactive',
      'absent'
    ]);
  });
});

describe('resolvers on a site without a licence in force', () => {
  let g: GuardrailSite;

  beforeEach(() => {
    g = createGuardrailSite();
  });

  afterEach(() => {
    g.t.expectClean();
    g.t.close();
  });

  const requester = USERS.requester.accountId;
  const admin = USERS.admin.accountId;

  const save = (license: LicenceState) =>
    g.t.runtime.withLicense(license, () =>
      g.t
        .asUser(requester)
        .invoke<Result<GuardrailView>>('guardrails/save', {
          issueId: g.id(GRD_ISSUES.page),
          definition: compliantPage()
        })
    );

  it('every resolver key of every surface answers UNLICENSED, and reads and writes nothing', async () => {
    const keys = [
      ...new Set(Object.values(SURFACES).flatMap((list) => (Array.isArray(list) ? list : [])))
    ] as string[];
    expect(keys.length).toBeGreaterThanOrEqual(20);
    g.t.runtime.license = 'inactive';
    const storedBefore = JSON.stringify(g.t.site.kvs.dump());
    const jiraBefore = g.t.exchanges.length;
    const kvsBefore = [...g.t.site.kvsRequests.values()].reduce((sum, n) => sum + n, 0);

    const answers: Record<string, unknown> = {};
    for (const key of keys) {
      const answer = await g.t.asUser(admin).invoke<Result<unknown>>(key, {});
      answers[key] = answer.ok ? 'ok' : answer.error.code;
    }

    expect(answers).toEqual(Object.fromEntries(keys.map((key) => [key, 'UNLICENSED'])));
    expect(JSON.stringify(g.t.site.kvs.dump())).toBe(storedBefore);
    expect(g.t.exchanges.length).toBe(jiraBefore);
    expect([...g.t.site.kvsRequests.values()].reduce((sum, n) => sum + n, 0)).toBe(kvsBefore);
  });

  it('a save refused for the licence leaves no definition, no audit event and no issue property', async () => {
    const refused = await save('inactive');
    expect(refused).toEqual({
      ok: false,
      error: { code: 'UNLICENSED', message: "Tandem's licence for this site is not active" }
    });
    expect(g.property(GRD_ISSUES.page)).toBeUndefined();

    // The same save once the licence is back: the page was untouched, now it is described.
    const saved = await save('active');
    expect(saved.ok && saved.data.evaluation.decision).toBe('go');
    expect(g.property(GRD_ISSUES.page)).toMatchObject({ decision: 'go' });
    const audit = await g.t
      .asUser(requester)
      .invoke<Result<{ events: unknown[] }>>('guardrails/audit', { issueId: g.id(GRD_ISSUES.page) });
    // One event for the one save that went through.
    expect(audit.ok && audit.data.events.length).toBe(1);
  });

  it('a trial, or no licence at all (free listing, development, staging), works as licensed', async () => {
    // Forge omits `license` for free apps and in development and staging: not a lapsed licence.
    expect((await save('none')).ok).toBe(true);
    expect((await save('trial')).ok).toBe(true);
    const overview = await g.t.runtime.withLicense('none', () =>
      g.t.asUser(admin).invoke<Result<unknown>>('provisioning/overview', {})
    );
    expect(overview.ok).toBe(true);
  });

  it('the licence comes from Forge, never from what the browser sends', async () => {
    g.t.runtime.license = 'inactive';
    const forged = await g.t
      .asUser(requester)
      .invoke<Result<GuardrailView>>(
        'guardrails/save',
        { issueId: g.id(GRD_ISSUES.page), definition: compliantPage() },
        { license: { active: true, isActive: true } }
      );
    expect(!forged.ok && forged.error.code).toBe('UNLICENSED');
  });
});
