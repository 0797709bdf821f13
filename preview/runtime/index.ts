import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import type { Request as ResolverRequest } from '@forge/resolver';
import type { Site } from '../backend/site';
import { REPORT_ACCOUNTS_PATH, reportAccounts } from '../backend/personal-data';
import type { IssueDoc, IssueEvent, IssueTypeDoc, Principal, ProjectDoc } from '../backend/types';
import { SCOPE_REFUSAL, uncoveredOperation } from '../openapi/scopes';
import { loadManifest, type ManifestInfo } from './manifest';
import { contextToken, RealtimeHub } from './realtime';

/**
 * A local Forge runtime: installs the two globals @forge/api, @forge/kvs and @forge/events talk
 * through (`__forge_fetch__`, `__forge_runtime__`), wires them to an embedded Site, and invokes the
 * app's real handlers the way Forge would — resolvers, triggers, queue consumers, validators.
 */

export interface ForgeExtension {
  type: string;
  project?: { id: string; key: string; type?: string };
  issue?: { id: string; key: string; type?: string; typeId?: string };
  content?: { id: string; type?: string };
  space?: { id: string; key: string };
  config?: Record<string, unknown>;
  [key: string]: unknown;
}

/** The context a Custom UI module's invoke carries (what the resolver sees as `context`). */
export interface InvokeContext {
  accountId?: string;
  cloudId?: string;
  localId?: string;
  moduleKey?: string;
  extension?: ForgeExtension;
  locale?: string;
  timezone?: string;
  siteUrl?: string;
  installContext?: string;
  [key: string]: unknown;
}

export interface InvokeRequest {
  /** The manifest function key whose handler runs (the module's `resolver.function`). */
  functionKey: string;
  call: { functionKey: string; payload?: unknown };
  context?: InvokeContext;
  /** The site's licence for this call; the runtime's `license` when left out. */
  license?: LicenceState;
}

/**
 * The licence Forge passes each invocation: `active` (a subscription in force), `trial` (an
 * evaluation in force), `inactive` (lapsed or cancelled), `none` (Forge sends no licence: a free
 * app, or an installation in development or staging) — the states `forge install --license` sets.
 */
export const LICENCE_STATES = ['active', 'trial', 'inactive', 'none'] as const;
export type LicenceState = (typeof LICENCE_STATES)[number];

/** `context.license` as Forge shapes it (Forge function reference, "Function Arguments"). */
export function forgeLicense(state: LicenceState): Record<string, unknown> | undefined {
  if (state === 'none') return undefined;
  const active = state !== 'inactive';
  return {
    active,
    // Deprecated twin of `active`, still sent.
    isActive: active,
    isEvaluation: state === 'trial',
    billingPeriod: 'MONTHLY',
    type: state === 'trial' ? 'EVALUATION' : 'COMMERCIAL',
    capabilitySet: 'capabilityStandard',
    subscriptionEndDate: null,
    trialEndDate: state === 'trial' ? '2099-12-31T00:00:00.000Z' : null
  };
}

export interface ValidatorArgs {
  issue: { key: string; id?: string };
  transition: { id?: string; from: { id: string }; to: { id: string } };
  configuration?: unknown;
  [key: string]: unknown;
}

export interface ValidatorResult {
  result: boolean;
  errorMessage?: string;
}

export interface QueuedEvent {
  eventId: string;
  jobId: string;
  queueName: string;
  body: Record<string, unknown>;
  /** Position on the runtime's virtual clock (drainQueues order). */
  dueAt: number;
  /** Wall-clock time before which background delivery waits. */
  notBefore: number;
  attempts: number;
  state: 'pending' | 'running' | 'succeeded' | 'failed' | 'cancelled';
  retryContext?: { retryCount: number; retryReason: string; retryData?: unknown };
  lastError?: string;
}

export interface DrainReport {
  delivered: number;
  succeeded: number;
  failed: number;
  retried: number;
  triggers: number;
  /** Trigger deliveries per function key. */
  triggersByFunction: Record<string, number>;
}

export interface RuntimeError {
  source: string;
  error: unknown;
}

