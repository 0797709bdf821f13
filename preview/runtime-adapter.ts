import path from 'node:path';
import type { Site } from './backend/site';
import { createForgeRuntime, type LicenceState } from './runtime';
import { loadManifest } from './runtime/manifest';
import type { RealtimeHub } from './runtime/realtime';

/**
 * The one place the preview server meets preview/runtime: it loads the real handlers from the
 * entry files manifest.yml names (src/functions/*.ts) and the Forge runtime that makes @forge/api, @forge/kvs and @forge/events talk
 * to the embedded site. Kept narrow so a change in the runtime's API is one edit here.
 */
export interface PreviewRuntime {
  invokeResolver(args: {
    functionKey: string;
    call: { functionKey: string; payload?: unknown };
    context: Record<string, unknown>;
    license: LicenceState;
  }): Promise<unknown>;
  /** Runs `fn` with that licence for every invocation it causes (a transition's validators). */
  withLicense<T>(license: LicenceState, fn: () => T): T;
  /**
   * Puts every function-based jira:workflowValidator of the manifest on the transitions into
   * `toStatusIds`, as an admin does after install; returns the module keys attached.
   */
  attachWorkflowValidators(toStatusIds: readonly string[]): string[];
  /** Errors thrown by consumers and triggers so far (the server logs new ones). */
  readonly errors: readonly { source: string; error: unknown }[];
  /** Forge Realtime: subscribe a frame (by scope, see preview/runtime/realtime.ts) or publish from one. */
  realtime: Pick<RealtimeHub, 'subscribe' | 'emit'>;
  close(): Promise<void>;
}

export async function openRuntime(opts: {
  site: Site;
  root: string;
  cloudId: string;
}): Promise<PreviewRuntime> {
  // The runtime installs the globals @forge/* read at call time, so loading the handlers
  // first is fine; the real @forge/api, @forge/kvs and @forge/events run unchanged.
  const manifestPath = path.join(opts.root, 'manifest.yml');
  const modules = new Map<string, Record<string, unknown>>();
  for (const { module } of loadManifest({ path: manifestPath }).functions.values()) {
    if (!modules.has(module))
      modules.set(
        module,
        (await import(path.join(opts.root, 'src', `${module}.ts`))) as Record<string, unknown>
      );
  }
  const runtime = createForgeRuntime({
    site: opts.site,
    manifestPath,
    handlers: (module) => modules.get(module) ?? {},
    cloudId: opts.cloudId,
    // Queue events are delivered in the background on real timers (retry waits included), so
    // a provisioning run progresses on screen as it would in Forge.
    autoDeliver: true
  });
  return {
    invokeResolver: (args) => runtime.invokeResolver(args),
    withLicense: (license, fn) => runtime.withLicense(license, fn),
    attachWorkflowValidators: (toStatusIds) => {
      const keys = runtime.workflowValidatorKeys();
      for (const key of keys) runtime.attachWorkflowValidator(key, { toStatusIds });
      return keys;
    },
    errors: runtime.errors,
    realtime: runtime.realtime,
    close: () => {
      runtime.dispose();
      return Promise.resolve();
    }
  };
}
