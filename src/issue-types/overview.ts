import type { CatalogueItemStatus, ProvisioningOverview } from '../contract/provisioning';
import type { JiraField, JiraIssueType } from '../platform/jira';
import { FIELDS, ISSUE_TYPES } from './domain/catalogue';
import type { ItemRecord } from './records';
import type { ProvisioningRun } from '../contract/provisioning';

/**
 * The admin page's view of the catalogue: what the app recorded, checked against what the
 * site has now (a type deleted in Jira since shows as missing again).
 */
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
    exists: (id: string) => boolean
  ): Pick<CatalogueItemStatus, 'state' | 'jiraId' | 'jiraName' | 'error'> => {
    const record = records.get(`${kind}:${key}`);
    if (!record || record.state === 'creating') return { state: 'missing' };
    if (record.state === 'failed') {
      return { state: 'failed', ...(record.error ? { error: record.error } : {}) };
    }
    if (!record.jiraId || !exists(record.jiraId)) {
      return { state: 'missing', error: 'Deleted in Jira since it was set up: run the set-up again' };
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
      ...status('issueType', spec.key, (id) => typeIds.has(id))
    })),
    ...FIELDS.map((spec) => ({
      key: spec.key,
      kind: 'field' as const,
      names: spec.names,
      descriptions: spec.descriptions,
      related: ISSUE_TYPES.filter((type) => type.fields.includes(spec.key)).map((type) => type.key),
      scale: spec.scale,
      ...status('field', spec.key, (id) => fieldIds.has(id))
    }))
  ];
  return { catalogue, run };
}
