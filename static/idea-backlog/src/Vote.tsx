import type { IdeaView } from '@contract/ideas';
import { useState } from 'react';
import { errorMessage } from '../../common/errors';
import { t } from '../../common/i18n';
import type { Announce } from './App';
import { voteIdea } from './client';

/** A toggle button: pressed when the caller has voted. */
export function VoteButton({
  idea,
  canEdit,
  onIdea,
  announce
}: {
  idea: IdeaView;
  canEdit: boolean;
  onIdea: (idea: IdeaView) => void;
  announce: Announce;
}) {
  const [busy, setBusy] = useState(false);
  const name = `${idea.key} ${idea.summary}`;
  const toggle = async () => {
    setBusy(true);
    const answer = await voteIdea({ issueId: idea.id, vote: !idea.voted });
    setBusy(false);
    if (!answer.ok) {
      announce(errorMessage(answer.error));
      return;
    }
    onIdea(answer.data.idea);
    announce(answer.data.idea.voted ? t('ideas.voted', { idea: name }) : t('ideas.unvoted', { idea: name }));
  };
  return (
    <span className="ideas-vote">
      <span className="ideas-vote__count" data-testid={`votes-${idea.key}`}>
        {idea.votes}
      </span>
      {canEdit && (
        <button
          type="button"
          className="tdm-button tdm-button--subtle ideas-vote__button"
          aria-pressed={idea.voted}
          aria-label={idea.voted ? t('ideas.unvoteFor', { idea: name }) : t('ideas.voteFor', { idea: name })}
          disabled={busy}
          onClick={() => void toggle()}
        >
          {idea.voted ? t('ideas.unvote') : t('ideas.vote')}
        </button>
      )}
    </span>
  );
}