export interface ForgeRuntimeOptions {
  site: Site;
  /** Defaults to manifest.yml at the project root. */
  manifestPath?: string;
  manifestText?: string;
  /**
   * The app's handlers: a loader from the manifest's handler file (`functions/lifecycle` for
   * `functions/lifecycle.onLifecycle`) to that file's exports, as Forge loads one bundle per
   * entry; or one object holding every export (a test fixture).
   */
  handlers: HandlerModules | Record<string, unknown>;
  cloudId?: string;
  /** Deliver queue events and product-event triggers in the background (default true). */
  autoDeliver?: boolean;
  /** Retries of a queue event after its first attempt; Forge allows up to 4. */
  maxRetries?: number;
}

interface Invocation {
  accountId?: string;
  license?: Record<string, unknown>;
  functionKey: string;
  moduleKey: string;
  invocationId: string;
  deadline: number;
  /** The UI module's extension context (resolver calls only): what realtime publishes bind to. */
  extension?: Record<string, unknown>;
}

type Handler = (...args: unknown[]) => unknown;

/** Loads the exports of a handler file named in the manifest (relative to src/, no extension). */
export type HandlerModules = (module: string) => Record<string, unknown>;

type FetchMeta = { type: string; provider?: string; remote?: string; accountId?: string };
type FetchInit = { method?: string; body?: unknown; headers?: unknown; signal?: AbortSignal | null };

const QUEUE_KIND = 'runtime:queueEvents';
const PUBLISH = /^\/webhook\/queue\/publish\//;
const STATS = /^\/webhook\/queue\/stats\//;
const CANCEL = /^\/webhook\/queue\/cancel\//;

export class ForgeRuntime {
  readonly manifest: ManifestInfo;
  readonly site: Site;
  readonly cloudId: string;
  readonly installContext: string;
  readonly events: QueuedEvent[] = [];
  readonly errors: RuntimeError[] = [];
  /** Log lines of trigger filters that failed to evaluate (Forge publishes them as app logs). */
  readonly filterLogs: string[] = [];
  /** Product events a trigger's filter.expression turned down: no invocation happened. */
  filteredOut = 0;
  private readonly als = new AsyncLocalStorage<Invocation>();
  /**
   * The site's licence for invocations that do not set their own (withLicense). Tests and the
   * preview's switch change it; `active` as installed from the Marketplace.
   */
  license: LicenceState = 'active';
  private readonly licenceScope = new AsyncLocalStorage<LicenceState>();
  private readonly handlers: HandlerModules | Record<string, unknown>;
  private readonly autoDeliver: boolean;
  private readonly maxRetries: number;
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly inFlight = new Set<Promise<unknown>>();
  private readonly pendingTriggers: { functionKey: string; event: unknown }[] = [];
  /** jira:workflowValidator modules on the site's workflow (module key → function, target statuses). */
  private readonly attachedValidators = new Map<string, { functionKey: string; toStatusIds?: Set<string> }>();
  private readonly previousGlobals: { fetch: unknown; runtime: unknown };
  private readonly scopes: ReadonlySet<string>;
  /** "METHOD path" → whether the manifest's scopes cover it; a path's operation never changes. */
  private readonly scopeVerdicts = new Map<string, boolean>();
  private readonly unsubscribe: () => void;
  /** Virtual clock for delays and retries: drainQueues() jumps it forward instead of waiting. */
  private clock = 0;
  private disposed = false;
  /** Forge Realtime: events published by the app's resolvers, fanned out to subscribed frames. */
  readonly realtime = new RealtimeHub();

