import type { EvidenceKind, IdeaView } from '@contract/ideas';
import { router } from '@forge/bridge';
import { useState, type FormEvent } from 'react';
import type { HostInfo } from '../../common/bootstrap';
import { SectionMessage } from '../../common/components';
import { errorMessage } from '../../common/errors';
import { SelectField, TextAreaField, TextField } from '../../common/fields';
import { t } from '../../common/i18n';
import type { UiError } from '../../common/ui-result';
import { FIELD_LABELS, type Announce } from './App';
import { addEvidence, removeEvidence } from './client';
import { formatDay } from './IdeaDetail';
import { evidenceKindName } from './model';

const KINDS: readonly EvidenceKind[] = [
  'webinar-screenshot',
  'social-post',
  'call-recording',
  'one-to-one-notes',
  'community-thread',
  'report',
  'other'
];
const kindName = evidenceKindName;

/** Links and snippets on an idea: user text is rendered as text only, links open through the host. */
export function Evidence({
  idea,
  canEdit,
  host,
  onIdea,
  announce
}: {
  idea: IdeaView;
  canEdit: boolean;
  host: HostInfo;
  onIdea: (idea: IdeaView) => void;
  announce: Announce;
}) {
  const [kind, setKind] = useState<EvidenceKind>('webinar-screenshot');
  const [url, setUrl] = useState('');
  const [snippet, setSnippet] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<UiError | null>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    const answer = await addEvidence({
      issueId: idea.id,
      kind,
      ...(url.trim() ? { url } : {}),
      ...(snippet.trim() ? { snippet } : {})
    });
    setBusy(false);
    if (!answer.ok) {
      setError(answer.error);
      return;
    }
    setUrl('');
    setSnippet('');
    onIdea(answer.data.idea);
    announce(t('ideas.evidence.added', { key: idea.key }));
  };

  const remove = async (evidenceId: string) => {
    const answer = await removeEvidence({ issueId: idea.id, evidenceId });
    if (!answer.ok) {
      announce(errorMessage(answer.error));
      return;
    }
    onIdea(answer.data.idea);
    announce(t('ideas.evidence.removed', { key: idea.key }));
  };

  const problem = (field: string) =>
    error?.code === 'INVALID_INPUT' && error.field === field
      ? errorMessage(error, FIELD_LABELS())
      : undefined;

  return (
    <section aria-labelledby="ideas-evidence-title">
      <h3 id="ideas-evidence-title" className="ideas-h3">
        {t('ideas.evidence.title', { count: idea.evidenceCount })}
      </h3>
      {idea.evidence.length === 0 ? (
        <p className="tdm-small tdm-subtle">{t('ideas.evidence.none')}</p>
      ) : (
        <ul className="ideas-evidence">
          {idea.evidence.map((item) => (
            <li key={item.id} data-testid="idea-evidence-item">
              <strong>{kindName(item.kind)}</strong>{' '}
              <span className="tdm-small tdm-subtle">{formatDay(item.addedAt, host)}</span>
              {item.url !== null && (
                <div>
                  <span className="ideas-url">{item.url}</span>{' '}
                  <button
                    type="button"
                    className="tdm-button tdm-button--subtle"
                    onClick={() => void router.open(item.url as string)}
                  >
                    {t('ideas.evidence.openLink')}
                  </button>
                </div>
              )}
              {item.snippet !== null && <blockquote className="ideas-snippet">{item.snippet}</blockquote>}
              {canEdit && (
                <button
                  type="button"
                  className="tdm-button tdm-button--subtle"
                  onClick={() => void remove(item.id)}
                >
                  {t('ideas.evidence.remove', { kind: kindName(item.kind) })}
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      {canEdit && (
        <form className="ideas-evidence-form" onSubmit={(event) => void submit(event)}>
          <SelectField<EvidenceKind>
            label={t('ideas.evidence.kind')}
            value={kind}
            options={KINDS.map((k) => ({ value: k, label: kindName(k) }))}
            onChange={setKind}
          />
          <TextField
            label={t('ideas.evidence.url')}
            type="url"
            value={url}
            onChange={setUrl}
            help={t('ideas.evidence.help')}
            problem={problem('url')}
            announceProblem
          />
          <TextAreaField
            rows={3}
            label={t('ideas.evidence.snippet')}
            value={snippet}
            onChange={setSnippet}
            problem={problem('snippet')}
          />
          {error &&
            !(error.code === 'INVALID_INPUT' && (error.field === 'url' || error.field === 'snippet')) && (
              <SectionMessage appearance="error" announce>
                {errorMessage(error, FIELD_LABELS())}
              </SectionMessage>
            )}
          <button type="submit" className="tdm-button" disabled={busy}>
            {t('ideas.evidence.add')}
          </button>
        </form>
      )}
    </section>
  );
}
