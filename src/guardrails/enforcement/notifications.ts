import { z } from 'zod';
import { PlatformError } from '../../platform/errors';
import type { IssueNotification, JiraIssue } from '../../platform/jira';
import { storageKey } from '../../platform/store';
import type { ApprovalRecord } from '../domain/approval';
import type { Lang } from '../domain/messages';
import type { Policy } from '../domain/policy';
import { isoDay, type EnforcementDeps } from './deps';

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

export const NoticeMarkerSchema = z.object({ at: z.string(), kind: z.string() });

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
 * A notice's text as paragraphs of plain strings and user values; the HTML body escapes every
 * value (summaries, group names, reasons are typed by people).
 */
type Part = string | { value: string };
type Paragraph = Part[];

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

const v = (value: string): Part => ({ value });

function list(values: ReadonlyArray<string>, lang: Lang): Part[] {
  const parts: Part[] = [];
  values.forEach((value, i) => {
    if (i > 0) parts.push(i === values.length - 1 ? (lang === 'fr' ? ' et ' : ' and ') : ', ');
    parts.push(v(value));
  });
  return parts;
}

function subjectOf(issue: IssueRef, text: string): string {
  // A subject is one line: Jira builds the e-mail header from it.
  const summary = issue.summary.replace(/[\r\n]+/g, ' ').slice(0, 150);
  return `[${issue.key}] ${text}${summary ? ` – ${summary}` : ''}`;
}

function notification(
  subject: string,
  paragraphs: Paragraph[],
  to: IssueNotification['to']
): IssueNotification {
  const { text, html } = render(paragraphs);
  return {
    subject,
    textBody: text,
    htmlBody: html,
    to,
    // Only people who may see the issue are told about it.
    restrict: { permissions: [{ key: 'BROWSE' }] }
  };
}

export function pendingGroups(record: ApprovalRecord): string[] {
  const granted = new Set(record.grants.map((grant) => grant.group));
  return record.requiredGroups.filter((group) => !granted.has(group));
}

/** Jira refuses `reporter: true` on an issue without a reporter (400), so it is asked only then. */
function requesterAndReporter(issue: IssueRef, record: ApprovalRecord): IssueNotification['to'] {
  return { users: [{ accountId: record.requestedBy }], ...(issue.reporter ? { reporter: true } : {}) };
}

export function requestedNotice(lang: Lang, issue: IssueRef, record: ApprovalRecord): IssueNotification {
  const groups = pendingGroups(record);
  if (lang === 'fr') {
    return notification(
      subjectOf(issue, 'Approbation demandée'),
      [
        ['Une approbation est demandée pour la page ', v(issue.key), ' (', v(issue.summary), ').'],
        [
          'Niveau ',
          v(record.tier),
          ' : les membres de ',
          ...list(groups, lang),
          ' doivent approuver ou refuser dans le panneau « Tandem guardrail » du ticket.'
        ]
      ],
      { groups: groups.map((name) => ({ name })) }
    );
  }
  return notification(
    subjectOf(issue, 'Approval requested'),
    [
      ['Approval is requested for page ', v(issue.key), ' (', v(issue.summary), ').'],
      [
        'Tier ',
        v(record.tier),
        ': members of ',
        ...list(groups, lang),
        ' must approve or reject it in the issue’s “Tandem guardrail” panel.'
      ]
    ],
    { groups: groups.map((name) => ({ name })) }
  );
}

