import type { ClearView } from '@contract/capacity';
import { t } from '../../../common/i18n';
import { formatDay } from '../model';

/** When a lane clears, in words (the plan and the what-if deltas). */
export function clearText(clear: ClearView, tag: string): string {
  switch (clear.status) {
    case 'clear':
      return t('lanes.clear.clear');
    case 'dated':
      return t('lanes.clear.dated', { date: formatDay(clear.date, tag) });
    case 'noCapacity':
      return t('lanes.clear.noCapacity');
    case 'beyondHorizon':
      return t('lanes.clear.beyondHorizon');
  }
}
