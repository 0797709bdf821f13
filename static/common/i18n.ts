/**
 * Translation of user-visible strings, in English and French. The strings live in ./messages/,
 * one file per surface plus the common ones; each surface registers only its own (setMessages in
 * its main.tsx), so the issue panel does not ship the admin page's text.
 *
 * Kept free of @forge/bridge and of the DOM so that it loads under plain Node (the jest
 * test that compares the two languages imports it); the host locale is read in
 * bootstrap.ts and handed to setLocale().
 *
 * Placeholders are written `{name}`; the English text is the source of truth for which
 * placeholders a key takes, and `t()` requires exactly those.
 */

import type { adminEn } from './messages/admin';
import type { commonEn } from './messages/common';
import type { ideasEn } from './messages/ideas';
import type { panelEn } from './messages/panel';
import type { policyEn } from './messages/policy';
import type { projectPageEn } from './messages/project-page';
import type { projectSettingsEn } from './messages/project-settings';
import type { retroEn } from './messages/retro';

export type Locale = 'en' | 'fr';

type En = typeof commonEn &
  typeof adminEn &
  typeof panelEn &
  typeof policyEn &
  typeof projectPageEn &
  typeof projectSettingsEn &
  typeof retroEn &
  typeof ideasEn;

export type I18nKey = keyof En;

/** The strings one surface registers, in both languages. */
export type Messages = Readonly<Record<Locale, Readonly<Partial<Record<I18nKey, string>>>>>;

/** The `{name}` placeholders of an English string, as a union of names. */
type Placeholders<S extends string> = S extends `${string}{${infer Name}}${infer Rest}`
  ? Name | Placeholders<Rest>
  : never;

export type Vars<K extends I18nKey> = Record<Placeholders<En[K]>, string | number>;

/** Keys whose text has no placeholder: the ones a lookup table (state → label) may hold. */
export type PlainKey = {
  [K in I18nKey]: [Placeholders<En[K]>] extends [never] ? K : never;
}[I18nKey];

/** Keys without placeholders take no second argument; keys with placeholders require all of them. */
type VarsArg<K extends I18nKey> = [Placeholders<En[K]>] extends [never] ? [] : [vars: Vars<K>];

let current: Locale = 'en';

/** 'fr', 'fr-FR', 'fr_CA' → fr; anything else (or nothing) → en. */
export function localeFromTag(tag: string | null | undefined): Locale {
  return typeof tag === 'string' && /^fr(?:[-_]|$)/i.test(tag) ? 'fr' : 'en';
}

export function setLocale(locale: Locale): void {
  current = locale;
}

export function getLocale(): Locale {
  return current;
}

/** Fills placeholders as plain text: the result is only ever rendered as a React text node. */
export function format(template: string, vars: Readonly<Record<string, string | number>> = {}): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    Object.prototype.hasOwnProperty.call(vars, name) ? String(vars[name]) : whole
  );
}

let registered: Messages = { en: {}, fr: {} };

/** The surface's strings; called once, before the first render. */
export function setMessages(messages: Messages): void {
  registered = messages;
}

/** A key the surface did not register shows as itself: visible in review, never a crash. */
export function translate<K extends I18nKey>(locale: Locale, key: K, ...args: VarsArg<K>): string {
  return format(registered[locale][key] ?? key, args[0]);
}

export function t<K extends I18nKey>(key: K, ...args: VarsArg<K>): string {
  return translate(current, key, ...args);
}

/** The names used in the template of a key, for tests and tooling. */
export function placeholdersOf(template: string): string[] {
  return [...template.matchAll(/\{(\w+)\}/g)].map((m) => m[1] ?? '').sort();
}