export function decisionNotice(lang: Lang, issue: IssueRef, record: ApprovalRecord): IssueNotification {
  const to = requesterAndReporter(issue, record);
  if (record.state === 'approved') {
    return lang === 'fr'
      ? notification(
          subjectOf(issue, 'Page approuvée'),
          [
            [
              'La page ',
              v(issue.key),
              ' (',
              v(issue.summary),
              ') est approuvée : elle peut être mise en ligne.'
            ],
            [
              "L'approbation est valable jusqu'au ",
              v(isoDay(record.expiresAt)),
              ' ; toute modification de la page l’annule.'
            ]
          ],
          to
        )
      : notification(
          subjectOf(issue, 'Page approved'),
          [
            ['Page ', v(issue.key), ' (', v(issue.summary), ') is approved: it may go live.'],
            [
              'The approval is valid until ',
              v(isoDay(record.expiresAt)),
              '; any change to the page voids it.'
            ]
          ],
          to
        );
  }
  if (record.state === 'rejected') {
    return lang === 'fr'
      ? notification(
          subjectOf(issue, 'Approbation refusée'),
          [
            ['La demande d’approbation de la page ', v(issue.key), ' (', v(issue.summary), ') est refusée.'],
            ['Motif : ', v(record.reason ?? '')],
            ['Modifiez la page puis demandez de nouveau l’approbation.']
          ],
          to
        )
      : notification(
          subjectOf(issue, 'Approval rejected'),
          [
            ['The approval request for page ', v(issue.key), ' (', v(issue.summary), ') was rejected.'],
            ['Reason: ', v(record.reason ?? '')],
            ['Change the page, then request approval again.']
          ],
          to
        );
  }
  const granted = record.grants.map((grant) => grant.group);
  const waiting = pendingGroups(record);
  return lang === 'fr'
    ? notification(
        subjectOf(issue, 'Approbation partielle'),
        [
          [
            'La page ',
            v(issue.key),
            ' (',
            v(issue.summary),
            ') est approuvée par ',
            ...list(granted, lang),
            '.'
          ],
          ['Il manque encore l’approbation de ', ...list(waiting, lang), ' avant la mise en ligne.']
        ],
        to
      )
    : notification(
        subjectOf(issue, 'Approval partly granted'),
        [
          ['Page ', v(issue.key), ' (', v(issue.summary), ') is approved by ', ...list(granted, lang), '.'],
          ['It still needs approval from ', ...list(waiting, lang), ' before it may go live.']
        ],
        to
      );
}

export function escalationNotice(
  lang: Lang,
  issue: IssueRef,
  record: ApprovalRecord,
  group: string,
  slaHours: number,
  itGroup: string
): IssueNotification {
  const groups = [...new Set([group, itGroup])];
  const to = { groups: groups.map((name) => ({ name })) };
  return lang === 'fr'
    ? notification(
        subjectOf(issue, 'Délai d’approbation dépassé'),
        [
          [
            'La demande d’approbation de la page ',
            v(issue.key),
            ' (',
            v(issue.summary),
            ') attend ',
            v(group),
            ' depuis le ',
            v(isoDay(record.requestedAt)),
            ' : le délai de ',
            v(String(slaHours)),
            ' heures est dépassé.'
          ],
          ['Merci de l’approuver ou de la refuser dans le panneau « Tandem guardrail » du ticket.']
        ],
        to
      )
    : notification(
        subjectOf(issue, 'Approval overdue'),
        [
          [
            'The approval request for page ',
            v(issue.key),
            ' (',
            v(issue.summary),
            ') has been waiting for ',
            v(group),
            ' since ',
            v(isoDay(record.requestedAt)),
            ': the ',
            v(String(slaHours)),
            '-hour approval time is passed.'
          ],
          ['Please approve or reject it in the issue’s “Tandem guardrail” panel.']
        ],
        to
      );
}

export function reReviewNotice(lang: Lang, issue: IssueRef, record: ApprovalRecord): IssueNotification {
  const to = requesterAndReporter(issue, record);
  return lang === 'fr'
    ? notification(
        subjectOf(issue, 'Approbation bientôt expirée'),
        [
          [
            'L’approbation de la page ',
            v(issue.key),
            ' (',
            v(issue.summary),
            ') expire le ',
            v(isoDay(record.expiresAt)),
            '.'
          ],
          [
            'Vérifiez que la page est toujours à jour et demandez une nouvelle revue avant cette date ; ensuite, sa mise en ligne sera bloquée.'
          ]
        ],
        to
      )
    : notification(
        subjectOf(issue, 'Approval expires soon'),
        [
          [
            'The approval of page ',
            v(issue.key),
            ' (',
            v(issue.summary),
            ') expires on ',
            v(isoDay(record.expiresAt)),
            '.'
          ],
          [
            'Check the page is still accurate and ask for a new review before then; after that date it cannot go live.'
          ]
        ],
        to
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
