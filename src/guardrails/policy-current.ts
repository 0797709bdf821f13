import { storageKey, type Store } from '../platform/store';
import { DEFAULT_POLICY } from './domain/default-policy';
import type { Policy } from './domain/policy';
import { storedPolicyGuard } from './record-guards';

/**
 * Reading the policy in force, apart from saving and listing policies (policy-store.ts): the
 * workflow validator needs only this, checked by a hand-written guard instead of zod.
 */

export interface StoredPolicy {
  number: number;
  policy: Policy;
  savedAt: string;
  savedBy: string;
}

const pad = (n: number) => String(n).padStart(10, '0');

export const POLICY_KEYS = {
  current: storageKey('guardrails', 'policy', 'current'),
  version: (n: number) => storageKey('guardrails', 'policy', 'version', pad(n)),
  versionPrefix: `${storageKey('guardrails', 'policy', 'version')}:`,
  /** Claimed for a minute by whoever saves version n: of two concurrent saves only one wins. */
  claim: (n: number) => storageKey('guardrails', 'policy', 'claim', pad(n))
};

/**
 * The policy in force. A stored policy that does not parse is an error, never a silent fallback
 * to the default: the validator fails closed on it.
 */
export async function currentPolicy(store: Store): Promise<Policy> {
  const stored = await store.get(POLICY_KEYS.current, storedPolicyGuard);
  return stored?.policy ?? DEFAULT_POLICY;
}
