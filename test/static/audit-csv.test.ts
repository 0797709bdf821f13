import type { AuditEvent } from '../../src/contract/guardrails';
import { AUDIT_CSV_COLUMNS, auditCsv, csvCell } from '../../static/admin-page/src/audit/csv';

describe('audit CSV', () => {
  const event: AuditEvent = {
    id: 'e1',
    type: 'rejected',
    issueId: '10001',
    at: '2026-11-25T10:00:00.000Z',
    actor: '5b10ac8d82e05b22cc7d4ef5',
    definitionHash: 'abc',
    bindingHash: 'bind-7f3a',
    policyVersion: 'site-v1',
    tier: 'T2',
    decision: 'approval',
    reason: '=HYPERLINK("http://evil.example","click"), then "quote"\nline two'
  };

  it('writes one quoted row per event, in the documented column order', () => {
    const csv = auditCsv([event, { ...event, id: 'e2', reason: undefined }]);
    const lines = csv.split('\r\n');
    expect(lines[0]).toBe(
      '"at","issueId","type","actor","tier","decision","policyVersion","definitionHash","reason"'
    );
    expect(lines[1]).toBe(
      '"2026-11-25T10:00:00.000Z","10001","rejected","5b10ac8d82e05b22cc7d4ef5","T2","approval","site-v1","abc",' +
        '"\'=HYPERLINK(""http://evil.example"",""click""), then ""quote""\nline two"'
    );
    expect(lines[2]).toMatch(/,""$/);
    expect(csv.endsWith('\r\n')).toBe(true);
  });

  it('neutralises every formula prefix and leaves other text alone', () => {
    for (const prefix of ['=', '+', '-', '@', '\t', '\r'])
      expect(csvCell(`${prefix}1+1`)).toBe(`"'${prefix}1+1"`);
    expect(csvCell('plain, text')).toBe('"plain, text"');
    expect(csvCell('a=b')).toBe('"a=b"');
  });

  it('keeps the binding hash and the snapshot out of the export', () => {
    expect(AUDIT_CSV_COLUMNS).not.toContain('bindingHash');
    expect(AUDIT_CSV_COLUMNS).not.toContain('snapshot');
    expect(auditCsv([event])).not.toContain('bind-7f3a');
    expect(auditCsv([])).toBe(AUDIT_CSV_COLUMNS.map((column) => `"${column}"`).join(',') + '\r\n');
  });
});
