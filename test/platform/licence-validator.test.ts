import { validateExperiment } from '../../src/functions/validate-experiment';
import { validateGuardrail } from '../../src/functions/validate-guardrail';
import { KEYS as PROVISIONING_KEYS, IDLE_RUN } from '../../src/issue-types/records';
import {
  licensedValidator,
  VALIDATOR_LICENCE_TEXTS,
  type ValidatorVerdict
} from '../../src/platform/licence';
import { forgeStore } from '../../src/platform/store';
import { forgeLicense, type LicenceState } from '../../preview/runtime';
import { createGuardrailSite, GRD_ISSUES, type GuardrailSite } from '../support/guardrail-site';
import { compliantPage, withBirthDate } from '../support/page-definitions';

/**
 * What the workflow validators do when the site's licence is not in force (README, "Licensing"):
 * they keep enforcing. A page that may go live passes; any other page is blocked, with a sentence
 * saying the licence is why Tandem cannot lift the block. Never a crash, never an open gate.
 */

jest.setTimeout(60_000);

const context = (state: LicenceState) => {
  const license = forgeLicense(state);
  return license ? { license } : {};
};

describe('the validator entries as deployed, on a site whose licence lapsed', () => {
  let g: GuardrailSite;

  beforeEach(() => {
    g = createGuardrailSite();
  });

  afterEach(() => {
    g.t.expectClean();
    g.t.close();
  });

  const args = (key: string) => ({
    issue: { key },
    transition: { from: { id: '10000' }, to: { id: '10002' } }
  });

  it('blocks a page that needs an approval, and says the licence is why nothing in Tandem can lift it', async () => {
    // A birth date makes it a tier the privacy approvers must approve; none has.
    const view = await g.save(withBirthDate());
    expect(view.evaluation.decision).toBe('approval');

    const licensed = await validateGuardrail(args(GRD_ISSUES.page), context('active'));
    const lapsed = await validateGuardrail(args(GRD_ISSUES.page), context('inactive'));

    expect(licensed.result).toBe(false);
    expect(lapsed).toEqual({
      result: false,
      errorMessage: `${licensed.errorMessage} ${VALIDATOR_LICENCE_TEXTS.en.unlicensed}`
    });
  });

  it('lets a page that may go live through: a lapsed licence neither opens nor shuts the gate', async () => {
    expect((await g.save(compliantPage())).evaluation.decision).toBe('go');
    for (const state of ['active', 'trial', 'inactive', 'none'] as const)
      expect(await validateGuardrail(args(GRD_ISSUES.page), context(state))).toEqual({ result: true });
  });

  it('an undescribed page stays blocked without a licence, in the language chosen at set-up', async () => {
    await forgeStore.set(PROVISIONING_KEYS.run, { ...IDLE_RUN, language: 'fr' });
    const verdict = await validateGuardrail(args(GRD_ISSUES.page), context('inactive'));
    expect(verdict.result).toBe(false);
    expect(verdict.errorMessage).toContain(VALIDATOR_LICENCE_TEXTS.fr.unlicensed);
  });

  it('with no licence at all (free, development, staging) the answer is the licensed one', async () => {
    await g.save(withBirthDate());
    const licensed = await validateGuardrail(args(GRD_ISSUES.page), context('active'));
    expect(await validateGuardrail(args(GRD_ISSUES.page), context('none'))).toEqual(licensed);
  });

  it('the experiments gate keeps enforcing too: other issue types pass, licence or not', async () => {
    // GRD-3 is a Task: the gate lets it through whatever the licence.
    expect(await validateExperiment(args('GRD-3'), context('inactive'))).toEqual({ result: true });
  });
});

describe('licensedValidator, the wrapper both entries share', () => {
  const logs: string[] = [];
  const log = (message: string) => void logs.push(message);
  const blocked: ValidatorVerdict = { result: false, errorMessage: 'Fill in “Hypothesis”.' };

  it('never throws: a validator that crashes or answers nonsense blocks, with a sentence', async () => {
    const crashing = licensedValidator(
      () => Promise.reject(new Error('boom')),
      () => Promise.resolve('fr'),
      log
    );
    const nonsense = licensedValidator(
      () => Promise.resolve(undefined as unknown as ValidatorVerdict),
      () => Promise.resolve('en'),
      log
    );
    for (const state of ['active', 'inactive', 'none'] as const) {
      expect(await crashing({}, context(state))).toEqual({
        result: false,
        errorMessage: VALIDATOR_LICENCE_TEXTS.fr.failure
      });
      expect(await nonsense({}, context(state))).toEqual({
        result: false,
        errorMessage: VALIDATOR_LICENCE_TEXTS.en.failure
      });
    }
    expect(logs.filter((line) => line.startsWith('validator failed'))).toHaveLength(6);
  });

  it('still blocks, in English, when the site language cannot be read', async () => {
    const entry = licensedValidator(
      () => Promise.resolve(blocked),
      () => Promise.reject(new Error('storage down')),
      log
    );
    expect(await entry({}, context('inactive'))).toEqual({
      result: false,
      errorMessage: `${blocked.errorMessage} ${VALIDATOR_LICENCE_TEXTS.en.unlicensed}`
    });
    expect(await entry({}, context('active'))).toEqual(blocked);
  });

  it('a malformed licence counts as lapsed, not as licensed', async () => {
    const entry = licensedValidator(
      () => Promise.resolve(blocked),
      () => Promise.resolve('en'),
      log
    );
    const verdict = await entry({}, { license: { isActive: 'yes' } });
    expect(verdict.result).toBe(false);
    expect(verdict.errorMessage).toContain(VALIDATOR_LICENCE_TEXTS.en.unlicensed);
  });
});
