import type { BacklogView, IdeaView } from '@contract/ideas';
import { useEffect, useRef, useState } from 'react';
import type { HostInfo } from '../../common/bootstrap';
import { t } from '../../common/i18n';
import type { Announce } from './App';
import { Evidence } from './Evidence';
import { ExperimentForm, OutcomeForm } from './Experiment';
import { decisionName, INPUT_KEYS, scoreText, sourceName, stageName } from './model';
import { StageLozenge } from './StageLozenge';
import { VoteButton } from './Vote';

type Ready = Extract<BacklogView, { state: 'ready' }>;
const INPUTS = ['reach', 'impact', 'confidence', 'ease', 'effort'] as const;

export function formatDay(iso: string, host: HostInfo): string {
  return new Intl.DateTimeFormat(host.tag, { dateStyle: 'medium', timeZone: host.timeZone ?? 'UTC' }).format(
    new Date(iso.length === 10 ? `${iso}T12:00:00Z` : iso)
  );
}

/** One idea in a dialog: score inputs, votes, evidence, decisions, its experiment and outcome. */
export function IdeaDetail({
  idea,
  view,
  host,
  onIdea,
  announce,
  onClose
}: {
  idea: IdeaView;
  view: Ready;
  host: HostInfo;
  onIdea: (idea: IdeaView) => void;
  announce: Announce;
  onClose: () => void;
}) {
  const heading = useRef<HTMLHeadingElement>(null);
  const [experimenting, setExperimenting] = useState(false);
  useEffect(() => {
    heading.current?.focus();
    heading.current?.scrollIntoView({ block: 'start' });
  }, [idea.id]);

  // Escape closes the dialog wherever focus is (after a form inside it re-renders, focus may
  // have left the dialog's own elements).
  useEffect(() => {
    const onKey = (event: globalThis.KeyboardEvent) => {
      if (event.key !== 'Escape') return;
      event.stopPropagation();
      onClose();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [onClose]);

  return (
    <div className="ideas-overlay">
      <div className="ideas-dialog" role="dialog" aria-modal="true" aria-labelledby="ideas-detail-title">
        <div className="ideas-dialog__head">
          <h2 id="ideas-detail-title" className="ideas-h2" tabIndex={-1} ref={heading}>
            {t('ideas.detail.title', { key: idea.key, summary: idea.summary })}
          </h2>
          <button type="button" className="tdm-button tdm-button--subtle" onClick={onClose}>
            {t('ideas.detail.close')}
          </button>
        </div>
        <p>
          <StageLozenge stage={idea.stage} /> <span className="tdm-sr-only">{stageName(idea.stage)}</span>{' '}
          <span className="tdm-small tdm-subtle">
            {t('ideas.detail.status', { status: idea.status.name })}
          </span>
          {idea.stageFrom === 'tandem' && (
            <span className="tdm-small tdm-subtle"> · {t('ideas.detail.stageFromTandem')}</span>
          )}
        </p>
        <p className="tdm-small">
          {sourceName(idea.source)} · {t('ideas.age', { days: idea.ageDays })} ·{' '}
          {idea.review.lastReviewedAt
            ? t('ideas.reviewedOn', { date: formatDay(idea.review.lastReviewedAt, host) })
            : t('ideas.neverReviewed')}
        </p>
        <h3 className="ideas-h3">{t('ideas.detail.score', { model: view.model })}</h3>
        <p className={idea.score.scored ? 'ideas-score' : 'ideas-score ideas-score--none'}>
          {scoreText(idea.score, host.tag)}
        </p>
        <dl className="ideas-inputs" aria-label={t('ideas.detail.inputs')}>
          {INPUTS.map((input) => (
            <div key={input}>
              <dt>{t(INPUT_KEYS[input])}</dt>
              <dd>{idea.inputs[input] === null ? t('ideas.detail.empty') : String(idea.inputs[input])}</dd>
            </div>
          ))}
        </dl>
        <VoteButton idea={idea} canEdit={view.canEdit} onIdea={onIdea} announce={announce} />

        <Evidence idea={idea} canEdit={view.canEdit} host={host} onIdea={onIdea} announce={announce} />

        <h3 className="ideas-h3">{t('ideas.detail.decisions')}</h3>
        {idea.decisions.length === 0 ? (
          <p className="tdm-small tdm-subtle">{t('ideas.detail.noDecision')}</p>
        ) : (
          <ul className="ideas-decisions">
            {idea.decisions.map((d) => (
              <li key={d.at}>
                {t('ideas.detail.decisionLine', {
                  date: formatDay(d.at, host),
                  decision: decisionName(d.decision)
                })}
                {d.note !== '' && <span className="tdm-subtle"> — {d.note}</span>}
              </li>
            ))}
          </ul>
        )}

        <h3 className="ideas-h3">{t('ideas.experiment.title')}</h3>
        {idea.experiment ? (
          <>
            <p data-testid="idea-experiment">
              {t('ideas.experiment.linked', {
                key: idea.experiment.issueKey,
                status: idea.experiment.statusName ?? '—',
                date: formatDay(idea.experiment.stopDate, host)
              })}
            </p>
            {idea.outcome ? (
              <p data-testid="idea-outcome">
                {t('ideas.outcome.shown', {
                  result: idea.outcome.met ? t('ideas.outcome.metYes') : t('ideas.outcome.metNo'),
                  lesson: idea.outcome.lesson
                })}
              </p>
            ) : idea.experiment.ended && view.canEdit ? (
              <OutcomeForm idea={idea} onIdea={onIdea} announce={announce} />
            ) : null}
          </>
        ) : view.canCreate && view.experimentTypeFound ? (
          experimenting ? (
            <ExperimentForm
              idea={idea}
              host={host}
              onIdea={onIdea}
              announce={announce}
              onDone={() => setExperimenting(false)}
            />
          ) : (
            <button type="button" className="tdm-button" onClick={() => setExperimenting(true)}>
              {t('ideas.experiment.start')}
            </button>
          )
        ) : view.canCreate && !view.experimentTypeFound ? (
          <p className="tdm-small tdm-subtle">{t('ideas.experiment.noType')}</p>
        ) : null}
      </div>
    </div>
  );
}
