export type Lang = 'en' | 'fr';
export interface LocalisedText {
  en: string;
  fr: string;
}

/** Numbers the way each language writes them (`12.5` / `12,5`), at most `decimals` decimals. */
export function formatNumber(value: number, lang: Lang, decimals = 1): string {
  const factor = 10 ** decimals;
  const rounded = Math.round(value * factor) / factor;
  const text = String(rounded);
  return lang === 'fr' ? text.replace('.', ',') : text;
}

export function formatPercent(fraction: number, lang: Lang): string {
  return `${formatNumber(fraction * 100, lang, 1)} %`;
}

export function formatHours(hours: number, lang: Lang): string {
  return `${formatNumber(hours, lang, 1)} h`;
}

export function both(render: (lang: Lang) => string): LocalisedText {
  return { en: render('en'), fr: render('fr') };
}
