import { createHash } from 'node:crypto';
import { DEFAULT_POLICY } from '../../src/guardrails/domain/policy';

/**
 * The sweep re-checks every page once per policy version, and approvals record the version they
 * were given under: a default policy whose rules change under the same version would leave pages
 * checked against the old rules. Each shipped version is pinned to its content's hash here; a
 * change to the default policy needs a new version (and a line below).
 */

const SHIPPED: Record<string, string> = {
  'default-2026-11': 'e2572e51a9c2d157630161009343314f4f6121628860f8e1e19b5a61db16caab',
  // Trackers (analytics, advertising, tag managers) marked among the allowed script hosts.
  'default-2026-12': 'f3d2e96692de1d816d662bf712e92660619535c021013103f6e64acf696f2b16'
};

function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value !== null && typeof value === 'object')
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .map((key) => [key, canonical((value as Record<string, unknown>)[key])])
    );
  return value;
}

describe('default policy version', () => {
  it('changes whenever the default policy’s rules change', () => {
    const { version, ...rules } = DEFAULT_POLICY;
    const hash = createHash('sha256')
      .update(JSON.stringify(canonical(rules)))
      .digest('hex');
    expect({ version, hash }).toEqual({ version, hash: SHIPPED[version] });
    expect(Object.entries(SHIPPED).filter(([v, h]) => h === hash && v !== version)).toEqual([]);
  });
});
