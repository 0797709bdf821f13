import type { HostInfo } from '../../common/bootstrap';
import { Lozenge, SectionMessage, Spinner } from '../../common/components';
import { errorMessage } from '../../common/errors';
import { formatDateTime } from '../../common/format';
import { t, type PlainKey } from '../../common/i18n';
import { DECISION_APPEARANCE, DECISION_LABELS, EVENT_LABELS } from './labels';
import type { AuditState } from './useGuardrail';

const VOID_REASONS: Record<string, PlainKey> = {
  definition_changed: 'panel.audit.reason.definition_changed',
  policy_changed: 'panel.audit.reason.policy_changed'
};

function reasonText(type: string, reason: string | undefined): string {
  if (reason === undefined) return '';
  const key = type === 'voided' ? VOID_REASONS[reason] : undefined;
  return key === undefined ? reason : t(key);
}

export function AuditTrail({
  host,
  who,
  audit,
  onRetry
}: {
  host: HostInfo;
  who: (accountId: string) => string;
  audit: AuditState;
  onRetry: () => void;
}) {
  return (
    <section className="gp-section" aria-labelledby="gp-audit-title">
      <h2 id="gp-audit-title" className="gp-h2">
        {t('panel.audit.title')}
      </h2>
      {audit.kind === 'loading' && <Spinner label={t('common.loading')} />}
      {audit.kind === 'error' && (
        <SectionMessage
          appearance="error"
          title={t('panel.audit.error')}
          headingLevel={3}
          actions={
            <button type="button" className="tdm-button" onClick={onRetry}>
              {t('common.tryAgain')}
            </button>
          }
        >
          <p>{errorMessage(audit.error)}</p>
        </SectionMessage>
      )}
      {audit.kind === 'ready' && audit.events.length === 0 && (
        <p className="tdm-subtle">{t('panel.audit.empty')}</p>
      )}
      {audit.kind === 'ready' && audit.events.length > 0 && (
        <div className="gp-table-wrap">
          <table className="tdm-table gp-audit">
            <caption className="tdm-sr-only">{t('panel.audit.title')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('panel.audit.col.when')}</th>
                <th scope="col">{t('panel.audit.col.who')}</th>
                <th scope="col">{t('panel.audit.col.event')}</th>
                <th scope="col">{t('panel.audit.col.tier')}</th>
                <th scope="col">{t('panel.audit.col.decision')}</th>
                <th scope="col">{t('panel.audit.col.reason')}</th>
              </tr>
            </thead>
            <tbody>
              {audit.events.map((event) => (
                <tr key={event.id} data-event={event.type}>
                  <td className="gp-nowrap">{formatDateTime(event.at, host) ?? event.at}</td>
                  <td className="gp-break">{who(event.actor)}</td>
                  <td>{t(EVENT_LABELS[event.type])}</td>
                  <td>{event.tier}</td>
                  <td>
                    <Lozenge appearance={DECISION_APPEARANCE[event.decision]}>
                      {t(DECISION_LABELS[event.decision])}
                    </Lozenge>
                  </td>
                  <td>{reasonText(event.type, event.reason)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