  constructor(opts: ForgeRuntimeOptions) {
    this.site = opts.site;
    this.handlers = opts.handlers;
    this.autoDeliver = opts.autoDeliver ?? true;
    this.maxRetries = opts.maxRetries ?? 4;
    this.cloudId = opts.cloudId ?? '00000000-0000-4000-8000-00000000c10d';
    this.installContext = `ari:cloud:jira::site/${this.cloudId}`;
    this.manifest = opts.manifestText
      ? loadManifest({ text: opts.manifestText })
      : loadManifest({ path: opts.manifestPath ?? path.resolve(process.cwd(), 'manifest.yml') });
    this.scopes = new Set(this.manifest.scopes);
    this.site.registerIndexedProperties(this.manifest.indexedProperties);
    this.site.kvs.registerEntityIndexes(this.manifest.entityIndexes);

    const g = globalThis as Record<string, unknown>;
    this.previousGlobals = { fetch: g.__forge_fetch__, runtime: g.__forge_runtime__ };
    g.__forge_fetch__ = (meta: FetchMeta, p: string, init?: FetchInit) =>
      this.forgeFetch(meta, p, init ?? {});
    g.__forge_runtime__ = this.runtimeGlobal();
    this.unsubscribe = this.site.onIssueEvent((ev) => this.onIssueEvent(ev));
    this.restoreEvents();
  }

  /** Restores the globals found at creation and stops background delivery. */
  dispose(): void {
    this.disposed = true;
    for (const t of this.timers.values()) clearTimeout(t);
    this.timers.clear();
    this.unsubscribe();
    if (this.site.transitionValidator) this.site.transitionValidator = undefined;
    const g = globalThis as Record<string, unknown>;
    g.__forge_fetch__ = this.previousGlobals.fetch;
    g.__forge_runtime__ = this.previousGlobals.runtime;
  }

  /**
   * Runs `fn` with the given licence: every invocation it causes, a workflow validator run by a
   * transition included, sees that licence (the preview passes each browser session's choice).
   */
  withLicense<T>(state: LicenceState, fn: () => T): T {
    return this.licenceScope.run(state, fn);
  }

  /** `{ license }` for an invocation's context now, or nothing when Forge would send none. */
  private licenseArg(): { license?: Record<string, unknown> } {
    const license = forgeLicense(this.licenceScope.getStore() ?? this.license);
    return license ? { license } : {};
  }

  /** The accountId of the invocation the caller runs in, if any. */
  currentAccountId(): string | undefined {
    return this.als.getStore()?.accountId;
  }

  // ---- globals ----------------------------------------------------------------------------------

  private runtimeGlobal(): Record<string, unknown> {
    const noop = { incr: () => undefined, decr: () => undefined };
    const timer = { measure: () => ({ stop: () => undefined }) };
    const { als, manifest, cloudId } = this;
    return {
      proxy: { token: 'preview', url: 'http://preview.invalid' },
      tracing: { traceId: 'preview', spanId: 'preview' },
      metrics: { counter: () => noop, timing: () => timer, gauge: () => ({ set: () => undefined }) },
      // Per invocation in Forge; getters read the current invocation so concurrent ones stay apart.
      get appContext() {
        const inv = als.getStore();
        return {
          appId: manifest.appId.split('/').pop(),
          appVersion: '1.0.0',
          environmentId: 'preview-env',
          environmentType: 'DEVELOPMENT',
          invocationId: inv?.invocationId ?? 'none',
          installationId: `preview-${cloudId}`,
          moduleKey: inv?.moduleKey ?? '',
          ...(inv?.license ? { license: inv.license } : {})
        };
      },
      // @forge/realtime sends this as x-forge-context-token; only UI invocations carry one.
      get realtime() {
        const inv = als.getStore();
        return inv?.extension ? { contextToken: contextToken(inv.extension) } : undefined;
      },
      get lambdaContext() {
        const inv = als.getStore();
        return { getRemainingTimeInMillis: () => (inv ? Math.max(0, inv.deadline - Date.now()) : 0) };
      }
    };
  }

