import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { z } from 'zod';
import { STATUSES } from './backend/catalog';
import { Site } from './backend/site';
import type { Principal } from './backend/types';
import { buildDemoSeed } from './demo/demo';
import { applySeed, isSeeded, readPreviewMeta, readSeedFile, type PreviewMeta } from './demo/load';
import type { PreviewSeed } from './demo/schema';
import { injectBridge, PREVIEW_PREFIX as PREFIX } from './html';
import { createLocator, type LocationRef } from './locations';
import { createPages, TANDEM_QUEUES, type IssueSearchResult } from './pages';
import { confined, HttpProblem, MIME, readJsonBody, send, sendError, sendJson } from './respond';
import { saveMacroConfig } from './macros';
import { LICENCE_STATES } from './runtime';
import { openRuntime, type PreviewRuntime } from './runtime-adapter';
import { PREVIEW_REALTIME_MAX_PAYLOAD, realtimeScope } from './runtime/realtime';
import { createSessions, type Session } from './sessions';
import { frameCsp, readManifest, type ManifestInfo, type Surface } from './surfaces';

export { injectBridge };
export type { Locale, Theme } from './sessions';

/**
 * The local preview server: plain node:http. It serves
 *  - host pages that frame each Custom UI surface the way Jira and Confluence do,
 *  - the unchanged production builds from static/<surface>/build with Forge's CSP, plus the
 *    injected bridge script (/__tandem_preview__/bridge.js),
 *  - POST /api/invoke, which runs the real resolver from src/ as the session's user,
 *  - POST /api/session, the "who am I" / locale / theme / licence switcher.
 * Queue consumers (provisioning) are delivered in the background while it runs.
 */

export interface PreviewOptions {
  /** 0 picks a free port. */
  port: number;
  /** Port of the frames' origin (default: a free one). */
  framePort?: number;
  host?: string;
  dataDir: string;
  /** Load this JSON seed instead of the demo (the data dir must be empty, or reset). */
  seedFile?: string;
  reset?: boolean;
  /** Project root (manifest.yml, static/, src/); defaults to this file's parent folder. */
  root?: string;
  log?: (line: string) => void;
}

export interface PreviewServer {
  url: string;
  port: number;
  site: Site;
  meta: PreviewMeta;
  close(): Promise<void>;
}

const HOST_DIR = path.join(__dirname, 'host');
const DB_FILES = ['tandem.sqlite', 'tandem.sqlite-wal', 'tandem.sqlite-shm', 'tandem.sqlite-journal'];

/** The host page's own policy: its frames come from the frame origin only. */
const hostCsp = (frameOrigin: string): string =>
  [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    `frame-src ${frameOrigin}`,
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'"
  ].join('; ');

function resetDataDir(dataDir: string): void {
  // Only the files the preview owns: --data-dir may point at a folder holding other things.
  for (const name of DB_FILES) fs.rmSync(path.join(dataDir, name), { force: true });
}

export interface OpenedData {
  site: Site;
  meta: PreviewMeta;
  loaded?: string;
}

/**
 * Opens the data folder. A fresh folder gets the demo (or --seed FILE); an existing one is kept
 * as it is. A seed is validated completely before anything is reset or written.
 */
export function openData(opts: Pick<PreviewOptions, 'dataDir' | 'seedFile' | 'reset'>): OpenedData {
  const seed: PreviewSeed | undefined = opts.seedFile ? readSeedFile(opts.seedFile) : undefined;
  fs.mkdirSync(opts.dataDir, { recursive: true });
  if (opts.reset) resetDataDir(opts.dataDir);
  let site = new Site({ dataDir: opts.dataDir, ...(seed ? { baseUrl: seed.site.siteUrl } : {}) });
  let meta = readPreviewMeta(site);
  let loaded: string | undefined;
  if (seed) {
    if (isSeeded(site)) {
      site.close();
      throw new Error(
        `${opts.dataDir} already holds a site: add --reset to replace it with ${opts.seedFile}, or choose another --data-dir.`
      );
    }
    meta = applySeed(site, seed, path.basename(opts.seedFile as string));
    loaded = opts.seedFile;
  } else if (!meta) {
    if (isSeeded(site)) {
      site.close();
      throw new Error(
        `${opts.dataDir} holds data the preview did not write: use --reset or another --data-dir.`
      );
    }
    meta = applySeed(site, buildDemoSeed(), 'demo');
    loaded = 'the demo seed';
  }
  if (meta.site.siteUrl !== site.baseUrl) {
    // The site's base URL shows up in REST "self" links: reopen with the seed's own.
    site.close();
    site = new Site({ dataDir: opts.dataDir, baseUrl: meta.site.siteUrl });
  }
  return { site, meta, ...(loaded ? { loaded } : {}) };
}

