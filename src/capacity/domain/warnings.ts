import { both, formatHours, formatPercent, type Lang, type LocalisedText } from './messages';

/**
 * A lane is starved when this period gives it less than this fraction of what it was promised:
 * the hours its shares (or its part of the pool) would give if nobody were off.
 */
export const STARVED_RATIO = 0.8;

export type CapacityWarning =
  | { code: 'overCapacity'; loadHours: number; capacityHours: number }
  | { code: 'starved'; capacityHours: number; promisedHours: number }
  | { code: 'experimentsOutsideBand'; share: number; min: number; max: number }
  | {
      code: 'protectedTimeEaten';
      accountId: string;
      displayName: string;
      assignedHours: number;
      availableHours: number;
    }
  | { code: 'noCapacity'; loadHours: number }
  | { code: 'unestimated'; count: number }
  | { code: 'laneWipOver'; wip: number; limit: number }
  | { code: 'personWipOver'; accountId: string; displayName: string; wip: number; limit: number };

export type WarningCode = CapacityWarning['code'];

function render(warning: CapacityWarning, lang: Lang): string {
  const en = lang === 'en';
  const h = (hours: number) => formatHours(hours, lang);
  switch (warning.code) {
    case 'overCapacity':
      return en
        ? `Over capacity: ${h(warning.loadHours)} of work for ${h(warning.capacityHours)} this period`
        : `Surcharge : ${h(warning.loadHours)} de travail pour ${h(warning.capacityHours)} sur la période`;
    case 'starved':
      return en
        ? `Starved lane: ${h(warning.capacityHours)} this period, ${h(warning.promisedHours)} promised`
        : `Couloir affamé : ${h(warning.capacityHours)} sur la période, ${h(warning.promisedHours)} promises`;
    case 'experimentsOutsideBand':
      return en
        ? `Experiments took ${formatPercent(warning.share, lang)} of the work done over the last 4 periods, outside the ${formatPercent(warning.min, lang)}–${formatPercent(warning.max, lang)} band`
        : `Les expérimentations ont pris ${formatPercent(warning.share, lang)} du travail terminé sur les 4 dernières périodes, hors de la fourchette ${formatPercent(warning.min, lang)}–${formatPercent(warning.max, lang)}`;
    case 'protectedTimeEaten':
      return en
        ? `Protected time eaten: ${warning.displayName} has ${h(warning.assignedHours)} in progress and ${h(warning.availableHours)} available for the rest of the period`
        : `Temps protégé entamé : ${warning.displayName} a ${h(warning.assignedHours)} en cours et ${h(warning.availableHours)} disponibles d'ici la fin de la période`;
    case 'noCapacity':
      return en
        ? `No capacity: ${h(warning.loadHours)} of work and nobody's hours this period`
        : `Aucune capacité : ${h(warning.loadHours)} de travail et personne de disponible sur la période`;
    case 'unestimated':
      return en
        ? `${warning.count} unestimated issue(s), not counted in the load`
        : `${warning.count} ticket(s) sans estimation, non compté(s) dans la charge`;
    case 'laneWipOver':
      return en
        ? `WIP ${warning.wip} over the lane's limit of ${warning.limit}`
        : `${warning.wip} en cours, au-delà de la limite du couloir (${warning.limit})`;
    case 'personWipOver':
      return en
        ? `${warning.displayName}: WIP ${warning.wip} over the limit of ${warning.limit}`
        : `${warning.displayName} : ${warning.wip} en cours, au-delà de la limite (${warning.limit})`;
  }
}

export function warningMessage(warning: CapacityWarning): LocalisedText {
  return both((lang) => render(warning, lang));
}
