/**
 * The snapshot guard: what the helper's code reads while the startup snapshot is built fails the
 * build, what Node reads for itself does not, and everything trapped is put back afterwards.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { guardSnapshotBuild } from '../../../../src/mcp/snapshot/guard';

describe('the snapshot guard', () => {
  it('records the environment, argv, paths, files, sockets, clock and randomness read by our code', () => {
    const guard = guardSnapshotBuild(crypto);
    try {
      expect(process.env['HOME']).toBeDefined();
      expect(process.argv.length).toBeGreaterThan(0);
      process.cwd();
      os.homedir();
      fs.existsSync('/');
      crypto.randomUUID();
      globalThis.crypto.getRandomValues(new Uint8Array(4));
      Date.now();
      expect(new Date(0).getTime()).toBe(0);
      expect(new Date()).toBeInstanceOf(Date);
      Math.random();
      net
        .createConnection({ path: '/nonexistent/sock' })
        .on('error', () => undefined)
        .destroy();
    } finally {
      expect(() => guard.finish()).toThrow(/would bake in what the build machine read/);
    }
    const found = guard.violations().join('\n');
    for (const what of [
      'process.env.HOME',
      'process.argv',
      'process.cwd()',
      'os.homedir()',
      'fs.existsSync()',
      'crypto.randomUUID()',
      'globalThis.crypto',
      'Date.now()',
      'new Date()',
      'Math.random()',
      'net.createConnection()',
    ])
      expect(found).toContain(what);
    expect(found).toContain('guard.test.ts');
  });

  it('records randomness from a node:crypto loaded only when first needed, and not before', () => {
    const guard = guardSnapshotBuild();
    try {
      const lazy = process.getBuiltinModule('node:crypto');
      lazy.createHash('sha256').update('not random').digest('hex');
      expect(guard.violations()).toEqual([]);
      lazy.randomBytes(8);
    } finally {
      expect(() => guard.finish()).toThrow(/would bake in what the build machine read/);
    }
    expect(guard.violations().join('\n')).toMatch(
      /crypto\.randomBytes\(\) \(from .*guard\.test\.ts/,
    );
  });

  it("does not count what Node's own modules read (path.resolve asks for the cwd)", () => {
    const guard = guardSnapshotBuild();
    resolve('relative');
    expect(guard.violations()).toEqual([]);
    guard.finish();
  });

  it('puts every trapped API back as it was', () => {
    /* eslint-disable @typescript-eslint/unbound-method -- comparing the functions themselves */
    const before = {
      env: process.env,
      cwd: process.cwd,
      homedir: os.homedir,
      readFile: fs.promises.readFile,
      uuid: crypto.randomUUID,
      randomBytes: crypto.randomBytes,
      getBuiltinModule: Object.getOwnPropertyDescriptor(process, 'getBuiltinModule'),
      webCrypto: Object.getOwnPropertyDescriptor(globalThis, 'crypto'),
      now: Date.now,
      date: Date,
      random: Math.random,
      connect: net.Socket.prototype.connect,
      argv: Object.getOwnPropertyDescriptor(process, 'argv'),
      stdout: Object.getOwnPropertyDescriptor(process, 'stdout'),
    };
    const guard = guardSnapshotBuild(crypto);
    process.getBuiltinModule('node:crypto');
    guard.finish();
    expect({
      env: process.env,
      cwd: process.cwd,
      homedir: os.homedir,
      readFile: fs.promises.readFile,
      uuid: crypto.randomUUID,
      randomBytes: crypto.randomBytes,
      getBuiltinModule: Object.getOwnPropertyDescriptor(process, 'getBuiltinModule'),
      webCrypto: Object.getOwnPropertyDescriptor(globalThis, 'crypto'),
      now: Date.now,
      date: Date,
      random: Math.random,
      connect: net.Socket.prototype.connect,
      argv: Object.getOwnPropertyDescriptor(process, 'argv'),
      stdout: Object.getOwnPropertyDescriptor(process, 'stdout'),
    }).toEqual(before);
    /* eslint-enable @typescript-eslint/unbound-method */
    expect(Object.hasOwn(performance, 'now')).toBe(false);
  });
});
