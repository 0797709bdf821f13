import { useCallback, useEffect, useState, type FormEvent } from 'react';
import type { CardView, RetroBoardAnswer, RetroColumn, RetroPhase, RetroView } from '@contract/retro';
import type { HostInfo } from '../../common/bootstrap';
import { SectionMessage, Spinner } from '../../common/components';
import { errorMessage } from '../../common/errors';
import { t } from '../../common/i18n';
import { subscribeLive } from '../../common/live';
import type { UiError, UiResult } from '../../common/ui-result';
import * as client from './client';
import { COLUMN_KEYS, NOTICE_KEYS, PHASE_KEYS } from './labels';
import { ActionForm, Actions, Carried, ownWrites } from './Actions';
import { Agenda, Energy, Figures, Joint } from './Period';

const PHASES: RetroPhase[] = ['review', 'add', 'group', 'vote', 'discuss', 'done'];
/** Others' changes show within 2 s even where Forge Realtime is not delivering. */
const POLL_MS = 2000;

const phaseLabel = (phase: RetroPhase) => t(PHASE_KEYS[phase]);

export function columnLabel(column: RetroColumn): string {
  const key = COLUMN_KEYS[column.id];
  return column.label ?? (key ? t(key) : column.id);
}

const FIELD_LABELS = (): Record<string, string> => ({
  text: t('retro.field.text'),
  summary: t('retro.field.summary'),
  owner: t('retro.field.owner'),
  due: t('retro.field.due'),
  phase: t('retro.field.phase'),
  config: t('retro.field.config'),
  cardId: t('retro.field.cardId')
});

