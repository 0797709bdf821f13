/** The languages Tandem speaks: names at set-up, messages, notifications and the UI. */
export const LANGUAGES = ['en', 'fr'] as const;
export type Language = (typeof LANGUAGES)[number];
