import type { Messages } from '../../common/i18n';
import { commonEn, commonFr } from '../../common/messages/common';
import { retroEn, retroFr } from '../../common/messages/retro';

/** The retro macro's strings, registered in main.tsx (the config dialog registers the same set). */
export const retroMessages = {
  en: { ...commonEn, ...retroEn },
  fr: { ...commonFr, ...retroFr }
} satisfies Messages;