export function App({ host }: { host: HostInfo }) {
  const [view, setView] = useState<RetroView | null>(null);
  const [error, setError] = useState<UiError | null>(null);
  const [announcement, setAnnouncement] = useState('');
  const [busy, setBusy] = useState(false);

  const apply = useCallback((result: UiResult<RetroView>) => {
    if (result.ok) {
      setView(result.data);
      setError(null);
    } else setError(result.error);
  }, []);
  const load = useCallback(() => client.getRetro().then(apply), [apply]);

  const refreshBoard = useCallback(async () => {
    const result = await client.getBoard();
    if (result.ok) setView((current) => (current ? { ...current, ...result.data } : current));
  }, []);

  useEffect(() => {
    void client.getRetro().then(apply);
  }, [apply]);

  const channel = view?.channel;
  useEffect(() => {
    if (!channel) return undefined;
    return subscribeLive(
      channel,
      (payload: unknown) => {
        const what =
          typeof payload === 'object' && payload !== null ? (payload as { what?: unknown }).what : undefined;
        if (ownWrites.pending > 0) ownWrites.pending -= 1;
        else setAnnouncement(t('retro.live.updated'));
        void (what === 'actions' || what === 'phase' ? load() : refreshBoard());
      },
      { pollMs: POLL_MS, poll: () => void refreshBoard() }
    );
  }, [channel, load, refreshBoard]);

  /** Runs a write; its answer replaces the board, its success is announced to screen readers. */
  const write = useCallback(
    async <T extends RetroBoardAnswer>(
      run: () => Promise<UiResult<T>>,
      done: (data: T) => string
    ): Promise<boolean> => {
      setBusy(true);
      ownWrites.pending += 1;
      const result = await run();
      setBusy(false);
      if (!result.ok) {
        ownWrites.pending = Math.max(0, ownWrites.pending - 1);
        setError(result.error);
        return false;
      }
      setError(null);
      setView((current) => (current ? { ...current, ...result.data } : current));
      setAnnouncement(done(result.data));
      return true;
    },
    []
  );

  if (!view) {
    return (
      <main className="retro">
        {error ? (
          <SectionMessage
            appearance="error"
            announce
            actions={
              <button type="button" className="tdm-button" onClick={() => void load()}>
                {t('common.tryAgain')}
              </button>
            }
          >
            {errorMessage(error, FIELD_LABELS())}
          </SectionMessage>
        ) : (
          <Spinner label={t('retro.loading')} />
        )}
      </main>
    );
  }

  const name = (accountId: string | null) =>
    accountId ? (view.people[accountId]?.displayName ?? accountId) : '';
  const phaseIndex = PHASES.indexOf(view.phase);
  const next = PHASES[phaseIndex + 1];
  const previous = PHASES[phaseIndex - 1];
  const move = (to: RetroPhase) =>
    void write(
      () => client.setPhase({ phase: to, basedOn: Math.max(1, view.version) }),
      () => t('retro.phase.moved', { phase: phaseLabel(to) })
    ).then(async (ok) => {
      if (ok) await load();
    });

  return (
    <main className="retro" aria-busy={busy}>
      <div className="tdm-sr-only" aria-live="polite" role="status" data-testid="retro-live">
        {announcement}
      </div>
      <header className="retro-header">
        <h1 className="retro-title">{view.config.title || t('retro.title')}</h1>
        {view.config.teams.length > 0 && <p className="tdm-subtle">{view.config.teams.join(' · ')}</p>}
        <nav aria-label={t('retro.phases')}>
          <ol className="retro-phases">
            {PHASES.map((phase) => (
              <li
                key={phase}
                aria-current={phase === view.phase ? 'step' : undefined}
                className={phase === view.phase ? 'retro-phase retro-phase--current' : 'retro-phase'}
              >
                {phaseLabel(phase)}
              </li>
            ))}
          </ol>
        </nav>
        <p>{t('retro.phase.current', { phase: phaseLabel(view.phase) })}</p>
        <p className="tdm-subtle">
          {view.facilitators.length === 0
            ? t('retro.facilitators.none')
            : view.me.facilitator
              ? t('retro.facilitator.you')
              : t('retro.facilitators', { names: view.facilitators.map(name).join(', ') })}
        </p>
        {view.me.canEdit && (view.me.facilitator || view.facilitators.length === 0) && (
          <div className="retro-phase-controls">
            {previous && view.me.facilitator && (
              <button type="button" className="tdm-button" disabled={busy} onClick={() => move(previous)}>
                {t('retro.phase.back', { phase: phaseLabel(previous) })}
              </button>
            )}
            {next && (
              <button
                type="button"
                className="tdm-button tdm-button--primary"
                disabled={busy}
                onClick={() => move(next)}
              >
                {t('retro.phase.next', { phase: phaseLabel(next) })}
              </button>
            )}
          </div>
        )}
        {!view.me.canEdit && <p className="tdm-subtle">{t('retro.readOnly')}</p>}
      </header>

      {error && (
        <SectionMessage appearance="error" announce>
          {errorMessage(error, FIELD_LABELS())}
        </SectionMessage>
      )}
      {view.notices.map((notice) => (
        <SectionMessage key={notice} appearance="information">
          {t(NOTICE_KEYS[notice])}
        </SectionMessage>
      ))}

      <div className="retro-layout">
        <div className="retro-main">
          {view.phase === 'review' && <Carried actions={view.carriedOver} name={name} />}
          <Board
            view={view}
            busy={busy}
            write={write}
            name={name}
            onAction={load}
            setError={setError}
            setAnnouncement={setAnnouncement}
          />
          <Actions
            view={view}
            name={name}
            busy={busy}
            onCreated={(next) => setView(next)}
            setError={setError}
            setAnnouncement={setAnnouncement}
          />
          {view.phase !== 'review' && <Carried actions={view.carriedOver} name={name} />}
          {view.energy && <Energy view={view} />}
          {view.agenda && <Agenda view={view} />}
          {view.joint && <Joint view={view} />}
        </div>
        <aside className="retro-aside">
          {view.figures && <Figures figures={view.figures} host={host} />}
        </aside>
      </div>
    </main>
  );
}

type Write = <T extends RetroBoardAnswer>(
  run: () => Promise<UiResult<T>>,
  done: (data: T) => string
) => Promise<boolean>;

