/**
 * Every surface's strings together, for tests and tooling. The surfaces import none of this: each
 * registers only its own set (src/messages.ts of the surface, see ../i18n.ts).
 */
import type { I18nKey, Locale } from '../i18n';
import { adminEn, adminFr } from './admin';
import { commonEn, commonFr } from './common';
import { ideasEn, ideasFr } from './ideas';
import { panelEn, panelFr } from './panel';
import { policyEn, policyFr } from './policy';
import { projectPageEn, projectPageFr } from './project-page';
import { projectSettingsEn, projectSettingsFr } from './project-settings';
import { retroEn, retroFr } from './retro';

export const messages: Readonly<Record<Locale, Readonly<Record<I18nKey, string>>>> = {
  en: {
    ...commonEn,
    ...adminEn,
    ...panelEn,
    ...policyEn,
    ...projectPageEn,
    ...projectSettingsEn,
    ...retroEn,
    ...ideasEn
  },
  fr: {
    ...commonFr,
    ...adminFr,
    ...panelFr,
    ...policyFr,
    ...projectPageFr,
    ...projectSettingsFr,
    ...retroFr,
    ...ideasFr
  }
};
