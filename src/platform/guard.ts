/**
 * Hand-written record checks for the functions that must load fast (the workflow validator above
 * all): zod is about half of a bundle, so the records those functions read are checked with these
 * few combinators instead. Each guard mirrors a zod schema of the app and is tested against it with
 * the same fixtures (test/guardrails/record-guards.test.ts), so the two accept and refuse alike and
 * give the same value back: unknown keys dropped or refused, defaults filled, strings trimmed.
 * Anything that does not need a fast cold load keeps using zod.
 */

/** What the store needs of a schema: zod's `safeParse` shape, so a zod schema is one too. */
export interface RecordSchema<T> {
  safeParse(input: unknown): { success: true; data: T } | { success: false };
}

/** A check answers the value it accepts (possibly with defaults filled) or throws `Invalid`. */
export type Check<T> = (value: unknown, path: string) => T;

export class Invalid extends Error {
  constructor(
    readonly path: string,
    readonly reason: string
  ) {
    super(`${path === '' ? '(root)' : path}: ${reason}`);
  }
}

export interface Guard<T> extends RecordSchema<T> {
  check: Check<T>;
  /** The accepted value, or throws `Invalid` naming the first offending path. */
  parse(input: unknown): T;
}

export function guard<T>(check: Check<T>): Guard<T> {
  return {
    check,
    parse: (input) => check(input, ''),
    safeParse(input) {
      try {
        return { success: true, data: check(input, '') };
      } catch (error) {
        if (error instanceof Invalid) return { success: false };
        throw error;
      }
    }
  };
}

const at = (path: string, key: string | number): string =>
  typeof key === 'number' ? `${path}[${key}]` : path === '' ? key : `${path}.${key}`;

const describe = (value: unknown): string =>
  value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value;

interface Bounds {
  min?: number;
  max?: number;
}

function bounded(length: number, bounds: Bounds, path: string, unit: string): void {
  if (bounds.min !== undefined && length < bounds.min)
    throw new Invalid(path, `fewer than ${bounds.min} ${unit}`);
  if (bounds.max !== undefined && length > bounds.max)
    throw new Invalid(path, `more than ${bounds.max} ${unit}`);
}

/** A string of `min`..`max` UTF-16 units (zod's `.min()`/`.max()`), trimmed first when asked. */
export function str(bounds: Bounds & { trim?: boolean; pattern?: RegExp } = {}): Check<string> {
  return (value, path) => {
    if (typeof value !== 'string') throw new Invalid(path, `expected string, received ${describe(value)}`);
    const text = bounds.trim ? value.trim() : value;
    bounded(text.length, bounds, path, 'characters');
    if (bounds.pattern && !bounds.pattern.test(text)) throw new Invalid(path, 'does not match its pattern');
    return text;
  };
}

/** A finite number (zod refuses NaN and ±Infinity); `int` means a safe integer, as `.int()`. */
export function num(
  opts: { int?: boolean; min?: number; max?: number; positive?: boolean } = {}
): Check<number> {
  return (value, path) => {
    if (typeof value !== 'number' || !Number.isFinite(value))
      throw new Invalid(path, `expected number, received ${describe(value)}`);
    if (opts.int && !Number.isSafeInteger(value)) throw new Invalid(path, 'expected an integer');
    if (opts.positive && !(value > 0)) throw new Invalid(path, 'expected a positive number');
    if (opts.min !== undefined && value < opts.min) throw new Invalid(path, `less than ${opts.min}`);
    if (opts.max !== undefined && value > opts.max) throw new Invalid(path, `more than ${opts.max}`);
    return value;
  };
}

export const bool: Check<boolean> = (value, path) => {
  if (typeof value !== 'boolean') throw new Invalid(path, `expected boolean, received ${describe(value)}`);
  return value;
};

/** One of a fixed set of values (zod's `z.enum` or `z.literal`). */
export function oneOf<const V extends string | number>(values: ReadonlyArray<V>): Check<V> {
  return (value, path) => {
    if (!(values as ReadonlyArray<unknown>).includes(value))
      throw new Invalid(path, `expected one of ${values.map((v) => JSON.stringify(v)).join(', ')}`);
    return value as V;
  };
}

