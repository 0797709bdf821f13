import type { Finding } from '../domain';
export interface Position {
  /** 1-based. */
  line: number;
  /** 1-based, in UTF-16 code units like editors and SARIF's default column kind. */
  column: number;
}

/** Finds where in the page's source a finding is about. Always answers: the page's start at worst. */
export type Locator = (finding: Finding, fallbackForm: string | undefined) => Position;

export const PAGE_START: Position = { line: 1, column: 1 };

/**
 * A finding that names no field is about one of the page's declarations: where the HTML declares it (an
 * attribute of the form) and where a JSON definition does (a key). Codes not listed here are located by
 * their form and field alone, so new findings are placed sensibly without changes here.
 */
export interface Declaration {
  attribute: string;
  key: string;
  /** The declaration may also be a link on the page, found by the URL the definition holds. */
  link?: boolean;
}

const DECLARATIONS: ReadonlyArray<readonly [prefix: string, declaration: Declaration]> = [
  ['page.privacy_notice', { attribute: 'data-privacy-url', key: 'privacyNoticeUrl', link: true }],
  ['page.retention', { attribute: 'data-retention-months', key: 'retentionMonths' }],
  ['page.purpose', { attribute: 'data-purpose', key: 'purpose' }],
  ['sensitive.legal_basis', { attribute: 'data-legal-basis', key: 'legalBasis' }],
  ['sensitive.explicit_consent', { attribute: 'data-explicit-consent', key: 'explicitConsentText' }],
  ['sensitive.dpia', { attribute: 'data-dpia', key: 'dpiaCompleted' }],
  ['audience.', { attribute: 'data-audience', key: 'audience' }]
];

export function declarationOf(code: string): Declaration | undefined {
  return DECLARATIONS.find(([prefix]) => code.startsWith(prefix))?.[1];
}

export function hostOf(url: string): string | undefined {
  try {
    return new URL(url.trim(), 'https://first-party.invalid/').hostname.toLowerCase();
  } catch {
    return undefined;
  }
}

/**
 * Whether a script or embed is the one a finding names: findings name a resource by its URL (an invalid
 * address) or by the host it loads from, and an inline snippet by a host its code mentions.
 */
export function resourceMatches(
  subject: string,
  url: string | undefined,
  inline: string | undefined
): boolean {
  if (url !== undefined) {
    const trimmed = url.trim();
    return trimmed === subject || hostOf(trimmed) === subject.toLowerCase();
  }
  return inline !== undefined && inline.toLowerCase().includes(subject.toLowerCase());
}

/** A module is named `id@version` in findings. */
export function moduleMatches(subject: string, id: string, version: string): boolean {
  return subject === `${id}@${version}` || subject === id;
}
