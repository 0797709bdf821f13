import type { RetroFormat, RetroMode } from '@contract/retro';
import type { PlainKey } from '../../common/i18n';

/** Catalogue keys of the settings' choices, spelled out so the i18n check sees each one. */

export const MODE_KEYS: Record<RetroMode, PlainKey> = {
  retro: 'retro.config.mode.retro',
  'energy-audit': 'retro.config.mode.energy-audit',
  'show-and-tell': 'retro.config.mode.show-and-tell',
  'joint-session': 'retro.config.mode.joint-session'
};

export const FORMAT_KEYS: Record<RetroFormat, PlainKey> = {
  'worked-didnt-improve': 'retro.config.format.worked-didnt-improve',
  'start-stop-continue': 'retro.config.format.start-stop-continue',
  'four-ls': 'retro.config.format.four-ls',
  custom: 'retro.config.format.custom'
};
