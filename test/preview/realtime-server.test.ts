import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { startPreview, type PreviewServer } from '../../preview/server';

/**
 * Realtime across browser sessions through the preview server: one session streams a channel
 * (server-sent events, what host.js opens for a frame's realtime.subscribe), another publishes on
 * it (a frame's realtime.publish); the scope comes from each frame's own module and location.
 */
jest.setTimeout(120_000);

let preview: PreviewServer;
let dataDir: string;

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tandem-rt-'));
  preview = await startPreview({ port: 0, dataDir, log: () => undefined });
});
afterAll(async () => {
  await preview.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

async function newSession(role: string): Promise<string> {
  const res = await fetch(`${preview.url}api/session`, { headers: { accept: 'application/json' } });
  const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0] as string;
  const switched = await fetch(`${preview.url}api/session`, {
    method: 'POST',
    headers: { cookie, 'content-type': 'application/json', origin: preview.url.replace(/\/$/, '') },
    body: JSON.stringify({ role })
  });
  expect(switched.status).toBe(200);
  // Switching identity issues a new session cookie.
  return (switched.headers.get('set-cookie') ?? cookie).split(';')[0] as string;
}

/** Opens an SSE stream and collects its `data:` lines. */
function stream(
  cookie: string,
  q: unknown
): Promise<{ events: string[]; status: number; close: () => void }> {
  return new Promise((resolve, reject) => {
    const url = new URL(`${preview.url}api/realtime?q=${encodeURIComponent(JSON.stringify(q))}`);
    const req = http.get(url, { headers: { cookie, accept: 'text/event-stream' } }, (res) => {
      const events: string[] = [];
      let buffer = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        buffer += chunk;
        let i;
        while ((i = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, i);
          buffer = buffer.slice(i + 2);
          for (const line of block.split('\n'))
            if (line.startsWith('data: ')) events.push(JSON.parse(line.slice(6)) as string);
        }
      });
      // The first comment line means the subscription is registered.
      res.once('data', () => resolve({ events, status: res.statusCode ?? 0, close: () => req.destroy() }));
      if (res.statusCode !== 200)
        resolve({ events, status: res.statusCode ?? 0, close: () => req.destroy() });
    });
    req.on('error', reject);
  });
}

async function publish(cookie: string, body: unknown): Promise<number> {
  const res = await fetch(`${preview.url}api/realtime`, {
    method: 'POST',
    headers: { cookie, 'content-type': 'application/json', origin: preview.url.replace(/\/$/, '') },
    body: JSON.stringify(body)
  });
  return res.status;
}

const until = async (check: () => boolean) => {
  for (let i = 0; i < 100 && !check(); i++) await new Promise((r) => setTimeout(r, 50));
};

describe('preview realtime across sessions', () => {
  it("one session's publish reaches another session subscribed on the same channel and context, not others", async () => {
    const a = await newSession('requester');
    const b = await newSession('approver');
    const [one, two] = preview.site.docs
      .all<{ key: string }>('issues')
      .map((i) => i.key)
      .filter((k) => k.startsWith('MKT-'));
    const where = { moduleKey: 'tandem-guardrail-panel', location: { issueKey: one } };
    const elsewhere = { moduleKey: 'tandem-guardrail-panel', location: { issueKey: two } };
    const onIssue = await stream(a, {
      ...where,
      channel: 'tandem-test',
      options: { contextOverrides: ['issue'] }
    });
    const onOther = await stream(a, {
      ...elsewhere,
      channel: 'tandem-test',
      options: { contextOverrides: ['issue'] }
    });
    expect(onIssue.status).toBe(200);
    expect(
      await publish(b, {
        ...where,
        channel: 'tandem-test',
        options: { contextOverrides: ['issue'] },
        payload: '{"n":1}'
      })
    ).toBe(200);
    await until(() => onIssue.events.length > 0);
    expect(onIssue.events).toEqual(['{"n":1}']);
    expect(onOther.events).toEqual([]);
    onIssue.close();
    onOther.close();
  });

  it('refuses a subscription where the session cannot see the module, and a malformed one', async () => {
    const a = await newSession('requester');
    const refused = await stream(a, {
      moduleKey: 'tandem-guardrail-panel',
      location: { issueKey: 'NOPE-1' },
      channel: 'c'
    });
    expect(refused.status).toBe(404);
    refused.close();
    const bad = await stream(a, { moduleKey: 'tandem-guardrail-panel', channel: '' });
    expect(bad.status).toBe(400);
    bad.close();
  });
});
