import { z } from 'zod';
import { PlatformError } from '../../platform/errors';
import type { IssueNotification, JiraIssue } from '../../platform/jira';
import { storageKey } from '../../platform/store';
import { isPseudonym } from '../../privacy/domain/accounts';
import { pendingGroups, type ApprovalRecord } from '../domain/approval';
import type { Lang } from '../domain/messages';
import { policyGroupRefs, type Policy } from '../domain/policy';
import { isoDay, type EnforcementDeps } from './deps';
import { ENFORCEMENT_TEXTS, textParts, type NoticeTextKey, type TextPart } from './texts';
import { lazySchema } from '../../contract/lazy-schema';

export { pendingGroups } from '../domain/approval';

/**
 * The guardrail's e-mails, sent through Jira's notify API as the app: approvers when approval is
 * requested, the requester and reporter when a decision is made, the approver and IT groups when
 * the SLA is passed, the requester and reporter before an approval expires. Each notice goes at
 * most once per approval revision: a KVS marker is claimed with setIfAbsent before sending (and
 * released when Jira refuses it, so a later attempt may send it).
 */

export type NoticeKind = 'requested' | 'decided' | 'escalation' | 'rereview';

export interface IssueRef {
  id: string;
  key: string;
  summary: string;
  reporter?: string;
}

export const NOTICE_KEYS = {
  /** `part` separates notices of one kind within a revision (the overdue group for escalations). */
  marker: (issueId: string, kind: NoticeKind, revision: number, part = '') =>
    storageKey('guardrails', 'notice', issueId, kind, String(revision).padStart(10, '0'), part)
};

export const NoticeMarkerSchema = lazySchema(() => z.object({ at: z.string(), kind: z.string() }));

