/**
 * Cold start (issue #8): a Forge function builds no zod schema when its module loads, only the
 * schemas an invocation parses with (src/contract/lazy-schema.ts). These tests hold the helper to
 * "behaves as the schema itself" and every function entry to "constructs nothing at load".
 */
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { lazySchema } from '../../src/contract/lazy-schema';

/**
 * zod calls `globalThis.__zod_globalConfig.postProcessor` once per schema it constructs (the hook
 * `zod/compile` uses). Counting through it is checked below on a schema built on purpose, so a
 * zod upgrade that drops the hook fails here instead of letting "0 built" pass vacuously.
 */
function countingConstructions<T>(run: () => T): { built: number; value: T } {
  const stop = startCounting();
  try {
    const value = run();
    return { built: stop(), value };
  } finally {
    stop();
  }
}

/** Counts from now until the returned function is called (which also removes the hook). */
function startCounting(): () => number {
  const holder = globalThis as { __zod_globalConfig?: { postProcessor?: (inst: unknown) => void } };
  const previous = holder.__zod_globalConfig;
  let built = 0;
  holder.__zod_globalConfig = { ...previous, postProcessor: () => void built++ };
  return () => {
    holder.__zod_globalConfig = previous;
    return built;
  };
}

describe('lazySchema', () => {
  it('counts constructions through the hook (so the zero below means something)', async () => {
    expect(countingConstructions(() => z.object({ a: z.string() })).built).toBeGreaterThanOrEqual(2);
    // The same way the entries are loaded below: a module whose load builds schemas is counted.
    let built = 0;
    await jest.isolateModulesAsync(async () => {
      const stop = startCounting();
      try {
        const contract = await import('../../src/contract/guardrail-payloads');
        expect(contract.IssuePayloadSchema.safeParse({ issueId: '10000' }).success).toBe(true);
      } finally {
        built = stop();
      }
    });
    expect(built).toBeGreaterThan(0);
  });

  it('builds nothing until first read, then once', () => {
    let builds = 0;
    const { built, value: Lazy } = countingConstructions(() =>
      lazySchema(() => {
        builds++;
        return z.strictObject({ name: z.string().min(1), size: z.number().int().optional() });
      })
    );
    expect(built).toBe(0);
    expect(builds).toBe(0);
    expect(Lazy.parse({ name: 'Spring launch' })).toEqual({ name: 'Spring launch' });
    expect(Lazy.safeParse({ name: 'x', size: 2 }).success).toBe(true);
    expect(builds).toBe(1);
  });

  it('answers as the schema itself: errors, shape, extend, instanceof, inside other schemas, enums', () => {
    const Base = lazySchema(() => z.strictObject({ issueId: z.string().regex(/^\d+$/, 'must be numeric') }));
    const Extended = lazySchema(() => Base.extend({ note: z.string().max(5) }));
    const Tier = lazySchema(() => z.enum(['public', 'personal', 'sensitive']));
    const Outer = lazySchema(() => z.object({ items: z.array(Extended).max(2), tier: Tier.optional() }));

    const eager = z.strictObject({ issueId: z.string().regex(/^\d+$/, 'must be numeric') });
    const bad = { issueId: 'ABC-1' };
    expect(Base.safeParse(bad).error?.issues).toEqual(eager.safeParse(bad).error?.issues);
    expect(Object.keys(Base.shape)).toEqual(['issueId']);
    expect(Base instanceof z.ZodObject).toBe(true);
    expect(Tier.options).toEqual(['public', 'personal', 'sensitive']);
    expect(Tier.enum.personal).toBe('personal');
    expect(Outer.parse({ items: [{ issueId: '1', note: 'ok' }], tier: 'sensitive' })).toEqual({
      items: [{ issueId: '1', note: 'ok' }],
      tier: 'sensitive'
    });
    const failure = Outer.safeParse({ items: [{ issueId: '1', note: 'far too long' }] });
    expect(failure.error?.issues.map((i) => i.path)).toEqual([['items', 0, 'note']]);
    expect(Base.optional().parse(undefined)).toBeUndefined();
    expect(Object.getOwnPropertyDescriptor(Base, '_zod')?.value).toBe(Base._zod);
  });
});

describe('Forge function entries', () => {
  const entries = fs
    .readdirSync(path.join(__dirname, '../../src/functions'))
    .filter((f) => f.endsWith('.ts'))
    .sort();

  it.each(entries)('%s constructs no zod schema when it loads', async (entry) => {
    let built = -1;
    await jest.isolateModulesAsync(async () => {
      const stop = startCounting();
      try {
        const loaded = (await import(path.join(__dirname, '../../src/functions', entry))) as object;
        expect(Object.keys(loaded).length).toBeGreaterThan(0);
      } finally {
        built = stop();
      }
    });
    expect(built).toBe(0);
  });
});
