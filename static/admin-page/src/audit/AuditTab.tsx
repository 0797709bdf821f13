import { useEffect, useId, useMemo, useRef, useState } from 'react';
import type { AuditEvent } from '@contract/guardrails';
import { exportAudit, type UiError } from '../../../common/client';
import { SectionMessage } from '../../../common/components';
import { errorMessage } from '../../../common/errors';
import { t } from '../../../common/i18n';
import { downloadText } from '../download';
import { auditCsv } from './csv';

type State =
  | { kind: 'idle' }
  | { kind: 'running'; events: number; pages: number }
  | { kind: 'done'; events: AuditEvent[]; at: Date }
  | { kind: 'cancelled'; events: number }
  | { kind: 'forbidden' }
  | { kind: 'failed'; error: UiError; events: number };

/** Excel reads a CSV as UTF-8 (accents in reasons) only with a byte-order mark. */
const BOM = '\ufeff';

const stamp = (at: Date) => at.toISOString().slice(0, 19).replace(/:/g, '-');

/** Above this size the CSV is not put in the page (the download is the way then). */
const MAX_SHOWN_CHARS = 1_000_000;

/** The CSV as text, for hosts whose frame cannot download: opened on demand, built once. */
function CsvText({ events }: { events: AuditEvent[] }) {
  const id = useId();
  const [open, setOpen] = useState(false);
  const csv = useMemo(() => (open ? auditCsv(events) : ''), [open, events]);
  return (
    <details className="adm-json" onToggle={(event) => setOpen(event.currentTarget.open)}>
      <summary>{t('policy.audit.showCsv')}</summary>
      {open &&
        (csv.length > MAX_SHOWN_CHARS ? (
          <p className="tdm-subtle">{t('policy.audit.csvTooLarge')}</p>
        ) : (
          <>
            <label htmlFor={`${id}-csv`} className="tdm-sr-only">
              {t('policy.audit.csvLabel')}
            </label>
            <textarea
              id={`${id}-csv`}
              className="tdm-input tdm-textarea tdm-code adm-pre"
              readOnly
              rows={10}
              value={csv}
              spellCheck={false}
            />
          </>
        ))}
    </details>
  );
}

/**
 * The "Audit export" tab: reads every page of the site's audit trail (following `nextCursor`),
 * shows progress, can be cancelled, then offers the events as JSON and as CSV.
 */
export default function AuditTab() {
  const ids = useId();
  const [state, setState] = useState<State>({ kind: 'idle' });
  const run = useRef<{ cancelled: boolean } | undefined>(undefined);

  useEffect(
    () => () => {
      if (run.current) run.current.cancelled = true;
    },
    []
  );

  const start = async () => {
    if (run.current && !run.current.cancelled) return;
    const token = { cancelled: false };
    run.current = token;
    const events: AuditEvent[] = [];
    const seen = new Set<string>();
    let cursor: string | undefined;
    let pages = 0;
    setState({ kind: 'running', events: 0, pages: 0 });
    for (;;) {
      const result = await exportAudit(cursor === undefined ? {} : { cursor });
      if (token.cancelled) return;
      if (!result.ok) {
        run.current = undefined;
        setState(
          result.error.code === 'FORBIDDEN'
            ? { kind: 'forbidden' }
            : { kind: 'failed', error: result.error, events: events.length }
        );
        return;
      }
      events.push(...result.data.events);
      pages += 1;
      cursor = result.data.nextCursor;
      // A cursor seen before would loop for ever: stop and say the export is incomplete.
      if (cursor !== undefined && seen.has(cursor)) {
        run.current = undefined;
        setState({
          kind: 'failed',
          error: { code: 'INTERNAL', message: 'repeated cursor' },
          events: events.length
        });
        return;
      }
      if (cursor === undefined) break;
      seen.add(cursor);
      setState({ kind: 'running', events: events.length, pages });
    }
    run.current = undefined;
    setState({ kind: 'done', events, at: new Date() });
  };

  const cancel = () => {
    if (!run.current || state.kind !== 'running') return;
    run.current.cancelled = true;
    run.current = undefined;
    setState({ kind: 'cancelled', events: state.events });
  };

  if (state.kind === 'forbidden') {
    return (
      <SectionMessage appearance="warning" title={t('policy.audit.forbiddenTitle')}>
        <p>{t('policy.audit.forbiddenBody')}</p>
      </SectionMessage>
    );
  }

  const running = state.kind === 'running';
  return (
    <section className="adm-section" aria-labelledby={`${ids}-heading`}>
      <h2 id={`${ids}-heading`} className="adm-h2">
        {t('policy.audit.heading')}
      </h2>
      <p>{t('policy.audit.lead')}</p>
      <p className="tdm-subtle">{t('policy.audit.columns')}</p>

      <div className="adm-actions adm-audit-start">
        <button
          type="button"
          className="tdm-button tdm-button--primary"
          disabled={running}
          onClick={() => void start()}
        >
          {state.kind === 'done' ? t('policy.audit.again') : t('policy.audit.start')}
        </button>
        {running && (
          <button type="button" className="tdm-button" onClick={cancel}>
            {t('policy.audit.cancel')}
          </button>
        )}
      </div>

      <div className="adm-audit-status" role="status">
        {running && (
          <p className="adm-run__line">
            <span className="tdm-spinner" aria-hidden="true" />
            {t('policy.audit.progress', { events: state.events, pages: state.pages })}
          </p>
        )}
        {state.kind === 'cancelled' && <p>{t('policy.audit.cancelled', { events: state.events })}</p>}
        {state.kind === 'done' && state.events.length === 0 && (
          <SectionMessage appearance="information" title={t('policy.audit.emptyTitle')} headingLevel={3}>
            <p>{t('policy.audit.emptyBody')}</p>
          </SectionMessage>
        )}
        {state.kind === 'done' && state.events.length > 0 && (
          <p>
            {t('policy.audit.done', {
              events: state.events.length,
              issues: new Set(state.events.map((event) => event.issueId)).size
            })}
          </p>
        )}
      </div>

      {state.kind === 'failed' && (
        <SectionMessage appearance="error" title={t('policy.audit.failedTitle')} headingLevel={3} announce>
          <p>{errorMessage(state.error)}</p>
          <p>{t('policy.audit.failedPartial', { events: state.events })}</p>
        </SectionMessage>
      )}

      {state.kind === 'done' && state.events.length > 0 && (
        <>
          <div className="adm-actions adm-audit-downloads">
            <button
              type="button"
              className="tdm-button"
              onClick={() =>
                downloadText(
                  `tandem-audit-${stamp(state.at)}.json`,
                  JSON.stringify(state.events, null, 2),
                  'application/json'
                )
              }
            >
              {t('policy.audit.downloadJson')}
            </button>
            <button
              type="button"
              className="tdm-button"
              onClick={() =>
                downloadText(
                  `tandem-audit-${stamp(state.at)}.csv`,
                  BOM + auditCsv(state.events),
                  'text/csv;charset=utf-8'
                )
              }
            >
              {t('policy.audit.downloadCsv')}
            </button>
          </div>
          <CsvText events={state.events} />
        </>
      )}
    </section>
  );
}
