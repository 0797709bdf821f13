import type { BacklogView, IdeaView } from '@contract/ideas';
import { useCallback, useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import type { HostInfo } from '../../common/bootstrap';
import { SectionMessage, Spinner } from '../../common/components';
import { errorMessage } from '../../common/errors';
import { formatTime } from '../../common/format';
import { t } from '../../common/i18n';
import { subscribeLive } from '../../common/live';
import type { UiError, UiResult } from '../../common/ui-result';
import { Capture } from './Capture';
import { getBacklog } from './client';
import { Filters } from './Filters';
import { IdeaBoard } from './IdeaBoard';
import { IdeaDetail } from './IdeaDetail';
import { IdeaList } from './IdeaList';
import { filterIdeas, NO_FILTER, replaceIdea, reviewQueue, type Filter } from './model';
import { Review } from './Review';

type Ready = Extract<BacklogView, { state: 'ready' }>;
type State =
  | { status: 'loading' }
  | { status: 'error'; error: UiError }
  | { status: 'unconfigured'; canEdit: boolean }
  | { status: 'ready'; view: Ready };

const TABS = ['list', 'board', 'review'] as const;
type Tab = (typeof TABS)[number];

/** Realtime first; when it is down the backlog is re-read every 2 s so others' votes still show. */
const POLL_MS = 2000;

/** The polite live region every change of the backlog goes through. */
export type Announce = (text: string) => void;

/** Labels of the payload fields an INVALID_INPUT answer may name. */
export const FIELD_LABELS = (): Record<string, string> => ({
  summary: t('ideas.field.summary'),
  notes: t('ideas.field.notes'),
  url: t('ideas.field.url'),
  snippet: t('ideas.field.snippet'),
  hypothesis: t('ideas.field.hypothesis'),
  successMetric: t('ideas.field.successMetric'),
  stopDate: t('ideas.field.stopDate'),
  lesson: t('ideas.field.lesson'),
  note: t('ideas.field.note'),
  config: t('ideas.field.config'),
  issueType: t('ideas.field.issueType')
});

export function App({ host }: { host: HostInfo }) {
  const [state, setState] = useState<State>({ status: 'loading' });
  const [tab, setTab] = useState<Tab>('list');
  const [filter, setFilter] = useState<Filter>(NO_FILTER);
  const [openId, setOpenId] = useState<string | null>(null);
  const [message, setMessage] = useState('');
  const tabRefs = useRef<Record<Tab, HTMLButtonElement | null>>({ list: null, board: null, review: null });
  const returnFocus = useRef<HTMLElement | null>(null);

  const announce = useCallback<Announce>((text) => {
    // The same sentence twice in a row must be read twice: clear, then set on the next frame.
    setMessage('');
    window.requestAnimationFrame(() => setMessage(text));
  }, []);

  const apply = useCallback((answer: UiResult<BacklogView>) => {
    if (!answer.ok) setState({ status: 'error', error: answer.error });
    else if (answer.data.state === 'unconfigured')
      setState({ status: 'unconfigured', canEdit: answer.data.canEdit });
    else setState({ status: 'ready', view: answer.data });
  }, []);
  const load = useCallback(() => getBacklog().then(apply), [apply]);

  useEffect(() => {
    void getBacklog().then(apply);
  }, [apply]);

  const channel = state.status === 'ready' ? state.view.channel : null;
  useEffect(() => {
    if (!channel) return undefined;
    return subscribeLive(channel, () => void load(), { pollMs: POLL_MS, poll: () => void load() });
  }, [channel, load]);

  const onIdea = useCallback((idea: IdeaView) => {
    setState((s) =>
      s.status === 'ready' ? { ...s, view: { ...s.view, ideas: replaceIdea(s.view.ideas, idea) } } : s
    );
  }, []);

  const view = state.status === 'ready' ? state.view : null;
  const shown = useMemo(() => (view ? filterIdeas(view.ideas, filter) : []), [view, filter]);
  const queue = useMemo(() => (view ? reviewQueue(view.ideas) : []), [view]);
  const open = view?.ideas.find((idea) => idea.id === openId) ?? null;

  const openIdea = (id: string) => {
    returnFocus.current = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    setOpenId(id);
  };
  const closeIdea = useCallback(() => {
    setOpenId(null);
    window.requestAnimationFrame(() => returnFocus.current?.focus());
  }, []);

  const onTabKey = (event: KeyboardEvent<HTMLButtonElement>, current: Tab) => {
    const i = TABS.indexOf(current);
    let next: Tab | undefined;
    if (event.key === 'ArrowRight') next = TABS[(i + 1) % TABS.length];
    else if (event.key === 'ArrowLeft') next = TABS[(i + TABS.length - 1) % TABS.length];
    else if (event.key === 'Home') next = TABS[0];
    else if (event.key === 'End') next = TABS[TABS.length - 1];
    if (!next) return;
    event.preventDefault();
    setTab(next);
    tabRefs.current[next]?.focus();
  };

  return (
    <main className="ideas-page">
      <div className="tdm-sr-only" role="status" aria-live="polite" aria-atomic="true">
        {message}
      </div>
      {state.status === 'loading' && (
        <div className="ideas-loading">
          <Spinner label={t('common.loading')} />
        </div>
      )}
      {state.status === 'error' && (
        <SectionMessage
          appearance="error"
          title={t('ideas.loadError.title')}
          announce
          actions={
            <button type="button" className="tdm-button" onClick={() => void load()}>
              {t('common.tryAgain')}
            </button>
          }
        >
          {errorMessage(state.error, FIELD_LABELS())}
        </SectionMessage>
      )}
      {state.status === 'unconfigured' && (
        <SectionMessage title={t('ideas.unconfigured.title')}>{t('ideas.unconfigured.body')}</SectionMessage>
      )}
      {view && (
        <>
          <header className="ideas-header">
            <h1 className="ideas-title">{t('ideas.title')}</h1>
            <p className="tdm-subtle">
              {t('ideas.subtitle', { project: view.project.name, model: view.model, days: view.cadenceDays })}
            </p>
            <p className="tdm-small tdm-subtle">
              {t('ideas.readAt', { count: view.ideas.length, time: formatTime(view.readAt, host) ?? '' })}
            </p>
          </header>
          {!view.canEdit && <p className="tdm-small tdm-subtle">{t('ideas.readOnly')}</p>}
          {view.canCreate && view.ideaTypeFound && (
            <Capture
              onCaptured={(idea) => {
                onIdea(idea);
                announce(t('ideas.capture.done', { key: idea.key, summary: idea.summary }));
              }}
            />
          )}
          {view.canEdit && !view.ideaTypeFound && (
            <SectionMessage appearance="warning">{t('ideas.noIdeaType')}</SectionMessage>
          )}
          <div role="tablist" aria-label={t('ideas.tabs.label')} className="ideas-tabs">
            {TABS.map((name) => (
              <button
                key={name}
                ref={(el) => {
                  tabRefs.current[name] = el;
                }}
                id={`ideas-tab-${name}`}
                type="button"
                role="tab"
                aria-selected={tab === name}
                aria-controls={`ideas-panel-${name}`}
                tabIndex={tab === name ? 0 : -1}
                className="ideas-tab"
                onClick={() => setTab(name)}
                onKeyDown={(event) => onTabKey(event, name)}
              >
                {name === 'list'
                  ? t('ideas.tabs.list')
                  : name === 'board'
                    ? t('ideas.tabs.board')
                    : t('ideas.tabs.review', { count: queue.length })}
              </button>
            ))}
          </div>
          {open && (
            <IdeaDetail
              idea={open}
              view={view}
              host={host}
              onIdea={onIdea}
              announce={announce}
              onClose={closeIdea}
            />
          )}
          {tab !== 'review' && (
            <Filters filter={filter} onChange={setFilter} shown={shown.length} total={view.ideas.length} />
          )}
          <section
            id="ideas-panel-list"
            role="tabpanel"
            aria-labelledby="ideas-tab-list"
            hidden={tab !== 'list'}
          >
            {tab === 'list' && (
              <IdeaList
                ideas={shown}
                view={view}
                host={host}
                onOpen={openIdea}
                onIdea={onIdea}
                announce={announce}
              />
            )}
          </section>
          <section
            id="ideas-panel-board"
            role="tabpanel"
            aria-labelledby="ideas-tab-board"
            hidden={tab !== 'board'}
          >
            {tab === 'board' && (
              <IdeaBoard
                ideas={shown}
                view={view}
                host={host}
                onOpen={openIdea}
                onIdea={onIdea}
                announce={announce}
              />
            )}
          </section>
          <section
            id="ideas-panel-review"
            role="tabpanel"
            aria-labelledby="ideas-tab-review"
            hidden={tab !== 'review'}
          >
            {tab === 'review' && (
              <Review
                queue={queue}
                view={view}
                host={host}
                onIdea={onIdea}
                announce={announce}
                onOpen={openIdea}
              />
            )}
          </section>
        </>
      )}
    </main>
  );
}
