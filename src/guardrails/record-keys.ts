import { storageKey } from '../platform/store';

/** Where the guardrail's records live in KVS (their shapes: records.ts, record-guards.ts). */
export const KEYS = {
  definition: (issueId: string) => storageKey('guardrails', 'definition', issueId),
  approval: (issueId: string) => storageKey('guardrails', 'approval', issueId),
  approvalRevision: (issueId: string, revision: number) =>
    storageKey('guardrails', 'approval-revision', issueId, String(revision).padStart(10, '0')),
  /**
   * Zero-padded epoch milliseconds, the event's rank within its transaction, then its UUID: keys
   * sort by time and never collide.
   */
  auditEvent: (issueId: string, atMs: number, rank: number, id: string) =>
    storageKey('guardrails', 'audit', issueId, `${String(atMs).padStart(15, '0')}-${rank}-${id}`),
  /**
   * The sweep's due index: one key per approval write or milestone, sorted by when the sweep must
   * look at the issue (epoch ms, zero-padded), so an hourly run reads only what is due.
   */
  due: (atMs: number, issueId: string) =>
    storageKey('guardrails', 'due', String(Math.max(0, Math.floor(atMs))).padStart(15, '0'), issueId),
  duePrefix: `${storageKey('guardrails', 'due')}:`,
  approvalRevisionPrefix: (issueId: string) => `${storageKey('guardrails', 'approval-revision', issueId)}:`,
  auditPrefix: (issueId: string) => `${storageKey('guardrails', 'audit', issueId)}:`,
  allAuditPrefix: `${storageKey('guardrails', 'audit')}:`
};
