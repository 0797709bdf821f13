import type { PageDefinition, ThirdPartyResource } from './definition';
import { trackerWithoutConsentManager, tagManagerTagsUnlisted } from './finding-messages';
import type { Finding } from './findings';
import type { Policy, Tracker } from './policy';
import { FIRST_PARTY_HOST, URL_IN_SNIPPET, hostMatches, hostOf } from './resource-checks';

/*
 * Trackers (analytics, advertising, tag managers) may run only after the visitor consents (CNIL cookie
 * guidelines, 2020), whatever the page collects: a page that loads one must declare the consent-management
 * platform that holds it back. A tag manager loads tags nobody sees in the page, so its owner lists them.
 */

/**
 * Whether a script host is the tracker a policy entry lists. An allow-list entry is exact (allowing
 * one host allows no other), but a tracker list is read the other way: missing a tracker lets it run
 * without consent, while counting one too many only asks for a consent-management platform. So an
 * entry covers its own subdomains (`region1.` collectors, regional CDNs), and an entry naming the
 * `www.` host stands for the whole site: `www.googletagmanager.com` also covers
 * `googletagmanager.com`, from which the same gtm.js loads.
 */
export function trackerHostMatches(host: string, entry: string): boolean {
  if (hostMatches(host, entry)) return true;
  const listed = entry.toLowerCase().replace(/^\*\./, '');
  const site = listed.startsWith('www.') ? listed.slice(4) : listed;
  const candidate = host.toLowerCase();
  return candidate === site || candidate.endsWith(`.${site}`);
}

function trackerFor(host: string, trackers: ReadonlyArray<Tracker>): Tracker | undefined {
  for (const tracker of trackers) {
    if (trackerHostMatches(host, tracker.domain)) return tracker;
  }
  return undefined;
}

function hostsOf(item: ThirdPartyResource): string[] {
  if (item.url !== undefined) {
    const host = hostOf(item.url);
    return host === null || host === FIRST_PARTY_HOST ? [] : [host];
  }
  const hosts: string[] = [];
  if (item.inline !== undefined) {
    for (const match of item.inline.matchAll(URL_IN_SNIPPET)) {
      if (match[1] !== undefined) hosts.push(match[1].toLowerCase());
    }
  }
  return hosts;
}

export function trackerChecks(page: PageDefinition, policy: Policy, findings: Finding[]): void {
  const trackers = policy.trackers;
  if (trackers.length === 0 || page.scripts.length === 0) return;
  const hasConsentManager = page.consentManagementPlatform !== undefined;
  const reportedConsent = new Set<string>();
  const listed = new Set<string>();
  const unlisted = new Set<string>();
  for (const item of page.scripts) {
    for (const host of hostsOf(item)) {
      const tracker = trackerFor(host, trackers);
      if (tracker === undefined) continue;
      if (!hasConsentManager && !reportedConsent.has(host)) {
        reportedConsent.add(host);
        findings.push({
          code: 'tracker.consent_manager_missing',
          severity: 'fix',
          field: host,
          message: trackerWithoutConsentManager(host, tracker.category)
        });
      }
      if (tracker.category === 'tag_manager') {
        if (item.tags !== undefined && item.tags.some((tag) => tag.trim() !== '')) listed.add(host);
        else unlisted.add(host);
      }
    }
  }
  // One listing of a tag manager's tags is enough, wherever the page loads it from.
  for (const host of unlisted) {
    if (listed.has(host)) continue;
    findings.push({
      code: 'tracker.tags_unlisted',
      severity: 'fix',
      field: host,
      message: tagManagerTagsUnlisted(host)
    });
  }
}
