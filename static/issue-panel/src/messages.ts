import type { Messages } from '../../common/i18n';
import { commonEn, commonFr } from '../../common/messages/common';
import { panelEn, panelFr } from '../../common/messages/panel';

/** The issue panel's strings, registered in main.tsx: the admin page's text is not shipped here. */
export const panelMessages = {
  en: { ...commonEn, ...panelEn },
  fr: { ...commonFr, ...panelFr }
} satisfies Messages;
