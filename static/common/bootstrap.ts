import { view } from '@forge/bridge';
import { enableTheme } from './theme';
import { localeFromTag, setLocale, type Locale } from './i18n';
import type { DisplayZone } from './format';

export interface HostInfo extends DisplayZone {
  locale: Locale;
}

function languageTag(raw: string | undefined, locale: Locale): string {
  const tag = (raw ?? '').replace('_', '-');
  try {
    return Intl.DateTimeFormat.supportedLocalesOf(tag).length > 0 ? tag : locale;
  } catch {
    return locale;
  }
}

/**
 * What every surface does before its first render: theme on, locale chosen. The context
 * comes from the browser and is untrusted, which is fine here: it only picks a language
 * and a time zone for display.
 */
export async function bootstrap(): Promise<HostInfo> {
  const [context] = await Promise.all([view.getContext().catch(() => undefined), enableTheme()]);
  const rawLocale = typeof context?.locale === 'string' ? context.locale : undefined;
  const locale = localeFromTag(rawLocale);
  setLocale(locale);
  document.documentElement.lang = locale;
  const timeZone =
    typeof context?.timezone === 'string' && context.timezone !== '' ? context.timezone : undefined;
  return { locale, tag: languageTag(rawLocale, locale), timeZone };
}
