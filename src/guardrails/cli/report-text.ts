import { TIER_NAMES, type Evaluation } from '../domain';
import type { LocatedFinding, PageResult } from './check';
import { displayPath, subjectOf, type Outcome } from './outcome';

function findingLines(findings: ReadonlyArray<LocatedFinding>, outcome: Outcome, file: string | undefined) {
  const m = outcome.messages;
  const lines: string[] = [];
  for (const { finding, position } of findings) {
    const subject = subjectOf(finding);
    const where =
      file === undefined ? `${m.line} ${position.line}` : `${file}:${position.line}:${position.column}`;
    lines.push(
      `  [${m.severities[finding.severity]}] ${finding.code}${subject === '' ? '' : ` (${subject})`} — ${where}`
    );
    lines.push(`      ${finding.message[outcome.lang]}`);
  }
  return lines;
}

/** The report for one FILE named on its own, as earlier versions printed it, now with line numbers. */
export function singleTextReport(page: PageResult & { ok: true }, outcome: Outcome): string {
  const m = outcome.messages;
  const c = m.colon;
  const evaluation: Evaluation = page.evaluation;
  const lines = [
    `${m.file}${c} ${displayPath(page.path, outcome.cwd)}`,
    `${m.policy}${c} ${evaluation.policyVersion}`,
    `${m.tier}${c} ${evaluation.tier} (${TIER_NAMES[evaluation.tier][outcome.lang]})`,
    `${m.decision}${c} ${m.decisions[evaluation.decision]}`
  ];
  for (const approval of evaluation.approvals) {
    const sla = approval.slaHours === null ? '' : `, ${m.sla} ${approval.slaHours} h`;
    lines.push(`${m.approvers}${c} ${approval.group}${sla} — ${approval.reason[outcome.lang]}`);
  }
  if (page.findings.length === 0) lines.push(m.none);
  else {
    lines.push(`${m.findings} (${page.findings.length})${c}`);
    lines.push(...findingLines(page.findings, outcome, undefined));
  }
  return `${lines.join('\n')}\n`;
}

function table(rows: string[][]): string[] {
  const widths: number[] = [];
  for (const row of rows) row.forEach((cell, i) => (widths[i] = Math.max(widths[i] ?? 0, [...cell].length)));
  return rows.map((row) =>
    row
      .map((cell, i) =>
        i === row.length - 1 ? cell : cell + ' '.repeat((widths[i] ?? 0) - [...cell].length)
      )
      .join('  ')
      .trimEnd()
  );
}

/** The summary: one row per page, the counts and the run's result. Printed even when a file report is written. */
export function summaryTable(outcome: Outcome): string {
  const m = outcome.messages;
  const rows = [[m.page, m.tier, m.decision, m.findings]];
  for (const page of outcome.pages) {
    const file = displayPath(page.path, outcome.cwd);
    if (page.ok)
      rows.push([
        file,
        page.evaluation.tier,
        m.decisionShort[page.evaluation.decision],
        String(page.findings.length)
      ]);
    else rows.push([file, '—', m.error, '—']);
  }
  const verdict = outcome.errors > 0 ? m.error : m.decisionShort[outcome.decision];
  return `${[
    ...table(rows),
    '',
    m.summary(outcome.pages.length, outcome.counts, outcome.errors),
    `${m.policy}${m.colon} ${outcome.policyVersion}`,
    m.worst(verdict, outcome.exitCode)
  ].join('\n')}\n`;
}

/** Summary, then each page's findings as `file:line:column` lines that CI logs and editors link. */
export function textReport(outcome: Outcome): string {
  const m = outcome.messages;
  const parts = [summaryTable(outcome)];
  for (const page of outcome.pages) {
    const file = displayPath(page.path, outcome.cwd);
    // Pages that could not be checked are named in the table; their reason goes to standard error.
    if (!page.ok || page.findings.length === 0) continue;
    const heading = `${file} — ${page.evaluation.tier}, ${m.decisionShort[page.evaluation.decision]}`;
    parts.push(`\n${[heading, ...findingLines(page.findings, outcome, file)].join('\n')}\n`);
  }
  return parts.join('');
}
