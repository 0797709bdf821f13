import { useCallback, useEffect, useId, useRef, useState } from 'react';
import type { PolicyOverview, PolicyVersionSummary } from '@contract/guardrails';
import { getPolicy, type UiError, type UiResult } from '../../../common/client';
import type { HostInfo } from '../../../common/bootstrap';
import { Lozenge, SectionMessage, Spinner } from '../../../common/components';
import { errorMessage } from '../../../common/errors';
import { formatDateTime } from '../../../common/format';
import { t } from '../../../common/i18n';
import { useDisplayNames } from '../../../common/names';
import { PolicyEditor } from './PolicyEditor';
import { PolicyExport } from './PolicyExport';

type State =
  | { kind: 'loading' }
  | { kind: 'forbidden' }
  | { kind: 'error'; error: UiError }
  | { kind: 'ready'; overview: PolicyOverview };

/** History rows shown before "Show all". */
const HISTORY_PREVIEW = 5;

function History({ history, zone }: { history: PolicyVersionSummary[]; zone: HostInfo }) {
  const [all, setAll] = useState(false);
  const shown = all ? history : history.slice(0, HISTORY_PREVIEW);
  const names = useDisplayNames(shown.map((entry) => entry.savedBy));
  if (history.length === 0) return <p className="tdm-subtle">{t('policy.history.none')}</p>;
  return (
    <>
      <div className="adm-table-wrap">
        <table className="tdm-table adm-history">
          <caption>{t('policy.history.heading')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('policy.history.col.version')}</th>
              <th scope="col">{t('policy.history.col.savedAt')}</th>
              <th scope="col">{t('policy.history.col.savedBy')}</th>
            </tr>
          </thead>
          <tbody>
            {shown.map((entry, index) => (
              <tr key={entry.version}>
                <th scope="row" className="adm-item-name">
                  {entry.version}
                  {index === 0 && (
                    <>
                      {' '}
                      <Lozenge appearance="success">{t('policy.history.inForce')}</Lozenge>
                    </>
                  )}
                </th>
                <td>{formatDateTime(entry.savedAt, zone) ?? entry.savedAt}</td>
                <td className="adm-break">{names.get(entry.savedBy) ?? entry.savedBy}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {history.length > HISTORY_PREVIEW && (
        <button type="button" className="tdm-button tdm-button--subtle" onClick={() => setAll((v) => !v)}>
          {all ? t('policy.history.showFewer') : t('policy.history.showAll', { count: history.length })}
        </button>
      )}
    </>
  );
}

/** The "Guardrail policy" tab: the version in force, its history, the editor and the export. */
export default function PolicyTab({
  host,
  onDirtyChange
}: {
  host: HostInfo;
  onDirtyChange: (dirty: boolean) => void;
}) {
  const ids = useId();
  const [state, setState] = useState<State>({ kind: 'loading' });
  const [savedVersion, setSavedVersion] = useState<string | undefined>(undefined);
  const [dirty, setDirty] = useState(false);
  // Bumped on every load and save so the editor starts again from the policy in force.
  const [generation, setGeneration] = useState(0);
  const mounted = useRef(true);

  const apply = useCallback((result: UiResult<PolicyOverview>) => {
    if (!mounted.current) return;
    if (result.ok) setState({ kind: 'ready', overview: result.data });
    else if (result.error.code === 'FORBIDDEN') setState({ kind: 'forbidden' });
    else setState({ kind: 'error', error: result.error });
    setGeneration((n) => n + 1);
  }, []);

  useEffect(() => {
    mounted.current = true;
    void getPolicy().then(apply);
    return () => {
      mounted.current = false;
    };
  }, [apply]);

  const reload = () => {
    setSavedVersion(undefined);
    setState({ kind: 'loading' });
    void getPolicy().then(apply);
  };

  const dirtyChanged = useCallback(
    (value: boolean) => {
      setDirty(value);
      onDirtyChange(value);
    },
    [onDirtyChange]
  );

  const latestAuthor = state.kind === 'ready' ? state.overview.history[0]?.savedBy : undefined;
  const authorNames = useDisplayNames(latestAuthor ? [latestAuthor] : []);

  if (state.kind === 'loading') {
    return (
      <div className="adm-loading">
        <Spinner label={t('common.loading')} />
      </div>
    );
  }
  if (state.kind === 'forbidden') {
    return (
      <SectionMessage appearance="warning" title={t('policy.forbidden.title')}>
        <p>{t('policy.forbidden.body')}</p>
      </SectionMessage>
    );
  }
  if (state.kind === 'error') {
    return (
      <SectionMessage
        appearance="error"
        title={t('policy.loadError')}
        announce
        actions={
          <button type="button" className="tdm-button" onClick={reload}>
            {t('common.tryAgain')}
          </button>
        }
      >
        <p>{errorMessage(state.error)}</p>
      </SectionMessage>
    );
  }

  const { overview } = state;
  const latest = overview.history[0];
  return (
    <>
      <section className="adm-section" aria-labelledby={`${ids}-heading`}>
        <h2 id={`${ids}-heading`} className="adm-h2">
          {t('policy.heading')}
        </h2>
        <p>{t('policy.lead')}</p>
        <div className="adm-run adm-in-force">
          <div className="adm-run__line">
            <strong>{t('policy.inForce.label')}</strong>
            <span className="adm-version">{overview.current.version}</span>
            {overview.isDefault && <Lozenge appearance="inprogress">{t('policy.inForce.default')}</Lozenge>}
          </div>
          <p className="tdm-subtle adm-help">
            {overview.isDefault || latest === undefined
              ? t('policy.inForce.defaultBody')
              : t('policy.inForce.savedBody', {
                  time: formatDateTime(latest.savedAt, host) ?? latest.savedAt,
                  who: authorNames.get(latest.savedBy) ?? latest.savedBy
                })}
          </p>
        </div>
        {savedVersion !== undefined && (
          <SectionMessage
            appearance="success"
            title={t('policy.save.savedTitle', { version: savedVersion })}
            announce
          >
            <p>{t('policy.save.savedBody')}</p>
          </SectionMessage>
        )}
        <History history={overview.history} zone={host} />
      </section>

      <section className="adm-section" aria-labelledby={`${ids}-edit`}>
        <h2 id={`${ids}-edit`} className="adm-h2">
          {t('policy.edit.heading')}
        </h2>
        <PolicyEditor
          key={generation}
          overview={overview}
          onDirtyChange={dirtyChanged}
          onReload={reload}
          onSaved={(next) => {
            setState({ kind: 'ready', overview: next });
            setSavedVersion(next.current.version);
            setGeneration((n) => n + 1);
          }}
        />
      </section>

      <PolicyExport policy={overview.current} dirty={dirty} />
    </>
  );
}