  private async forgeFetch(meta: FetchMeta, p: string, init: FetchInit): Promise<Response> {
    if (meta.type === 'kvs') return this.site.kvsRequest(p, init);
    if (meta.type === 'realtime') {
      const body: unknown = typeof init.body === 'string' && init.body ? JSON.parse(init.body) : {};
      const headers = (init.headers ?? {}) as Record<string, string>;
      const [status, answer] = this.realtime.answer(body, headers);
      return new Response(JSON.stringify(answer), {
        status,
        headers: { 'content-type': 'application/json' }
      });
    }
    if (meta.type !== 'fpp')
      throw new Error(`The preview allows no egress (${meta.type} ${meta.remote ?? ''} ${p})`);
    if (meta.remote === 'stargate') {
      const fault = await this.site.applyFault(
        'events',
        { kind: 'app' },
        (init.method ?? 'GET').toUpperCase(),
        p,
        init.signal
      );
      if (fault) {
        return new Response(JSON.stringify(fault.body), {
          status: fault.status,
          headers: { 'content-type': 'application/json', ...fault.headers }
        });
      }
      return this.stargate(p, init);
    }
    if (meta.remote !== 'jira' && meta.remote !== 'confluence')
      throw new Error(`Unsupported product ${meta.remote ?? ''}`);
    let principal: Principal = { kind: 'app' };
    if (meta.provider === 'user') {
      const accountId = meta.accountId ?? this.currentAccountId();
      if (!accountId) {
        // asUser() outside a user invocation (a trigger, a consumer) fails on Forge as well.
        return new Response(null, { status: 401, headers: { 'forge-proxy-error': 'NO_USER_CONTEXT' } });
      }
      principal = { kind: 'user', accountId };
    }
    if (!this.scopesCover((init.method ?? 'GET').toUpperCase(), p)) {
      return new Response(JSON.stringify(SCOPE_REFUSAL.body), {
        status: SCOPE_REFUSAL.status,
        headers: SCOPE_REFUSAL.headers
      });
    }
    return this.site.request(meta.remote, principal, p, init);
  }

  /**
   * Forge grants an app exactly its manifest's scopes: a call they do not cover is refused before
   * the product sees it, so removing a scope the code still needs fails the tests that use it.
   */
  private scopesCover(method: string, p: string): boolean {
    const key = `${method} ${p.split('?')[0] ?? p}`;
    let covered = this.scopeVerdicts.get(key);
    if (covered === undefined) {
      covered = !uncoveredOperation(method, p, this.scopes);
      // Paths carry ids: keep the memo bounded in a long-running preview.
      if (this.scopeVerdicts.size >= 5000) this.scopeVerdicts.clear();
      this.scopeVerdicts.set(key, covered);
    }
    return covered;
  }

  private stargate(p: string, init: FetchInit): Response {
    const body =
      typeof init.body === 'string' && init.body ? (JSON.parse(init.body) as Record<string, unknown>) : {};
    const json = (status: number, b?: unknown) =>
      new Response(b === undefined ? null : JSON.stringify(b), {
        status,
        headers: { 'content-type': 'application/json' }
      });
    if (PUBLISH.test(p)) return json(...this.publish(body));
    if (STATS.test(p)) {
      const job = this.events.filter((e) => e.jobId === body.jobId && e.queueName === body.queueName);
      if (job.length === 0) return json(404, { message: 'Job not found' });
      return json(200, {
        success: job.filter((e) => e.state === 'succeeded').length,
        inProgress: job.filter((e) => e.state === 'pending' || e.state === 'running').length,
        failed: job.filter((e) => e.state === 'failed').length
      });
    }
    if (CANCEL.test(p)) {
      const job = this.events.filter((e) => e.jobId === body.jobId && e.queueName === body.queueName);
      if (job.length === 0) return json(404, { message: 'Job not found' });
      for (const e of job) if (e.state === 'pending') this.cancelEvent(e);
      return json(204);
    }
    if (p === REPORT_ACCOUNTS_PATH && (init.method ?? 'GET').toUpperCase() === 'POST')
      return json(...reportAccounts(this.site, body));
    this.site.unimplemented.push({ product: 'stargate', method: init.method ?? 'GET', path: p });
    return json(404, { message: `Not implemented by the preview runtime: ${p}` });
  }

  // ---- queues -----------------------------------------------------------------------------------