// ---- small HTTP helpers -------------------------------------------------------------------------

const sessionBody = z.strictObject({
  accountId: z.string().min(1).max(128).optional(),
  role: z.string().min(1).max(32).optional(),
  locale: z.enum(['en', 'fr']).optional(),
  theme: z.enum(['light', 'dark']).optional(),
  license: z.enum(LICENCE_STATES).optional()
});

const locationSchema = z
  .strictObject({
    projectKey: z
      .string()
      .regex(/^[A-Z][A-Z0-9]{1,9}$/)
      .optional(),
    issueKey: z
      .string()
      .regex(/^[A-Z][A-Z0-9]{1,9}-[1-9][0-9]{0,9}$/)
      .optional(),
    contentId: z
      .string()
      .regex(/^[0-9]{1,18}$/)
      .optional(),
    spaceKey: z
      .string()
      .regex(/^[A-Za-z0-9]{1,255}$/)
      .optional(),
    /** A macro placed on the page (its local id); absent for an unplaced macro (insert flow). */
    macroLocalId: z
      .string()
      .regex(/^[A-Za-z0-9_-]{1,128}$/)
      .optional()
  })
  .optional();

const invokeBody = z.strictObject({
  moduleKey: z.string().min(1).max(64),
  functionKey: z.string().min(1).max(256),
  payload: z.unknown().optional(),
  location: locationSchema
});

const realtimeOptions = z
  .object({ contextOverrides: z.array(z.enum(['content', 'space', 'issue', 'project', 'board'])).optional() })
  .optional();

/** A frame's subscribe (GET, query string) or publish (POST body) on a realtime channel. */
const realtimeBody = z.strictObject({
  moduleKey: z.string().min(1).max(64),
  channel: z.string().min(1).max(255),
  isGlobal: z.boolean().optional(),
  options: realtimeOptions,
  location: locationSchema,
  payload: z.string().max(PREVIEW_REALTIME_MAX_PAYLOAD).optional()
});

/** The config dialog's view.submit({ config }) for one macro instance (or a new one: insert flow). */
const macroConfigBody = z.strictObject({
  moduleKey: z.string().min(1).max(64),
  location: z.strictObject({
    contentId: z.string().regex(/^[0-9]{1,18}$/),
    macroLocalId: z
      .string()
      .regex(/^[A-Za-z0-9_-]{1,128}$/)
      .optional()
  }),
  config: z
    .record(z.string(), z.unknown())
    .refine((c) => JSON.stringify(c).length <= 64 * 1024, 'config: at most 64 KiB of JSON')
});

