import { displayPath, subjectOf, type Outcome } from './outcome';

// Characters XML 1.0 cannot carry at all, even escaped: a page's text could contain them.
const NOT_XML =
  // eslint-disable-next-line no-control-regex
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

export function xmlText(text: string): string {
  return text.replace(NOT_XML, '\uFFFD').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

export function xmlAttribute(text: string): string {
  return xmlText(text)
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;')
    .replace(/\n/g, '&#10;')
    .replace(/\r/g, '&#13;')
    .replace(/\t/g, '&#9;');
}

/**
 * JUnit XML as CI test-report views read it (Bitbucket Pipelines, GitLab, Jenkins): one test suite, one
 * test case per page, one failure per finding that stands between the page and going live. Purely
 * informative findings go to the case's output.
 */
export function junitReport(outcome: Outcome): string {
  const m = outcome.messages;
  const cases: string[] = [];
  let failures = 0;
  for (const page of outcome.pages) {
    const file = displayPath(page.path, outcome.cwd);
    const open = `  <testcase classname="tandem-check" name="${xmlAttribute(file)}" file="${xmlAttribute(file)}" time="0">`;
    if (!page.ok) {
      const text = page.error.render(m);
      cases.push(
        `${open}\n    <error type="${xmlAttribute(m.error)}" message="${xmlAttribute(text)}">${xmlText(text)}</error>\n  </testcase>`
      );
      continue;
    }
    const body: string[] = [];
    const info: string[] = [];
    for (const { finding, position } of page.findings) {
      const subject = subjectOf(finding);
      const message = finding.message[outcome.lang];
      const detail = `${file}:${position.line}:${position.column} [${m.severities[finding.severity]}] ${finding.code}${subject === '' ? '' : ` (${subject})`}\n${message}`;
      if (finding.severity === 'info') info.push(detail);
      else
        body.push(
          `    <failure type="${xmlAttribute(finding.code)}" message="${xmlAttribute(message)}">${xmlText(detail)}</failure>`
        );
    }
    if (body.length > 0) failures++;
    const verdict = `${m.tier}${m.colon} ${page.evaluation.tier} · ${m.decision}${m.colon} ${m.decisions[page.evaluation.decision]}`;
    body.push(`    <system-out>${xmlText([verdict, ...info].join('\n'))}</system-out>`);
    cases.push(`${open}\n${body.join('\n')}\n  </testcase>`);
  }
  const counts = `tests="${outcome.pages.length}" failures="${failures}" errors="${outcome.errors}" skipped="0"`;
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuite name="${xmlAttribute(m.junitSuite)}" ${counts} time="0">`,
    ...cases,
    '</testsuite>',
    ''
  ].join('\n');
}
