import { view } from '@forge/bridge';
import { useEffect, useState, type FormEvent } from 'react';
import type { RetroConfigInput, RetroFormat, RetroMode } from '@contract/retro';
import { SectionMessage } from '../../common/components';
import { errorMessage } from '../../common/errors';
import { t, type PlainKey } from '../../common/i18n';
import type { UiError } from '../../common/ui-result';
import { configureRetro } from './client';
import { FORMAT_KEYS, MODE_KEYS } from './labels';

const MODES: RetroMode[] = ['retro', 'energy-audit', 'show-and-tell', 'joint-session'];
const FORMATS: RetroFormat[] = ['worked-didnt-improve', 'start-stop-continue', 'four-ls', 'custom'];

interface Draft {
  title: string;
  mode: RetroMode;
  teams: string;
  projectKey: string;
  periodStart: string;
  periodEnd: string;
  nextRetro: string;
  format: RetroFormat;
  columns: string;
  votesPerPerson: string;
  anonymous: boolean;
  timeBoxMinutes: string;
}

const str = (v: unknown, fallback = '') => (typeof v === 'string' ? v : fallback);

/** The saved config (untrusted JSON any editor may have changed) as the form's text fields. */
function draftOf(config: Record<string, unknown>): Draft {
  return {
    title: str(config.title),
    mode: MODES.includes(config.mode as RetroMode) ? (config.mode as RetroMode) : 'retro',
    teams: Array.isArray(config.teams) ? config.teams.filter((x) => typeof x === 'string').join(', ') : '',
    projectKey: str(config.projectKey),
    periodStart: str(config.periodStart),
    periodEnd: str(config.periodEnd),
    nextRetro: str(config.nextRetro),
    format: FORMATS.includes(config.format as RetroFormat)
      ? (config.format as RetroFormat)
      : 'worked-didnt-improve',
    columns: Array.isArray(config.columns)
      ? config.columns.filter((x) => typeof x === 'string').join('\n')
      : '',
    votesPerPerson: typeof config.votesPerPerson === 'number' ? String(config.votesPerPerson) : '5',
    anonymous: config.anonymous === true,
    timeBoxMinutes: typeof config.timeBoxMinutes === 'number' ? String(config.timeBoxMinutes) : '60'
  };
}

/** Only what was filled in: the server's schema applies its defaults to the rest. */
function configOf(d: Draft): RetroConfigInput {
  const list = (text: string, sep: RegExp) =>
    text
      .split(sep)
      .map((x) => x.trim())
      .filter(Boolean);
  return {
    title: d.title,
    mode: d.mode,
    teams: list(d.teams, /,/),
    ...(d.projectKey.trim() ? { projectKey: d.projectKey.trim().toUpperCase() } : {}),
    ...(d.periodStart ? { periodStart: d.periodStart } : {}),
    ...(d.periodEnd ? { periodEnd: d.periodEnd } : {}),
    ...(d.nextRetro ? { nextRetro: d.nextRetro } : {}),
    format: d.format,
    ...(d.format === 'custom' ? { columns: list(d.columns, /\n/) } : {}),
    votesPerPerson: Number(d.votesPerPerson),
    anonymous: d.anonymous,
    timeBoxMinutes: Number(d.timeBoxMinutes)
  };
}

const FIELD_LABELS = (): Record<string, string> => ({
  'config.title': t('retro.config.titleLabel'),
  'config.teams': t('retro.config.teams'),
  'config.projectKey': t('retro.config.project'),
  'config.periodStart': t('retro.config.periodStart'),
  'config.periodEnd': t('retro.config.periodEnd'),
  'config.nextRetro': t('retro.config.nextRetro'),
  'config.columns': t('retro.config.columns'),
  'config.votesPerPerson': t('retro.config.votes'),
  'config.timeBoxMinutes': t('retro.config.timeBox'),
  config: t('retro.field.config')
});

/**
 * The macro's settings dialog. The resolver checks the settings (and makes their first author the
 * facilitator) before `view.submit` hands them to Confluence, which stores them in the page.
 */
