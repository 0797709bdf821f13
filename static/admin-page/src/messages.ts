import type { Messages } from '../../common/i18n';
import { adminEn, adminFr } from '../../common/messages/admin';
import { commonEn, commonFr } from '../../common/messages/common';
import { policyEn, policyFr } from '../../common/messages/policy';

/** The admin page's strings (set-up, policy editor, audit export), registered in main.tsx. */
export const adminPageMessages = {
  en: { ...commonEn, ...adminEn, ...policyEn },
  fr: { ...commonFr, ...adminFr, ...policyFr }
} satisfies Messages;
