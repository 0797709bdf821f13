import { useCallback, useEffect, useRef, useState, type FormEvent } from 'react';
import type {
  CardView,
  FollowedAction,
  PeriodFigures,
  RetroBoardAnswer,
  RetroColumn,
  RetroPhase,
  RetroUserOption,
  RetroView
} from '@contract/retro';
import type { HostInfo } from '../../common/bootstrap';
import { Lozenge, SectionMessage, Spinner, type LozengeAppearance } from '../../common/components';
import { errorMessage } from '../../common/errors';
import { t } from '../../common/i18n';
import { subscribeLive } from '../../common/live';
import type { UiError, UiResult } from '../../common/ui-result';
import * as client from './client';
import { COLUMN_KEYS, NOTICE_KEYS, PHASE_KEYS, PROPOSAL_KEYS } from './labels';

const PHASES: RetroPhase[] = ['review', 'add', 'group', 'vote', 'discuss', 'done'];
/** Others' changes show within 2 s even where Forge Realtime is not delivering. */
const POLL_MS = 2000;

/**
 * Writes of this frame whose realtime echo is still to come: the echo refreshes the board but is
 * not announced as someone else's change. One frame per macro, so one counter per module.
 */
const ownWrites = { pending: 0 };

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

const STATUS_LOOK: Record<string, LozengeAppearance> = {
  new: 'default',
  indeterminate: 'inprogress',
  done: 'success'
};

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
        className="tdm-textarea"
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
              className="tdm-select"
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
                className="tdm-select"
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

function ActionForm({
  view,
  from,
  onClose,
  onCreated,
  setError
}: {
  view: RetroView;
  from: CardView | null;
  onClose: () => void;
  onCreated: (key: string) => Promise<void>;
  setError: (e: UiError | null) => void;
}) {
  const [summary, setSummary] = useState(from?.text.slice(0, 255) ?? '');
  const [query, setQuery] = useState('');
  const [options, setOptions] = useState<RetroUserOption[]>([]);
  const [owner, setOwner] = useState('');
  const [due, setDue] = useState('');
  const [busy, setBusy] = useState(false);
  const first = useRef<HTMLInputElement>(null);
  useEffect(() => first.current?.focus(), []);
  useEffect(() => {
    if (query.trim().length === 0) return undefined;
    const timer = setTimeout(() => {
      void client.searchOwners({ query }).then((result) => {
        if (result.ok) {
          setOptions(result.data);
          if (result.data[0] && !owner) setOwner(result.data[0].accountId);
        }
      });
    }, 250);
    return () => clearTimeout(timer);
  }, [query, owner]);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    ownWrites.pending += 1;
    const result = await client.createAction({
      cardId: from?.id ?? null,
      summary,
      owner: owner || null,
      due: due || null
    });
    setBusy(false);
    if (!result.ok) {
      ownWrites.pending = Math.max(0, ownWrites.pending - 1);
      setError(result.error);
      return;
    }
    setError(null);
    const created = result.data.actions[result.data.actions.length - 1];
    await onCreated(created?.issueKey ?? '');
  };
  return (
    <form
      className="retro-action-form"
      onSubmit={(e) => void submit(e)}
      aria-labelledby="retro-action-form-title"
    >
      <h3 id="retro-action-form-title">
        {from ? t('retro.action.createFrom', { text: from.text }) : t('retro.action.create')}
      </h3>
      <label className="tdm-label" htmlFor="retro-action-summary">
        {t('retro.action.summary')}
      </label>
      <input
        id="retro-action-summary"
        ref={first}
        className="tdm-input"
        value={summary}
        maxLength={255}
        onChange={(e) => setSummary(e.target.value)}
      />
      <label className="tdm-label" htmlFor="retro-action-owner-search">
        {t('retro.action.ownerSearch')}
      </label>
      <input
        id="retro-action-owner-search"
        className="tdm-input"
        value={query}
        onChange={(e) => setQuery(e.target.value)}
      />
      <label className="tdm-label" htmlFor="retro-action-owner">
        {t('retro.action.owner')}
      </label>
      <select
        id="retro-action-owner"
        className="tdm-select"
        value={owner}
        onChange={(e) => setOwner(e.target.value)}
      >
        <option value="">{t('retro.action.ownerPick')}</option>
        {options.map((o) => (
          <option key={o.accountId} value={o.accountId}>
            {o.displayName}
          </option>
        ))}
      </select>
      <label className="tdm-label" htmlFor="retro-action-due">
        {t('retro.action.due')}
      </label>
      <input
        id="retro-action-due"
        type="date"
        className="tdm-input"
        value={due}
        min={view.today}
        onChange={(e) => setDue(e.target.value)}
        aria-describedby="retro-action-due-help"
      />
      <p id="retro-action-due-help" className="tdm-field-help">
        {t('retro.action.dueDefault', { date: view.defaultDue })}
      </p>
      <div className="retro-form-buttons">
        <button type="submit" className="tdm-button tdm-button--primary" disabled={busy || !summary.trim()}>
          {t('retro.action.submit')}
        </button>
        <button type="button" className="tdm-button" onClick={onClose}>
          {t('retro.action.cancel')}
        </button>
      </div>
    </form>
  );
}

