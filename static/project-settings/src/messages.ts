import type { Messages } from '../../common/i18n';
import { commonEn, commonFr } from '../../common/messages/common';
import { projectSettingsEn, projectSettingsFr } from '../../common/messages/project-settings';

/** The settings page's strings, registered in main.tsx. */
export const projectSettingsMessages = {
  en: { ...commonEn, ...projectSettingsEn },
  fr: { ...commonFr, ...projectSettingsFr }
} satisfies Messages;
