import { Confluence, publish } from '@forge/realtime';
import type { MacroInstance } from './macro';

/**
 * Live updates for the macros through Forge Realtime (`@forge/realtime`, Preview). A resolver
 * publishes; only front ends subscribe (`@forge/bridge`'s `realtime.subscribe`, see
 * static/common/live.ts). Best effort: the change is already stored when this runs, so a failed
 * publish must not fail the user's write — subscribers fall back to polling.
 */

/**
 * Realtime delivers the payload as a string; Tandem sends a small notice ("card added", ids), not
 * the data itself, and the front end re-reads through its resolver, which checks permissions.
 */
export const REALTIME_MAX_PAYLOAD_BYTES = 8 * 1024;

/**
 * Both sides bind the channel to the Confluence content (the page) only, not to the whole module
 * context: every viewer of the page, in any session, receives the event; a viewer of another page
 * never does. static/common/live.ts subscribes with the same override.
 */
export const MACRO_CONTEXT_OVERRIDES = [Confluence.Content];

const CHANNEL_SAFE = /[^A-Za-z0-9_-]/g;

/** One channel per macro instance: `tandem-retro-<pageId>-<localId>`. */
export function macroChannel(
  kind: 'retro' | 'ideas',
  instance: Pick<MacroInstance, 'pageId' | 'localId'>
): string {
  // Ids are already checked by macroInstanceFrom; the replace keeps a channel name plain anyway.
  return `tandem-${kind}-${instance.pageId.replace(CHANNEL_SAFE, '_')}-${instance.localId.replace(CHANNEL_SAFE, '_')}`;
}

function bytes(value: unknown): number {
  return new TextEncoder().encode(JSON.stringify(value) ?? '').length;
}

/** Keeps the payload under the bound: short scalar fields only, flagged `truncated` so the UI reloads. */
export function boundedPayload(payload: Record<string, unknown>): Record<string, unknown> {
  if (bytes(payload) <= REALTIME_MAX_PAYLOAD_BYTES) return payload;
  const kept: Record<string, unknown> = { truncated: true };
  for (const [key, value] of Object.entries(payload)) {
    const scalar =
      typeof value === 'number' ||
      typeof value === 'boolean' ||
      (typeof value === 'string' && value.length <= 200);
    if (scalar && bytes({ ...kept, [key]: value }) <= REALTIME_MAX_PAYLOAD_BYTES) kept[key] = value;
  }
  return kept;
}

export async function publishChange(channel: string, payload: Record<string, unknown>): Promise<void> {
  try {
    const result = await publish(channel, boundedPayload(payload), {
      contextOverrides: MACRO_CONTEXT_OVERRIDES
    });
    const errors: unknown = result.errors;
    if (Array.isArray(errors) && errors.length > 0) {
      console.warn(`Realtime publish on ${channel} refused: ${JSON.stringify(errors).slice(0, 500)}`);
    }
  } catch (error) {
    console.warn(
      `Realtime publish on ${channel} failed: ${error instanceof Error ? error.message : String(error)}`
    );
  }
}
