import type { ConfigOptions, IdeasConfigInput, ScoringModel, Stage } from '@contract/ideas';
import { view } from '@forge/bridge';
import { useEffect, useState, type FormEvent } from 'react';
import { SectionMessage, Spinner } from '../../common/components';
import { errorMessage } from '../../common/errors';
import { NumberField, SelectField, TextAreaField } from '../../common/fields';
import { t, type PlainKey } from '../../common/i18n';
import type { UiError } from '../../common/ui-result';
import { getConfigOptions } from './client';

const STAGES: readonly Stage[] = ['captured', 'reviewing', 'experiment', 'adopted', 'parked', 'dropped'];
const STAGE_KEYS: Record<Stage, PlainKey> = {
  captured: 'ideas.stage.captured',
  reviewing: 'ideas.stage.reviewing',
  experiment: 'ideas.stage.experiment',
  adopted: 'ideas.stage.adopted',
  parked: 'ideas.stage.parked',
  dropped: 'ideas.stage.dropped'
};
const stageName = (stage: Stage): string => t(STAGE_KEYS[stage]);

const str = (value: unknown): string => (typeof value === 'string' ? value : '');

/**
 * The macro's settings dialog: project (or a JQL filter), scoring model, review cadence and the
 * stage of each of the project's statuses. `view.submit({ config })` stores them with the macro;
 * the resolvers parse them again, so this form only helps people get them right.
 */
export function ConfigApp({ saved }: { saved: Record<string, unknown> }) {
  const [projectId, setProjectId] = useState(str(saved.projectId));
  const [jql, setJql] = useState(str(saved.jql));
  const [model, setModel] = useState<ScoringModel>(saved.model === 'RICE' ? 'RICE' : 'ICE');
  const [cadence, setCadence] = useState<number | null>(
    typeof saved.cadenceDays === 'number' ? saved.cadenceDays : 14
  );
  const [stageMap, setStageMap] = useState<Record<string, Stage>>(
    typeof saved.stageMap === 'object' && saved.stageMap !== null
      ? (saved.stageMap as Record<string, Stage>)
      : {}
  );
  const [options, setOptions] = useState<ConfigOptions | null>(null);
  const [error, setError] = useState<UiError | null>(null);
  const [problem, setProblem] = useState<string | undefined>(undefined);

  useEffect(() => {
    void getConfigOptions(projectId ? { projectId } : {}).then((answer) => {
      if (answer.ok) setOptions(answer.data);
      else setError(answer.error);
    });
  }, [projectId]);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (cadence === null || !Number.isInteger(cadence) || cadence < 1 || cadence > 365) {
      setProblem(t('ideas.config.cadenceProblem'));
      return;
    }
    const config: IdeasConfigInput = {
      projectId,
      jql: jql.trim() === '' ? null : jql.trim(),
      model,
      cadenceDays: cadence,
      // Only the statuses set by hand: the others keep following their category.
      stageMap
    };
    await view.submit({ config });
  };

  if (error)
    return (
      <main className="ideas-config">
        <SectionMessage appearance="error" title={t('ideas.config.loadError')} announce>
          {errorMessage(error)}
        </SectionMessage>
      </main>
    );
  if (!options)
    return (
      <main className="ideas-config">
        <Spinner label={t('common.loading')} />
      </main>
    );

  const projectOptions = [
    { value: '', label: t('ideas.config.chooseProject') },
    ...options.projects.map((p) => ({ value: p.id, label: `${p.name} (${p.key})` }))
  ];

  return (
    <main className="ideas-config">
      <form onSubmit={(event) => void submit(event)} aria-labelledby="ideas-config-title">
        <h1 id="ideas-config-title" className="ideas-config__title">
          {t('ideas.config.title')}
        </h1>
        <SelectField<string>
          label={t('ideas.config.project')}
          help={t('ideas.config.projectHelp')}
          value={projectId}
          options={projectOptions}
          onChange={(id) => {
            setProjectId(id);
            setStageMap({});
          }}
        />
        <TextAreaField
          rows={2}
          label={t('ideas.config.jql')}
          help={t('ideas.config.jqlHelp')}
          value={jql}
          onChange={setJql}
          code
        />
        <SelectField<ScoringModel>
          label={t('ideas.config.model')}
          value={model}
          options={[
            { value: 'ICE', label: t('ideas.config.modelICE') },
            { value: 'RICE', label: t('ideas.config.modelRICE') }
          ]}
          onChange={setModel}
        />
        <NumberField
          label={t('ideas.config.cadence')}
          value={cadence}
          onChange={setCadence}
          nullable
          problem={problem}
          announceProblem
        />
        {options.statuses.length > 0 && (
          <fieldset className="ideas-config__stages">
            <legend className="tdm-label">{t('ideas.config.stages')}</legend>
            <p className="tdm-small tdm-subtle">{t('ideas.config.stagesHelp')}</p>
            {options.statuses.map((status) => {
              const byCategory: Stage =
                status.category === 'new' ? 'captured' : status.category === 'done' ? 'adopted' : 'reviewing';
              return (
                <SelectField<Stage | ''>
                  key={status.id}
                  label={t('ideas.config.stageFor', { status: status.name })}
                  value={stageMap[status.id] ?? ''}
                  options={[
                    {
                      value: '',
                      label: t('ideas.config.default', {
                        stage: stageName(byCategory)
                      })
                    },
                    ...STAGES.map((stage) => ({ value: stage, label: stageName(stage) }))
                  ]}
                  onChange={(stage) =>
                    setStageMap((map) => {
                      const next = { ...map };
                      if (stage === '') delete next[status.id];
                      else next[status.id] = stage;
                      return next;
                    })
                  }
                />
              );
            })}
          </fieldset>
        )}
        <div className="ideas-config__actions">
          <button type="submit" className="tdm-button tdm-button--primary" disabled={projectId === ''}>
            {t('ideas.config.save')}
          </button>
          <button type="button" className="tdm-button tdm-button--subtle" onClick={() => void view.close()}>
            {t('ideas.config.cancel')}
          </button>
        </div>
      </form>
    </main>
  );
}
