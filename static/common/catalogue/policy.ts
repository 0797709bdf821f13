/**
 * Strings of the admin page's policy editor, module library and exports, in English and French. Merged into the one catalogue by ../i18n.ts; the
 * English object is the source of truth for keys and placeholders (the French one must match it).
 */

export const policyEn = {} as const;

export const policyFr: Record<keyof typeof policyEn, string> = {};