  private publish(body: Record<string, unknown>): [number, unknown] {
    const queueName = typeof body.queueName === 'string' ? body.queueName : '';
    if (!this.manifest.consumers.some((c) => c.queue === queueName)) {
      // Forge refuses to deploy such an app; failing the push keeps the mistake visible in tests.
      this.site.unimplemented.push({ product: 'stargate', method: 'POST', path: `queue:${queueName}` });
      return [400, { message: `No consumer in manifest.yml for queue '${queueName}'` }];
    }
    const payload = Array.isArray(body.payload) ? (body.payload as Record<string, unknown>[]) : [];
    for (const p of payload) {
      const ev: QueuedEvent = {
        eventId: randomUUID(),
        jobId: String(body.jobId),
        queueName,
        body: (p.body ?? {}) as Record<string, unknown>,
        dueAt: this.clock + Number(p.delayInSeconds ?? 0) * 1000,
        notBefore: Date.now() + Number(p.delayInSeconds ?? 0) * 1000,
        attempts: 0,
        state: 'pending'
      };
      this.events.push(ev);
      this.persist(ev);
      this.schedule(ev, Number(p.delayInSeconds ?? 0) * 1000);
    }
    return [201, {}];
  }

  private schedule(ev: QueuedEvent, delayMs: number): void {
    if (!this.autoDeliver || this.disposed) return;
    const t = setTimeout(() => {
      this.timers.delete(ev.eventId);
      this.track(this.deliver(ev));
    }, delayMs);
    t.unref();
    this.timers.set(ev.eventId, t);
  }

  /** Queued events live in the site's database: Forge does not lose them when a process stops. */
  private persist(ev: QueuedEvent): void {
    this.site.docs.put(QUEUE_KIND, ev.eventId, ev);
  }

  private restoreEvents(): void {
    for (const ev of this.site.docs.all<QueuedEvent>(QUEUE_KIND)) {
      // An attempt cut short by a stop is retried, as Forge retries a timed-out invocation.
      if (ev.state === 'running') ev.state = 'pending';
      this.events.push(ev);
      this.clock = Math.max(this.clock, ev.state === 'pending' ? 0 : ev.dueAt);
    }
    for (const ev of this.events.filter((e) => e.state === 'pending'))
      this.schedule(ev, Math.max(0, ev.notBefore - Date.now()));
  }

  private cancelEvent(ev: QueuedEvent): void {
    ev.state = 'cancelled';
    this.persist(ev);
    const t = this.timers.get(ev.eventId);
    if (t) clearTimeout(t);
    this.timers.delete(ev.eventId);
  }

  private track(p: Promise<unknown>): void {
    this.inFlight.add(p);
    void p.finally(() => this.inFlight.delete(p));
  }

  private async deliver(ev: QueuedEvent): Promise<'succeeded' | 'retried' | 'failed' | 'skipped'> {
    if (ev.state !== 'pending') return 'skipped';
    ev.state = 'running';
    const timer = this.timers.get(ev.eventId);
    if (timer) clearTimeout(timer);
    this.timers.delete(ev.eventId);
    ev.attempts++;
    this.persist(ev);
    let retry: { after: number; reason: string; data?: unknown } | undefined;
    for (const consumer of this.manifest.consumers.filter((c) => c.queue === ev.queueName)) {
      const asyncEvent = {
        queueName: ev.queueName,
        jobId: ev.jobId,
        eventId: ev.eventId,
        body: ev.body,
        ...(ev.retryContext ? { retryContext: ev.retryContext } : {})
      };
      try {
        const result = consumer.method
          ? await this.run(consumer.functionKey, consumer.key, undefined, (h) =>
              h(
                {
                  call: { functionKey: consumer.method, payload: asyncEvent, jobId: ev.jobId },
                  context: { installContext: this.installContext }
                },
                { installContext: this.installContext, ...this.licenseArg() }
              )
            )
          : await this.run(consumer.functionKey, consumer.key, undefined, (h) =>
              h(asyncEvent, { installContext: this.installContext, ...this.licenseArg() })
            );
        if (isRecord(result) && result._retry === true) {
          const opts = isRecord(result.retryOptions) ? result.retryOptions : {};
          retry = {
            after: Math.max(1, Number(opts.retryAfter ?? 1)),
            reason: typeof opts.retryReason === 'string' ? opts.retryReason : 'FUNCTION_RETRY_REQUEST',
            ...(opts.retryData !== undefined ? { data: opts.retryData } : {})
          };
        }
      } catch (e) {
        ev.lastError = e instanceof Error ? e.message : String(e);
        this.errors.push({ source: `consumer ${consumer.key}`, error: e });
        retry = { after: 1, reason: 'FUNCTION_UNHANDLED_ERROR' };
      }
    }
    if (!retry) {
      ev.state = 'succeeded';
      this.persist(ev);
      return 'succeeded';
    }
    if (ev.attempts > this.maxRetries) {
      ev.state = 'failed';
      this.persist(ev);
      return 'failed';
    }
    ev.state = 'pending';
    ev.retryContext = {
      retryCount: ev.attempts,
      retryReason: retry.reason,
      ...(retry.data !== undefined ? { retryData: retry.data } : {})
    };
    ev.dueAt = this.clock + retry.after * 1000;
    ev.notBefore = Date.now() + retry.after * 1000;
    this.persist(ev);
    this.schedule(ev, retry.after * 1000);
    return 'retried';
  }

