/**
 * Strings of the issue panel (static/issue-panel), in English and French. Merged into the one catalogue by ../i18n.ts; the
 * English object is the source of truth for keys and placeholders (the French one must match it).
 */

export const panelEn = {} as const;

export const panelFr: Record<keyof typeof panelEn, string> = {};
