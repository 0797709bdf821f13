import type { ExperimentCheck, IdeaView } from '@contract/ideas';
import { useEffect, useState, type FormEvent } from 'react';
import type { HostInfo } from '../../common/bootstrap';
import { SectionMessage, Spinner } from '../../common/components';
import { errorMessage } from '../../common/errors';
import { CheckboxField, TextAreaField, TextField } from '../../common/fields';
import { t } from '../../common/i18n';
import type { UiError } from '../../common/ui-result';
import { FIELD_LABELS, type Announce } from './App';
import { checkExperiment, createExperiment, recordOutcome } from './client';
import { headroomWarningText, numberText } from './model';

function useProblems(error: UiError | null) {
  return (field: string) =>
    error?.code === 'INVALID_INPUT' && error.field === field
      ? errorMessage(error, FIELD_LABELS())
      : undefined;
}

/**
 * "Turn into experiment": hypothesis, success metric and stop date; the experiments lane's
 * headroom is checked first and any warning shown before the issue is created.
 */
export function ExperimentForm({
  idea,
  host,
  onIdea,
  announce,
  onDone
}: {
  idea: IdeaView;
  host: HostInfo;
  onIdea: (idea: IdeaView) => void;
  announce: Announce;
  onDone: () => void;
}) {
  const [check, setCheck] = useState<ExperimentCheck | null>(null);
  const [hypothesis, setHypothesis] = useState('');
  const [metric, setMetric] = useState('');
  const [stopDate, setStopDate] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<UiError | null>(null);
  const problem = useProblems(error);

  useEffect(() => {
    void checkExperiment().then((answer) => {
      if (answer.ok) setCheck(answer.data);
      else setError(answer.error);
    });
  }, []);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    const answer = await createExperiment({ issueId: idea.id, hypothesis, successMetric: metric, stopDate });
    setBusy(false);
    if (!answer.ok) {
      setError(answer.error);
      return;
    }
    onIdea(answer.data.idea);
    const name = `${idea.key} ${idea.summary}`;
    announce(
      answer.data.linked
        ? t('ideas.experiment.created', { key: answer.data.experimentKey, idea: name })
        : t('ideas.experiment.notLinked', { key: answer.data.experimentKey, idea: name })
    );
    onDone();
  };

  return (
    <form
      className="ideas-experiment"
      onSubmit={(event) => void submit(event)}
      aria-label={t('ideas.experiment.title')}
    >
      {check === null && error === null && <Spinner label={t('ideas.experiment.checking')} />}
      {check && check.headroom.headroomHours !== null && (
        <p className="tdm-small">
          {t('ideas.experiment.headroom', { hours: numberText(check.headroom.headroomHours, host.tag, 1) })}
        </p>
      )}
      {check?.headroom.warning && (
        <SectionMessage appearance="warning" announce>
          {headroomWarningText(check.headroom.warning, host.tag)}
        </SectionMessage>
      )}
      <TextAreaField
        rows={3}
        label={t('ideas.experiment.hypothesis')}
        help={t('ideas.experiment.hypothesisHelp')}
        value={hypothesis}
        onChange={setHypothesis}
        problem={problem('hypothesis')}
        announceProblem
      />
      <TextField
        label={t('ideas.experiment.metric')}
        help={t('ideas.experiment.metricHelp')}
        value={metric}
        onChange={setMetric}
        problem={problem('successMetric')}
        announceProblem
      />
      <TextField
        label={t('ideas.experiment.stopDate')}
        help={
          check
            ? t('ideas.experiment.stopDateHelp', { today: check.today, latest: check.latestStopDate })
            : undefined
        }
        value={stopDate}
        onChange={setStopDate}
        placeholder={t('ideas.experiment.datePlaceholder')}
        problem={problem('stopDate')}
        announceProblem
      />
      {error &&
        !(
          error.code === 'INVALID_INPUT' &&
          ['hypothesis', 'successMetric', 'stopDate'].includes(error.field ?? '')
        ) && (
          <SectionMessage appearance="error" announce>
            {errorMessage(error, FIELD_LABELS())}
          </SectionMessage>
        )}
      <div className="ideas-actions">
        <button type="submit" className="tdm-button tdm-button--primary" disabled={busy}>
          {t('ideas.experiment.create')}
        </button>
        <button type="button" className="tdm-button tdm-button--subtle" onClick={onDone}>
          {t('ideas.experiment.cancel')}
        </button>
      </div>
    </form>
  );
}

/** An ended experiment's outcome: met or not, and the lesson learnt (seed 003: learn from each one). */
export function OutcomeForm({
  idea,
  onIdea,
  announce
}: {
  idea: IdeaView;
  onIdea: (idea: IdeaView) => void;
  announce: Announce;
}) {
  const [met, setMet] = useState(false);
  const [lesson, setLesson] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<UiError | null>(null);
  const problem = useProblems(error);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    const answer = await recordOutcome({ issueId: idea.id, met, lesson });
    setBusy(false);
    if (!answer.ok) {
      setError(answer.error);
      return;
    }
    onIdea(answer.data.idea);
    announce(t('ideas.outcome.recorded', { idea: `${idea.key} ${idea.summary}` }));
  };

  return (
    <form
      className="ideas-outcome"
      onSubmit={(event) => void submit(event)}
      aria-label={t('ideas.outcome.title')}
    >
      <p className="tdm-small">{t('ideas.outcome.ended')}</p>
      <CheckboxField label={t('ideas.outcome.met')} checked={met} onChange={setMet} />
      <TextAreaField
        rows={3}
        label={t('ideas.outcome.lesson')}
        value={lesson}
        onChange={setLesson}
        problem={problem('lesson')}
        announceProblem
      />
      {error && !(error.code === 'INVALID_INPUT' && error.field === 'lesson') && (
        <SectionMessage appearance="error" announce>
          {errorMessage(error, FIELD_LABELS())}
        </SectionMessage>
      )}
      <button type="submit" className="tdm-button tdm-button--primary" disabled={busy}>
        {t('ideas.outcome.save')}
      </button>
    </form>
  );
}