  /**
   * Delivers everything queued — events (delays and retry waits are skipped by advancing a virtual
   * clock, in due order) and product-event triggers — until nothing is left.
   */
  async drainQueues(): Promise<DrainReport> {
    const report: DrainReport = {
      delivered: 0,
      succeeded: 0,
      failed: 0,
      retried: 0,
      triggers: 0,
      triggersByFunction: {}
    };
    for (let guard = 0; guard < 100_000; guard++) {
      if (this.inFlight.size) {
        await Promise.allSettled([...this.inFlight]);
        continue;
      }
      const trigger = this.pendingTriggers.shift();
      if (trigger) {
        report.triggers++;
        report.triggersByFunction[trigger.functionKey] =
          (report.triggersByFunction[trigger.functionKey] ?? 0) + 1;
        await this.fireTrigger(trigger.functionKey, trigger.event).catch((e: unknown) => {
          this.errors.push({ source: `trigger ${trigger.functionKey}`, error: e });
        });
        continue;
      }
      const next = this.events.filter((e) => e.state === 'pending').sort((a, b) => a.dueAt - b.dueAt)[0];
      if (!next) return report;
      this.clock = Math.max(this.clock, next.dueAt);
      const outcome = await this.deliver(next);
      if (outcome === 'skipped') continue;
      report.delivered++;
      if (outcome === 'succeeded') report.succeeded++;
      else if (outcome === 'failed') report.failed++;
      else report.retried++;
    }
    throw new Error('drainQueues: events keep producing events; giving up after 100000 deliveries');
  }

  // ---- invocations ------------------------------------------------------------------------------

  private handlerFor(functionKey: string): Handler {
    const fn = this.manifest.functions.get(functionKey);
    if (!fn) throw new Error(`No function '${functionKey}' in manifest.yml`);
    const exports = typeof this.handlers === 'function' ? this.handlers(fn.module) : this.handlers;
    const h = exports[fn.exportName];
    if (typeof h !== 'function')
      throw new Error(`${fn.module} does not export '${fn.exportName}' (function ${functionKey})`);
    return h as Handler;
  }

  private run<T>(
    functionKey: string,
    moduleKey: string,
    accountId: string | undefined,
    call: (h: Handler) => T,
    extension?: Record<string, unknown>
  ): Promise<Awaited<T>> {
    const h = this.handlerFor(functionKey);
    const timeout = (this.manifest.functions.get(functionKey)?.timeoutSeconds ?? 25) * 1000;
    const { license } = this.licenseArg();
    const inv: Invocation = {
      ...(accountId ? { accountId } : {}),
      ...(license ? { license } : {}),
      functionKey,
      moduleKey,
      invocationId: randomUUID(),
      deadline: Date.now() + timeout,
      ...(extension ? { extension } : {})
    };
    return this.als.run(inv, async (): Promise<Awaited<T>> => await call(h));
  }

