/*
 * Consent-management platforms (CMPs) the HTML import recognises from the scripts that load them: a page
 * that loads one holds its trackers back until the visitor consents. A page using another CMP declares it
 * with <meta name="tandem-consent-manager" content="…">.
 */
const CONSENT_MANAGERS: ReadonlyArray<readonly [name: string, pattern: RegExp]> = [
  ['Axeptio', /\baxept\.io\b|\baxeptioSettings\b/i],
  ['Didomi', /\bprivacy-center\.org\b|\bdidomiConfig\b|\bsdk\.didomi\b/i],
  ['OneTrust', /\bcookielaw\.org\b|\bonetrust\.com\b|\bOptanonWrapper\b|\bcookiepro\.com\b/i],
  ['Cookiebot', /\bcookiebot\.(com|eu)\b/i],
  ['tarteaucitron', /tarteaucitron/i],
  ['Usercentrics', /\busercentrics\.eu\b/i],
  ['CookieYes', /\bcdn-cookieyes\.com\b/i],
  ['iubenda', /\biubenda\.com\b/i],
  ['Sirdata', /\bconsentframework\.com\b/i],
  ['Quantcast Choice', /\bcmp\.quantcast\.com\b|\bquantcast\.mgr\.consensu\.org\b/i],
  ['Osano', /\bcmp\.osano\.com\b/i],
  ['TrustArc', /\bconsent\.trustarc\.com\b/i],
  ['Complianz', /\bcomplianz\b/i],
  ['Klaro', /\bklaro(\.min)?\.js\b|\bklaroConfig\b/i]
];

/** The CMP a script (its address, or its code when inline) belongs to, if it is a known one. */
export function consentManagerOf(script: string): string | undefined {
  for (const [name, pattern] of CONSENT_MANAGERS) {
    if (pattern.test(script)) return name;
  }
  return undefined;
}

export const CONSENT_MANAGER_NAMES: ReadonlyArray<string> = CONSENT_MANAGERS.map(([name]) => name);