const productFetchBody = z.object({
  product: z.enum(['jira', 'confluence']),
  restPath: z
    .string()
    .regex(/^\/(rest|wiki)\//, 'a Jira /rest/… or Confluence /wiki/… path')
    .max(4096),
  fetchRequestInit: z
    .object({ method: z.string().optional(), body: z.string().nullable().optional() })
    .passthrough()
    .optional()
});

const transitionBody = z.strictObject({
  issueKey: z.string().regex(/^[A-Z][A-Z0-9]{1,9}-[1-9][0-9]{0,9}$/, 'an issue key such as "MKT-12"'),
  transitionId: z.string().regex(/^[0-9]{1,10}$/, 'a transition id such as "41"')
});

export async function startPreview(opts: PreviewOptions): Promise<PreviewServer> {
  const root = opts.root ?? path.resolve(__dirname, '..');
  const log = opts.log ?? ((line: string) => console.log(line));
  const manifest: ManifestInfo = readManifest(root);
  const { site, meta, loaded } = openData(opts);
  if (loaded) log(`Loaded ${loaded} into ${opts.dataDir}.`);

  let runtime: PreviewRuntime;
  try {
    runtime = await openRuntime({ site, root, cloudId: meta.site.cloudId });
  } catch (e) {
    site.close();
    throw e;
  }

  // As an admin does after install: the app's workflow validators go on the go-live transition,
  // here every transition into the final "Done" status (company-managed projects only, as in Jira).
  const goLive = STATUSES.filter((status) => status.name === 'Done').map((status) => status.id);
  const validators = runtime.attachWorkflowValidators(goLive);
  if (validators.length > 0)
    log(`Workflow validators on the transitions into Done: ${validators.join(', ')}.`);

  const tokensCss = await buildTokensCss();
  const csp = frameCsp(manifest);

  const sessions = createSessions(site, meta);
  const loadSession = sessions.load;
  const locator = createLocator(site, meta);
  const { resolveLocation, forgeContext } = locator;
  const pages = createPages({
    site,
    meta,
    manifest,
    dataDir: opts.dataDir,
    locator,
    framePort: () => framePort()
  });
  const { indexPage, adminPage, projectPage, issuePage, confluencePage, genericPage, searchPage } = pages;
  const userName = (id: string | undefined): string => (id ? (site.user(id)?.displayName ?? id) : '');

  // ---- background work: the runtime delivers queue events itself; report what fails ----
  let reportedErrors = 0;
  const errorTimer = setInterval(() => {
    for (; reportedErrors < runtime.errors.length; reportedErrors++) {
      const { source, error } = runtime.errors[reportedErrors] as { source: string; error: unknown };
      log(`[runtime] ${source}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    }
  }, 1000);
  errorTimer.unref();

  // ---- frames: the unchanged build + the bridge script, on their own origin ----
  const mainPort = (): number => (server.address() as AddressInfo).port;
  const framePort = (): number => (frameServer.address() as AddressInfo).port;
  /** The same host name the browser used, on the given port. */
  const hostOrigin = (req: http.IncomingMessage, port: number): string => {
    const hostname = new URL(`http://${req.headers.host ?? 'localhost'}`).hostname;
    return `http://${hostname.includes(':') ? `[${hostname}]` : hostname}:${port}`;
  };
  function serveFrame(
    req: http.IncomingMessage,
    res: http.ServerResponse,
    resourceKey: string,
    rest: string
  ): void {
    const dir = manifest.resources.get(resourceKey);
    const headers = { 'content-security-policy': `${csp}; frame-ancestors ${hostOrigin(req, mainPort())}` };
    if (!dir)
      return send(res, 404, 'Unknown resource', { ...headers, 'content-type': MIME['.txt'] as string });
    const relative = rest === '' || rest.endsWith('/') ? `${rest}index.html` : rest;
    if (relative.startsWith('__LOCALES__/'))
      return serveLocales(res, relative.slice('__LOCALES__/'.length), headers, dir, relative);
    const file = confined(dir, relative);
    if (!file || !fs.existsSync(file) || !fs.statSync(file).isFile()) {
      return send(res, 404, 'Not found', { ...headers, 'content-type': MIME['.txt'] as string });
    }
    const ext = path.extname(file).toLowerCase();
    const type = MIME[ext] ?? 'application/octet-stream';
    if (ext === '.html') {
      const page = injectBridge(fs.readFileSync(file, 'utf8'));
      return send(res, 200, page, { ...headers, 'content-type': type });
    }
    send(res, 200, fs.readFileSync(file), { ...headers, 'content-type': type });
  }

  /** Forge copies the manifest's translations into each resource as __LOCALES__ at deploy. */
  function serveLocales(
    res: http.ServerResponse,
    name: string,
    headers: Record<string, string>,
    dir: string,
    relative: string
  ): void {
    const built = confined(dir, relative);
    if (built && fs.existsSync(built))
      return send(res, 200, fs.readFileSync(built), { ...headers, 'content-type': MIME['.json'] as string });
    if (name === 'i18n-info.json') {
      const info = {
        translations: {},
        config: { locales: [...manifest.translations.keys()], fallback: { default: manifest.fallbackLocale } }
      };
      return send(res, 200, JSON.stringify(info), { ...headers, 'content-type': MIME['.json'] as string });
    }
    const locale = name.replace(/\.json$/, '');
    const catalogue = manifest.translations.get(locale);
    if (!catalogue)
      return send(res, 404, 'Not found', { ...headers, 'content-type': MIME['.txt'] as string });
    send(res, 200, JSON.stringify(catalogue), { ...headers, 'content-type': MIME['.json'] as string });
  }

  function serveHostAsset(res: http.ServerResponse, rest: string): void {
    const file = confined(HOST_DIR, rest);
    if (!file || !fs.existsSync(file) || !fs.statSync(file).isFile()) {
      return send(res, 404, 'Not found', { 'content-type': MIME['.txt'] as string });
    }
    send(res, 200, fs.readFileSync(file), {
      'content-type': MIME[path.extname(file).toLowerCase()] ?? 'application/octet-stream'
    });
  }

  // ---- API ----
  function checkOrigin(req: http.IncomingMessage): void {
    // State-changing calls come from our own pages only (no cross-site form posts).
    const origin = req.headers.origin;
    if (origin && origin !== `http://${req.headers.host}`)
      throw new HttpProblem(403, 'FORBIDDEN', 'Cross-origin request refused.');
  }

  async function apiSession(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const { id, session } = loadSession(req);
    if (req.method === 'GET') {
      return sendJson(res, 200, {
        ...session,
        displayName: userName(session.accountId),
        personas: meta.personas.map((p) => ({ ...p, displayName: userName(p.accountId) }))
      });
    }
    checkOrigin(req);
    const parsed = sessionBody.safeParse(await readJsonBody(req));
    if (!parsed.success)
      return sendError(res, 400, 'INVALID_INPUT', parsed.error.issues.map((i) => i.message).join('; '));
    const next: Session = { ...session };
    const body = parsed.data;
    if (body.role) {
      const persona = meta.personas.find((p) => p.role === body.role);
      if (!persona) return sendError(res, 400, 'INVALID_INPUT', `No persona with role "${body.role}".`);
      next.accountId = persona.accountId;
    }
    if (body.accountId) {
      const user = site.user(body.accountId);
      if (!user || !user.active) return sendError(res, 400, 'INVALID_INPUT', 'Unknown or inactive user.');
      next.accountId = body.accountId;
    }
    if (body.locale) next.locale = body.locale;
    if (body.theme) next.theme = body.theme;
    if (body.license) next.license = body.license;
    sessions.save(res, id, next);
    sendJson(res, 200, { ...next, displayName: userName(next.accountId) });
  }

  async function apiInvoke(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    checkOrigin(req);
    const parsed = invokeBody.safeParse(await readJsonBody(req));
    if (!parsed.success) {
      return sendError(
        res,
        400,
        'INVALID_INPUT',
        parsed.error.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`).join('; ')
      );
    }
    const { moduleKey, functionKey, payload, location } = parsed.data;
    const surface = manifest.surfaces.find((s) => s.moduleKey === moduleKey);
    if (!surface) return sendError(res, 404, 'NOT_FOUND', `No module "${moduleKey}" in manifest.yml.`);
    if (!surface.resolverFunction)
      return sendError(res, 400, 'NO_RESOLVER', `Module "${moduleKey}" declares no resolver.`);
    const { session } = loadSession(req);
    const principal: Principal = { kind: 'user', accountId: session.accountId };
    const resolved = resolveLocation(surface, location, principal);
    const context = forgeContext(session, surface, resolved);
    const result = await runtime.invokeResolver({
      functionKey: surface.resolverFunction,
      call: { functionKey, payload: payload ?? {} },
      context,
      license: session.license
    });
    sendJson(res, 200, result);
  }

  /**
   * Forge Realtime for frames. GET streams a channel's events (server-sent events) to a frame's
   * `realtime.subscribe`; POST is a frame's `realtime.publish`. The scope comes from the module's
   * context, built here from the session and the location (permission-checked), never from the
   * browser, so a frame can only listen where its module is shown.
   */
  async function apiRealtime(req: http.IncomingMessage, res: http.ServerResponse, url: URL): Promise<void> {
    let raw: unknown;
    if (req.method === 'GET') {
      const q = url.searchParams.get('q');
      try {
        raw = q ? (JSON.parse(q) as unknown) : {};
      } catch {
        return sendError(res, 400, 'INVALID_INPUT', 'q: not JSON');
      }
    } else {
      checkOrigin(req);
      raw = await readJsonBody(req);
    }
    const parsed = realtimeBody.safeParse(raw);
    if (!parsed.success) {
      return sendError(
        res,
        400,
        'INVALID_INPUT',
        parsed.error.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`).join('; ')
      );
    }
    const { moduleKey, channel, isGlobal, options, location, payload } = parsed.data;
    const surface = manifest.surfaces.find((s) => s.moduleKey === moduleKey);
    if (!surface) return sendError(res, 404, 'NOT_FOUND', `No module "${moduleKey}" in manifest.yml.`);
    const { session } = loadSession(req);
    const principal: Principal = { kind: 'user', accountId: session.accountId };
    const resolved = resolveLocation(surface, location, principal);
    const scope = realtimeScope(channel, resolved.extension, {
      isGlobal: isGlobal === true,
      contextOverrides: options?.contextOverrides
    });
    if (req.method !== 'GET') {
      if (payload === undefined) return sendError(res, 400, 'INVALID_INPUT', 'payload: required');
      const event = runtime.realtime.emit(scope, payload);
      return sendJson(res, 200, { eventId: event.eventId, eventTimestamp: new Date().toISOString() });
    }
    res.writeHead(200, {
      'content-type': 'text/event-stream',
      'cache-control': 'no-store',
      connection: 'keep-alive'
    });
    res.write(': subscribed\n\n');
    const stop = runtime.realtime.subscribe(scope, (event) => {
      res.write(`data: ${JSON.stringify(event)}\n\n`);
    });
    // Proxies and browsers drop idle streams: a comment line every 20 s keeps it open.
    const keepAlive = setInterval(() => res.write(': keep-alive\n\n'), 20_000);
    keepAlive.unref();
    req.on('close', () => {
      clearInterval(keepAlive);
      stop();
    });
  }

  /**
   * Stores what a macro's config dialog submitted, as Confluence stores it in the page: only
   * someone who may edit the page can, and only for a macro module of the manifest.
   */
  async function apiMacroConfig(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    checkOrigin(req);
    const parsed = macroConfigBody.safeParse(await readJsonBody(req));
    if (!parsed.success) {
      return sendError(
        res,
        400,
        'INVALID_INPUT',
        parsed.error.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`).join('; ')
      );
    }
    const { moduleKey, location, config } = parsed.data;
    const surface = manifest.surfaces.find((s) => s.moduleKey === moduleKey && s.kind === 'macro');
    if (!surface) return sendError(res, 404, 'NOT_FOUND', `No macro module "${moduleKey}" in manifest.yml.`);
    const { session } = loadSession(req);
    const principal: Principal = { kind: 'user', accountId: session.accountId };
    const resolved = resolveLocation(surface, location, principal);
    if (!resolved.page || !site.canViewPage(principal, resolved.page, 'update'))
      return sendError(res, 403, 'FORBIDDEN', 'You cannot edit this page.');
    const localId = location.macroLocalId ?? crypto.randomUUID();
    saveMacroConfig(site, resolved.page.id, { moduleKey, localId, config });
    sendJson(res, 200, { pageId: resolved.page.id, localId, config });
  }

  async function apiProductFetch(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    checkOrigin(req);
    const parsed = productFetchBody.safeParse(await readJsonBody(req));
    if (!parsed.success)
      return sendError(res, 400, 'INVALID_INPUT', parsed.error.issues.map((i) => i.message).join('; '));
    const { session } = loadSession(req);
    const { product, restPath, fetchRequestInit } = parsed.data;
    const answer = await site.request(product, { kind: 'user', accountId: session.accountId }, restPath, {
      method: fetchRequestInit?.method ?? 'GET',
      body: fetchRequestInit?.body ?? undefined
    });
    const headers: Record<string, string> = {};
    answer.headers.forEach((value, key) => {
      headers[key] = value;
    });
    sendJson(res, 200, {
      body: await answer.text(),
      headers,
      status: answer.status,
      statusText: answer.statusText,
      isAttachment: false
    });
  }

  /**
   * The issue view's status button (host page, not the app): lists and performs the issue's
   * transitions through the embedded Jira's real REST API, as the session's user, so workflow
   * validators run exactly as for a transition in Jira. Jira's refusal (a validator's 400) is
   * passed on as data — `{ status, errorMessages }` — for the page to show in a flag.
   */
  /** Runs the page's JQL through the embedded Jira's search, as the session's user. */
  async function searchIssues(session: Session, url: URL): Promise<[string, IssueSearchResult]> {
    const jql = (url.searchParams.get('jql') ?? TANDEM_QUEUES[0]?.jql ?? '').slice(0, 2000);
    const principal: Principal = { kind: 'user', accountId: session.accountId };
    const answer = await site.request('jira', principal, '/rest/api/3/search/jql', {
      method: 'POST',
      body: JSON.stringify({ jql, fields: ['summary', 'status', 'issuetype'], maxResults: 100 })
    });
    const body = (await answer.json().catch(() => ({}))) as {
      errorMessages?: unknown;
      issues?: { key?: string; fields?: Record<string, { name?: string } | string | undefined> }[];
    };
    if (!answer.ok)
      return [
        jql,
        { ok: false, messages: Array.isArray(body.errorMessages) ? body.errorMessages.map(String) : [] }
      ];
    const nameOf = (value: unknown) =>
      typeof value === 'object' && value !== null && 'name' in value
        ? String((value as { name?: unknown }).name)
        : '';
    return [
      jql,
      {
        ok: true,
        issues: (body.issues ?? []).map((issue) => ({
          key: issue.key ?? '',
          summary: typeof issue.fields?.summary === 'string' ? issue.fields.summary : '',
          type: nameOf(issue.fields?.issuetype),
          status: nameOf(issue.fields?.status)
        }))
      }
    ];
  }

  async function apiTransitions(
    req: http.IncomingMessage,
    res: http.ServerResponse,
    url: URL
  ): Promise<void> {
    const { session } = loadSession(req);
    const principal: Principal = { kind: 'user', accountId: session.accountId };
    const issueKeyOf = (key: string | null) => transitionBody.shape.issueKey.safeParse(key);
    const statusOf = (key: string) => {
      const issue = site.issueByIdOrKey(key);
      const status = issue ? STATUSES.find((s) => s.id === issue.statusId) : undefined;
      return status ? { id: status.id, name: status.name, category: status.category } : undefined;
    };
    const jiraErrors = async (answer: Response): Promise<string[]> => {
      const body = (await answer.json().catch(() => ({}))) as {
        errorMessages?: unknown;
        errors?: Record<string, unknown>;
      };
      const messages = Array.isArray(body.errorMessages) ? body.errorMessages.map(String) : [];
      for (const value of Object.values(body.errors ?? {})) messages.push(String(value));
      return messages;
    };
    if (req.method === 'GET') {
      const key = issueKeyOf(url.searchParams.get('issueKey'));
      if (!key.success)
        return sendError(res, 400, 'INVALID_INPUT', 'issueKey: an issue key such as "MKT-12"');
      const answer = await site.request('jira', principal, `/rest/api/3/issue/${key.data}/transitions`);
      if (!answer.ok)
        return sendJson(res, 200, {
          status: answer.status,
          errorMessages: await jiraErrors(answer),
          transitions: []
        });
      const body = (await answer.json()) as {
        transitions?: { id: string; name: string; to?: { name?: string } }[];
      };
      return sendJson(res, 200, {
        status: answer.status,
        current: statusOf(key.data),
        transitions: (body.transitions ?? []).map((t) => ({
          id: t.id,
          name: t.name,
          to: t.to?.name ?? t.name
        }))
      });
    }
    checkOrigin(req);
    const parsed = transitionBody.safeParse(await readJsonBody(req));
    if (!parsed.success)
      return sendError(
        res,
        400,
        'INVALID_INPUT',
        parsed.error.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`).join('; ')
      );
    const { issueKey, transitionId } = parsed.data;
    // The workflow validators this transition runs see the session's licence.
    const answer = await runtime.withLicense(session.license, () =>
      site.request('jira', principal, `/rest/api/3/issue/${issueKey}/transitions`, {
        method: 'POST',
        body: JSON.stringify({ transition: { id: transitionId } })
      })
    );
    if (!answer.ok)
      return sendJson(res, 200, { status: answer.status, errorMessages: await jiraErrors(answer) });
    sendJson(res, 200, { status: answer.status, current: statusOf(issueKey) });
  }

  // ---- routing ----
  async function route(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://preview.local');
    const p = url.pathname;
    const method = req.method ?? 'GET';
    const isRead = method === 'GET' || method === 'HEAD';

    if (p === '/api/session') {
      if (!isRead && method !== 'POST') return sendError(res, 405, 'METHOD_NOT_ALLOWED', 'GET or POST.');
      return apiSession(req, res);
    }
    if (p === '/api/invoke') {
      if (method !== 'POST') return sendError(res, 405, 'METHOD_NOT_ALLOWED', 'POST only.');
      return apiInvoke(req, res);
    }
    if (p === '/api/issue-transitions') {
      if (!isRead && method !== 'POST') return sendError(res, 405, 'METHOD_NOT_ALLOWED', 'GET or POST.');
      return apiTransitions(req, res, url);
    }
    if (p === '/api/realtime') {
      if (!isRead && method !== 'POST') return sendError(res, 405, 'METHOD_NOT_ALLOWED', 'GET or POST.');
      return apiRealtime(req, res, url);
    }
    if (p === '/api/macro-config') {
      if (method !== 'POST') return sendError(res, 405, 'METHOD_NOT_ALLOWED', 'POST only.');
      return apiMacroConfig(req, res);
    }
    if (p === '/api/product-fetch') {
      if (method !== 'POST') return sendError(res, 405, 'METHOD_NOT_ALLOWED', 'POST only.');
      return apiProductFetch(req, res);
    }
    if (!isRead) return sendError(res, 405, 'METHOD_NOT_ALLOWED', 'Read-only path.');

    if (p === `${PREFIX}/tokens.css`)
      return send(res, 200, tokensCss, { 'content-type': MIME['.css'] as string });
    if (p.startsWith(`${PREFIX}/host/`)) return serveHostAsset(res, p.slice(`${PREFIX}/host/`.length));
    if (p === '/favicon.ico') return serveHostAsset(res, 'favicon.svg');

    const session = sessions.ensure(req, res);
    const page = (status: number, body: string) =>
      send(res, status, body, {
        'content-type': MIME['.html'] as string,
        'content-security-policy': hostCsp(hostOrigin(req, framePort()))
      });
    const bySurface = (key: string, kind?: Surface['kind']) =>
      manifest.surfaces.find((s) => s.moduleKey === key && (!kind || s.kind === kind));

    if (p === '/' || p === '/index.html') return page(200, indexPage(session));

    let m = /^\/jira\/settings\/apps\/([^/]+)$/.exec(p);
    if (m) {
      const s = bySurface(decodeURIComponent(m[1] as string), 'admin');
      return s ? page(200, adminPage(session, s)) : page(404, indexPage(session));
    }
    m = /^\/jira\/projects\/([A-Z][A-Z0-9]{1,9})\/apps\/([^/]+)$/.exec(p);
    if (m) {
      const s = bySurface(decodeURIComponent(m[2] as string), 'project');
      return s ? page(200, projectPage(session, s, m[1] as string)) : page(404, indexPage(session));
    }
    m = /^\/jira\/projects\/([A-Z][A-Z0-9]{1,9})$/.exec(p);
    if (m) {
      const first = manifest.surfaces.find((s) => s.kind === 'project');
      return first ? page(200, projectPage(session, first, m[1] as string)) : page(404, indexPage(session));
    }
    if (p === '/jira/issues') return page(200, searchPage(session, ...(await searchIssues(session, url))));
    m = /^\/jira\/browse\/([A-Z][A-Z0-9]{1,9}-[0-9]+)$/.exec(p);
    if (m) return page(200, issuePage(session, m[1] as string));
    m = /^\/wiki\/pages\/([0-9]{1,18})$/.exec(p);
    if (m)
      return page(
        200,
        confluencePage(
          session,
          m[1] as string,
          url.searchParams.get('macro') ?? undefined,
          url.searchParams.get('configure') ?? undefined
        )
      );
    m = /^\/wiki\/spaces\/([A-Za-z0-9]+)\/apps\/([^/]+)$/.exec(p);
    if (m) {
      const s = bySurface(decodeURIComponent(m[2] as string), 'space');
      return s ? page(200, genericPage(session, s, { spaceKey: m[1] })) : page(404, indexPage(session));
    }
    m = /^\/surface\/([^/]+)$/.exec(p);
    if (m) {
      const s = bySurface(decodeURIComponent(m[1] as string));
      if (!s) return page(404, indexPage(session));
      const loc: LocationRef = {};
      for (const k of ['projectKey', 'issueKey', 'contentId', 'spaceKey'] as const) {
        const v = url.searchParams.get(k);
        if (v) loc[k] = v;
      }
      const checked = locationSchema.safeParse(loc);
      return page(200, genericPage(session, s, checked.success ? (checked.data ?? {}) : {}));
    }
    send(res, 404, 'Not found', { 'content-type': MIME['.txt'] as string });
  }

  /**
   * Frames come from a second port: another origin, as Forge serves Custom UI from its CDN, so
   * the sandbox is as tight as in Jira (no reaching into the host page, no shared storage).
   */
  async function routeFrame(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const p = new URL(req.url ?? '/', 'http://preview.local').pathname;
    if (req.method !== 'GET' && req.method !== 'HEAD')
      return sendError(res, 405, 'METHOD_NOT_ALLOWED', 'GET only.');
    if (p === `${PREFIX}/bridge.js`) return serveHostAsset(res, 'bridge.js');
    if (p === `${PREFIX}/tokens.css`)
      return send(res, 200, tokensCss, { 'content-type': MIME['.css'] as string });
    const frame = /^\/frame\/([^/]+)(?:\/(.*))?$/.exec(p);
    if (!frame) return send(res, 404, 'Not found', { 'content-type': MIME['.txt'] as string });
    if (frame[2] === undefined) return send(res, 301, '', { location: `/frame/${frame[1]}/` });
    return Promise.resolve(serveFrame(req, res, decodeURIComponent(frame[1] as string), frame[2]));
  }

  const handle =
    (router: (req: http.IncomingMessage, res: http.ServerResponse) => Promise<void>) =>
    (req: http.IncomingMessage, res: http.ServerResponse) => {
      router(req, res).catch((e: unknown) => {
        if (e instanceof HttpProblem) return sendError(res, e.status, e.code, e.message);
        log(`Error answering ${req.method} ${req.url}: ${(e as Error).stack ?? String(e)}`);
        if (!res.headersSent) sendError(res, 500, 'INTERNAL', (e as Error).message || 'Internal error');
        else res.end();
      });
    };
  const frameServer = http.createServer(handle(routeFrame));
  const server = http.createServer(handle(route));

  const listen = (s: http.Server, port: number) =>
    new Promise<void>((resolve, reject) => {
      s.once('error', reject);
      s.listen(port, opts.host ?? '127.0.0.1', () => {
        s.off('error', reject);
        resolve();
      });
    });
  await listen(server, opts.port);
  try {
    await listen(frameServer, opts.framePort ?? 0);
  } catch (e) {
    server.close();
    throw e;
  }
  const port = mainPort();
  const url = `http://${opts.host && opts.host !== '0.0.0.0' ? opts.host : 'localhost'}:${port}/`;

  let closed = false;
  return {
    url,
    port,
    site,
    meta,
    async close() {
      if (closed) return;
      closed = true;
      clearInterval(errorTimer);
      for (const s of [server, frameServer]) {
        s.closeAllConnections();
        await new Promise<void>((resolve) => s.close(() => resolve()));
      }
      await runtime.close();
      site.close();
    }
  };
}

/** The design-token CSS Forge serves when an app enables theming (light, dark, spacing, type). */
async function buildTokensCss(): Promise<string> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const mod = require('@atlaskit/tokens/get-theme-styles') as {
    default: (prefs: unknown) => Promise<{ id: string; css: string }[]>;
  };
  const saved = { error: console.error, warn: console.warn, log: console.log };
  try {
    // @atlaskit's feature-gate client complains outside an Atlassian product; harmless here.
    console.error = console.warn = console.log = () => undefined;
    const wanted = new Set(['light', 'dark', 'spacing', 'typography', 'shape', 'motion']);
    const styles = await mod.default('all');
    return styles
      .filter((s) => wanted.has(s.id))
      .map((s) => s.css)
      .join('\n');
  } finally {
    Object.assign(console, saved);
  }
}