  /** Runs a resolver as Forge would for a Custom UI `invoke` from the module in `context`. */
  async invokeResolver(req: InvokeRequest): Promise<unknown> {
    if (req.license !== undefined) {
      const { license, ...rest } = req;
      return this.withLicense(license, () => this.invokeResolver(rest));
    }
    const ctx = req.context ?? {};
    const accountId = ctx.accountId;
    const moduleKey = ctx.moduleKey ?? '';
    const context: ResolverRequest['context'] = {
      cloudId: this.cloudId,
      localId: ctx.localId ?? `preview-${moduleKey}`,
      moduleKey,
      extension: ctx.extension ?? { type: this.manifest.uiModules.get(moduleKey)?.type ?? 'unknown' },
      locale: ctx.locale ?? 'en-US',
      timezone: ctx.timezone ?? 'Europe/Paris',
      siteUrl: this.site.baseUrl,
      ...ctx
    };
    // Payloads cross a JSON boundary in Forge: what is not JSON does not reach the resolver.
    const payload: unknown =
      req.call.payload === undefined ? undefined : JSON.parse(JSON.stringify(req.call.payload));
    const result = await this.run(
      req.functionKey,
      moduleKey,
      accountId,
      (h) =>
        h(
          { call: { functionKey: req.call.functionKey, payload }, context },
          {
            ...(accountId ? { principal: { accountId } } : {}),
            installContext: this.installContext,
            ...this.licenseArg(),
            installation: { id: `preview-${this.cloudId}` }
          }
        ),
      context.extension as Record<string, unknown>
    );
    return result === undefined ? undefined : (JSON.parse(JSON.stringify(result)) as unknown);
  }

  /** Invokes a trigger function directly with the given event (replays included). */
  async fireTrigger(
    functionKey: string,
    event: unknown,
    opts: { accountId?: string; moduleKey?: string } = {}
  ): Promise<unknown> {
    const moduleKey =
      opts.moduleKey ?? this.manifest.triggers.find((t) => t.functionKey === functionKey)?.key ?? functionKey;
    return this.run(functionKey, moduleKey, opts.accountId, (h) =>
      h(JSON.parse(JSON.stringify(event)), {
        installContext: this.installContext,
        ...this.licenseArg(),
        ...(opts.accountId ? { principal: { accountId: opts.accountId } } : {})
      })
    );
  }

  /**
   * Delivers a platform event (e.g. avi:forge:installed:app) to every trigger subscribed to it,
   * as Forge does; returns each trigger's result in manifest order.
   */
  async fireEvent(eventType: string, payload: Record<string, unknown> = {}): Promise<unknown[]> {
    const results: unknown[] = [];
    for (const t of this.manifest.triggers.filter((x) => x.events.includes(eventType))) {
      const verdict = t.accepts?.({ ...payload, eventType });
      if (verdict?.log) this.filterLogs.push(`${t.key}: ${verdict.log}`);
      if (verdict && !verdict.deliver) {
        this.filteredOut++;
        continue;
      }
      results.push(await this.fireTrigger(t.functionKey, { ...payload, eventType }, { moduleKey: t.key }));
    }
    return results;
  }

  /** Runs a workflow validator function with Forge's arguments; fails closed on errors and timeouts. */
  async runValidator(functionKey: string, args: ValidatorArgs): Promise<ValidatorResult> {
    const moduleKey = this.manifest.validators.find((v) => v.functionKey === functionKey)?.key ?? functionKey;
    const timeout = (this.manifest.functions.get(functionKey)?.timeoutSeconds ?? 25) * 1000;
    let timer: NodeJS.Timeout | undefined;
    try {
      const result = await Promise.race([
        this.run(functionKey, moduleKey, undefined, (h) =>
          h(
            { ...args, context: { cloudId: this.cloudId, moduleKey } },
            { installContext: this.installContext, ...this.licenseArg() }
          )
        ),
        new Promise<never>((_, reject) => {
          timer = setTimeout(() => reject(new Error('Validator timed out')), timeout);
          timer.unref();
        })
      ]);
      if (!isRecord(result) || typeof result.result !== 'boolean')
        return { result: false, errorMessage: 'The validator returned an invalid answer.' };
      return {
        result: result.result,
        ...(typeof result.errorMessage === 'string' ? { errorMessage: result.errorMessage } : {})
      };
    } catch (e) {
      this.errors.push({ source: `validator ${functionKey}`, error: e });
      return { result: false, errorMessage: 'The workflow validator failed; the transition was blocked.' };
    } finally {
      if (timer) clearTimeout(timer);
    }
  }

