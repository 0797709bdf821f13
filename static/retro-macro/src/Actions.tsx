/* The retro's actions: the form that turns a card into a Jira issue, the actions table with
   their live Jira status, and the open actions carried over from earlier retros. */
import { useEffect, useRef, useState, type FormEvent } from 'react';
import type { CardView, FollowedAction, RetroUserOption, RetroView } from '@contract/retro';
import { Lozenge, type LozengeAppearance } from '../../common/components';
import { t } from '../../common/i18n';
import type { UiError } from '../../common/ui-result';
import * as client from './client';

/**
 * Writes of this frame whose realtime echo is still to come: the echo refreshes the board but is
 * not announced as someone else's change. One frame per macro, so one counter per module.
 */
export const ownWrites = { pending: 0 };

const STATUS_LOOK: Record<string, LozengeAppearance> = {
  new: 'default',
  indeterminate: 'inprogress',
  done: 'success'
};

export function ActionForm({
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
        className="tdm-input tdm-select"
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

export function Actions({
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

export function Carried({
  actions,
  name
}: {
  actions: FollowedAction[];
  name: (id: string | null) => string;
}) {
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
