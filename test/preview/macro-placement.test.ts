import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildDemoSeed } from '../../preview/demo/demo';
import { startPreview, type PreviewServer } from '../../preview/server';

/**
 * Macros placed on a preview page (seed `pages[].macros`): framed in order, each with its own
 * local id and stored config; the config dialog's submit stores the config for that instance
 * (page editors only); `?macro=KEY` adds an unplaced instance (insert flow). Runs the probe app
 * of the browser tests (its `probe-macro` module).
 */
jest.setTimeout(120_000);

const PROBE_APP = path.resolve(__dirname, '../e2e/fixtures/probe-app');
let preview: PreviewServer;
let dataDir: string;
let pageId: string;
let editor: string;
let viewer: string;

interface FrameSpec {
  moduleKey: string;
  kind: string;
  context: { localId: string; extension: { config: Record<string, unknown>; localId?: string } };
}

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tandem-macros-'));
  const seed = buildDemoSeed();
  const target = (seed.pages ?? [])[0]!;
  target.macros = [
    { moduleKey: 'probe-macro', localId: 'first', config: { phase: 'collect' } },
    { moduleKey: 'probe-macro', localId: 'second' }
  ];
  const seedFile = path.join(dataDir, 'seed.json');
  fs.writeFileSync(seedFile, JSON.stringify(seed));
  preview = await startPreview({
    port: 0,
    dataDir: path.join(dataDir, 'data'),
    seedFile,
    root: PROBE_APP,
    log: () => undefined
  });
  const page = preview.site.docs
    .all<{ id: string; title: string }>('pages')
    .find((p) => p.title === target.title)!;
  pageId = page.id;
  const roles = preview.meta.personas;
  const can = (accountId: string, op: 'read' | 'update') =>
    preview.site.canViewPage({ kind: 'user', accountId }, preview.site.docs.get('pages', pageId)!, op);
  editor = roles.find((p) => can(p.accountId, 'update'))!.role;
  viewer = roles.find((p) => can(p.accountId, 'read') && !can(p.accountId, 'update'))?.role ?? '';
});
afterAll(async () => {
  await preview.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

async function session(role: string): Promise<string> {
  const res = await fetch(`${preview.url}api/session`, { headers: { accept: 'application/json' } });
  const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0] as string;
  const switched = await fetch(`${preview.url}api/session`, {
    method: 'POST',
    headers: { cookie, 'content-type': 'application/json', origin: preview.url.replace(/\/$/, '') },
    body: JSON.stringify({ role })
  });
  if (switched.status !== 200) throw new Error(`session switch to ${role}: ${await switched.text()}`);
  // Switching identity issues a new session cookie.
  return (switched.headers.get('set-cookie') ?? cookie).split(';')[0] as string;
}

async function framesOf(cookie: string, query = ''): Promise<FrameSpec[]> {
  const res = await fetch(`${preview.url}wiki/pages/${pageId}${query}`, { headers: { cookie } });
  const body = await res.text();
  const m = /<script type="application\/json" id="tandem-host-data">([\s\S]*?)<\/script>/.exec(body);
  return (JSON.parse(m![1]!) as { frames: FrameSpec[] }).frames;
}

async function submitConfig(cookie: string, body: unknown): Promise<Response> {
  return fetch(`${preview.url}api/macro-config`, {
    method: 'POST',
    headers: { cookie, 'content-type': 'application/json', origin: preview.url.replace(/\/$/, '') },
    body: JSON.stringify(body)
  });
}

describe('macros placed on a preview page', () => {
  it('frames each placed macro in page order with its own local id and stored config', async () => {
    const frames = await framesOf(await session(editor));
    expect(frames.map((f) => [f.moduleKey, f.context.localId, f.context.extension.config])).toEqual([
      ['probe-macro', 'first', { phase: 'collect' }],
      ['probe-macro', 'second', {}]
    ]);
  });

  it('?macro=KEY adds an unplaced instance with an empty config (insert flow)', async () => {
    const frames = await framesOf(await session(editor), '?macro=probe-macro');
    expect(frames).toHaveLength(3);
    expect(frames[2]!.context.extension.config).toEqual({});
    expect(['first', 'second']).not.toContain(frames[2]!.context.localId);
  });

  it("the config dialog's submit stores the config for that instance only, for page editors", async () => {
    const cookie = await session(editor);
    const res = await submitConfig(cookie, {
      moduleKey: 'probe-macro',
      location: { contentId: pageId, macroLocalId: 'second' },
      config: { phase: 'vote' }
    });
    expect(`${res.status} ${res.status === 200 ? '' : await res.text()}`).toBe('200 ');
    const frames = await framesOf(cookie);
    expect(frames.map((f) => f.context.extension.config)).toEqual([{ phase: 'collect' }, { phase: 'vote' }]);

    const inserted = await submitConfig(cookie, {
      moduleKey: 'probe-macro',
      location: { contentId: pageId },
      config: { phase: 'new' }
    });
    expect(inserted.status).toBe(200);
    expect((await framesOf(cookie)).map((f) => f.context.extension.config)).toEqual([
      { phase: 'collect' },
      { phase: 'vote' },
      { phase: 'new' }
    ]);

    const bad = await submitConfig(cookie, {
      moduleKey: 'probe-macro',
      location: { contentId: pageId },
      config: []
    });
    expect(bad.status).toBe(400);
    if (viewer) {
      const refused = await submitConfig(await session(viewer), {
        moduleKey: 'probe-macro',
        location: { contentId: pageId, macroLocalId: 'first' },
        config: { phase: 'hijacked' }
      });
      expect(refused.status).toBe(403);
      expect((await framesOf(cookie))[0]!.context.extension.config).toEqual({ phase: 'collect' });
    }
  });
});
