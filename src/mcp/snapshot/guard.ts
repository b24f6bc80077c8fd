/**
 * While the startup snapshot is built, the helper's modules are evaluated — and warmed up — on the
 * build machine, and the heap they leave is what every user's executable starts from. Anything
 * they read there (the environment, argv, the working directory, stdin, a file, the hub's socket,
 * the clock, randomness) would be baked in: the builder's paths, secrets or timestamps, or the
 * same "random" values on every machine (Node caches entropy for `crypto.randomUUID`, so one call
 * at build time makes every run hand out the same UUIDs).
 *
 * The guard traps those APIs for the duration of the build, records each call whose caller is not
 * Node itself, and `finish()` restores everything and throws — failing the build — if anything was
 * recorded. It must be installed before any other module of the helper is evaluated. (Node's own
 * modules that are not known to survive a snapshot, such as child_process, make Node warn while
 * building; scripts/build-helper-binary.ts fails the build on that warning.)
 */
// Default imports: the modules' own objects (a namespace import would be a frozen copy in a bundle).
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';

export type SnapshotGuard = {
  /** Restores every trapped API; throws if anything was read at build time. */
  finish: () => void;
  violations: () => string[];
};

type Target = Record<string, unknown>;

/** The first stack frame outside the trap; undefined when Node's own code made the call. */
function callerOf(trap: (...args: never[]) => unknown): string | undefined {
  const holder: { stack?: string } = {};
  Error.captureStackTrace(holder, trap);
  const frame = holder.stack?.split('\n')[1]?.trim() ?? 'unknown caller';
  return /\(?node:/.test(frame) ? undefined : frame.replace(/^at /, '');
}

/** `new Date()` and `Date()` read the clock too; `new Date(value)` does not. */
function trapClock(
  record: (what: string, trap: (...args: never[]) => unknown) => void,
  restores: Array<() => void>,
): void {
  const RealDate = Date;
  type Constructor = new (...args: unknown[]) => object;
  const construct = (target: DateConstructor, args: unknown[], newTarget: Constructor): object => {
    if (args.length === 0) record('new Date()', construct);
    const real = target as unknown as Constructor;
    return Reflect.construct(real, args, newTarget === proxy ? real : newTarget);
  };
  const apply = (target: DateConstructor, self: unknown, args: unknown[]): unknown => {
    record('Date()', apply);
    return Reflect.apply(target, self, args);
  };
  const proxy = new Proxy(RealDate, { construct, apply });
  globalThis.Date = proxy;
  restores.push(() => (globalThis.Date = RealDate));
}

/**
 * node:crypto's random functions. Its module object is passed to the guard only when the helper
 * imports it anyway (guard-install.ts), or trapped when loaded through `process.getBuiltinModule`
 * during the build: loading it just to guard it would put 0.4 MB more into every start. The Web
 * Crypto global is watched without being loaded.
 */
const CRYPTO_RANDOM = [
  'randomUUID',
  'randomBytes',
  'randomFill',
  'randomFillSync',
  'randomInt',
  'getRandomValues',
] as const;

export function guardSnapshotBuild(crypto?: object): SnapshotGuard {
  const found = new Set<string>();
  const restores: Array<() => void> = [];
  let active = true;
  const record = (what: string, trap: (...args: never[]) => unknown): void => {
    if (!active) return;
    const caller = callerOf(trap);
    if (caller !== undefined) found.add(`${what} (from ${caller})`);
  };

  /** Wraps the named functions of an object (all lower-case ones when `names` is omitted). */
  const wrap = (target: object, label: string, names?: readonly string[]): void => {
    const object = target as Target;
    for (const name of names ?? Object.keys(object).filter((key) => /^[a-z]/.test(key))) {
      const original = object[name];
      if (typeof original !== 'function') continue;
      const trap = function (this: unknown, ...args: unknown[]): unknown {
        record(`${label}.${name}()`, trap);
        return Reflect.apply(original, this, args);
      };
      const descriptor = Object.getOwnPropertyDescriptor(object, name);
      if (descriptor?.configurable === false) {
        if (descriptor.writable !== true) continue;
        object[name] = trap;
        restores.push(() => (object[name] = original));
        continue;
      }
      // Some are getters (crypto.getRandomValues): replace the property, then put it back.
      Object.defineProperty(object, name, {
        value: trap,
        configurable: true,
        writable: true,
        enumerable: descriptor?.enumerable ?? false,
      });
      restores.push(() => {
        if (descriptor) Object.defineProperty(object, name, descriptor);
        else Reflect.deleteProperty(object, name);
      });
    }
  };

  /** Replaces a property with a getter that records reads (and a setter that passes writes). */
  const watch = (target: object, name: string, label: string): void => {
    const descriptor = Object.getOwnPropertyDescriptor(target, name);
    if (!descriptor) return;
    let value: unknown = descriptor.value;
    const get = function (this: unknown): unknown {
      record(label, get);
      return descriptor.get ? descriptor.get.call(this) : value;
    };
    Object.defineProperty(target, name, {
      configurable: true,
      enumerable: descriptor.enumerable ?? true,
      get,
      set: (next: unknown) => (value = next),
    });
    restores.push(() =>
      Object.defineProperty(target, name, descriptor.get ? descriptor : { ...descriptor, value }),
    );
  };

  const env = process.env;
  const get = (target: NodeJS.ProcessEnv, key: string | symbol): unknown => {
    record(`process.env.${String(key)}`, get);
    return Reflect.get(target, key);
  };
  const has = (target: NodeJS.ProcessEnv, key: string | symbol): boolean => {
    record(`process.env.${String(key)}`, has);
    return Reflect.has(target, key);
  };
  const ownKeys = (target: NodeJS.ProcessEnv): Array<string | symbol> => {
    record('process.env (all keys)', ownKeys);
    return Reflect.ownKeys(target);
  };
  const handler: ProxyHandler<NodeJS.ProcessEnv> = { get, has, ownKeys };
  process.env = new Proxy(env, handler);
  restores.push(() => (process.env = env));

  watch(process, 'argv', 'process.argv');
  for (const stream of ['stdin', 'stdout', 'stderr']) watch(process, stream, `process.${stream}`);
  wrap(process, 'process', ['cwd', 'chdir', 'getuid', 'geteuid', 'hrtime']);
  wrap(os, 'os', ['homedir', 'tmpdir', 'hostname', 'userInfo', 'networkInterfaces']);
  wrap(fs, 'fs');
  wrap(fs.promises, 'fs.promises');
  wrap(net, 'net', ['connect', 'createConnection', 'createServer']);
  wrap(net.Socket.prototype, 'net.Socket', ['connect']);
  const trappedCrypto = new Set<object>();
  const trapCrypto = (module: object): void => {
    if (trappedCrypto.has(module)) return;
    trappedCrypto.add(module);
    wrap(module, 'crypto', CRYPTO_RANDOM);
  };
  if (crypto) trapCrypto(crypto);
  // A module may load node:crypto when first needed (the bridge's handshake does): whatever loads
  // it during the build gets it trapped, so randomness drawn there still fails the build.
  const original = Object.getOwnPropertyDescriptor(process, 'getBuiltinModule');
  const getBuiltinModule = process.getBuiltinModule.bind(process);
  const loadBuiltin = (id: string): unknown => {
    const loaded: unknown = getBuiltinModule(id);
    if (/^(node:)?crypto$/.test(id) && typeof loaded === 'object' && loaded !== null)
      trapCrypto(loaded);
    return loaded;
  };
  process.getBuiltinModule = loadBuiltin as typeof process.getBuiltinModule;
  restores.push(() => {
    if (original) Object.defineProperty(process, 'getBuiltinModule', original);
    else Reflect.deleteProperty(process, 'getBuiltinModule');
  });
  watch(globalThis, 'crypto', 'globalThis.crypto');
  wrap(Math, 'Math', ['random']);
  wrap(Date, 'Date', ['now']);
  wrap(performance, 'performance', ['now']);
  trapClock(record, restores);

  return {
    violations: () => [...found],
    finish() {
      active = false;
      for (const restore of restores.reverse()) restore();
      if (found.size > 0)
        throw new Error(
          `the startup snapshot would bake in what the build machine read:\n  ${[...found].join('\n  ')}`,
        );
    },
  };
}
