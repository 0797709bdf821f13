import { router } from '@forge/bridge';
import type { CapacityPageView } from '@contract/capacity';
import { lazy, Suspense, useCallback, useEffect, useRef, useState, type KeyboardEvent } from 'react';
import type { HostInfo } from '../../common/bootstrap';
import { getCapacityPage } from '../../common/client';
import { SectionMessage, Spinner } from '../../common/components';
import { errorMessage } from '../../common/errors';
import { formatDateTime } from '../../common/format';
import { t } from '../../common/i18n';
import type { UiError, UiResult } from '../../common/ui-result';
import { Board } from './Board';
import { JqlPanel } from './JqlPanel';
import { formatDay, formatNumber } from './model';

// The plan and its what-if load on first visit: the board, what people open, stays light.
const Plan = lazy(() => import('./plan/Plan'));

/** The key of the project settings page module (manifest.yml), for "Open settings". */
export const SETTINGS_MODULE_KEY = 'tandem-lanes-settings';

export interface ProjectContext {
  id: string;
  key: string;
}

type State =
  { status: 'loading' } | { status: 'error'; error: UiError } | { status: 'ready'; view: CapacityPageView };

const TABS = ['board', 'plan', 'jql'] as const;
type Tab = (typeof TABS)[number];
const TAB_LABELS = { board: 'lanes.tabs.board', plan: 'lanes.tabs.plan', jql: 'lanes.tabs.jql' } as const;

function Loading() {
  return (
    <div className="lanes-loading">
      <Spinner label={t('common.loading')} />
    </div>
  );
}

/** The polite live region every status change of the page goes through (moves, what-if, copy). */
export type Announce = (text: string) => void;

