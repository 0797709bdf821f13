import { useCallback, useEffect, useId, useMemo, useState, type ReactNode } from 'react';
import type { SettingsView } from '@contract/capacity';
import { saveCapacitySettings, saveOwnTimeOff, type UiError } from '../../common/client';
import { Lozenge, SectionMessage } from '../../common/components';
import { errorMessage } from '../../common/errors';
import { getLocale, t } from '../../common/i18n';
import { pathLabel } from './labels';
import {
  changesLabels,
  normalise,
  ownTimeOff,
  problemAt,
  problemsOf,
  sameSettings,
  serverProblem,
  type CapacitySettings,
  type Problem
} from './model';
import { General } from './sections/General';
import { Lanes } from './sections/Lanes';
import { People } from './sections/People';
import { Rules } from './sections/Rules';
import { TimeOffSection } from './sections/TimeOffSection';
import type { FieldProblemProps, SectionProps } from './sections/types';

function Section({ title, lead, children }: { title: string; lead?: string; children: ReactNode }) {
  const id = useId();
  return (
    <section className="ps-section" aria-labelledby={id}>
      <h2 id={id} className="ps-h2">
        {title}
      </h2>
      {lead !== undefined && <p className="tdm-subtle ps-lead">{lead}</p>}
      {children}
    </section>
  );
}

type SaveState =
  | { kind: 'idle' }
  | { kind: 'saving' }
  | { kind: 'conflict' }
  | { kind: 'failed'; error: UiError; problem: Problem | undefined };

/**
 * The form over a copy of the settings in force. Save sends the whole value with the version it
 * started from (`basedOn`); the server names the new version or answers CONFLICT when someone saved
 * in between. The page shows the domain's own problems as you type, but does not hold a save back
 * on them: the resolver's check is the one that counts, and its answer is shown at the field.
 */
