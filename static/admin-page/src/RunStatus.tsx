import { useId } from 'react';
import type { ProjectSchemeStatus, ProvisioningRun } from '@contract/provisioning';
import type { UiError } from '../../common/client';
import { Lozenge, SectionMessage } from '../../common/components';
import { errorMessage } from '../../common/errors';
import { formatDateTime, formatTime, type DisplayZone } from '../../common/format';
import { t } from '../../common/i18n';
import { projectLabel, type PickedProject } from './ProjectPicker';
import { ACTIVE_STATUSES, PROJECT_STATE, RUN_STATUS } from './labels';

function detail(run: ProvisioningRun, zone: DisplayZone): string {
  switch (run.status) {
    case 'idle':
      return t('admin.run.detail.idle');
    case 'queued':
      return t('admin.run.detail.queued');
    case 'running':
      return t('admin.run.detail.running');
    case 'waiting-retry': {
      const time = formatTime(run.nextAttemptAt, zone);
      return time === undefined
        ? t('admin.run.detail.waitingRetryNoTime')
        : t('admin.run.detail.waitingRetry', { time });
    }
    case 'done': {
      const time = formatDateTime(run.finishedAt, zone);
      return time === undefined ? t('admin.run.detail.doneNoTime') : t('admin.run.detail.done', { time });
    }
    case 'failed':
      return t('admin.run.detail.failed');
  }
}

/**
 * One row per project of the run: a freshly queued run lists its projectIds before the
 * worker has reported on them, so those show as pending, named from the picker if known.
 */
function projectRows(run: ProvisioningRun, known: ReadonlyMap<string, PickedProject>): ProjectSchemeStatus[] {
  const reported = new Map(run.projects.map((p) => [p.projectId, p] as const));
  const rows: ProjectSchemeStatus[] = run.projectIds.map(
    (id) =>
      reported.get(id) ?? {
        projectId: id,
        projectKey: known.get(id)?.key,
        projectName: known.get(id)?.name,
        state: 'pending'
      }
  );
  for (const project of run.projects) if (!run.projectIds.includes(project.projectId)) rows.push(project);
  return rows;
}

export function RunStatus({
  run,
  zone,
  refreshError,
  known
}: {
  run: ProvisioningRun;
  zone: DisplayZone;
  refreshError: UiError | undefined;
  known: ReadonlyMap<string, PickedProject>;
}) {
  const ids = useId();
  const { label, appearance } = RUN_STATUS[run.status];
  const requested = formatDateTime(run.requestedAt, zone);
  const active = ACTIVE_STATUSES.has(run.status);
  const hasError = run.lastError !== undefined && run.lastError !== '';
  const rows = projectRows(run, known);

  return (
    <div className="adm-run" aria-labelledby={`${ids}-heading`} role="region">
      <h3 id={`${ids}-heading`} className="adm-h3">
        {t('admin.run.heading')}
      </h3>
      <div className="adm-run__line" role="status">
        <Lozenge appearance={appearance}>{t(label)}</Lozenge>
        {active && <span className="tdm-spinner" aria-hidden="true" />}
        <span>{detail(run, zone)}</span>
      </div>

      {run.status !== 'idle' && (
        <p className="tdm-small tdm-subtle adm-run__meta">
          {requested !== undefined && <span>{t('admin.run.requestedAt', { time: requested })}</span>}
          <span>{run.language === 'fr' ? t('admin.run.language.fr') : t('admin.run.language.en')}</span>
          {run.attempts > 0 && <span>{t('admin.run.attempts', { count: run.attempts })}</span>}
        </p>
      )}

      {hasError && run.status === 'failed' && (
        <SectionMessage appearance="error" headingLevel={3}>
          <p className="adm-break">{t('admin.run.lastError', { error: run.lastError ?? '' })}</p>
        </SectionMessage>
      )}
      {hasError && run.status !== 'failed' && (
        <p className="tdm-small tdm-subtle adm-break">
          {t('admin.run.lastError', { error: run.lastError ?? '' })}
        </p>
      )}

      {refreshError && (
        <p className="tdm-small adm-state__error" role="alert">
          {t('admin.run.refreshFailed', { message: errorMessage(refreshError) })}
        </p>
      )}

      {run.status !== 'idle' &&
        (rows.length === 0 ? (
          <p className="tdm-subtle">{t('admin.run.noProjects')}</p>
        ) : (
          <div className="adm-table-wrap">
            <table className="tdm-table adm-run__projects">
              <caption>{t('admin.run.projects')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('admin.run.col.project')}</th>
                  <th scope="col" className="adm-col-state">
                    {t('admin.run.col.result')}
                  </th>
                  <th scope="col">{t('admin.run.col.details')}</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((project) => {
                  const state = PROJECT_STATE[project.state];
                  return (
                    <tr key={project.projectId}>
                      <th scope="row" className="adm-item-name">
                        {projectLabel({
                          id: project.projectId,
                          key: project.projectKey,
                          name: project.projectName
                        })}
                      </th>
                      <td>
                        <Lozenge appearance={state.appearance}>{t(state.label)}</Lozenge>
                      </td>
                      <td className="adm-break">{project.reason ?? ''}</td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        ))}
    </div>
  );
}
