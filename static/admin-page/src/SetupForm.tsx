import { useId, useState, type FormEvent } from 'react';
import type { CatalogueItemStatus, Language, ProvisioningRun } from '@contract/provisioning';
import { startProvisioning, type UiError } from '../../common/client';
import type { HostInfo } from '../../common/bootstrap';
import { SectionMessage } from '../../common/components';
import { errorMessage } from '../../common/errors';
import { t } from '../../common/i18n';
import { ACTIVE_STATUSES } from './labels';
import { ProjectPicker, type PickedProject } from './ProjectPicker';
import { RunStatus } from './RunStatus';

const LANGUAGES: readonly Language[] = ['en', 'fr'];

/** After a failed run, Retry starts with the same projects, less those that cannot take the types. */
function initialSelection(run: ProvisioningRun): Map<string, PickedProject> {
  const picked = new Map<string, PickedProject>();
  if (run.status !== 'failed') return picked;
  for (const id of run.projectIds) {
    const known = run.projects.find((p) => p.projectId === id);
    if (known?.state === 'not-applicable') continue;
    picked.set(id, { id, key: known?.projectKey, name: known?.projectName });
  }
  return picked;
}

export function SetupForm({
  host,
  run,
  catalogue,
  refreshError,
  onStarted
}: {
  host: HostInfo;
  run: ProvisioningRun;
  catalogue: CatalogueItemStatus[];
  refreshError: UiError | undefined;
  onStarted: (run: ProvisioningRun) => void;
}) {
  const ids = useId();
  const [language, setLanguage] = useState<Language>(run.status === 'idle' ? host.locale : run.language);
  const [selected, setSelected] = useState(() => initialSelection(run));
  const [starting, setStarting] = useState(false);
  const [startError, setStartError] = useState<UiError | undefined>(undefined);

  const active = ACTIVE_STATUSES.has(run.status);
  const retry = run.status === 'failed' || catalogue.some((item) => item.state === 'failed');

  const toggle = (project: PickedProject, picked: boolean) => {
    setSelected((previous) => {
      const next = new Map(previous);
      if (picked) next.set(project.id, project);
      else next.delete(project.id);
      return next;
    });
  };

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (active || starting) return;
    setStarting(true);
    setStartError(undefined);
    const result = await startProvisioning({ language, projectIds: [...selected.keys()] });
    setStarting(false);
    if (result.ok) onStarted(result.data);
    else setStartError(result.error);
  };

  const fieldLabels = {
    language: t('admin.language.legend'),
    projectIds: t('admin.projects.legend')
  };

  return (
    <section className="adm-section" aria-labelledby={`${ids}-heading`}>
      <h2 id={`${ids}-heading`} className="adm-h2">
        {t('admin.setup.heading')}
      </h2>
      <form className="adm-form" onSubmit={(event) => void submit(event)} noValidate>
        <fieldset className="adm-fieldset" aria-describedby={`${ids}-language-help`}>
          <legend className="adm-legend">{t('admin.language.legend')}</legend>
          <p id={`${ids}-language-help`} className="tdm-subtle adm-help">
            {t('admin.language.help')}
          </p>
          <div className="adm-radios">
            {LANGUAGES.map((code) => (
              <label key={code} className="adm-radio" lang={code}>
                <input
                  className="tdm-radio"
                  type="radio"
                  name={`${ids}-language`}
                  value={code}
                  checked={language === code}
                  onChange={() => setLanguage(code)}
                />
                {code === 'en' ? t('admin.language.en') : t('admin.language.fr')}
              </label>
            ))}
          </div>
        </fieldset>

        <ProjectPicker selected={selected} onToggle={toggle} />

        {startError && (
          <SectionMessage appearance="error" title={t('admin.action.startFailed')} headingLevel={3} announce>
            <p>{errorMessage(startError, fieldLabels)}</p>
          </SectionMessage>
        )}

        <div className="adm-actions">
          <button
            type="submit"
            className="tdm-button tdm-button--primary"
            disabled={active || starting}
            aria-describedby={active ? `${ids}-busy` : undefined}
          >
            {starting
              ? t('admin.action.starting')
              : retry
                ? t('admin.action.retry')
                : t('admin.action.setup')}
          </button>
          {active && (
            <span id={`${ids}-busy`} className="tdm-subtle">
              {t('admin.action.busy')}
            </span>
          )}
        </div>
      </form>

      <RunStatus run={run} zone={host} refreshError={refreshError} known={selected} />
    </section>
  );
}
