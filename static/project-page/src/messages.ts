import type { Messages } from '../../common/i18n';
import { commonEn, commonFr } from '../../common/messages/common';
import { projectPageEn, projectPageFr } from '../../common/messages/project-page';

/** The project page's strings (board, plan, what-if, lane JQL), registered in main.tsx. */
export const projectPageMessages = {
  en: { ...commonEn, ...projectPageEn },
  fr: { ...commonFr, ...projectPageFr }
} satisfies Messages;
