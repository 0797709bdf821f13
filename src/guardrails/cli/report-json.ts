import type { Finding, Lang } from '../domain';
import type { PageResult } from './check';
import { displayPath, type Outcome } from './outcome';

/** The shape earlier versions printed for one file; scripts parse it, so it never changes. */
export function singleJsonReport(page: PageResult & { ok: true }, lang: Lang): string {
  const report = {
    tier: page.evaluation.tier,
    decision: page.evaluation.decision,
    findings: page.evaluation.findings.map((finding: Finding) =>
      finding.field === undefined
        ? { code: finding.code, message: finding.message[lang] }
        : { code: finding.code, field: finding.field, message: finding.message[lang] }
    )
  };
  return `${JSON.stringify(report, null, 2)}\n`;
}

export function jsonReport(outcome: Outcome): string {
  const report = {
    decision: outcome.decision,
    exitCode: outcome.exitCode,
    policyVersion: outcome.policyVersion,
    pages: outcome.pages.map((page) => {
      const file = displayPath(page.path, outcome.cwd);
      if (!page.ok) return { file, error: page.error.render(outcome.messages) };
      return {
        file,
        tier: page.evaluation.tier,
        decision: page.evaluation.decision,
        findings: page.findings.map(({ finding, position }) => ({
          code: finding.code,
          severity: finding.severity,
          ...(finding.form === undefined ? {} : { form: finding.form }),
          ...(finding.field === undefined ? {} : { field: finding.field }),
          message: finding.message[outcome.lang],
          line: position.line,
          column: position.column
        }))
      };
    })
  };
  return `${JSON.stringify(report, null, 2)}\n`;
}
