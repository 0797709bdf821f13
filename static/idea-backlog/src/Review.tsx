import type { BacklogView, Decision, IdeaView } from '@contract/ideas';
import { useEffect, useRef, useState } from 'react';
import type { HostInfo } from '../../common/bootstrap';
import { SectionMessage } from '../../common/components';
import { errorMessage } from '../../common/errors';
import { TextAreaField } from '../../common/fields';
import { t } from '../../common/i18n';
import type { UiError } from '../../common/ui-result';
import { FIELD_LABELS, type Announce } from './App';
import { decideIdea } from './client';
import { decisionName, scoreText, sourceName, stageName } from './model';

type Ready = Extract<BacklogView, { state: 'ready' }>;
const DECISIONS: ReadonlyArray<Exclude<Decision, 'experiment'>> = ['keep', 'park', 'drop'];

/**
 * Review mode: the flagged ideas one at a time. A decision (keep, park, drop) is dated and resets
 * the flag, so the idea leaves the queue; "experiment" opens the idea to turn it into one.
 */
export function Review({
  queue,
  view,
  host,
  onIdea,
  announce,
  onOpen
}: {
  queue: IdeaView[];
  view: Ready;
  host: HostInfo;
  onIdea: (idea: IdeaView) => void;
  announce: Announce;
  onOpen: (id: string) => void;
}) {
  const [skipped, setSkipped] = useState<string[]>([]);
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<UiError | null>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  const waiting = queue.filter((idea) => !skipped.includes(idea.id));
  const current = waiting[0] ?? null;

  useEffect(() => {
    heading.current?.focus();
  }, [current?.id]);

  const decide = async (decision: Exclude<Decision, 'experiment'>) => {
    if (!current) return;
    setBusy(true);
    setError(null);
    const answer = await decideIdea({ issueId: current.id, decision, note });
    setBusy(false);
    if (!answer.ok) {
      setError(answer.error);
      return;
    }
    setNote('');
    onIdea(answer.data.idea);
    announce(
      t('ideas.review.decided', {
        decision: decisionName(decision),
        idea: `${current.key} ${current.summary}`
      })
    );
  };

  return (
    <div className="ideas-review">
      <p className="tdm-subtle">{t('ideas.review.intro', { days: view.cadenceDays })}</p>
      {current === null ? (
        <SectionMessage appearance="success">{t('ideas.review.done')}</SectionMessage>
      ) : (
        <article className="ideas-review__card" aria-labelledby="ideas-review-title">
          <p className="tdm-small tdm-subtle">
            {t('ideas.review.progress', { n: 1 + queue.length - waiting.length, total: queue.length })}
          </p>
          <h2 id="ideas-review-title" className="ideas-h2" tabIndex={-1} ref={heading}>
            {current.key} {current.summary}
          </h2>
          <p className="tdm-small">
            {stageName(current.stage)} · {sourceName(current.source)} · {t('ideas.col.score')}{' '}
            {scoreText(current.score, host.tag)} · {t('ideas.votes', { count: current.votes })} ·{' '}
            {t('ideas.evidence.title', { count: current.evidenceCount })} ·{' '}
            {t('ideas.flagged', { days: current.review.daysSinceReview })}
          </p>
          {view.canEdit && (
            <>
              <TextAreaField rows={3} label={t('ideas.review.note')} value={note} onChange={setNote} />
              {error && (
                <SectionMessage appearance="error" announce>
                  {errorMessage(error, FIELD_LABELS())}
                </SectionMessage>
              )}
              <div className="ideas-actions" role="group" aria-label={t('ideas.col.review')}>
                {DECISIONS.map((d) => (
                  <button
                    key={d}
                    type="button"
                    className="tdm-button"
                    disabled={busy}
                    onClick={() => void decide(d)}
                  >
                    {decisionName(d)}
                  </button>
                ))}
                {view.canCreate && view.experimentTypeFound && (
                  <button type="button" className="tdm-button" onClick={() => onOpen(current.id)}>
                    {decisionName('experiment')}
                  </button>
                )}
              </div>
            </>
          )}
          <button
            type="button"
            className="tdm-button tdm-button--subtle"
            onClick={() => setSkipped((s) => [...s, current.id])}
          >
            {t('ideas.review.skip')}
          </button>
        </article>
      )}
    </div>
  );
}
