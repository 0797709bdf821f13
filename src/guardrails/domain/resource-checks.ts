import type { PageDefinition } from './definition';
import {
  moduleNotInLibrary,
  moduleRetired,
  resourceInvalidUrl,
  resourceNotAllowed
} from './finding-messages';
import { severityOf, type Finding } from './findings';
import type { Policy } from './policy';

/* The checks on what the page loads or is built from: library modules, third-party scripts and embeds. */

export const URL_IN_SNIPPET = /(?:https?:)?\/\/([a-z0-9][a-z0-9.-]*\.[a-z]{2,})(?=[/:"'?#\s]|$)/gi;
// Stands for relative URLs, which load from the page's own site.
export const FIRST_PARTY_HOST = 'first-party.invalid';

/** Whether `host` is `entry`, or a subdomain of it when `entry` is a wildcard such as `*.example.com`. */
export function hostMatches(host: string, entry: string): boolean {
  if (entry.startsWith('*.')) {
    const suffix = entry.slice(1).toLowerCase();
    return host.endsWith(suffix) || host === suffix.slice(1);
  }
  return host === entry.toLowerCase();
}

export function hostAllowed(host: string, allowed: ReadonlyArray<string>): boolean {
  for (const entry of allowed) {
    if (hostMatches(host, entry)) return true;
  }
  return false;
}

const ABSOLUTE_URL = /^(?:https?:)?\/\/(?:[^/?#@]*@)?([^/?#:]+)/i;
const OTHER_SCHEME = /^[a-z][a-z0-9+.-]*:/i;

/** The host a script or embed loads from; FIRST_PARTY_HOST for a relative URL; null when unusable. */
export function hostOf(url: string): string | null {
  const trimmed = url.trim();
  const absolute = ABSOLUTE_URL.exec(trimmed);
  if (absolute !== null) return absolute[1]?.toLowerCase() ?? null;
  // data:, javascript:, ftp:… cannot be checked against a host allow-list.
  if (OTHER_SCHEME.test(trimmed) || trimmed.startsWith('//')) return null;
  return FIRST_PARTY_HOST;
}

export function thirdPartyChecks(page: PageDefinition, policy: Policy, findings: Finding[]): void {
  const resourceKinds = [
    {
      items: page.scripts,
      allowed: policy.allowedDomains.scripts,
      severity: policy.pageChecks.scriptOutsideAllowList,
      notAllowed: 'script.not_allowed',
      invalid: 'script.invalid_url',
      en: 'script',
      fr: 'script'
    },
    {
      items: page.embeds,
      allowed: policy.allowedDomains.embeds,
      severity: policy.pageChecks.embedOutsideAllowList,
      notAllowed: 'embed.not_allowed',
      invalid: 'embed.invalid_url',
      en: 'embed',
      fr: 'contenu intégré'
    }
  ] as const;
  for (const resource of resourceKinds) {
    const reported = new Set<string>();
    for (const item of resource.items) {
      const hosts: string[] = [];
      if (item.url !== undefined) {
        const host = hostOf(item.url);
        if (host === null) {
          findings.push({
            code: resource.invalid,
            severity: 'fix',
            field: item.url,
            message: resourceInvalidUrl(resource.en, resource.fr, item.url)
          });
          continue;
        }
        hosts.push(host);
      } else if (item.inline !== undefined) {
        // An inline snippet is judged by the hosts it loads from; one that loads nothing stays first-party.
        for (const match of item.inline.matchAll(URL_IN_SNIPPET)) {
          if (match[1] !== undefined) hosts.push(match[1].toLowerCase());
        }
      }
      for (const host of hosts) {
        if (host === FIRST_PARTY_HOST || hostAllowed(host, resource.allowed) || reported.has(host)) continue;
        reported.add(host);
        const severity = severityOf(resource.severity);
        findings.push({
          code: resource.notAllowed,
          severity,
          field: host,
          ...(severity === 'approval' ? { approverGroup: policy.itApproverGroup } : {}),
          message: resourceNotAllowed(resource.en, resource.fr, host, severity)
        });
      }
    }
  }
}

export function moduleChecks(page: PageDefinition, policy: Policy, findings: Finding[]): void {
  for (const module of page.modules) {
    let exact: string | null = null;
    let current: string | null = null;
    for (const entry of policy.moduleLibrary) {
      if (entry.id !== module.id) continue;
      if (entry.version === module.version) exact = entry.status;
      if (entry.status === 'approved') current = entry.version;
    }
    const ref = `${module.id}@${module.version}`;
    if (exact === 'approved') continue;
    if (exact === 'retired') {
      const severity = severityOf(policy.pageChecks.retiredModule);
      findings.push({
        code: 'module.retired',
        severity,
        field: ref,
        ...(severity === 'approval' ? { approverGroup: policy.itApproverGroup } : {}),
        message: moduleRetired(ref, current)
      });
      continue;
    }
    const severity = severityOf(policy.pageChecks.unknownModule);
    findings.push({
      code: 'module.not_in_library',
      severity,
      field: ref,
      ...(severity === 'approval' ? { approverGroup: policy.itApproverGroup } : {}),
      message: moduleNotInLibrary(ref, current, severity)
    });
  }
}