export function App({ host, project }: { host: HostInfo; project: ProjectContext | undefined }) {
  const [state, setState] = useState<State>({ status: 'loading' });
  const [tab, setTab] = useState<Tab>('board');
  const [openedPlan, setOpenedPlan] = useState(false);
  const [message, setMessage] = useState('');
  const tabRefs = useRef<Record<Tab, HTMLButtonElement | null>>({ board: null, plan: null, jql: null });

  const announce = useCallback<Announce>((text) => {
    // The same sentence twice in a row must be read twice: clear, then set on the next frame.
    setMessage('');
    window.requestAnimationFrame(() => setMessage(text));
  }, []);

  const fetchPage = useCallback(
    (): Promise<UiResult<CapacityPageView>> =>
      project
        ? getCapacityPage({ projectId: project.id })
        : Promise.resolve({ ok: false, error: { code: 'NOT_FOUND', message: 'No project in the context' } }),
    [project]
  );
  const apply = useCallback((answer: UiResult<CapacityPageView>) => {
    // With the board's own mark, splits the time to the board into the resolver's and the render's.
    performance.mark('tandem:lanes-page-answer');
    setState(answer.ok ? { status: 'ready', view: answer.data } : { status: 'error', error: answer.error });
  }, []);
  const load = useCallback(() => fetchPage().then(apply), [fetchPage, apply]);

  useEffect(() => {
    void fetchPage().then(apply);
  }, [fetchPage, apply]);

  const select = (next: Tab) => {
    setTab(next);
    if (next === 'plan') setOpenedPlan(true);
  };
  const onTabKey = (event: KeyboardEvent<HTMLButtonElement>, current: Tab) => {
    const i = TABS.indexOf(current);
    const next =
      event.key === 'ArrowRight'
        ? TABS[(i + 1) % TABS.length]
        : event.key === 'ArrowLeft'
          ? TABS[(i - 1 + TABS.length) % TABS.length]
          : event.key === 'Home'
            ? TABS[0]
            : event.key === 'End'
              ? TABS[TABS.length - 1]
              : undefined;
    if (next === undefined) return;
    event.preventDefault();
    select(next);
    tabRefs.current[next]?.focus();
  };

  const live = (
    <div className="tdm-sr-only" role="status" aria-live="polite" data-testid="lanes-live">
      {message}
    </div>
  );

  if (state.status === 'loading')
    return (
      <main className="lanes-page">
        <Loading />
        {live}
      </main>
    );
  if (state.status === 'error')
    return (
      <main className="lanes-page">
        <SectionMessage
          appearance="error"
          title={t('lanes.loadError.title')}
          announce
          actions={
            <button type="button" className="tdm-button" onClick={() => void load()}>
              {t('common.tryAgain')}
            </button>
          }
        >
          <p>{errorMessage(state.error)}</p>
        </SectionMessage>
        {live}
      </main>
    );

  const { view } = state;
  const header = (
    <header className="lanes-header">
      <h1 className="lanes-title">{t('lanes.title')}</h1>
      <p className="tdm-subtle">{t('lanes.subtitle')}</p>
    </header>
  );

  if (view.board === null || view.plan === null) {
    return (
      <main className="lanes-page">
        {header}
        <SectionMessage
          title={t('lanes.setup.title')}
          actions={
            view.canConfigure ? (
              <button
                type="button"
                className="tdm-button tdm-button--primary"
                onClick={() =>
                  void router.navigate({
                    target: 'module',
                    moduleKey: SETTINGS_MODULE_KEY,
                    projectKey: view.project.key
                  })
                }
              >
                {t('lanes.setup.open')}
              </button>
            ) : undefined
          }
        >
          <p>{view.canConfigure ? t('lanes.setup.body') : t('lanes.setup.bodyNotAdmin')}</p>
        </SectionMessage>
        {live}
      </main>
    );
  }

  const board = view.board;
  return (
    <main className="lanes-page">
      {header}
      <p className="tdm-small tdm-subtle" data-testid="lanes-counted">
        {t('lanes.period', {
          start: formatDay(board.period.start, host.tag),
          end: formatDay(board.period.end, host.tag),
          days: formatNumber(board.period.workingDays, host.tag)
        })}
        {' · '}
        {t('lanes.counted', {
          count: formatNumber(view.counted.issues, host.tag, 0),
          time: formatDateTime(view.counted.readAt, host) ?? view.counted.readAt
        })}
      </p>
      {view.relabel !== null && (view.relabel.status === 'queued' || view.relabel.status === 'running') && (
        <SectionMessage appearance="information" headingLevel={3}>
          <p>{t('lanes.relabel', { processed: formatNumber(view.relabel.processed, host.tag, 0) })}</p>
        </SectionMessage>
      )}

      <div className="lanes-tabs" role="tablist" aria-label={t('lanes.tabs.label')}>
        {TABS.map((id) => (
          <button
            key={id}
            ref={(element) => {
              tabRefs.current[id] = element;
            }}
            type="button"
            role="tab"
            id={`lanes-tab-${id}`}
            aria-controls={`lanes-panel-${id}`}
            aria-selected={tab === id}
            tabIndex={tab === id ? 0 : -1}
            className="lanes-tab"
            onClick={() => select(id)}
            onKeyDown={(event) => onTabKey(event, id)}
          >
            {t(TAB_LABELS[id])}
          </button>
        ))}
      </div>

      <section
        id="lanes-panel-board"
        role="tabpanel"
        aria-labelledby="lanes-tab-board"
        hidden={tab !== 'board'}
      >
        <Board
          host={host}
          projectId={view.project.id}
          board={board}
          snapshot={view.snapshot}
          onView={(next) => setState({ status: 'ready', view: next })}
          announce={announce}
        />
      </section>
      <section id="lanes-panel-plan" role="tabpanel" aria-labelledby="lanes-tab-plan" hidden={tab !== 'plan'}>
        {openedPlan && (
          <Suspense fallback={<Loading />}>
            <Plan
              host={host}
              projectId={view.project.id}
              plan={view.plan}
              people={board.people}
              announce={announce}
            />
          </Suspense>
        )}
      </section>
      <section id="lanes-panel-jql" role="tabpanel" aria-labelledby="lanes-tab-jql" hidden={tab !== 'jql'}>
        <JqlPanel lanes={board.lanes} announce={announce} />
      </section>
      {live}
    </main>
  );
}
