import { useEffect, useId, useState } from 'react';
import type { ProjectSummary } from '@contract/provisioning';
import { listProjects, type UiError } from '../../common/client';
import { SectionMessage, Spinner } from '../../common/components';
import { errorMessage } from '../../common/errors';
import { TextField } from '../../common/fields';
import { t } from '../../common/i18n';

export interface PickedProject {
  id: string;
  key?: string;
  name?: string;
}

const SEARCH_DELAY_MS = 300;

export function projectLabel(project: PickedProject): string {
  if (project.name !== undefined && project.key !== undefined) return `${project.name} (${project.key})`;
  return project.name ?? project.key ?? project.id;
}

type PageState =
  | { kind: 'loading' }
  | { kind: 'error'; error: UiError }
  | { kind: 'ready'; projects: ProjectSummary[]; startAt: number; isLast: boolean };

/**
 * Search and paging go through provisioning/projects (the server pages Jira's project
 * search). The selection survives searches and page changes. Team-managed projects are
 * listed, so the admin sees them, but cannot be picked: they have no issue type scheme.
 */
export function ProjectPicker({
  selected,
  onToggle
}: {
  selected: ReadonlyMap<string, PickedProject>;
  onToggle: (project: PickedProject, picked: boolean) => void;
}) {
  const ids = useId();
  const [query, setQuery] = useState('');
  const [appliedQuery, setAppliedQuery] = useState('');
  /** startAt of every page visited for the current query; the last one is on screen. */
  const [starts, setStarts] = useState<number[]>([0]);
  const [attempt, setAttempt] = useState(0);
  /** The last answer, tagged with the request it answers: a newer request makes it stale. */
  const [answer, setAnswer] = useState<{ request: string; page: PageState } | undefined>(undefined);

  useEffect(() => {
    if (query === appliedQuery) return undefined;
    const timer = setTimeout(() => {
      setAppliedQuery(query);
      setStarts([0]);
    }, SEARCH_DELAY_MS);
    return () => clearTimeout(timer);
  }, [query, appliedQuery]);

  const startAt = starts[starts.length - 1] ?? 0;
  const trimmed = appliedQuery.trim();
  const request = JSON.stringify([trimmed, startAt, attempt]);

  useEffect(() => {
    let superseded = false;
    void listProjects(trimmed === '' ? { startAt } : { query: trimmed, startAt }).then((result) => {
      // A slower answer to an older search must not replace the newer one.
      if (superseded) return;
      setAnswer({
        request,
        page: result.ok
          ? {
              kind: 'ready',
              projects: result.data.projects,
              startAt: result.data.startAt,
              isLast: result.data.isLast
            }
          : { kind: 'error', error: result.error }
      });
    });
    return () => {
      superseded = true;
    };
  }, [request, trimmed, startAt]);

  const loading = answer?.request !== request;
  /** While the next page loads, the previous one stays on screen, dimmed. */
  const page: PageState = answer?.page ?? { kind: 'loading' };

  const selectedList = [...selected.values()];

  return (
    <fieldset className="adm-fieldset">
      <legend className="adm-legend">{t('admin.projects.legend')}</legend>
      <p className="tdm-subtle adm-help">{t('admin.projects.help')}</p>

      <div className="adm-search">
        <TextField
          label={t('admin.projects.search')}
          type="search"
          value={query}
          placeholder={t('admin.projects.searchPlaceholder')}
          autoComplete="off"
          onChange={setQuery}
        />
      </div>

      <div className={`adm-projects${loading && answer ? ' adm-projects--stale' : ''}`} aria-busy={loading}>
        {page.kind === 'loading' && (
          <div className="adm-projects__loading">
            <Spinner label={t('common.loading')} />
          </div>
        )}
        {page.kind === 'error' && (
          <SectionMessage
            appearance="error"
            headingLevel={3}
            announce
            actions={
              <button type="button" className="tdm-button" onClick={() => setAttempt((n) => n + 1)}>
                {t('common.tryAgain')}
              </button>
            }
          >
            <p>{errorMessage(page.error)}</p>
          </SectionMessage>
        )}
        {page.kind === 'ready' && page.projects.length === 0 && !loading && (
          <p className="tdm-subtle adm-empty">
            {trimmed === ''
              ? t('admin.projects.noProjects')
              : t('admin.projects.noMatch', { query: trimmed })}
          </p>
        )}
        {page.kind === 'ready' && page.projects.length > 0 && (
          <ul className="adm-project-list" aria-label={t('admin.projects.listLabel')}>
            {page.projects.map((project) => {
              const teamManaged = project.style === 'next-gen';
              const inputId = `${ids}-p-${project.id}`;
              const reasonId = `${inputId}-reason`;
              return (
                <li key={project.id} className={`adm-project${teamManaged ? ' adm-project--disabled' : ''}`}>
                  <input
                    id={inputId}
                    className="tdm-checkbox"
                    type="checkbox"
                    checked={!teamManaged && selected.has(project.id)}
                    disabled={teamManaged}
                    aria-describedby={teamManaged ? reasonId : undefined}
                    onChange={(event) =>
                      onToggle({ id: project.id, key: project.key, name: project.name }, event.target.checked)
                    }
                  />
                  <label htmlFor={inputId} className="adm-project__label">
                    <span className="adm-project__name">{project.name}</span>
                    <span className="adm-project__key tdm-subtle">{project.key}</span>
                  </label>
                  <span className="adm-project__style tdm-small tdm-subtle">
                    {teamManaged ? t('admin.projects.teamManaged') : t('admin.projects.companyManaged')}
                  </span>
                  {teamManaged && (
                    <span id={reasonId} className="adm-project__reason tdm-small tdm-subtle">
                      {t('admin.projects.teamManagedReason')}
                    </span>
                  )}
                </li>
              );
            })}
          </ul>
        )}
        {page.kind === 'ready' && (starts.length > 1 || !page.isLast) && (
          <nav className="adm-pager" aria-label={t('admin.projects.pagination')}>
            <button
              type="button"
              className="tdm-button tdm-button--subtle"
              disabled={loading || starts.length <= 1}
              onClick={() => setStarts((s) => s.slice(0, -1))}
            >
              {t('admin.projects.previous')}
            </button>
            {page.projects.length > 0 && (
              <span className="tdm-subtle tdm-small">
                {t('admin.projects.range', {
                  from: page.startAt + 1,
                  to: page.startAt + page.projects.length
                })}
              </span>
            )}
            <button
              type="button"
              className="tdm-button tdm-button--subtle"
              disabled={loading || page.isLast || page.projects.length === 0}
              onClick={() => setStarts((s) => [...s, page.startAt + page.projects.length])}
            >
              {t('admin.projects.next')}
            </button>
          </nav>
        )}
      </div>

      <div className="adm-selection">
        <p className="adm-selection__count" aria-live="polite">
          {selectedList.length === 0
            ? t('admin.projects.selectedNone')
            : selectedList.length === 1
              ? t('admin.projects.selectedOne')
              : t('admin.projects.selectedMany', { count: selectedList.length })}
        </p>
        {selectedList.length > 0 && (
          <ul className="adm-tags" aria-label={t('admin.projects.selectedLabel')}>
            {selectedList.map((project) => (
              <li key={project.id} className="adm-tag">
                <span className="adm-tag__text">{projectLabel(project)}</span>
                <button
                  type="button"
                  className="adm-tag__remove"
                  aria-label={t('admin.projects.remove', { name: projectLabel(project) })}
                  onClick={() => onToggle(project, false)}
                >
                  <span aria-hidden="true">×</span>
                </button>
              </li>
            ))}
          </ul>
        )}
      </div>
    </fieldset>
  );
}