function Board({
  view,
  busy,
  write,
  name,
  onAction,
  setError,
  setAnnouncement
}: {
  view: RetroView;
  busy: boolean;
  write: Write;
  name: (id: string | null) => string;
  onAction: () => Promise<void>;
  setError: (e: UiError | null) => void;
  setAnnouncement: (s: string) => void;
}) {
  const [actionFrom, setActionFrom] = useState<CardView | null>(null);
  const columns = view.board.columns;
  return (
    <section aria-labelledby="retro-board-heading">
      <h2 id="retro-board-heading" className="tdm-sr-only">
        {t('retro.title')}
      </h2>
      {view.phase === 'vote' && (
        <p className="retro-votes-left">
          {t('retro.vote.left', { left: view.board.votes.left, total: view.board.votes.perPerson })}
        </p>
      )}
      <div className="retro-columns">
        {columns.map((column) => {
          const cards = view.board.cards.filter((c) => c.column === column.id);
          const hidden = view.board.hiddenCounts[column.id] ?? 0;
          const label = columnLabel(column);
          return (
            <section key={column.id} className="retro-column" aria-labelledby={`retro-col-${column.id}`}>
              <h3 id={`retro-col-${column.id}`} className="retro-column__title">
                {label}
              </h3>
              {hidden > 0 && <p className="tdm-subtle">{t('retro.card.hidden', { count: hidden })}</p>}
              {cards.length === 0 && hidden === 0 && <p className="tdm-subtle">{t('retro.card.empty')}</p>}
              <ul className="retro-cards">
                {cards.map((card) => (
                  <Card
                    key={card.id}
                    card={card}
                    view={view}
                    busy={busy}
                    write={write}
                    name={name}
                    onTurnIntoAction={() => setActionFrom(card)}
                  />
                ))}
              </ul>
              {view.phase === 'add' && view.me.canEdit && (
                <AddCard column={column} label={label} mode={view.config.mode} busy={busy} write={write} />
              )}
            </section>
          );
        })}
      </div>
      {actionFrom && (
        <ActionForm
          view={view}
          from={actionFrom}
          onClose={() => setActionFrom(null)}
          onCreated={async (key) => {
            setActionFrom(null);
            setAnnouncement(t('retro.action.created', { key }));
            await onAction();
          }}
          setError={setError}
        />
      )}
    </section>
  );
}

function AddCard({
  column,
  label,
  mode,
  busy,
  write
}: {
  column: RetroColumn;
  label: string;
  mode: string;
  busy: boolean;
  write: Write;
}) {
  const [text, setText] = useState('');
  const [repetitive, setRepetitive] = useState(false);
  const id = `retro-add-${column.id}`;
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!text.trim()) return;
    const ok = await write(
      () => client.addCard({ column: column.id, text, ...(mode === 'energy-audit' ? { repetitive } : {}) }),
      () => t('retro.card.added', { column: label })
    );
    if (ok) {
      setText('');
      setRepetitive(false);
    }
  };
  return (
    <form className="retro-add" onSubmit={(e) => void submit(e)}>
      <label htmlFor={id} className="tdm-label">
        {t('retro.card.addTo', { column: label })}
      </label>
      <textarea
        id={id}
        className="tdm-input tdm-textarea"
        value={text}
        maxLength={500}
        rows={2}
        onChange={(e) => setText(e.target.value)}
        onKeyDown={(e) => {
          // Enter adds the card (Shift+Enter for a new line): the keyboard path of the whole flow.
          if (e.key === 'Enter' && !e.shiftKey) void submit(e);
        }}
      />
      {mode === 'energy-audit' && (
        <label className="tdm-check">
          <input
            type="checkbox"
            className="tdm-checkbox"
            checked={repetitive}
            onChange={(e) => setRepetitive(e.target.checked)}
          />
          {t('retro.card.repetitive')}
        </label>
      )}
      <button type="submit" className="tdm-button" disabled={busy || !text.trim()}>
        {t('retro.card.add')}
      </button>
    </form>
  );
}