export function escapeHtml(value: string): string {
  return value
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

export function issueRefOf(issue: JiraIssue): IssueRef {
  const reporter = issue.fields?.reporter?.accountId;
  return {
    id: issue.id,
    key: issue.key,
    summary: issue.fields?.summary ?? '',
    ...(reporter ? { reporter } : {})
  };
}

/**
 * A notice's text as paragraphs of catalogue text and user values; the HTML body escapes every
 * value (summaries, group names, reasons are typed by people).
 */
type Paragraph = TextPart[];

function render(paragraphs: Paragraph[]): { text: string; html: string } {
  const text = paragraphs.map((p) =>
    p.map((part) => (typeof part === 'string' ? part : part.value)).join('')
  );
  const html = paragraphs.map(
    (p) =>
      `<p>${p.map((part) => (typeof part === 'string' ? escapeHtml(part) : `<strong>${escapeHtml(part.value)}</strong>`)).join('')}</p>`
  );
  return { text: text.join('\n\n'), html: html.join('') };
}

function subjectOf(issue: IssueRef, text: string): string {
  // A subject is one line: Jira builds the e-mail header from it.
  const summary = issue.summary.replace(/[\r\n]+/g, ' ').slice(0, 150);
  return `[${issue.key}] ${text}${summary ? ` – ${summary}` : ''}`;
}

/** The catalogue's notice `key` for this issue, with its values filled in. */
function notice(
  lang: Lang,
  key: NoticeTextKey,
  issue: IssueRef,
  values: Record<string, string | ReadonlyArray<string>>,
  to: IssueNotification['to']
): IssueNotification {
  const texts = ENFORCEMENT_TEXTS[lang].notices[key];
  const all = { key: issue.key, summary: issue.summary, ...values };
  const { text, html } = render(texts.body.map((paragraph) => textParts(lang, paragraph, all)));
  return {
    subject: subjectOf(issue, texts.subject),
    textBody: text,
    htmlBody: html,
    to,
    // Only people who may see the issue are told about it.
    restrict: { permissions: [{ key: 'BROWSE' }] }
  };
}

/** Jira refuses `reporter: true` on an issue without a reporter (400), so it is asked only then. */
function requesterAndReporter(issue: IssueRef, record: ApprovalRecord): IssueNotification['to'] {
  // A requester whose account was closed is a pseudonym (src/privacy): Jira knows no such user.
  const requester = isPseudonym(record.requestedBy) ? [] : [{ accountId: record.requestedBy }];
  return { users: requester, ...(issue.reporter ? { reporter: true } : {}) };
}

/**
 * Recipient groups as Jira's GroupName: the name the records use and, when the policy knows it, the
 * group's id, which Jira prefers and which survives an admin renaming the group.
 */
export function groupRecipients(
  names: ReadonlyArray<string>,
  policy?: Policy
): { name: string; groupId?: string }[] {
  const ids = new Map<string, string>();
  for (const ref of policy ? policyGroupRefs(policy) : []) if (ref.id) ids.set(ref.name, ref.id);
  return names.map((name) => {
    const groupId = ids.get(name);
    return groupId ? { name, groupId } : { name };
  });
}

export function requestedNotice(
  lang: Lang,
  issue: IssueRef,
  record: ApprovalRecord,
  policy?: Policy
): IssueNotification {
  const groups = pendingGroups(record);
  return notice(
    lang,
    'requested',
    issue,
    { tier: record.tier, groups },
    { groups: groupRecipients(groups, policy) }
  );
}

export function decisionNotice(lang: Lang, issue: IssueRef, record: ApprovalRecord): IssueNotification {
  const to = requesterAndReporter(issue, record);
  if (record.state === 'approved')
    return notice(lang, 'approved', issue, { expires: isoDay(record.expiresAt) }, to);
  if (record.state === 'rejected')
    return notice(lang, 'rejected', issue, { reason: record.reason ?? '' }, to);
  const granted = record.grants.map((grant) => grant.group);
  return notice(lang, 'partial', issue, { granted, waiting: pendingGroups(record) }, to);
}

export function escalationNotice(
  lang: Lang,
  issue: IssueRef,
  record: ApprovalRecord,
  group: string,
  slaHours: number,
  itGroup: string,
  policy?: Policy
): IssueNotification {
  const groups = [...new Set([group, itGroup])];
  return notice(
    lang,
    'escalation',
    issue,
    { group, since: isoDay(record.requestedAt), hours: String(slaHours) },
    { groups: groupRecipients(groups, policy) }
  );
}

export function reReviewNotice(lang: Lang, issue: IssueRef, record: ApprovalRecord): IssueNotification {
  return notice(
    lang,
    'rereview',
    issue,
    { expires: isoDay(record.expiresAt) },
    requesterAndReporter(issue, record)
  );
}

/** The SLA of one required group: the IT group's own, otherwise the tier's. */
export function slaHoursFor(policy: Policy, record: ApprovalRecord, group: string): number | null {
  if (group === policy.itApproverGroup) return policy.itApprovalSlaHours;
  return policy.tiers[record.tier].approvalSlaHours;
}

/**
 * Sends a notice unless it was already sent for this revision. The issue is looked up only when
 * the notice is really due. Answers whether this call sent it.
 */
export async function sendNoticeOnce(
  deps: EnforcementDeps,
  marker: { issueId: string; kind: NoticeKind; revision: number; part?: string },
  build: (issue: IssueRef) => IssueNotification,
  issueRef?: () => Promise<IssueRef>
): Promise<boolean> {
  const key = NOTICE_KEYS.marker(marker.issueId, marker.kind, marker.revision, marker.part ?? '');
  const claimed = await deps.store.setIfAbsent(key, { at: deps.now().toISOString(), kind: marker.kind });
  if (!claimed) return false;
  try {
    const jira = deps.jira();
    const issue = issueRef ? await issueRef() : issueRefOf(await jira.getIssue(marker.issueId));
    const notice = build(issue);
    const recipients =
      (notice.to.groups?.length ?? 0) + (notice.to.users?.length ?? 0) + (notice.to.reporter ? 1 : 0);
    if (recipients === 0) return false;
    await jira.notifyIssue(marker.issueId, notice);
    return true;
  } catch (error) {
    // A deleted issue will never take the notice, and after a time-out Jira may have queued it:
    // keep the marker then (at most once); otherwise release it so a later attempt may send it.
    if (!(error instanceof PlatformError && (error.kind === 'not-found' || error.kind === 'timeout'))) {
      await deps.store.delete(key).catch(() => undefined);
    }
    throw error;
  }
}
