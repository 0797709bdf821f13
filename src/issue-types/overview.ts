import type { CatalogueItemStatus, ProvisioningOverview } from '../contract/provisioning';
import type { JiraField, JiraIssueType } from '../platform/jira';
import { FIELDS, ISSUE_TYPES } from './domain/catalogue';
import { decideField, decideIssueType } from './domain/plan';
import type { ItemRecord } from './records';
import type { ProvisioningRun } from '../contract/provisioning';

/**
 * The admin page's view of the catalogue: what the app recorded, checked against what the
 * site has now (a type deleted in Jira since shows as missing again).
 */
function adoptedName(decision: { action: string; name: string }): string | undefined {
  return decision.action === 'adopt' ? decision.name : undefined;
}

export function buildOverview(
  records: Map<string, ItemRecord>,
  run: ProvisioningRun,
  live: { types: JiraIssueType[]; fields: JiraField[] }
): ProvisioningOverview {
  const typeIds = new Set(live.types.map((type) => type.id));
  const fieldIds = new Set(live.fields.map((field) => field.id));

  const status = (
    kind: ItemRecord['kind'],
    key: string,
    exists: (id: string) => boolean,
    adoptable: () => string | undefined
  ): Pick<CatalogueItemStatus, 'state' | 'jiraId' | 'jiraName' | 'error' | 'willAdopt' | 'deletedInJira'> => {
    const record = records.get(`${kind}:${key}`);
    if (!record || record.state === 'creating') {
      // The set-up's own plan says what it would do: an item of the same name is adopted, not created.
      const existing = adoptable();
      return { state: 'missing', ...(existing !== undefined ? { willAdopt: existing } : {}) };
    }
    if (record.state === 'failed') {
      return { state: 'failed', ...(record.error ? { error: record.error } : {}) };
    }
    if (!record.jiraId || !exists(record.jiraId)) {
      // A flag, not text: the admin page words it in the site's language (admin.catalogue.deletedInJira).
      return { state: 'missing', deletedInJira: true };
    }
    return {
      state: record.state,
      jiraId: record.jiraId,
      ...(record.jiraName ? { jiraName: record.jiraName } : {})
    };
  };

  const catalogue: CatalogueItemStatus[] = [
    ...ISSUE_TYPES.map((spec) => ({
      key: spec.key,
      kind: 'issueType' as const,
      names: spec.names,
      descriptions: spec.descriptions,
      related: spec.fields,
      ...status(
        'issueType',
        spec.key,
        (id) => typeIds.has(id),
        () => adoptedName(decideIssueType(spec, run.language, live.types))
      )
    })),
    ...FIELDS.map((spec) => ({
      key: spec.key,
      kind: 'field' as const,
      names: spec.names,
      descriptions: spec.descriptions,
      related: ISSUE_TYPES.filter((type) => type.fields.includes(spec.key)).map((type) => type.key),
      scale: spec.scale,
      ...status(
        'field',
        spec.key,
        (id) => fieldIds.has(id),
        () => adoptedName(decideField(spec, run.language, live.fields))
      )
    }))
  ];
  return { catalogue, run };
}
