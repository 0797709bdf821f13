import type { AuditEvent } from '../../../../src/contract/guardrails';

/** The columns of the audit CSV, in order: one row per event. */
export const AUDIT_CSV_COLUMNS = [
  'at',
  'issueId',
  'type',
  'actor',
  'tier',
  'decision',
  'policyVersion',
  'definitionHash',
  'reason'
] as const satisfies ReadonlyArray<keyof AuditEvent>;

/**
 * One CSV cell (RFC 4180): always quoted, quotes doubled. A cell a spreadsheet would read as a
 * formula (starting with = + - @, or a tab or carriage return that some spreadsheets skip) gets a
 * leading apostrophe, so a reason typed as `=HYPERLINK(…)` stays text (OWASP "CSV injection").
 */
export function csvCell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return `"${safe.replace(/"/g, '""')}"`;
}

export function auditCsv(events: readonly AuditEvent[]): string {
  const rows = [
    AUDIT_CSV_COLUMNS.map((column) => csvCell(column)),
    ...events.map((event) => AUDIT_CSV_COLUMNS.map((column) => csvCell(String(event[column] ?? ''))))
  ];
  return rows.map((row) => row.join(',')).join('\r\n') + '\r\n';
}
