import {
  NOT_DESCRIBED_CODE,
  definitionHash,
  evaluateDefinition,
  evaluatePage,
  evaluateUndescribed,
  evaluationSignature,
  isUndescribed,
  requestApproval
} from '../../../src/guardrails/domain';
import { compliantPage, policy } from '../../support/page-definitions';

describe('an undescribed page is not a go', () => {
  it('evaluates a missing definition as "describe the page first", in English and French', () => {
    for (const missing of [undefined, null]) {
      const evaluation = evaluatePage(missing, policy);
      expect(evaluation.decision).toBe('fix');
      expect(isUndescribed(evaluation)).toBe(true);
      expect(evaluation.findings).toEqual([
        expect.objectContaining({ code: NOT_DESCRIBED_CODE, severity: 'fix' })
      ]);
      expect(evaluation.findings[0]?.message.en).toMatch(/^Describe the page first/);
      expect(evaluation.findings[0]?.message.fr).toMatch(/^Décrivez d'abord la page/);
      expect(evaluation.approvals).toEqual([]);
      expect(evaluation.policyVersion).toBe(policy.version);
    }
  });

  it('evaluates a described page exactly as evaluateDefinition does, even an empty one', () => {
    const page = compliantPage();
    expect(evaluatePage(page, policy)).toEqual(evaluateDefinition(page, policy));
    expect(isUndescribed(evaluatePage(page, policy))).toBe(false);
    // A page described as having no form is described: it is a T0 go, not "describe the page first".
    const empty = compliantPage({ forms: [], scripts: [] });
    expect(evaluatePage(empty, policy)).toMatchObject({ decision: 'go', tier: 'T0' });
  });

  it('cannot be sent for approval, and its signature differs from any described page', () => {
    const undescribed = evaluateUndescribed(policy);
    const result = requestApproval(
      null,
      {
        subject: { definitionHash: definitionHash(null), evaluation: undescribed },
        requester: 'a',
        now: new Date()
      },
      policy
    );
    expect(result).toMatchObject({ ok: false, error: { code: 'fix_first' } });
    expect(evaluationSignature(undescribed)).not.toBe(
      evaluationSignature(evaluateDefinition(compliantPage({ forms: [], scripts: [] }), policy))
    );
  });

  it('serialises its message for the audit trail and the JQL copy', () => {
    const json = JSON.parse(JSON.stringify(evaluateUndescribed(policy))) as {
      undescribed: boolean;
      findings: Array<{ message: { en: string; fr: string } }>;
    };
    expect(json.undescribed).toBe(true);
    expect(json.findings[0]?.message.en).toContain('Describe the page first');
  });
});