export function ConfigApp() {
  const [draft, setDraft] = useState<Draft | null>(null);
  const [error, setError] = useState<UiError | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    void view
      .getContext()
      .then((context) => {
        const config = (context.extension as { config?: unknown } | undefined)?.config;
        setDraft(
          draftOf(typeof config === 'object' && config !== null ? (config as Record<string, unknown>) : {})
        );
      })
      .catch(() => setDraft(draftOf({})));
  }, []);

  if (!draft) return null;
  const set = <K extends keyof Draft>(key: K, value: Draft[K]) => setDraft({ ...draft, [key]: value });

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    const result = await configureRetro({ config: configOf(draft) });
    if (!result.ok) {
      setBusy(false);
      setError(result.error);
      return;
    }
    await view.submit({ config: result.data.config });
  };

  const text = (id: keyof Draft, label: PlainKey, type = 'text') => (
    <>
      <label className="tdm-label" htmlFor={`cfg-${id}`}>
        {t(label)}
      </label>
      <input
        id={`cfg-${id}`}
        className="tdm-input"
        type={type}
        value={String(draft[id])}
        onChange={(e) => set(id, e.target.value as never)}
      />
    </>
  );

  return (
    <main className="retro">
      <form className="retro-add" onSubmit={(e) => void submit(e)} aria-labelledby="cfg-heading">
        <h1 id="cfg-heading" className="retro-title">
          {t('retro.config.heading')}
        </h1>
        {error && (
          <SectionMessage appearance="error" announce>
            {errorMessage(error, FIELD_LABELS())}
          </SectionMessage>
        )}
        {text('title', 'retro.config.titleLabel')}
        <label className="tdm-label" htmlFor="cfg-mode">
          {t('retro.config.mode')}
        </label>
        <select
          id="cfg-mode"
          className="tdm-input tdm-select"
          value={draft.mode}
          onChange={(e) => set('mode', e.target.value as RetroMode)}
        >
          {MODES.map((m) => (
            <option key={m} value={m}>
              {t(MODE_KEYS[m])}
            </option>
          ))}
        </select>
        {text('teams', 'retro.config.teams')}
        {text('projectKey', 'retro.config.project')}
        {text('periodStart', 'retro.config.periodStart', 'date')}
        {text('periodEnd', 'retro.config.periodEnd', 'date')}
        {text('nextRetro', 'retro.config.nextRetro', 'date')}
        {draft.mode === 'retro' && (
          <>
            <label className="tdm-label" htmlFor="cfg-format">
              {t('retro.config.format')}
            </label>
            <select
              id="cfg-format"
              className="tdm-input tdm-select"
              value={draft.format}
              onChange={(e) => set('format', e.target.value as RetroFormat)}
            >
              {FORMATS.map((f) => (
                <option key={f} value={f}>
                  {t(FORMAT_KEYS[f])}
                </option>
              ))}
            </select>
          </>
        )}
        {draft.mode === 'retro' && draft.format === 'custom' && (
          <>
            <label className="tdm-label" htmlFor="cfg-columns">
              {t('retro.config.columns')}
            </label>
            <textarea
              id="cfg-columns"
              className="tdm-input tdm-textarea"
              rows={4}
              value={draft.columns}
              onChange={(e) => set('columns', e.target.value)}
            />
          </>
        )}
        {text('votesPerPerson', 'retro.config.votes', 'number')}
        {draft.mode === 'show-and-tell' && text('timeBoxMinutes', 'retro.config.timeBox', 'number')}
        <label className="tdm-check">
          <input
            type="checkbox"
            className="tdm-checkbox"
            checked={draft.anonymous}
            onChange={(e) => set('anonymous', e.target.checked)}
          />
          {t('retro.config.anonymous')}
        </label>
        <div className="retro-form-buttons">
          <button type="submit" className="tdm-button tdm-button--primary" disabled={busy}>
            {t('retro.config.save')}
          </button>
          <button type="button" className="tdm-button" onClick={() => void view.close()}>
            {t('retro.config.cancel')}
          </button>
        </div>
      </form>
    </main>
  );
}
