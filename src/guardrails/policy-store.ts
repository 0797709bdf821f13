import { z } from 'zod';
import type { PolicyGroupWarning, PolicyOverview, PolicyVersionSummary } from '../contract/guardrails';
import { ConflictError, InvalidInputError } from '../platform/errors';
import { requireStorable, type Store } from '../platform/store';
import { DEFAULT_POLICY, parsePolicy, policySchema, type Policy } from './domain/policy';
import { POLICY_KEYS, type StoredPolicy } from './policy-current';
import { lazySchema } from '../contract/lazy-schema';

export { POLICY_KEYS, currentPolicy, type StoredPolicy } from './policy-current';

/**
 * The site's guardrail policy as versioned data in KVS: `current` points at the version in force
 * and every saved version is kept, unchanged, under its number. Until an administrator saves one,
 * the default policy (the QUALITY.md tier table) is in force.
 */

/** The zod schema of a stored policy version; policy-current.ts reads the one in force with its guard. */
export const StoredPolicySchema: z.ZodType<StoredPolicy> = lazySchema(() =>
  z.object({
    number: z.number().int().min(1),
    policy: policySchema,
    savedAt: z.string(),
    savedBy: z.string()
  })
);

/** Site policy versions are named by the server, never by the editor. */
export function policyVersionName(n: number): string {
  return `site-v${n}`;
}

export async function policyOverview(
  store: Store,
  groupWarnings: PolicyGroupWarning[] = [],
  historyLimit = 100
): Promise<PolicyOverview> {
  const [stored, versions] = await Promise.all([
    store.get(POLICY_KEYS.current, StoredPolicySchema),
    store.listByPrefix(POLICY_KEYS.versionPrefix, StoredPolicySchema, 10_000)
  ]);
  const history: PolicyVersionSummary[] = versions
    .map((entry) => entry.value)
    .sort((a, b) => b.number - a.number)
    .slice(0, historyLimit)
    .map((v) => ({ version: v.policy.version, savedAt: v.savedAt, savedBy: v.savedBy }));
  return {
    current: stored?.policy ?? DEFAULT_POLICY,
    isDefault: stored === undefined,
    history,
    groupWarnings
  };
}

/** Parses an edited policy from a payload; the error names the path under `policy`. */
export function parsePolicyPayload(input: unknown): Policy {
  const parsed = parsePolicy(input);
  if (parsed.ok) {
    // The stored version wraps the policy with its number, date and author, and a server-named version.
    requireStorable(parsed.value, 'policy', 2 * 1024);
    return parsed.value;
  }
  const issue = parsed.issues[0];
  const field = issue && issue.path !== '' ? `policy.${issue.path}` : 'policy';
  throw new InvalidInputError(`${field}: ${issue?.message ?? 'invalid policy'}`, field);
}

/**
 * Saves a new version on top of `basedOn`. Refused with CONFLICT when someone saved another
 * version since the editor loaded (or is saving one right now); nothing is written then.
 */
export async function savePolicy(
  store: Store,
  edited: Policy,
  basedOn: string,
  actor: string,
  now: Date,
  groupWarnings: PolicyGroupWarning[] = []
): Promise<PolicyOverview> {
  const stored = await store.get(POLICY_KEYS.current, StoredPolicySchema);
  const inForce = stored?.policy ?? DEFAULT_POLICY;
  if (inForce.version !== basedOn) {
    throw new ConflictError(
      `The policy changed since you opened it (now ${inForce.version}): reload and apply your changes again.`
    );
  }
  const number = (stored?.number ?? 0) + 1;
  const claim = POLICY_KEYS.claim(number);
  if (!(await store.setIfAbsent(claim, { by: actor, at: now.toISOString() }, 60))) {
    throw new ConflictError('Someone else is saving the policy right now: reload in a moment.');
  }
  const record: StoredPolicy = {
    number,
    policy: { ...edited, version: policyVersionName(number) },
    savedAt: now.toISOString(),
    savedBy: actor
  };
  try {
    await store.transact({
      set: [
        { key: POLICY_KEYS.version(number), value: record },
        { key: POLICY_KEYS.current, value: record }
      ]
    });
  } catch (error) {
    await store.delete(claim).catch(() => undefined);
    throw error;
  }
  return policyOverview(store, groupWarnings);
}
