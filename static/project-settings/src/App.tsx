import { useCallback, useEffect, useId, useRef, useState, type ReactNode } from 'react';
import type { RelabelProgress, SettingsVersionInfo, SettingsView } from '@contract/capacity';
import { getCapacitySettings, type UiError, type UiResult } from '../../common/client';
import type { HostInfo } from '../../common/bootstrap';
import { Lozenge, SectionMessage, Spinner } from '../../common/components';
import { errorMessage } from '../../common/errors';
import { formatDateTime } from '../../common/format';
import { t } from '../../common/i18n';
import { useDisplayNames } from '../../common/names';
import { Editor } from './Editor';

type State =
  | { kind: 'loading' }
  | { kind: 'noProject' }
  | { kind: 'forbidden' }
  | { kind: 'error'; error: UiError }
  | { kind: 'ready'; view: SettingsView };

/** How often the page asks again while the relabel job runs. */
const RELABEL_POLL_MS = 2000;
const HISTORY_PREVIEW = 5;

function History({
  history,
  host,
  nameOf
}: {
  history: SettingsVersionInfo[];
  host: HostInfo;
  nameOf: (accountId: string) => string;
}) {
  const [all, setAll] = useState(false);
  if (history.length === 0) return <p className="tdm-subtle">{t('ps.history.none')}</p>;
  const shown = all ? history : history.slice(0, HISTORY_PREVIEW);
  return (
    <>
      <div className="ps-table-wrap">
        <table className="tdm-table ps-table">
          <caption className="ps-caption">{t('ps.history.heading')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('ps.history.col.version')}</th>
              <th scope="col">{t('ps.history.col.savedAt')}</th>
              <th scope="col">{t('ps.history.col.savedBy')}</th>
            </tr>
          </thead>
          <tbody>
            {shown.map((entry, index) => (
              <tr key={entry.version}>
                <th scope="row">
                  {entry.version}
                  {index === 0 && (
                    <>
                      {' '}
                      <Lozenge appearance="success">{t('ps.history.inForce')}</Lozenge>
                    </>
                  )}
                </th>
                <td>{formatDateTime(entry.savedAt, host) ?? entry.savedAt}</td>
                <td>{nameOf(entry.savedBy)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {history.length > HISTORY_PREVIEW && (
        <button type="button" className="tdm-button tdm-button--subtle" onClick={() => setAll((v) => !v)}>
          {all ? t('ps.history.showFewer') : t('ps.history.showAll', { count: history.length })}
        </button>
      )}
    </>
  );
}

/** The relabel job after a change of lanes or rules: progress while it runs, then its outcome. */
function Relabel({ progress }: { progress: RelabelProgress }) {
  const counts = { processed: progress.processed, changed: progress.changed };
  if (progress.status === 'failed')
    return (
      <SectionMessage appearance="error" title={t('ps.relabel.failedTitle')} headingLevel={3}>
        <p>{t('ps.relabel.failedBody', counts)}</p>
      </SectionMessage>
    );
  if (progress.status === 'done')
    return (
      <SectionMessage appearance="success" title={t('ps.relabel.doneTitle')} headingLevel={3}>
        <p>{t('ps.relabel.doneBody', counts)}</p>
      </SectionMessage>
    );
  return (
    <SectionMessage appearance="information" title={t('ps.relabel.runningTitle')} headingLevel={3}>
      <p>{progress.status === 'queued' ? t('ps.relabel.queued') : t('ps.relabel.running', counts)}</p>
    </SectionMessage>
  );
}

/** The project settings page: what is in force, its history, the editor, the relabel job. */
export function App({ host, projectId }: { host: HostInfo; projectId: string | undefined }) {
  const ids = useId();
  const [state, setState] = useState<State>(
    projectId === undefined ? { kind: 'noProject' } : { kind: 'loading' }
  );
  const [generation, setGeneration] = useState(0);
  const [saved, setSaved] = useState<string | null>(null);
  const [watchRelabel, setWatchRelabel] = useState(false);
  const [learned, setLearned] = useState<ReadonlyMap<string, string>>(new Map());
  const live = useRef(true);

  const apply = useCallback((result: UiResult<SettingsView>) => {
    if (!live.current) return;
    if (result.ok) setState({ kind: 'ready', view: result.data });
    else if (result.error.code === 'FORBIDDEN') setState({ kind: 'forbidden' });
    else setState({ kind: 'error', error: result.error });
    setGeneration((n) => n + 1);
  }, []);

  const load = useCallback(() => {
    if (projectId === undefined) return;
    setSaved(null);
    setState({ kind: 'loading' });
    void getCapacitySettings({ projectId }).then(apply);
  }, [apply, projectId]);

  useEffect(() => {
    live.current = true;
    // The first state is already `loading`: only the answer sets state, from the promise.
    if (projectId !== undefined) void getCapacitySettings({ projectId }).then(apply);
    return () => {
      live.current = false;
    };
  }, [apply, projectId]);

  const view = state.kind === 'ready' ? state.view : undefined;
  const relabel = view?.relabel ?? null;
  const running = relabel !== null && (relabel.status === 'queued' || relabel.status === 'running');

  // While the job runs, only its progress is refreshed: the editor (and anything typed) stays.
  useEffect(() => {
    if (!running || projectId === undefined) return;
    const timer = window.setTimeout(() => {
      void getCapacitySettings({ projectId }).then((result) => {
        if (!live.current || !result.ok) return;
        setState((previous) =>
          previous.kind === 'ready'
            ? { kind: 'ready', view: { ...previous.view, relabel: result.data.relabel } }
            : previous
        );
      });
    }, RELABEL_POLL_MS);
    return () => window.clearTimeout(timer);
  }, [running, relabel, projectId]);

  const unknown = view
    ? [...view.history.map((entry) => entry.savedBy), view.me].filter((id) => !(id in view.people))
    : [];
  const looked = useDisplayNames(unknown);
  const names = new Map<string, string>(looked);
  if (view) for (const [id, person] of Object.entries(view.people)) names.set(id, person.displayName);
  for (const [id, name] of learned) names.set(id, name);
  const nameOf = (accountId: string) => names.get(accountId) ?? accountId;
  const learnName = useCallback(
    (accountId: string, displayName: string) =>
      setLearned((previous) => new Map(previous).set(accountId, displayName)),
    []
  );

  let body: ReactNode;
  if (state.kind === 'loading') body = <Spinner label={t('common.loading')} />;
  else if (state.kind === 'noProject')
    body = (
      <SectionMessage appearance="error" title={t('ps.noProject.title')}>
        <p>{t('ps.noProject.body')}</p>
      </SectionMessage>
    );
  else if (state.kind === 'forbidden')
    body = (
      <SectionMessage appearance="warning" title={t('ps.forbidden.title')}>
        <p>{t('ps.forbidden.body')}</p>
      </SectionMessage>
    );
  else if (state.kind === 'error')
    body = (
      <SectionMessage
        appearance="error"
        title={t('ps.loadError')}
        announce
        actions={
          <button type="button" className="tdm-button" onClick={load}>
            {t('common.tryAgain')}
          </button>
        }
      >
        <p>{errorMessage(state.error)}</p>
      </SectionMessage>
    );
  else {
    const { view: ready } = state;
    const latest = ready.history[0];
    body = (
      <>
        {!ready.canConfigure && (
          <SectionMessage appearance="information" title={t('ps.readOnly.title')}>
            <p>{t('ps.readOnly.body')}</p>
          </SectionMessage>
        )}
        <section className="ps-section" aria-labelledby={`${ids}-force`}>
          <h2 id={`${ids}-force`} className="ps-h2">
            {t('ps.inForce.heading')}
          </h2>
          <p>
            {ready.version === null || latest === undefined
              ? t('ps.inForce.default')
              : t('ps.inForce.saved', {
                  version: ready.version,
                  time: formatDateTime(latest.savedAt, host) ?? latest.savedAt,
                  who: nameOf(latest.savedBy)
                })}
          </p>
          <div role="status">
            {saved !== null && (
              <SectionMessage
                appearance="success"
                title={t('ps.save.savedTitle', { version: saved })}
                headingLevel={3}
              >
                <p>{watchRelabel ? t('ps.save.savedRelabel') : t('ps.save.savedBody')}</p>
              </SectionMessage>
            )}
          </div>
          <div role="status" aria-live="polite">
            {relabel !== null && (watchRelabel || running) && <Relabel progress={relabel} />}
          </div>
          <History history={ready.history} host={host} nameOf={nameOf} />
        </section>
        <Editor
          key={generation}
          view={ready}
          projectId={projectId ?? ''}
          names={names}
          learnName={learnName}
          onReload={load}
          onSaved={(next, relabels) => {
            setState({ kind: 'ready', view: next });
            setSaved(next.version);
            setWatchRelabel(relabels);
            setGeneration((n) => n + 1);
          }}
        />
      </>
    );
  }

  return (
    <main className="ps-page">
      <header className="ps-header">
        <h1 className="ps-title">{t('ps.title')}</h1>
        {view && (
          <p className="ps-subtitle">
            {t('ps.subtitle', { project: view.project.name, key: view.project.key })}
          </p>
        )}
      </header>
      {body}
    </main>
  );
}
