import type { UiError, UiErrorCode } from './ui-result';
import { t, type PlainKey } from './i18n';

const MESSAGES: Record<UiErrorCode, PlainKey> = {
  FORBIDDEN: 'common.error.FORBIDDEN',
  UNLICENSED: 'common.error.UNLICENSED',
  INVALID_INPUT: 'common.error.INVALID_INPUT',
  NOT_FOUND: 'common.error.NOT_FOUND',
  CONFLICT: 'common.error.CONFLICT',
  RATE_LIMITED: 'common.error.RATE_LIMITED',
  UPSTREAM: 'common.error.UPSTREAM',
  INTERNAL: 'common.error.INTERNAL',
  NETWORK: 'common.error.NETWORK'
};

/**
 * The translated sentence for an error. The server's English `message` is for logs, not
 * for people; a payload field is named by the label the surface shows for it.
 */
export function errorMessage(error: UiError, fieldLabels: Readonly<Record<string, string>> = {}): string {
  if (error.code === 'INVALID_INPUT' && error.field !== undefined) {
    const root = error.field.split(/[.[]/)[0] ?? error.field;
    const label = fieldLabels[error.field] ?? fieldLabels[root];
    if (label !== undefined) return t('common.error.INVALID_INPUT_FIELD', { field: label });
  }
  return t(MESSAGES[error.code]);
}
