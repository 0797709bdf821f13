import type { IdeaSource, IdeaView } from '@contract/ideas';
import { useState, type FormEvent } from 'react';
import { SectionMessage } from '../../common/components';
import { errorMessage } from '../../common/errors';
import { SelectField, TextAreaField, TextField } from '../../common/fields';
import { t } from '../../common/i18n';
import type { UiError } from '../../common/ui-result';
import { FIELD_LABELS } from './App';
import { captureIdea } from './client';
import { SOURCES, sourceName } from './model';

/** Quick capture: title, source and notes become a Strategic Idea issue, created as the user. */
export function Capture({ onCaptured }: { onCaptured: (idea: IdeaView) => void }) {
  const [summary, setSummary] = useState('');
  const [source, setSource] = useState<IdeaSource>('webinar');
  const [notes, setNotes] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<UiError | null>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    const answer = await captureIdea({ summary, source, notes });
    setBusy(false);
    if (!answer.ok) {
      setError(answer.error);
      return;
    }
    setSummary('');
    setNotes('');
    onCaptured(answer.data.idea);
  };

  const problem = (field: string) =>
    error?.code === 'INVALID_INPUT' && error.field === field
      ? errorMessage(error, FIELD_LABELS())
      : undefined;

  return (
    <form
      className="ideas-capture"
      onSubmit={(event) => void submit(event)}
      aria-labelledby="ideas-capture-title"
    >
      <h2 id="ideas-capture-title" className="ideas-h2">
        {t('ideas.capture.title')}
      </h2>
      <div className="ideas-capture__row">
        <TextField
          label={t('ideas.capture.summary')}
          value={summary}
          onChange={setSummary}
          problem={problem('summary')}
          announceProblem
        />
        <SelectField<IdeaSource>
          label={t('ideas.capture.source')}
          value={source}
          options={SOURCES.map((s) => ({ value: s, label: sourceName(s) }))}
          onChange={setSource}
        />
      </div>
      <TextAreaField
        rows={3}
        label={t('ideas.capture.notes')}
        value={notes}
        onChange={setNotes}
        problem={problem('notes')}
      />
      {error &&
        !(error.code === 'INVALID_INPUT' && (error.field === 'summary' || error.field === 'notes')) && (
          <SectionMessage appearance="error" announce>
            {errorMessage(error, FIELD_LABELS())}
          </SectionMessage>
        )}
      <button type="submit" className="tdm-button tdm-button--primary" disabled={busy}>
        {t('ideas.capture.submit')}
      </button>
    </form>
  );
}