export function Editor({
  view,
  projectId,
  names,
  learnName,
  onSaved,
  onReload
}: {
  view: SettingsView;
  projectId: string;
  names: ReadonlyMap<string, string>;
  learnName: (accountId: string, displayName: string) => void;
  onSaved: (view: SettingsView, relabels: boolean) => void;
  onReload: () => void;
}) {
  const inForce = view.settings;
  const readOnly = !view.canConfigure;
  const [draft, setDraft] = useState<CapacitySettings>(inForce);
  const [generation, setGeneration] = useState(0);
  const [save, setSave] = useState<SaveState>({ kind: 'idle' });
  const [announcement, setAnnouncement] = useState('');
  const savedIds = useMemo(() => new Set(inForce.lanes.map((lane) => lane.id)), [inForce]);

  const dirty = !sameSettings(draft, inForce);
  const ownDirty =
    JSON.stringify(ownTimeOff(draft, view.me).map((i) => draft.timeOff[i])) !==
    JSON.stringify(ownTimeOff(inForce, view.me).map((i) => inForce.timeOff[i]));
  const local = useMemo(() => problemsOf(draft, getLocale()), [draft]);
  const server = save.kind === 'failed' ? save.problem : undefined;

  useEffect(() => {
    if (!dirty) return;
    // The browser's own "leave this page?" prompt: unsaved settings are easy to lose in a host iframe.
    const warn = (event: BeforeUnloadEvent) => event.preventDefault();
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [dirty]);

  const nameOf = useCallback((accountId: string) => names.get(accountId) ?? accountId, [names]);

  const change = useCallback((edit: (d: CapacitySettings) => CapacitySettings) => {
    setDraft((previous) => edit(previous));
    setSave((previous) => (previous.kind === 'failed' ? { kind: 'idle' } : previous));
  }, []);

  const problem = useCallback(
    (path: string, nested = false): FieldProblemProps => {
      if (
        server !== undefined &&
        (server.path === path ||
          (nested && /^[.[]/.test(server.path.slice(path.length)) && server.path.startsWith(path)))
      )
        return { problem: server.message, announceProblem: true };
      const message = problemAt(local, path, nested);
      return message === undefined ? {} : { problem: message };
    },
    [local, server]
  );

  const reset = () => {
    setDraft(inForce);
    setGeneration((n) => n + 1);
    setSave({ kind: 'idle' });
    setAnnouncement(t('ps.save.resetDone'));
  };

  const finish = (result: Awaited<ReturnType<typeof saveCapacitySettings>>, relabels: boolean) => {
    if (result.ok) {
      setSave({ kind: 'idle' });
      onSaved(result.data, relabels);
    } else if (result.error.code === 'CONFLICT') setSave({ kind: 'conflict' });
    else
      setSave({
        kind: 'failed',
        error: result.error,
        problem: serverProblem(result.error.field, result.error.message, local)
      });
  };

  const submit = async () => {
    if (save.kind === 'saving') return;
    setSave({ kind: 'saving' });
    const settings = normalise(draft);
    finish(
      await saveCapacitySettings({ projectId, settings, basedOn: view.version }),
      changesLabels(inForce, settings)
    );
  };

  const submitOwn = async () => {
    if (save.kind === 'saving') return;
    setSave({ kind: 'saving' });
    const entries = ownTimeOff(draft, view.me).flatMap((i) => draft.timeOff[i] ?? []);
    finish(await saveOwnTimeOff({ projectId, entries, basedOn: view.version }), false);
  };

  const sectionProps: SectionProps = {
    draft,
    change,
    problem,
    readOnly,
    nameOf,
    learnName,
    projectId,
    announce: setAnnouncement
  };

  const messages = (
    <>
      {save.kind === 'conflict' && (
        <SectionMessage
          appearance="warning"
          title={t('ps.save.conflictTitle')}
          headingLevel={3}
          announce
          actions={
            <button type="button" className="tdm-button" onClick={onReload}>
              {t('ps.save.reload')}
            </button>
          }
        >
          <p>{t('ps.save.conflictBody')}</p>
        </SectionMessage>
      )}
      {save.kind === 'failed' && (
        // The field's own problem is read out where it shows; without one, this message is.
        <SectionMessage
          appearance="error"
          title={t('ps.save.failedTitle')}
          headingLevel={3}
          announce={save.problem === undefined}
        >
          <p>
            {save.error.code === 'FORBIDDEN'
              ? readOnly
                ? t('ps.save.forbiddenOwn')
                : t('ps.save.forbidden')
              : save.problem !== undefined
                ? t('ps.save.problem', {
                    field: pathLabel(save.problem.path, draft, nameOf),
                    problem: save.problem.message
                  })
                : errorMessage(save.error)}
          </p>
        </SectionMessage>
      )}
    </>
  );

  return (
    <div className="ps-editor" key={generation}>
      <p className="tdm-sr-only" role="status">
        {announcement}
      </p>
      <Section title={t('ps.lanes.heading')} lead={t('ps.lanes.lead')}>
        <Lanes {...sectionProps} savedIds={savedIds} />
      </Section>
      <Section title={t('ps.people.heading')} lead={t('ps.people.lead')}>
        <People {...sectionProps} />
      </Section>
      <Section title={t('ps.timeOff.heading')} lead={t('ps.timeOff.lead')}>
        <TimeOffSection
          {...sectionProps}
          me={view.me}
          own={
            readOnly
              ? { saving: save.kind === 'saving', dirty: ownDirty, onSave: () => void submitOwn() }
              : undefined
          }
        />
        {readOnly && messages}
      </Section>
      <Section title={t('ps.rules.heading')} lead={t('ps.rules.lead')}>
        <Rules {...sectionProps} components={view.components} issueTypes={view.issueTypes} />
      </Section>
      <Section title={t('ps.general.heading')} lead={t('ps.general.lead')}>
        <General {...sectionProps} />
      </Section>

      {!readOnly && (
        <div className="ps-save">
          {messages}
          <div className="ps-actions">
            <button
              type="button"
              className="tdm-button tdm-button--primary"
              disabled={!dirty || save.kind === 'saving'}
              onClick={() => void submit()}
            >
              {save.kind === 'saving' ? t('ps.save.saving') : t('ps.save.button')}
            </button>
            <button type="button" className="tdm-button" disabled={!dirty} onClick={reset}>
              {t('ps.save.reset')}
            </button>
            <span role="status" className="tdm-subtle">
              {dirty ? (
                <Lozenge appearance="moved">{t('ps.unsaved')}</Lozenge>
              ) : view.version === null ? (
                t('ps.save.noChangesDefault')
              ) : (
                t('ps.save.noChanges', { version: view.version })
              )}
            </span>
          </div>
          {dirty && local.length > 0 && (
            <p className="tdm-small tdm-subtle">{t('ps.save.localProblems', { count: local.length })}</p>
          )}
        </div>
      )}
    </div>
  );
}
