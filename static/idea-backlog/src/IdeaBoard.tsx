import type { Stage } from '@contract/ideas';
import { Lozenge } from '../../common/components';
import { t } from '../../common/i18n';
import type { IdeasViewProps } from './IdeaList';
import { scoreText, sourceName, STAGES, stageName } from './model';
import { VoteButton } from './Vote';

/** The backlog by stage: one column per stage, each a list of cards (no drag: stages follow Jira and decisions). */
export function IdeaBoard({ ideas, view, host, onOpen, onIdea, announce }: IdeasViewProps) {
  const byStage = (stage: Stage) => ideas.filter((idea) => idea.stage === stage);
  return (
    <div className="ideas-board">
      {STAGES.map((stage) => {
        const cards = byStage(stage);
        return (
          <section key={stage} className="ideas-column" aria-labelledby={`ideas-col-${stage}`}>
            <h2 id={`ideas-col-${stage}`} className="ideas-column__title">
              {stageName(stage)} <span className="tdm-subtle">({cards.length})</span>
            </h2>
            {cards.length === 0 ? (
              <p className="tdm-small tdm-subtle">{t('ideas.emptyColumn')}</p>
            ) : (
              <ul className="ideas-cards">
                {cards.map((idea) => (
                  <li key={idea.id} className="ideas-card" data-testid={`idea-card-${idea.key}`}>
                    <button
                      type="button"
                      className="ideas-link"
                      aria-label={`${idea.key} ${idea.summary}`}
                      aria-haspopup="dialog"
                      onClick={() => onOpen(idea.id)}
                    >
                      <span className="ideas-key">{idea.key}</span> {idea.summary}
                    </button>
                    <div className="tdm-small tdm-subtle">
                      {sourceName(idea.source)} · {t('ideas.age', { days: idea.ageDays })}
                    </div>
                    <div className="ideas-card__meta">
                      <span className={idea.score.scored ? 'ideas-score' : 'ideas-score ideas-score--none'}>
                        {t('ideas.col.score')} {scoreText(idea.score, host.tag)}
                      </span>
                      <span className="tdm-small">
                        {t('ideas.col.evidence')} {idea.evidenceCount}
                      </span>
                    </div>
                    <VoteButton idea={idea} canEdit={view.canEdit} onIdea={onIdea} announce={announce} />
                    {idea.review.flagged && (
                      <Lozenge appearance="moved">
                        {t('ideas.flagged', { days: idea.review.daysSinceReview })}
                      </Lozenge>
                    )}
                  </li>
                ))}
              </ul>
            )}
          </section>
        );
      })}
    </div>
  );
}
