import type { Messages } from '../../common/i18n';
import { commonEn, commonFr } from '../../common/messages/common';
import { retroEn, retroFr } from '../../common/messages/retro';

/** The retro settings dialog's strings (the macro's set: the dialog names the same things), registered in main.tsx. */
export const retroMessages = {
  en: { ...commonEn, ...retroEn },
  fr: { ...commonFr, ...retroFr }
} satisfies Messages;
