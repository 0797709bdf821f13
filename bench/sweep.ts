/**
 * The hourly sweep's cost as history grows: N stored approvals (approved, nothing due: the usual
 * hour), one sweep run through the scheduled trigger's function on the embedded back end, KVS
 * requests and wall time printed. Each cloned approval has the due entry the sweep files it under
 * after its first look (its re-review date), as on a site where the sweep has run before.
 * Prints; never fails.
 * Run: npx tsx bench/sweep.ts [N...]   (default: 10000 100000)
 */
import { performance } from 'node:perf_hooks';
import type { SweepReport } from '../src/guardrails/enforcement/sweep';
import { DEFAULT_POLICY } from '../src/guardrails/domain/policy';
import { KEYS } from '../src/guardrails/records';
import { createGuardrailSite, GRD_ISSUES } from '../test/support/guardrail-site';
import { withBirthDate } from '../test/support/page-definitions';

const sizes = process.argv
  .slice(2)
  .map(Number)
  .filter((n) => Number.isInteger(n) && n > 0);

function kvsTotal(requests: ReadonlyMap<string, number>): Record<string, number> {
  const reads = ['/api/v1/get', '/api/v1/query', '/api/v1/batch/get']
    .map((path) => requests.get(path) ?? 0)
    .reduce((a, b) => a + b, 0);
  const all = [...requests.values()].reduce((a, b) => a + b, 0);
  return { reads, writes: all - reads };
}

async function measure(size: number): Promise<void> {
  const g = createGuardrailSite({ sweep: { budgetMs: 60 * 60 * 1000, pageSize: 50 } });
  try {
    // One real approval, given through the resolvers, cloned onto `size` issue ids.
    await g.save(withBirthDate());
    await g.requestApproval();
    await g.decide('approve');
    const sweep = async () => (await g.t.runtime.fireTrigger('guardrail-sweep', {})) as SweepReport;
    // The resolvers stamp their writes with the real clock, a moment after the bench's.
    g.clock.advanceHours(1 / 60);
    await sweep(); // checks every copy once for the policy in force, as any first run does
    const id = g.id(GRD_ISSUES.page);
    const dump = g.t.site.kvs.dump();
    const definition = dump[KEYS.definition(id)];
    const approval = dump[KEYS.approval(id)] as { record?: { expiresAt?: string } } | undefined;
    const expiresAt = Date.parse(approval?.record?.expiresAt ?? '');
    if (Number.isNaN(expiresAt)) throw new Error('seed approval has no expiry');
    const reReviewAt = new Date(expiresAt);
    reReviewAt.setUTCMonth(reReviewAt.getUTCMonth() - DEFAULT_POLICY.reReviewReminderMonths);
    if (definition === undefined || approval === undefined) throw new Error('seed approval not stored');
    for (let start = 0; start < size - 1; start += 8) {
      const items = [];
      for (let i = start; i < Math.min(size - 1, start + 8); i++) {
        const issueId = String(900000 + i);
        items.push({ key: KEYS.definition(issueId), value: definition });
        items.push({ key: KEYS.approval(issueId), value: approval });
        items.push({ key: KEYS.due(reReviewAt.getTime(), issueId), value: { revision: 1 } });
      }
      const res = g.t.site.kvs.handle('/api/v1/batch/set', items);
      if (res?.status !== 200) throw new Error(`seeding failed: ${JSON.stringify(res?.body)}`);
    }
    g.clock.advanceHours(1);
    g.t.site.kvsRequests.clear();
    const started = performance.now();
    const report = await sweep();
    const ms = performance.now() - started;
    const { reads, writes } = kvsTotal(g.t.site.kvsRequests);
    console.log(
      `${String(size).padStart(7)} stored approvals: ${String(reads).padStart(8)} KVS reads, ${String(writes).padStart(6)} writes, ${(ms / 1000).toFixed(1).padStart(7)} s (visited ${report.approvals}, cut short: ${report.cutShort})`
    );
  } finally {
    g.t.close();
  }
}

async function main(): Promise<void> {
  console.log('Hourly sweep, nothing due (approved pages far from expiry), one run:');
  for (const size of sizes.length ? sizes : [10_000, 100_000]) await measure(size);
}

void main();