export const unknownValue: Check<unknown> = (value) => value;

export function nullable<T>(check: Check<T>): Check<T | null> {
  return (value, path) => (value === null ? null : check(value, path));
}

/** Marks a key that may be absent; as in zod, an absent key stays absent in the output. */
export interface Optional<T> {
  optional: Check<T>;
}

export function optional<T>(check: Check<T>): Optional<T> {
  return { optional: check };
}

/** An absent (or undefined) value becomes `fallback()`; a present one must pass `check`. */
export function withDefault<T>(check: Check<T>, fallback: () => T): Check<T> {
  return (value, path) => (value === undefined ? fallback() : check(value, path));
}

export function array<T>(item: Check<T>, bounds: Bounds = {}): Check<T[]> {
  return (value, path) => {
    if (!Array.isArray(value)) throw new Invalid(path, `expected array, received ${describe(value)}`);
    bounded(value.length, bounds, path, 'items');
    return value.map((element, index) => item(element, at(path, index)));
  };
}

type Shape = Record<string, Check<unknown> | Optional<unknown>>;
type Output<S extends Shape> = {
  [K in keyof S as S[K] extends Optional<unknown> ? never : K]: S[K] extends Check<infer T> ? T : never;
} & {
  [K in keyof S as S[K] extends Optional<unknown> ? K : never]?: S[K] extends Optional<infer T> ? T : never;
};

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * An object with the keys of `shape`, in that order. `strict` refuses any other key (zod's
 * `z.strictObject`); otherwise other keys are dropped (`z.object`).
 */
export function object<S extends Shape>(shape: S, mode: 'strict' | 'strip' = 'strip'): Check<Output<S>> {
  const keys = Object.keys(shape);
  return (value, path) => {
    if (!isRecord(value)) throw new Invalid(path, `expected object, received ${describe(value)}`);
    if (mode === 'strict') {
      const extra = Object.keys(value).find((key) => !Object.hasOwn(shape, key));
      if (extra !== undefined) throw new Invalid(path, `unrecognized key "${extra}"`);
    }
    const out: Record<string, unknown> = {};
    for (const key of keys) {
      const spec = shape[key] as Check<unknown> | Optional<unknown>;
      const raw = Object.hasOwn(value, key) ? value[key] : undefined;
      if (typeof spec === 'function') {
        const parsed = spec(raw, at(path, key));
        if (parsed !== undefined || Object.hasOwn(value, key)) out[key] = parsed;
      } else if (raw !== undefined) {
        out[key] = spec.optional(raw, at(path, key));
      } else if (Object.hasOwn(value, key)) {
        out[key] = undefined;
      }
    }
    return out as Output<S>;
  };
}

/** Exactly the keys of `keys`, each with a value passing `check` (zod's record over an enum). */
export function exhaustiveRecord<K extends string, V>(
  keys: ReadonlyArray<K>,
  check: Check<V>
): Check<Record<K, V>> {
  return (value, path) => {
    if (!isRecord(value)) throw new Invalid(path, `expected object, received ${describe(value)}`);
    const extra = Object.keys(value).find((key) => !(keys as ReadonlyArray<string>).includes(key));
    if (extra !== undefined) throw new Invalid(at(path, extra), 'not an expected key');
    const out = {} as Record<K, V>;
    for (const key of keys) out[key] = check(value[key], at(path, key));
    return out;
  };
}

/** Any string key, each value passing `check` (zod's `z.record(z.string(), …)`). */
export function stringRecord<V>(check: Check<V>): Check<Record<string, V>> {
  return (value, path) => {
    if (!isRecord(value)) throw new Invalid(path, `expected object, received ${describe(value)}`);
    const out: Record<string, V> = {};
    for (const key of Object.keys(value)) out[key] = check(value[key], at(path, key));
    return out;
  };
}

export function refine<T>(check: Check<T>, ok: (value: T) => boolean, reason: string): Check<T> {
  return (value, path) => {
    const parsed = check(value, path);
    if (!ok(parsed)) throw new Invalid(path, reason);
    return parsed;
  };
}
