import { itemRecordGuard } from '../issue-types/record-guards';
import { KEYS as PROVISIONING_KEYS } from '../issue-types/record-keys';
import { ISSUE_TYPES } from '../issue-types/domain/catalogue';
import type { Store } from '../platform/store';

/**
 * Which Jira issue types the guardrail applies to: the Landing Page and Web Form types Tandem
 * created or adopted (their ids are in the provisioning records), and — so a team-managed
 * project's own "Landing Page" type or a site not yet set up is recognised too — any type
 * bearing one of their catalogue names.
 */

/** The issue property holding the JQL copy (written by enforcement/publish.ts). */
export const GUARDRAIL_PROPERTY_KEY = 'tandemGuardrail';

export const GUARDRAIL_TYPE_KEYS = ['landing-page', 'web-form'] as const;

const GUARDRAIL_TYPE_NAMES: ReadonlySet<string> = new Set(
  ISSUE_TYPES.filter((type) => (GUARDRAIL_TYPE_KEYS as ReadonlyArray<string>).includes(type.key)).flatMap(
    (type) => [type.names.en, type.names.fr].map(normaliseName)
  )
);

function normaliseName(name: string): string {
  return name.normalize('NFC').replace(/[’‘]/g, "'").trim().toLowerCase();
}

export function isGuardrailTypeName(name: string | undefined): boolean {
  return name !== undefined && GUARDRAIL_TYPE_NAMES.has(normaliseName(name));
}

/** Jira ids of the guardrail types provisioning created or adopted on this site. */
export async function provisionedGuardrailTypeIds(store: Store): Promise<Set<string>> {
  const records = await Promise.all(
    GUARDRAIL_TYPE_KEYS.map((key) => store.get(PROVISIONING_KEYS.item('issueType', key), itemRecordGuard))
  );
  return new Set(
    records.flatMap((record) =>
      record?.jiraId && (record.state === 'created' || record.state === 'adopted') ? [record.jiraId] : []
    )
  );
}

export async function isGuardrailIssueType(
  store: Store,
  type: { id?: string | undefined; name?: string | undefined } | undefined
): Promise<boolean> {
  if (!type) return false;
  if (isGuardrailTypeName(type.name)) return true;
  return type.id !== undefined && (await provisionedGuardrailTypeIds(store)).has(type.id);
}