  /**
   * Adds a jira:workflowValidator module to the site's workflow, as an admin would in Jira: from
   * then on, transitions in company-managed projects run it. By default it goes on every
   * transition; `toStatusIds` puts it only on the transitions into those statuses (an admin adds
   * the guardrail to the go-live transition). Validators attached one after the other all run,
   * in order, and the first refusal wins, as on a Jira transition with several validators.
   */
  attachWorkflowValidator(moduleKey: string, opts: { toStatusIds?: readonly string[] } = {}): void {
    const v = this.manifest.validators.find((x) => x.key === moduleKey);
    if (!v?.functionKey)
      throw new Error(`No function-based jira:workflowValidator '${moduleKey}' in manifest.yml`);
    // Attaching the same module again replaces where it sits, as editing the workflow would.
    this.attachedValidators.set(moduleKey, {
      functionKey: v.functionKey,
      ...(opts.toStatusIds ? { toStatusIds: new Set(opts.toStatusIds) } : {})
    });
    const attached = this.attachedValidators;
    this.site.transitionValidator = async ({ issue, transition }) => {
      for (const { functionKey, toStatusIds } of attached.values()) {
        if (toStatusIds && !toStatusIds.has(transition.to.id)) continue;
        const verdict = await this.runValidator(functionKey, {
          issue,
          transition: { id: transition.id, from: transition.from, to: transition.to }
        });
        if (!verdict.result) return verdict;
      }
      return { result: true };
    };
  }

  /** The function-based jira:workflowValidator modules of the manifest, by module key. */
  workflowValidatorKeys(): string[] {
    return this.manifest.validators.filter((v) => v.functionKey).map((v) => v.key);
  }

  // ---- product events ---------------------------------------------------------------------------

  private onIssueEvent(ev: IssueEvent): void {
    for (const t of this.manifest.triggers) {
      if (!t.events.includes(ev.eventType)) continue;
      if (t.ignoreSelf && ev.byApp) continue;
      const event = this.issueEventPayload(ev);
      if (!event) continue;
      if (t.accepts) {
        const verdict = t.accepts(event);
        if (verdict.log) this.filterLogs.push(`${t.key}: ${verdict.log}`);
        if (!verdict.deliver) {
          this.filteredOut++;
          continue;
        }
      }
      this.pendingTriggers.push({ functionKey: t.functionKey, event });
      if (this.autoDeliver) {
        const item = this.pendingTriggers.pop() as { functionKey: string; event: unknown };
        const p = new Promise((resolve) => setImmediate(resolve)).then(() =>
          this.fireTrigger(item.functionKey, item.event).catch((e: unknown) => {
            this.errors.push({ source: `trigger ${item.functionKey}`, error: e });
          })
        );
        this.track(p);
      }
    }
  }

  private issueEventPayload(ev: IssueEvent): Record<string, unknown> | undefined {
    const issue = this.site.docs.get<IssueDoc>('issues', ev.issueId);
    if (!issue) return undefined;
    const project = this.site.docs.get<ProjectDoc>('projects', issue.projectId);
    const type = this.site.docs.get<IssueTypeDoc>('issueTypes', issue.issueTypeId);
    return {
      eventType: ev.eventType,
      selfGenerated: ev.byApp,
      ...(ev.actorAccountId ? { atlassianId: ev.actorAccountId } : {}),
      issue: {
        id: issue.id,
        key: issue.key,
        fields: {
          summary: issue.summary,
          issuetype: { id: type?.id, name: type?.name, hierarchyLevel: type?.hierarchyLevel },
          project: { id: project?.id, key: project?.key, name: project?.name },
          labels: issue.labels,
          created: issue.created,
          updated: issue.updated
        }
      },
      ...(ev.eventType === 'avi:jira:updated:issue'
        ? { changelog: { items: ev.changedFields.map((field) => ({ field, fieldId: field })) } }
        : {})
    };
  }
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function createForgeRuntime(opts: ForgeRuntimeOptions): ForgeRuntime {
  return new ForgeRuntime(opts);
}
