/**
 * Evidence attached to an idea: the raw material seed 000 lists (webinar screenshots, posts,
 * one-to-one notes, community threads, call recordings), as a link or a snippet of text.
 */

export const EVIDENCE_KINDS = [
  'webinar-screenshot',
  'social-post',
  'call-recording',
  'one-to-one-notes',
  'community-thread',
  'report',
  'other'
] as const;
export type EvidenceKind = (typeof EVIDENCE_KINDS)[number];

/** Where an idea came from (quick capture's "source"), kept as the label `source-<key>`. */
export const IDEA_SOURCES = [
  'webinar',
  'call-recording',
  'one-to-one',
  'community',
  'social-post',
  'event',
  'other'
] as const;
export type IdeaSource = (typeof IDEA_SOURCES)[number];

export const SOURCE_LABEL_PREFIX = 'source-';

/** The first `source-*` label that names a known source; anything else reads as "other". */
export function sourceOfLabels(labels: readonly string[]): IdeaSource | null {
  for (const label of labels) {
    if (!label.startsWith(SOURCE_LABEL_PREFIX)) continue;
    const key = label.slice(SOURCE_LABEL_PREFIX.length);
    return (IDEA_SOURCES as readonly string[]).includes(key) ? (key as IdeaSource) : 'other';
  }
  return null;
}

export interface EvidenceItem {
  id: string;
  kind: EvidenceKind;
  /** A link (https only) or a snippet; exactly one of them. */
  url: string | null;
  snippet: string | null;
  addedBy: string;
  addedAt: string;
}

export const MAX_EVIDENCE_PER_IDEA = 100;
export const MAX_SNIPPET_CHARS = 2000;

/**
 * Only http(s) links are kept: a `javascript:` or `data:` URL would run or render content when
 * someone opens it from the page.
 */
export function safeLink(raw: string): string | null {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    return null;
  }
  return url.protocol === 'https:' || url.protocol === 'http:' ? url.toString() : null;
}

export function countByKind(items: readonly EvidenceItem[]): Partial<Record<EvidenceKind, number>> {
  const counts: Partial<Record<EvidenceKind, number>> = {};
  for (const item of items) counts[item.kind] = (counts[item.kind] ?? 0) + 1;
  return counts;
}