function StatusCell({ status }: { status: { name: string; category: string } | null }) {
  if (!status) return <span className="tdm-subtle">{t('retro.action.statusUnknown')}</span>;
  return <Lozenge appearance={STATUS_LOOK[status.category] ?? 'default'}>{status.name}</Lozenge>;
}

function Actions({
  view,
  name,
  busy,
  onCreated,
  setError,
  setAnnouncement
}: {
  view: RetroView;
  name: (id: string | null) => string;
  busy: boolean;
  onCreated: (view: RetroView) => void;
  setError: (e: UiError | null) => void;
  setAnnouncement: (s: string) => void;
}) {
  const [open, setOpen] = useState(false);
  return (
    <section aria-labelledby="retro-actions-heading" className="retro-section">
      <h2 id="retro-actions-heading" className="retro-h2">
        {t('retro.action.title')}
      </h2>
      {view.actions.length === 0 ? (
        <p className="tdm-subtle">{t('retro.action.none')}</p>
      ) : (
        <table className="tdm-table" data-testid="retro-actions">
          <thead>
            <tr>
              <th scope="col">{t('retro.action.issue')}</th>
              <th scope="col">{t('retro.action.summary')}</th>
              <th scope="col">{t('retro.action.owner')}</th>
              <th scope="col">{t('retro.action.due')}</th>
              <th scope="col">{t('retro.action.status')}</th>
            </tr>
          </thead>
          <tbody>
            {view.actions.map((a) => (
              <tr key={a.id}>
                <td>{a.issueKey}</td>
                <td>{a.summary}</td>
                <td>{name(a.owner)}</td>
                <td>
                  {a.due} {a.overdue && <Lozenge appearance="removed">{t('retro.action.overdue')}</Lozenge>}
                </td>
                <td>
                  <StatusCell status={a.status} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {view.phase === 'discuss' && view.me.canEdit && !view.canCreateIssues && view.project && (
        <p className="tdm-subtle">{t('retro.action.noPermission')}</p>
      )}
      {view.phase === 'discuss' && view.me.canEdit && view.canCreateIssues && !open && (
        <button type="button" className="tdm-button" disabled={busy} onClick={() => setOpen(true)}>
          {t('retro.action.create')}
        </button>
      )}
      {open && (
        <ActionFormStandalone
          view={view}
          onClose={() => setOpen(false)}
          onCreated={onCreated}
          setError={setError}
          setAnnouncement={setAnnouncement}
        />
      )}
    </section>
  );
}

function ActionFormStandalone({
  view,
  onClose,
  onCreated,
  setError,
  setAnnouncement
}: {
  view: RetroView;
  onClose: () => void;
  onCreated: (view: RetroView) => void;
  setError: (e: UiError | null) => void;
  setAnnouncement: (s: string) => void;
}) {
  return (
    <ActionForm
      view={view}
      from={null}
      onClose={onClose}
      setError={setError}
      onCreated={async (key) => {
        onClose();
        setAnnouncement(t('retro.action.created', { key }));
        const result = await client.getRetro();
        if (result.ok) onCreated(result.data);
      }}
    />
  );
}

function Carried({ actions, name }: { actions: FollowedAction[]; name: (id: string | null) => string }) {
  return (
    <section aria-labelledby="retro-carried-heading" className="retro-section">
      <h2 id="retro-carried-heading" className="retro-h2">
        {t('retro.carried.title')}
      </h2>
      {actions.length === 0 ? (
        <p className="tdm-subtle">{t('retro.carried.none')}</p>
      ) : (
        <table className="tdm-table" data-testid="retro-carried">
          <thead>
            <tr>
              <th scope="col">{t('retro.action.issue')}</th>
              <th scope="col">{t('retro.action.summary')}</th>
              <th scope="col">{t('retro.action.owner')}</th>
              <th scope="col">{t('retro.action.due')}</th>
              <th scope="col">{t('retro.action.status')}</th>
            </tr>
          </thead>
          <tbody>
            {actions.map((a) => (
              <tr key={a.issueId}>
                <td>{a.issueKey}</td>
                <td>{a.summary}</td>
                <td>{name(a.owner)}</td>
                <td>
                  {a.due} {a.overdue && <Lozenge appearance="removed">{t('retro.action.overdue')}</Lozenge>}
                </td>
                <td>
                  <StatusCell status={{ name: a.status, category: a.category }} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

function Figures({ figures, host }: { figures: PeriodFigures; host: HostInfo }) {
  const hours = (n: number) => new Intl.NumberFormat(host.tag, { maximumFractionDigits: 1 }).format(n);
  return (
    <section aria-labelledby="retro-figures-heading" className="retro-figures">
      <h2 id="retro-figures-heading" className="retro-h2">
        {t('retro.figures.title')}
      </h2>
      <p className="tdm-subtle">
        {t('retro.figures.period', { start: figures.period.start, end: figures.period.end })}
      </p>
      <h3 className="retro-h3">{t('retro.figures.done')}</h3>
      {figures.donePerLane.length === 0 ? (
        <p className="tdm-subtle">{t('retro.figures.noneDone')}</p>
      ) : (
        <ul>
          {figures.donePerLane.map((l) => (
            <li key={l.lane ?? '-'}>
              {l.lane ?? t('retro.figures.noLane')} — {l.count}
            </li>
          ))}
        </ul>
      )}
      <h3 className="retro-h3">{t('retro.figures.approvals')}</h3>
      <p>
        {t('retro.figures.approvalsLine', {
          decided: figures.approvals.decided,
          pending: figures.approvals.pending
        })}
      </p>
      {figures.approvals.medianHours !== null && (
        <p>{t('retro.figures.median', { hours: hours(figures.approvals.medianHours) })}</p>
      )}
      {figures.approvals.slowest && (
        <p>
          {t('retro.figures.slowest', {
            key: figures.approvals.slowest.issueKey,
            hours: hours(figures.approvals.slowest.hours)
          })}
        </p>
      )}
      <h3 className="retro-h3">{t('retro.figures.experiments')}</h3>
      <p>{t('retro.figures.started', { count: figures.experiments.started.length })}</p>
      <p>{t('retro.figures.stopped', { count: figures.experiments.stopped.length })}</p>
      <ul>
        {figures.experiments.stopped.map((e) => (
          <li key={e.issueKey}>
            {t('retro.figures.outcome', { key: e.issueKey, summary: e.summary, outcome: e.outcome ?? '—' })}
          </li>
        ))}
      </ul>
      <h3 className="retro-h3">{t('retro.figures.protected')}</h3>
      {figures.protectedTime ? (
        <p>
          {t('retro.figures.protectedLine', {
            logged: hours(figures.protectedTime.loggedHours),
            planned: hours(figures.protectedTime.plannedHours)
          })}
        </p>
      ) : (
        <p className="tdm-subtle">{t('retro.figures.noProtected')}</p>
      )}
    </section>
  );
}

function Energy({ view }: { view: RetroView }) {
  const items = view.energy ?? [];
  return (
    <section aria-labelledby="retro-energy-heading" className="retro-section">
      <h2 id="retro-energy-heading" className="retro-h2">
        {t('retro.energy.title')}
      </h2>
      {items.length === 0 ? (
        <p className="tdm-subtle">{t('retro.energy.none')}</p>
      ) : (
        <ul>
          {items.map((item) => (
            <li key={item.cardIds[0]}>
              {item.work} —{' '}
              {t('retro.energy.counts', {
                energising: item.energising,
                neutral: item.neutral,
                draining: item.draining
              })}{' '}
              {item.proposal && <Lozenge appearance="moved">{t(PROPOSAL_KEYS[item.proposal])}</Lozenge>}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function Agenda({ view }: { view: RetroView }) {
  const text = (id: string) => view.board.cards.find((c) => c.id === id)?.text ?? '';
  return (
    <section aria-labelledby="retro-agenda-heading" className="retro-section">
      <h2 id="retro-agenda-heading" className="retro-h2">
        {t('retro.agenda.title')}
      </h2>
      <ol>
        {(view.agenda ?? []).map((slot) => (
          <li key={slot.cardId}>
            {text(slot.cardId)} —{' '}
            {slot.minutes > 0 ? t('retro.agenda.slot', { minutes: slot.minutes }) : t('retro.agenda.next')}
          </li>
        ))}
      </ol>
    </section>
  );
}

function Joint({ view }: { view: RetroView }) {
  const joint = view.joint;
  if (!joint) return null;
  return (
    <section aria-labelledby="retro-joint-heading" className="retro-section">
      <h2 id="retro-joint-heading" className="retro-h2">
        {t('retro.joint.title')}
      </h2>
      <h3 className="retro-h3">{t('retro.joint.progress')}</h3>
      <ul>
        {joint.progress.map((row) => (
          <li key={row.lane ?? '-'}>
            {row.lane ?? t('retro.figures.noLane')} —{' '}
            {t('retro.joint.progressLine', { done: row.done, inProgress: row.inProgress, todo: row.todo })}
          </li>
        ))}
      </ul>
      <h3 className="retro-h3">{t('retro.joint.blocked')}</h3>
      {joint.blocked.length === 0 ? (
        <p className="tdm-subtle">{t('retro.joint.none')}</p>
      ) : (
        <ul>
          {joint.blocked.map((i) => (
            <li key={i.issueKey}>
              {i.issueKey} {i.summary}
            </li>
          ))}
        </ul>
      )}
      <h3 className="retro-h3">{t('retro.joint.decisions')}</h3>
      {joint.decisionsDue.length === 0 ? (
        <p className="tdm-subtle">{t('retro.joint.none')}</p>
      ) : (
        <ul>
          {joint.decisionsDue.map((i) => (
            <li key={i.issueKey}>
              {i.issueKey} {i.summary} {i.due ?? ''}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
