import { SectionMessage, Spinner } from '../../common/components';
import { errorMessage } from '../../common/errors';
import type { HostInfo } from '../../common/bootstrap';
import { t } from '../../common/i18n';
import { Catalogue } from './Catalogue';
import { Intro } from './Intro';
import { SetupForm } from './SetupForm';
import { useOverview } from './useOverview';

/** The issue-type and field set-up: catalogue, language and projects, run status. */
export function SetupTab({ host }: { host: HostInfo }) {
  const { state, reload, showRun } = useOverview();

  return (
    <>
      {state.kind === 'loading' && (
        <div className="adm-loading">
          <Spinner label={t('common.loading')} />
        </div>
      )}

      {state.kind === 'forbidden' && (
        <SectionMessage appearance="warning" title={t('admin.forbidden.title')}>
          <p>{t('admin.forbidden.body')}</p>
        </SectionMessage>
      )}

      {state.kind === 'error' && (
        <SectionMessage
          appearance="error"
          title={t('admin.loadError.title')}
          announce
          actions={
            <button type="button" className="tdm-button" onClick={reload}>
              {t('common.tryAgain')}
            </button>
          }
        >
          <p>{errorMessage(state.error)}</p>
        </SectionMessage>
      )}

      {state.kind === 'ready' && (
        <>
          <Intro />
          <Catalogue items={state.overview.catalogue} locale={host.locale} />
          <SetupForm
            host={host}
            run={state.overview.run}
            catalogue={state.overview.catalogue}
            refreshError={state.refreshError}
            onStarted={showRun}
          />
        </>
      )}
    </>
  );
}
