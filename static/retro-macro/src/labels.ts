import type { EnergyProposal, RetroNotice, RetroPhase } from '@contract/retro';
import type { PlainKey } from '../../common/i18n';

/** Catalogue keys of the retro's fixed vocabularies, spelled out so the i18n check sees each one. */

export const PHASE_KEYS: Record<RetroPhase, PlainKey> = {
  review: 'retro.phase.review',
  add: 'retro.phase.add',
  group: 'retro.phase.group',
  vote: 'retro.phase.vote',
  discuss: 'retro.phase.discuss',
  done: 'retro.phase.done'
};

/** Built-in column ids (src/retro/domain/model.ts); custom columns carry their own label. */
export const COLUMN_KEYS: Readonly<Record<string, PlainKey>> = {
  worked: 'retro.column.worked',
  didnt: 'retro.column.didnt',
  improve: 'retro.column.improve',
  start: 'retro.column.start',
  stop: 'retro.column.stop',
  continue: 'retro.column.continue',
  liked: 'retro.column.liked',
  learned: 'retro.column.learned',
  lacked: 'retro.column.lacked',
  longed: 'retro.column.longed',
  energising: 'retro.column.energising',
  neutral: 'retro.column.neutral',
  draining: 'retro.column.draining',
  topics: 'retro.column.topics',
  progress: 'retro.column.progress',
  blockers: 'retro.column.blockers',
  decisions: 'retro.column.decisions'
};

export const NOTICE_KEYS: Record<RetroNotice, PlainKey> = {
  'no-project': 'retro.notice.no-project',
  'project-not-visible': 'retro.notice.project-not-visible',
  'no-period': 'retro.notice.no-period',
  'figures-unavailable': 'retro.notice.figures-unavailable'
};

export const PROPOSAL_KEYS: Record<EnergyProposal, PlainKey> = {
  automate: 'retro.energy.proposal.automate',
  delegate: 'retro.energy.proposal.delegate',
  eliminate: 'retro.energy.proposal.eliminate'
};
