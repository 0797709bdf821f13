import { z } from 'zod';
import type { PolicyGroupWarning } from '../contract/guardrails';
import type { JiraClient } from '../platform/jira';
import type { Store } from '../platform/store';
import { policyGroupRefs, withGroupIds, type Policy } from './domain/policy';
import { POLICY_KEYS, StoredPolicySchema, type StoredPolicy } from './policy-store';

/**
 * Approver groups are matched by id (admins rename groups; the id stays). Policies saved before ids
 * were stored name their groups only: the first read or save looks the names up once
 * (GET /group/bulk, as the app) and writes the ids into the stored version, without a new version
 * number, since the groups it means are the same. A name Jira does not know stays without an id:
 * nobody can decide for it, and the admin page says so.
 */

type GroupLookup = Pick<JiraClient, 'groupsByName'>;

export interface ResolvedPolicy {
  policy: Policy;
  warnings: PolicyGroupWarning[];
}

function warningsOf(policy: Policy): PolicyGroupWarning[] {
  return policyGroupRefs(policy)
    .filter((ref) => ref.id === undefined)
    .map((ref) => ({ field: ref.path, group: ref.name }));
}

/** Fills in the ids of the groups a policy names without one; the rest is unchanged. */
export async function resolveGroupIds(policy: Policy, jira: GroupLookup): Promise<ResolvedPolicy> {
  const missing = policyGroupRefs(policy).filter((ref) => ref.id === undefined);
  if (missing.length === 0) return { policy, warnings: [] };
  const found = await jira.groupsByName(missing.map((ref) => ref.name));
  const idsByName = new Map<string, string>();
  for (const group of found) if (group.groupId !== null) idsByName.set(group.name, group.groupId);
  const resolved = withGroupIds(policy, idsByName);
  return { policy: resolved, warnings: warningsOf(resolved) };
}

/**
 * The policy in force with its group ids, migrating a stored names-only policy once. The default
 * policy (nothing stored yet) is resolved in memory on each call: writing it would make it a saved
 * version, which only an administrator does.
 */
export async function policyWithGroupIds(
  store: Store,
  jira: GroupLookup,
  fallback: Policy
): Promise<ResolvedPolicy> {
  const stored = await store.get(POLICY_KEYS.current, StoredPolicySchema);
  const policy = stored?.policy ?? fallback;
  if (warningsOf(policy).length === 0) return { policy, warnings: [] };
  const resolved = await resolveGroupIds(policy, jira);
  if (
    stored &&
    resolved.policy !== policy &&
    warningsOf(resolved.policy).length < warningsOf(policy).length
  ) {
    await writeMigrated(store, stored, resolved.policy);
  }
  return resolved;
}

async function writeMigrated(store: Store, stored: StoredPolicy, policy: Policy): Promise<void> {
  // The claim the next save needs: while it is held no save can land between the check and the
  // write, and a save under way makes this migration wait for a later read.
  const claim = POLICY_KEYS.claim(stored.number + 1);
  if (!(await store.setIfAbsent(claim, { by: 'group-id-migration', at: new Date().toISOString() }, 60)))
    return;
  try {
    const again = await store.get(POLICY_KEYS.current, z.object({ number: z.number() }));
    if (again?.number !== stored.number) return;
    const record: StoredPolicy = { ...stored, policy };
    await store.transact({
      set: [
        { key: POLICY_KEYS.version(stored.number), value: record },
        { key: POLICY_KEYS.current, value: record }
      ]
    });
  } finally {
    await store.delete(claim);
  }
}

/**
 * An edited policy ready to save: a group whose name the editor changed is looked up afresh (the id
 * it carried belongs to the group it used to name), then every id still missing is resolved.
 */
export async function resolveEditedGroups(
  edited: Policy,
  inForce: Policy,
  jira: GroupLookup
): Promise<ResolvedPolicy> {
  const before = new Map(policyGroupRefs(inForce).map((ref) => [ref.path, ref]));
  const tiers = { ...edited.tiers };
  for (const tier of ['T0', 'T1', 'T2', 'T3', 'T4'] as const) {
    const rule = tiers[tier];
    const old = before.get(`tiers.${tier}.approverGroup`);
    if (rule.approverGroupId && old?.name !== rule.approverGroup)
      tiers[tier] = { ...rule, approverGroupId: null };
  }
  const itRenamed = before.get('itApproverGroup')?.name !== edited.itApproverGroup;
  const { itApproverGroupId, ...rest } = edited;
  const cleared: Policy = {
    ...rest,
    tiers,
    ...(itApproverGroupId !== undefined && !itRenamed ? { itApproverGroupId } : {})
  };
  return resolveGroupIds(cleared, jira);
}
