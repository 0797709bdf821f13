/**
 * A schema (or any object) built the first time something reads it, not when its module loads.
 *
 * Why: a Forge function's cold start pays for every module-level `z.object(…)` its bundle
 * reaches, and a function reaches many schemas it never uses in one invocation (a resolver with
 * thirteen keys parses one payload; a trigger reads two records). zod 4 builds each schema
 * eagerly, about 25 µs apiece, and the bigger bundles built 500–800 of them at load. Wrapped
 * in `lazySchema`, a schema costs nothing until an invocation parses with it, then behaves as
 * the schema itself for the rest of the process (same object, built once).
 *
 * The proxy forwards every operation to the built schema, so `.parse`, `.shape`, `.extend()`,
 * `instanceof` (zod checks traits through `_zod`) and use inside other schemas all work; the
 * type is the schema's own, so `z.infer<typeof X>` is unchanged. Imports no zod, so the UI may
 * import the payload modules' types without pulling a runtime in.
 */
export function lazySchema<T extends object>(build: () => T): T {
  let built: T | undefined;
  const real = (): T => (built ??= build());
  // The proxy's invariants tie a non-configurable property it reports to the target, so such a
  // property (zod's `_zod`) is mirrored onto the target the first time it is described.
  const mirror = (target: object, key: string | symbol, descriptor: PropertyDescriptor | undefined) => {
    if (descriptor && !descriptor.configurable && !Reflect.getOwnPropertyDescriptor(target, key))
      Reflect.defineProperty(target, key, descriptor);
    return descriptor;
  };
  return new Proxy({} as T, {
    get: (_target, key) => Reflect.get(real(), key),
    set: (_target, key, value) => Reflect.set(real(), key, value),
    has: (_target, key) => Reflect.has(real(), key),
    deleteProperty: (_target, key) => Reflect.deleteProperty(real(), key),
    ownKeys: () => Reflect.ownKeys(real()),
    getPrototypeOf: () => Reflect.getPrototypeOf(real()),
    getOwnPropertyDescriptor: (target, key) =>
      mirror(target, key, Reflect.getOwnPropertyDescriptor(real(), key)),
    defineProperty: (target, key, descriptor) => {
      const done = Reflect.defineProperty(real(), key, descriptor);
      if (done) mirror(target, key, Reflect.getOwnPropertyDescriptor(real(), key));
      return done;
    }
  });
}
