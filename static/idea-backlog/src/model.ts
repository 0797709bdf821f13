/**
 * What the backlog's views compute from the resolver's answer: filters, the review queue, the
 * words for a score. Pure, so the unit tests load it under Node.
 */
import type {
  Decision,
  EvidenceKind,
  HeadroomWarning,
  IdeaSource,
  IdeaView,
  Score,
  ScoreInput,
  Stage
} from '@contract/ideas';
import { t, type PlainKey } from '../../common/i18n';

export const STAGES: readonly Stage[] = [
  'captured',
  'reviewing',
  'experiment',
  'adopted',
  'parked',
  'dropped'
];
export const SOURCES: readonly IdeaSource[] = [
  'webinar',
  'call-recording',
  'one-to-one',
  'community',
  'social-post',
  'event',
  'other'
];

export interface Filter {
  text: string;
  stage: Stage | '';
  source: IdeaSource | '';
  flaggedOnly: boolean;
  scoredOnly: boolean;
}

export const NO_FILTER: Filter = { text: '', stage: '', source: '', flaggedOnly: false, scoredOnly: false };

export function filterIdeas(ideas: readonly IdeaView[], filter: Filter): IdeaView[] {
  const text = filter.text.trim().toLowerCase();
  return ideas.filter(
    (idea) =>
      (filter.stage === '' || idea.stage === filter.stage) &&
      (filter.source === '' || idea.source === filter.source) &&
      (!filter.flaggedOnly || idea.review.flagged) &&
      (!filter.scoredOnly || idea.score.scored) &&
      (text === '' || idea.summary.toLowerCase().includes(text) || idea.key.toLowerCase().includes(text))
  );
}

/** Review mode walks the flagged ideas, the longest unreviewed first. */
export function reviewQueue(ideas: readonly IdeaView[]): IdeaView[] {
  return ideas
    .filter((idea) => idea.review.flagged)
    .sort((a, b) => b.review.daysSinceReview - a.review.daysSinceReview || (a.key < b.key ? -1 : 1));
}

export function numberText(value: number, tag: string, decimals = 2): string {
  return new Intl.NumberFormat(tag, { maximumFractionDigits: decimals }).format(value);
}

export function scoreText(score: Score, tag: string): string {
  if (score.scored) return numberText(score.value, tag);
  const names = (list: readonly ScoreInput[]) =>
    list.map((input) => t(INPUT_KEYS[input]).toLowerCase()).join(', ');
  if (score.missing.length > 0) return t('ideas.notScoredMissing', { inputs: names(score.missing) });
  if (score.invalid.length > 0) return t('ideas.notScoredInvalid', { inputs: names(score.invalid) });
  return t('ideas.notScored');
}

const STAGE_KEYS: Record<Stage, PlainKey> = {
  captured: 'ideas.stage.captured',
  reviewing: 'ideas.stage.reviewing',
  experiment: 'ideas.stage.experiment',
  adopted: 'ideas.stage.adopted',
  parked: 'ideas.stage.parked',
  dropped: 'ideas.stage.dropped'
};
const SOURCE_KEYS: Record<IdeaSource, PlainKey> = {
  webinar: 'ideas.source.webinar',
  'call-recording': 'ideas.source.call-recording',
  'one-to-one': 'ideas.source.one-to-one',
  community: 'ideas.source.community',
  'social-post': 'ideas.source.social-post',
  event: 'ideas.source.event',
  other: 'ideas.source.other'
};
export const INPUT_KEYS: Record<ScoreInput, PlainKey> = {
  reach: 'ideas.input.reach',
  impact: 'ideas.input.impact',
  confidence: 'ideas.input.confidence',
  ease: 'ideas.input.ease',
  effort: 'ideas.input.effort'
};
export const DECISION_KEYS: Record<Decision, PlainKey> = {
  keep: 'ideas.decision.keep',
  park: 'ideas.decision.park',
  drop: 'ideas.decision.drop',
  experiment: 'ideas.decision.experiment'
};
export const EVIDENCE_KEYS: Record<EvidenceKind, PlainKey> = {
  'webinar-screenshot': 'ideas.evidenceKind.webinar-screenshot',
  'social-post': 'ideas.evidenceKind.social-post',
  'call-recording': 'ideas.evidenceKind.call-recording',
  'one-to-one-notes': 'ideas.evidenceKind.one-to-one-notes',
  'community-thread': 'ideas.evidenceKind.community-thread',
  report: 'ideas.evidenceKind.report',
  other: 'ideas.evidenceKind.other'
};

export const stageName = (stage: Stage): string => t(STAGE_KEYS[stage]);
export const sourceName = (source: IdeaSource | null): string =>
  source === null ? t('ideas.source.none') : t(SOURCE_KEYS[source]);
export const decisionName = (decision: Decision): string => t(DECISION_KEYS[decision]);
export const evidenceKindName = (kind: EvidenceKind): string => t(EVIDENCE_KEYS[kind]);

export function headroomWarningText(warning: HeadroomWarning, tag: string): string {
  switch (warning.code) {
    case 'noExperimentsLane':
      return t('ideas.warning.noExperimentsLane');
    case 'noHeadroom':
      return t('ideas.warning.noHeadroom', {
        load: numberText(warning.loadHours, tag, 1),
        capacity: numberText(warning.capacityHours, tag, 1)
      });
    case 'unestimatedWork':
      return t('ideas.warning.unestimatedWork', {
        hours: numberText(warning.headroomHours, tag, 1),
        count: warning.count
      });
  }
}

/** Replaces one idea in the list after a write, keeping the list's order. */
export function replaceIdea(ideas: readonly IdeaView[], idea: IdeaView): IdeaView[] {
  const at = ideas.findIndex((i) => i.id === idea.id);
  return at < 0 ? [idea, ...ideas] : ideas.map((i) => (i.id === idea.id ? idea : i));
}
