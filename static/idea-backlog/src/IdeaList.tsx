import type { BacklogView, IdeaView } from '@contract/ideas';
import type { HostInfo } from '../../common/bootstrap';
import { Lozenge } from '../../common/components';
import { t } from '../../common/i18n';
import type { Announce } from './App';
import { scoreText, sourceName, stageName } from './model';
import { StageLozenge } from './StageLozenge';
import { VoteButton } from './Vote';

type Ready = Extract<BacklogView, { state: 'ready' }>;

export interface IdeasViewProps {
  ideas: IdeaView[];
  view: Ready;
  host: HostInfo;
  onOpen: (id: string) => void;
  onIdea: (idea: IdeaView) => void;
  announce: Announce;
}

/** The backlog as a table, highest score first (the resolver's order). */
export function IdeaList({ ideas, view, host, onOpen, onIdea, announce }: IdeasViewProps) {
  if (ideas.length === 0) return <p className="tdm-subtle">{t('ideas.empty')}</p>;
  return (
    <table className="tdm-table ideas-table">
      <caption className="tdm-sr-only">{t('ideas.tabs.list')}</caption>
      <thead>
        <tr>
          <th scope="col">{t('ideas.col.idea')}</th>
          <th scope="col">{t('ideas.col.stage')}</th>
          <th scope="col">{t('ideas.col.source')}</th>
          <th scope="col">{t('ideas.col.score')}</th>
          <th scope="col">{t('ideas.col.votes')}</th>
          <th scope="col">{t('ideas.col.evidence')}</th>
          <th scope="col">{t('ideas.col.age')}</th>
          <th scope="col">{t('ideas.col.review')}</th>
        </tr>
      </thead>
      <tbody>
        {ideas.map((idea) => (
          <tr key={idea.id} data-testid={`idea-row-${idea.key}`}>
            <th scope="row">
              <button
                type="button"
                className="ideas-link"
                aria-label={`${idea.key} ${idea.summary}`}
                aria-haspopup="dialog"
                onClick={() => onOpen(idea.id)}
              >
                <span className="ideas-key">{idea.key}</span> {idea.summary}
              </button>
            </th>
            <td>
              <StageLozenge stage={idea.stage} />
              <span className="tdm-sr-only">{stageName(idea.stage)}</span>
            </td>
            <td>{sourceName(idea.source)}</td>
            <td className={idea.score.scored ? 'ideas-score' : 'ideas-score ideas-score--none'}>
              {scoreText(idea.score, host.tag)}
            </td>
            <td>
              <VoteButton idea={idea} canEdit={view.canEdit} onIdea={onIdea} announce={announce} />
            </td>
            <td>{idea.evidenceCount}</td>
            <td>{t('ideas.age', { days: idea.ageDays })}</td>
            <td>
              {idea.review.flagged ? (
                <Lozenge appearance="moved">
                  {t('ideas.flagged', { days: idea.review.daysSinceReview })}
                </Lozenge>
              ) : null}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
