import { randomUUID } from 'node:crypto';

/**
 * Forge Realtime in the preview: what `@forge/realtime`'s publish sends (one GraphQL mutation,
 * `publishRealtimeChannel`, through `__forge_fetch__({ type: 'realtime' })` with the invocation's
 * `x-forge-context-token`) is answered here and fanned out to the frames subscribed through the
 * bridge (`realtime.subscribe`), across sessions. Scoping follows Forge: a non-global event reaches
 * subscribers of the same channel in the same context; `contextOverrides` narrow the context to
 * the named parts of `context.extension` (content, space, issue, project, board); a global event
 * reaches every subscriber of the channel.
 */

export interface RealtimeEvent {
  /** Channel, global flag and context parts: subscribers with the same scope receive it. */
  scope: string;
  /** As published: the JSON string of the payload. */
  payload: string;
  eventId: string;
}

/** The parts of `context.extension` Forge's ProductContext enum names. */
const CONTEXT_PARTS = ['content', 'space', 'issue', 'project', 'board', 'repository', 'pullRequest'] as const;

function idOf(value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const v = value as { id?: unknown; key?: unknown };
  if (typeof v.id === 'string' || typeof v.id === 'number') return String(v.id);
  if (typeof v.key === 'string') return v.key;
  return undefined;
}

/** The scope key of a channel seen from a module's extension context. */
export function realtimeScope(
  channel: string,
  extension: Record<string, unknown> | undefined,
  opts: { isGlobal?: boolean; contextOverrides?: unknown } = {}
): string {
  if (opts.isGlobal) return JSON.stringify({ channel, global: true });
  const wanted = Array.isArray(opts.contextOverrides)
    ? CONTEXT_PARTS.filter((p) => (opts.contextOverrides as unknown[]).includes(p))
    : CONTEXT_PARTS;
  const parts: Record<string, string> = {};
  for (const part of wanted) {
    const id = idOf(extension?.[part]);
    if (id !== undefined) parts[part] = id;
  }
  return JSON.stringify({ channel, parts });
}

/** The context token the runtime hands an invocation: its extension, opaque to the app. */
export function contextToken(extension: Record<string, unknown> | undefined): string {
  return Buffer.from(JSON.stringify(extension ?? {})).toString('base64url');
}

function extensionOf(token: unknown): Record<string, unknown> | undefined {
  if (typeof token !== 'string' || !token) return undefined;
  try {
    const parsed = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as unknown;
    return typeof parsed === 'object' && parsed !== null ? (parsed as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/** Forge's realtime service limits one event's payload; the preview refuses what it would. */
export const PREVIEW_REALTIME_MAX_PAYLOAD = 32 * 1024;

export class RealtimeHub {
  private readonly listeners = new Set<(event: RealtimeEvent) => void>();
  readonly published: RealtimeEvent[] = [];

  subscribe(scope: string, onEvent: (payload: string) => void): () => void {
    const listener = (event: RealtimeEvent) => {
      if (event.scope === scope) onEvent(event.payload);
    };
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  emit(scope: string, payload: string): RealtimeEvent {
    const event: RealtimeEvent = { scope, payload, eventId: randomUUID() };
    this.published.push(event);
    if (this.published.length > 1000) this.published.splice(0, this.published.length - 1000);
    for (const listener of [...this.listeners]) listener(event);
    return event;
  }

  /** Answers the GraphQL body @forge/realtime sends; returns [status, body]. */
  answer(body: unknown, headers: Record<string, string>): [number, unknown] {
    const b = (typeof body === 'object' && body !== null ? body : {}) as {
      query?: unknown;
      variables?: Record<string, unknown>;
    };
    const query = typeof b.query === 'string' ? b.query : '';
    const v = b.variables ?? {};
    if (!query.includes('publishRealtimeChannel')) {
      return [200, { data: null, errors: [{ message: 'The preview answers publishRealtimeChannel only' }] }];
    }
    const name = v.name;
    const payload = v.payload;
    if (typeof name !== 'string' || !name || typeof payload !== 'string') {
      return [200, { data: null, errors: [{ message: 'name and payload (a string) are required' }] }];
    }
    if (payload.length > PREVIEW_REALTIME_MAX_PAYLOAD) {
      return [200, { data: null, errors: [{ message: 'PAYLOAD_TOO_LARGE' }] }];
    }
    const isGlobal = v.isGlobal === true;
    const extension = extensionOf(headers['x-forge-context-token']);
    if (!isGlobal && !extension) {
      // Forge: "Publish requests only work when the request originated from a UI context invocation".
      return [200, { data: null, errors: [{ message: 'No UI context for a non-global publish' }] }];
    }
    let contextOverrides: unknown;
    if (typeof v.context === 'string') {
      try {
        contextOverrides = (JSON.parse(v.context) as { contextOverrides?: unknown }).contextOverrides;
      } catch {
        return [200, { data: null, errors: [{ message: 'context is not JSON' }] }];
      }
    }
    const event = this.emit(realtimeScope(name, extension, { isGlobal, contextOverrides }), payload);
    return [
      200,
      {
        data: {
          ecosystem: {
            publishRealtimeChannel: { eventId: event.eventId, eventTimestamp: new Date().toISOString() }
          }
        }
      }
    ];
  }
}
