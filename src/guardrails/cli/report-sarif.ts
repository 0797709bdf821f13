import { pathToFileURL } from 'node:url';
import { isAbsolute } from 'node:path';
import type { Severity } from '../domain';
import { displayPath, type Outcome } from './outcome';
import { TOOL_VERSION } from './version';

/** A page tandem-check could not read or understand: shown in code scanning like a finding. */
export const INVALID_INPUT_RULE = 'input.invalid';

// `fix` and `block` fail the pipeline on their own; `approval` waits on a person, so it warns.
const LEVELS: Record<Severity, 'error' | 'warning' | 'note'> = {
  block: 'error',
  fix: 'error',
  approval: 'warning',
  info: 'note'
};

const BASE_ID = 'SRCROOT';

function artifactLocation(path: string, outcome: Outcome): { uri: string; uriBaseId?: string } {
  const shown = displayPath(path, outcome.cwd);
  if (isAbsolute(shown)) return { uri: pathToFileURL(shown).href };
  // Relative to the checkout, which is what GitHub code scanning resolves against the repository.
  return { uri: shown.split('/').map(encodeURIComponent).join('/'), uriBaseId: BASE_ID };
}

/**
 * SARIF 2.1.0 (OASIS), the format code-scanning tabs read: one run, one rule per finding code seen, one
 * result per finding at the line of what it is about.
 */
export function sarifReport(outcome: Outcome): string {
  const m = outcome.messages;
  const ruleIds: string[] = [];
  const ruleIndex = (id: string) => {
    let index = ruleIds.indexOf(id);
    if (index === -1) index = ruleIds.push(id) - 1;
    return index;
  };
  const results: unknown[] = [];
  const notifications: unknown[] = [];
  for (const page of outcome.pages) {
    const artifact = artifactLocation(page.path, outcome);
    if (!page.ok) {
      const text = page.error.render(m);
      results.push({
        ruleId: INVALID_INPUT_RULE,
        ruleIndex: ruleIndex(INVALID_INPUT_RULE),
        level: 'error',
        message: { text },
        locations: [{ physicalLocation: { artifactLocation: artifact, region: { startLine: 1 } } }]
      });
      notifications.push({ level: 'error', message: { text } });
      continue;
    }
    for (const { finding, position } of page.findings) {
      results.push({
        ruleId: finding.code,
        ruleIndex: ruleIndex(finding.code),
        level: LEVELS[finding.severity],
        message: { text: finding.message[outcome.lang] },
        locations: [
          {
            physicalLocation: {
              artifactLocation: artifact,
              region: { startLine: position.line, startColumn: position.column }
            }
          }
        ],
        properties: {
          severity: finding.severity,
          pageTier: page.evaluation.tier,
          pageDecision: page.evaluation.decision,
          ...(finding.form === undefined ? {} : { form: finding.form }),
          ...(finding.field === undefined ? {} : { field: finding.field }),
          ...(finding.approverGroup === undefined ? {} : { approverGroup: finding.approverGroup })
        }
      });
    }
  }
  const rules = ruleIds.map((id) => ({
    id,
    shortDescription: {
      text: id === INVALID_INPUT_RULE ? m.ruleInvalidInput : (m.ruleDescriptions[id] ?? m.ruleFallback(id))
    }
  }));
  const log = {
    $schema: 'https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'tandem-check',
            version: TOOL_VERSION,
            fullDescription: { text: m.sarifToolDescription },
            language: outcome.lang,
            rules
          }
        },
        invocations: [
          {
            executionSuccessful: outcome.errors === 0,
            exitCode: outcome.exitCode,
            ...(notifications.length === 0 ? {} : { toolExecutionNotifications: notifications })
          }
        ],
        originalUriBaseIds: { [BASE_ID]: { uri: `${pathToFileURL(outcome.cwd).href.replace(/\/?$/, '/')}` } },
        columnKind: 'utf16CodeUnits',
        results,
        properties: { decision: outcome.decision, policyVersion: outcome.policyVersion }
      }
    ]
  };
  return `${JSON.stringify(log, null, 2)}\n`;
}
