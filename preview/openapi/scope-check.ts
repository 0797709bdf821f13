/**
 * The manifest's `permissions.scopes` against the product operations src/ calls (found by
 * product-calls.ts, looked up in the OpenAPI documents by openapi.ts) and the product events
 * its triggers listen to. Shared by test/openapi/scopes.test.ts and scripts/forge-check.ts.
 */
import fs from 'node:fs';
import path from 'node:path';
import yaml from 'js-yaml';
import { operationFor, type OperationInfo } from './openapi';
import { scanProductCalls, type ProductCall, type ScanResult } from './product-calls';
import { grantedScopes, satisfying } from './scopes';

/** Needed by @forge/kvs (and KVS-backed @forge/events state), which no OpenAPI document describes. */
export const PLATFORM_SCOPES: ReadonlySet<string> = new Set(['storage:app']);

export interface ScopeRow {
  call: ProductCall;
  op: OperationInfo | undefined;
  /** The first alternative the manifest satisfies, classic ("Current") before granular ("Beta"). */
  satisfiedBy: { state: string; scopes: string[] } | undefined;
}

export interface ScopeReport {
  scan: ScanResult;
  granted: string[];
  rows: ScopeRow[];
  triggers: Array<{ event: string; scopes: string[] }>;
  unmatched: string[];
  deprecated: string[];
  missing: string[];
  granularWhereClassicExists: string[];
  unused: string[];
}

interface Manifest {
  permissions?: { scopes?: Array<string | Record<string, unknown>> };
  modules?: { trigger?: Array<{ events?: string[] }> };
}

function eventScopeMapping(): Array<{ productEvent: string; oAuthScopes: { current?: string[] } }> {
  // @forge/manifest's own offline table of the scopes each product event needs.
  const file = path.join(
    path.dirname(require.resolve('@forge/manifest')),
    'mapping/product-event-to-scope-mapping.json'
  );
  return (
    JSON.parse(fs.readFileSync(file, 'utf8')) as {
      mapping: Array<{ productEvent: string; oAuthScopes: { current?: string[] } }>;
    }
  ).mapping;
}

export function checkScopes(
  repoRoot: string,
  manifestText?: string,
  scan: ScanResult = scanProductCalls(repoRoot)
): ScopeReport {
  const manifest = yaml.load(
    manifestText ?? fs.readFileSync(path.join(repoRoot, 'manifest.yml'), 'utf8')
  ) as Manifest;
  const granted = grantedScopes(manifest.permissions?.scopes);
  const grantedSet = new Set(granted);
  const rows: ScopeRow[] = scan.calls.map((call) => {
    const op = operationFor(call.method, call.path);
    return { call, op, satisfiedBy: op ? satisfying(op, grantedSet) : undefined };
  });
  const mapping = eventScopeMapping();
  const triggers = (manifest.modules?.trigger ?? [])
    .flatMap((t) => t.events ?? [])
    .map((event) => ({
      event,
      scopes: mapping.find((e) => e.productEvent === event)?.oAuthScopes.current ?? []
    }));
  const at = (r: ScopeRow): string => `${r.call.file}:${r.call.line}`;
  const classic = (op: OperationInfo | undefined) => op?.scopes.find((s) => s.state === 'Current');
  const used = new Set<string>([
    ...rows.flatMap((r) => r.satisfiedBy?.scopes ?? []),
    ...triggers.flatMap((t) => t.scopes)
  ]);
  return {
    scan,
    granted,
    rows,
    triggers,
    unmatched: rows
      .filter((r) => !r.op)
      .map((r) => `${at(r)} ${r.call.method} ${r.call.path}: no operation in the OpenAPI documents`),
    deprecated: rows
      .filter((r) => r.op?.deprecated)
      .map((r) => `${at(r)} ${r.call.method} ${r.op?.pathTemplate}: ${r.op?.operationId} is deprecated`),
    missing: rows
      .filter((r) => r.op && !r.satisfiedBy)
      .map(
        (r) =>
          `${at(r)} ${r.call.method} ${r.op?.pathTemplate} needs ${classic(r.op)?.scopes.join(' + ') ?? JSON.stringify(r.op?.scopes)}`
      ),
    granularWhereClassicExists: rows
      .filter((r) => r.satisfiedBy && r.satisfiedBy.state !== 'Current' && classic(r.op))
      .map(
        (r) =>
          `${at(r)} ${r.op?.operationId}: use ${classic(r.op)?.scopes.join(' + ')} instead of ${r.satisfiedBy?.scopes.join(' + ')}`
      ),
    unused: granted.filter((s) => !used.has(s) && !PLATFORM_SCOPES.has(s))
  };
}

/** Human-readable table: operation → scope that grants it, then triggers. */
export function formatScopeTable(report: ScopeReport): string {
  const lines = report.rows.map((r) => {
    const op = `${r.call.method} ${r.op?.pathTemplate ?? r.call.path}`;
    return `  ${op.padEnd(62)} ${(r.op?.operationId ?? '(no operation)').padEnd(40)} ${(r.satisfiedBy?.scopes.join(' + ') ?? 'MISSING').padEnd(27)} ${r.call.file}:${r.call.line}`;
  });
  for (const t of report.triggers)
    lines.push(`  ${`trigger ${t.event}`.padEnd(62)} ${''.padEnd(40)} ${t.scopes.join(' + ') || '(none)'}`);
  return lines.join('\n');
}