function Card({
  card,
  view,
  busy,
  write,
  name,
  onTurnIntoAction
}: {
  card: CardView;
  view: RetroView;
  busy: boolean;
  write: Write;
  name: (id: string | null) => string;
  onTurnIntoAction: () => void;
}) {
  const lead = card.groupId ? view.board.cards.find((c) => c.id === card.groupId) : undefined;
  const leads = view.board.cards.filter((c) => c.id !== card.id && c.groupId === null);
  const leadsGroup = view.board.cards.some((c) => c.groupId === card.id);
  const canDelete =
    view.me.canEdit &&
    ((card.mine && view.phase === 'add') || (view.me.facilitator && view.phase !== 'done'));
  return (
    <li className={card.groupId ? 'retro-card retro-card--grouped' : 'retro-card'} data-card-id={card.id}>
      <p className="retro-card__text">{card.text}</p>
      <p className="retro-card__meta tdm-subtle">
        {card.mine
          ? t('retro.card.mine')
          : card.author
            ? t('retro.card.by', { name: name(card.author) })
            : t('retro.card.anonymous')}
        {lead && <> · {t('retro.card.grouped', { text: lead.text })}</>}
        {card.votes !== null && <> · {t('retro.vote.count', { count: card.votes })}</>}
      </p>
      {view.phase === 'group' && view.me.canEdit && (
        <div className="retro-card__controls">
          <label className="tdm-label">
            {t('retro.card.moveTo')}
            <select
              className="tdm-input tdm-select"
              value={card.column}
              disabled={busy || card.groupId !== null}
              onChange={(e) =>
                void write(
                  () => client.moveCard({ cardId: card.id, column: e.target.value }),
                  () => t('retro.card.moved')
                )
              }
            >
              {view.board.columns.map((c) => (
                <option key={c.id} value={c.id}>
                  {columnLabel(c)}
                </option>
              ))}
            </select>
          </label>
          {!leadsGroup && (
            <label className="tdm-label">
              {t('retro.card.groupUnder')}
              <select
                className="tdm-input tdm-select"
                value={card.groupId ?? ''}
                disabled={busy}
                onChange={(e) =>
                  void write(
                    () =>
                      client.moveCard({
                        cardId: card.id,
                        into: e.target.value === '' ? null : e.target.value
                      }),
                    () => t('retro.card.moved')
                  )
                }
              >
                <option value="">{t('retro.card.ungroup')}</option>
                {leads.map((c) => (
                  <option key={c.id} value={c.id}>
                    {c.text.length > 60 ? `${c.text.slice(0, 60)}…` : c.text}
                  </option>
                ))}
              </select>
            </label>
          )}
        </div>
      )}
      {view.phase === 'vote' && view.me.canEdit && (
        <div className="retro-card__controls">
          <button
            type="button"
            className="tdm-button"
            disabled={busy || view.board.votes.left === 0}
            aria-label={t('retro.vote.for', { text: card.text })}
            onClick={() =>
              void write(
                () => client.vote({ cardId: card.id }),
                (d) => t('retro.vote.recorded', { left: d.board.votes.left })
              )
            }
          >
            {t('retro.vote')}
          </button>
          <span>{t('retro.vote.mine', { count: card.myVotes })}</span>
          {card.myVotes > 0 && (
            <button
              type="button"
              className="tdm-button tdm-button--subtle"
              disabled={busy}
              aria-label={t('retro.vote.remove', { text: card.text })}
              onClick={() =>
                void write(
                  () => client.unvote({ cardId: card.id }),
                  (d) => t('retro.vote.removed', { left: d.board.votes.left })
                )
              }
            >
              {t('retro.vote.removeShort')}
            </button>
          )}
        </div>
      )}
      {view.phase === 'discuss' && view.me.canEdit && view.canCreateIssues && (
        <button
          type="button"
          className="tdm-button"
          onClick={onTurnIntoAction}
          aria-label={t('retro.action.createFrom', { text: card.text })}
        >
          {t('retro.action.create')}
        </button>
      )}
      {canDelete && (
        <button
          type="button"
          className="tdm-button tdm-button--subtle"
          disabled={busy}
          aria-label={t('retro.card.deleteNamed', { text: card.text })}
          onClick={() =>
            void write(
              () => client.deleteCard({ cardId: card.id }),
              () => t('retro.card.deleted')
            )
          }
        >
          {t('retro.card.delete')}
        </button>
      )}
    </li>
  );
}
