import { useState } from 'react';
import type { GuardrailView } from '@contract/guardrails';
import type { Decision } from '../../../src/guardrails/domain/evaluate';
import type { HostInfo } from '../../common/bootstrap';
import type { UiError, UiResult } from '../../common/client';
import { Lozenge, SectionMessage } from '../../common/components';
import { errorMessage } from '../../common/errors';
import { TextAreaField } from '../../common/fields';
import { formatDateTime } from '../../common/format';
import { t } from '../../common/i18n';
import { STATE_APPEARANCE, STATE_LABELS } from './labels';
import type { useGuardrail } from './useGuardrail';

type Busy = 'request' | 'approve' | 'reject' | null;

/** The refusal in words for this action: a FORBIDDEN decision means "not an approver here". */
export function refusal(error: UiError, action: 'request' | 'decide' | 'save' | 'import'): string {
  if (error.code === 'FORBIDDEN') {
    if (action === 'decide') return t('panel.error.decideForbidden');
    return t('panel.error.editForbidden');
  }
  if (error.code === 'CONFLICT' && action !== 'save') return t('panel.error.approvalConflict');
  return errorMessage(error, { definition: t('panel.editor.title'), html: t('panel.import.label') });
}

export function ApprovalSection({
  host,
  view,
  dirty,
  liveDecision,
  guardrail,
  who
}: {
  host: HostInfo;
  view: GuardrailView;
  dirty: boolean;
  /** The decision of what is on screen (the unsaved edits when there are some). */
  liveDecision: Decision;
  guardrail: ReturnType<typeof useGuardrail>;
  who: (accountId: string) => string;
}) {
  const { state, record, reReviewDue } = view.approval;
  const { canEdit, canDecide } = view.permissions;
  const [busy, setBusy] = useState<Busy>(null);
  const [error, setError] = useState<string | null>(null);
  const [reason, setReason] = useState('');
  const [reasonMissing, setReasonMissing] = useState(false);
  const when = (iso: string | undefined) => formatDateTime(iso, host) ?? '';

  // Shown as soon as the edits on screen need an approval; enabled once they are saved.
  const needsApproval = view.evaluation.decision === 'approval' || (dirty && liveDecision === 'approval');
  const canRequest = canEdit && needsApproval && (dirty || (state !== 'requested' && state !== 'approved'));
  const canAct = canDecide && state === 'requested';

  async function run(action: Exclude<Busy, null>, work: () => Promise<UiResult<GuardrailView>>) {
    setBusy(action);
    setError(null);
    const result = await work();
    setBusy(null);
    if (!result.ok) {
      setError(refusal(result.error, action === 'request' ? 'request' : 'decide'));
      // Someone else moved the approval on: show where it stands now, the refusal stays on screen.
      if (result.error.code === 'CONFLICT') void guardrail.refresh();
    } else setReason('');
  }

  function decide(decision: 'approve' | 'reject') {
    if (decision === 'reject' && reason.trim() === '') {
      setReasonMissing(true);
      return;
    }
    setReasonMissing(false);
    // Jira-side, a reason is recorded with rejections only.
    void run(decision, () => guardrail.decide(decision, decision === 'reject' ? reason : ''));
  }

  return (
    <section className="gp-section" aria-labelledby="gp-approval-title">
      <h2 id="gp-approval-title" className="gp-h2">
        {t('panel.approval.title')}
      </h2>
      <div className="gp-approval" data-approval-state={state}>
        {/* Live: a request, approval or rejection changes this state, and screen readers say so. */}
        <span role="status" aria-live="polite" className="gp-approval__state">
          <Lozenge appearance={STATE_APPEARANCE[state]}>{t(STATE_LABELS[state])}</Lozenge>
        </span>
        {record !== null && state !== 'none' && (
          <dl className="gp-facts">
            <dt>{t('panel.approval.requested')}</dt>
            <dd>
              {t('panel.approval.byOn', { who: who(record.requestedBy), when: when(record.requestedAt) })}
            </dd>
            {record.requiredGroups.length > 0 && (
              <>
                <dt>{t('panel.approval.groups')}</dt>
                <dd>{record.requiredGroups.join(', ')}</dd>
              </>
            )}
            {record.grants.map((grant) => (
              <FactPair
                key={`${grant.group}-${grant.by}`}
                term={t('panel.approval.grant', { group: grant.group })}
                value={t('panel.approval.byOn', { who: who(grant.by), when: when(grant.at) })}
              />
            ))}
            {record.decidedBy !== undefined && (
              <FactPair
                term={t('panel.approval.decided')}
                value={t('panel.approval.byOn', { who: who(record.decidedBy), when: when(record.decidedAt) })}
              />
            )}
            {record.reason !== undefined && (
              <FactPair term={t('panel.approval.reason')} value={record.reason} />
            )}
            {record.expiresAt !== undefined && state === 'approved' && (
              <FactPair term={t('panel.approval.expires')} value={when(record.expiresAt)} />
            )}
          </dl>
        )}
      </div>
      {state === 'voided' && (
        <p className="gp-note">
          {record?.voidReason === 'policy_changed'
            ? t('panel.approval.voidedPolicy')
            : t('panel.approval.voidedDefinition')}
        </p>
      )}
      {state === 'expired' && <p className="gp-note">{t('panel.approval.expiredNote')}</p>}
      {reReviewDue && state === 'approved' && <p className="gp-note">{t('panel.approval.reReviewDue')}</p>}

      {canRequest && (
        <div className="gp-actions">
          <button
            type="button"
            className="tdm-button tdm-button--primary"
            disabled={dirty || busy !== null}
            onClick={() => void run('request', guardrail.requestApproval)}
          >
            {busy === 'request' ? t('panel.approval.requesting') : t('panel.approval.request')}
          </button>
          {dirty && <span className="tdm-small tdm-subtle">{t('panel.approval.saveFirst')}</span>}
        </div>
      )}

      {canAct && (
        <div className="gp-decide">
          <TextAreaField
            label={t('panel.approval.reasonLabel')}
            value={reason}
            rows={2}
            maxLength={2000}
            problem={reasonMissing ? t('panel.approval.reasonRequired') : undefined}
            announceProblem
            onChange={(value) => {
              setReason(value);
              if (value.trim() !== '') setReasonMissing(false);
            }}
          />
          <div className="gp-actions">
            <button
              type="button"
              className="tdm-button tdm-button--primary"
              disabled={busy !== null}
              onClick={() => decide('approve')}
            >
              {busy === 'approve' ? t('panel.approval.approving') : t('panel.approval.approve')}
            </button>
            <button
              type="button"
              className="tdm-button"
              disabled={busy !== null}
              onClick={() => decide('reject')}
            >
              {busy === 'reject' ? t('panel.approval.rejecting') : t('panel.approval.reject')}
            </button>
          </div>
        </div>
      )}

      {error !== null && (
        <SectionMessage appearance="error" title={t('panel.error.actionTitle')} announce headingLevel={3}>
          <p>{error}</p>
        </SectionMessage>
      )}
    </section>
  );
}

function FactPair({ term, value }: { term: string; value: string }) {
  return (
    <>
      <dt>{term}</dt>
      <dd>{value}</dd>
    </>
  );
}
