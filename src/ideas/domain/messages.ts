import type { Lang } from '../../capacity/domain/messages';
import type { Decision } from './review';
import type { EvidenceKind, IdeaSource } from './evidence';
import type { HeadroomWarning } from './experiments';
import type { Score, ScoreInput } from './scoring';
import type { Stage } from './stages';

export type { Lang } from '../../capacity/domain/messages';
export { formatNumber } from '../../capacity/domain/messages';
import { formatNumber } from '../../capacity/domain/messages';

/**
 * Server-side wording (the export, error messages). French typography: a narrow no-break space
 * (U+202F) before : ; ! ? and inside « ».
 */

export const STAGE_NAMES: Record<Stage, Record<Lang, string>> = {
  captured: { en: 'Captured', fr: 'Capturée' },
  reviewing: { en: 'Reviewing', fr: 'En revue' },
  experiment: { en: 'Experiment', fr: 'Expérimentation' },
  adopted: { en: 'Adopted', fr: 'Adoptée' },
  parked: { en: 'Parked', fr: 'En attente' },
  dropped: { en: 'Dropped', fr: 'Abandonnée' }
};

export const SOURCE_NAMES: Record<IdeaSource, Record<Lang, string>> = {
  webinar: { en: 'Webinar', fr: 'Webinar' },
  'call-recording': { en: 'Call recording', fr: 'Enregistrement d’appel' },
  'one-to-one': { en: 'One-to-one', fr: 'Entretien individuel' },
  community: { en: 'Community thread', fr: 'Discussion communautaire' },
  'social-post': { en: 'Social post', fr: 'Publication sur les réseaux' },
  event: { en: 'Event', fr: 'Événement' },
  other: { en: 'Other', fr: 'Autre' }
};

export const EVIDENCE_NAMES: Record<EvidenceKind, Record<Lang, string>> = {
  'webinar-screenshot': { en: 'Webinar screenshot', fr: 'Capture de webinar' },
  'social-post': { en: 'Post', fr: 'Publication' },
  'call-recording': { en: 'Call recording', fr: 'Enregistrement d’appel' },
  'one-to-one-notes': { en: 'One-to-one notes', fr: 'Notes d’entretien individuel' },
  'community-thread': { en: 'Community thread', fr: 'Discussion communautaire' },
  report: { en: 'Report', fr: 'Rapport' },
  other: { en: 'Other', fr: 'Autre' }
};

export const DECISION_NAMES: Record<Decision, Record<Lang, string>> = {
  keep: { en: 'Keep', fr: 'Garder' },
  park: { en: 'Park', fr: 'Mettre en attente' },
  drop: { en: 'Drop', fr: 'Abandonner' },
  experiment: { en: 'Experiment', fr: 'Expérimenter' }
};

export const INPUT_NAMES: Record<ScoreInput, Record<Lang, string>> = {
  reach: { en: 'reach', fr: 'portée' },
  impact: { en: 'impact', fr: 'impact' },
  confidence: { en: 'confidence', fr: 'confiance' },
  ease: { en: 'ease', fr: 'facilité' },
  effort: { en: 'effort', fr: 'effort' }
};

export function scoreText(score: Score, lang: Lang): string {
  if (score.scored) return formatNumber(score.value, lang, 2);
  const names = (list: ScoreInput[]) => list.map((i) => INPUT_NAMES[i][lang]).join(', ');
  const parts: string[] = [];
  if (score.missing.length > 0)
    parts.push(lang === 'fr' ? `manque\u202f: ${names(score.missing)}` : `missing: ${names(score.missing)}`);
  if (score.invalid.length > 0)
    parts.push(
      lang === 'fr' ? `hors échelle\u202f: ${names(score.invalid)}` : `out of scale: ${names(score.invalid)}`
    );
  return `${lang === 'fr' ? 'non notée' : 'not scored'} (${parts.join('; ')})`;
}

export function headroomText(warning: HeadroomWarning, lang: Lang): string {
  switch (warning.code) {
    case 'noExperimentsLane':
      return lang === 'fr'
        ? 'Ce projet n’a pas de couloir d’expérimentations dans Tandem\u202f: la marge ne peut pas être vérifiée.'
        : 'This project has no experiments lane in Tandem: headroom cannot be checked.';
    case 'noHeadroom':
      return lang === 'fr'
        ? `Le couloir d’expérimentations n’a plus de marge cette période\u202f: ${formatNumber(warning.loadHours, lang)} h prévues pour ${formatNumber(warning.capacityHours, lang)} h de capacité.`
        : `The experiments lane has no headroom this period: ${formatNumber(warning.loadHours, lang)} h planned for ${formatNumber(warning.capacityHours, lang)} h of capacity.`;
    case 'unestimatedWork':
      return lang === 'fr'
        ? `${formatNumber(warning.headroomHours, lang)} h de marge, mais ${warning.count} ticket(s) du couloir n’ont pas d’estimation\u202f: la marge réelle peut être plus faible.`
        : `${formatNumber(warning.headroomHours, lang)} h of headroom, but ${warning.count} issue(s) in the lane have no estimate: the real headroom may be smaller.`;
  }
}
