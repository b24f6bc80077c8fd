/**
 * The standalone helper starts from a startup snapshot made on the build machine. Nothing of that
 * machine may be in it, and everything a session depends on must be read when it runs: two runs
 * with different homes, session names and working directories each reach their own hub under
 * their own name. A module that reads its environment while the snapshot is built fails the build.
 */
import { spawnSync } from 'node:child_process';
import { copyFile, mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildMachineTraces, findTraces } from '../../scripts/helper/blob-traces';
import {
  buildScriptBlob,
  buildSnapshotBlob,
  bundleSnapshotEntry,
} from '../../scripts/helper/snapshot-blob';
import { waitAttached } from '../support/attached';
import { hubEffects } from '../support/hub-effects';
import { startHub, type HubProcess } from '../support/hub-process';
import { DIST, HELPER_BINARY, ROOT, tempDir } from '../support/paths';
import { runSession } from '../support/scripted-session';
import { HUB_DOWN_SESSIONS, initialize } from '../support/differential-sessions';
import { HELPER_BUILDS } from '../support/scripted-session';

const SEA_MAGIC = 0x0143da20;
const SEA_USE_SNAPSHOT = 1 << 1;

describe('the standalone helper startup snapshot', () => {
  let dir: { dir: string; cleanup: () => Promise<void> };
  beforeAll(async () => {
    dir = await tempDir();
  });
  afterAll(() => dir.cleanup());

  it('is what the executable carries', async () => {
    const blob = await readFile(join(DIST, 'sea', 'helper.blob'));
    expect(blob.readUInt32LE(0)).toBe(SEA_MAGIC);
    expect(blob.readUInt32LE(4) & SEA_USE_SNAPSHOT).toBe(SEA_USE_SNAPSHOT);
    const binary = await readFile(HELPER_BINARY);
    expect(binary.includes(blob.subarray(0, 64 * 1024))).toBe(true);
  });

  it(
    'reads home, session name and working directory when it runs, not when it was built',
    {
      timeout: 120_000,
    },
    async () => {
      const hubs: HubProcess[] = [];
      try {
        const homes = [join(dir.dir, 'home-a'), join(dir.dir, 'home-b')];
        const cwds = [join(dir.dir, 'work-one'), join(dir.dir, 'work-two')];
        for (const path of [...homes, ...cwds]) await mkdir(path, { recursive: true });
        for (const home of homes) hubs.push(await startHub(home));
        const build = { name: 'snapshot', command: HELPER_BINARY, args: [] };
        const steps = (home: string, name: string) => [
          { send: [initialize(1)], lines: 1 },
          { run: () => waitAttached(home, [name]), lines: 0 },
          { end: true as const },
        ];
        const [homeA, homeB] = homes as [string, string];
        const [one, two] = cwds as [string, string];
        // One named by --session, one by SWITCHBOARD_SESSION, one by its working directory.
        const runs = [
          await runSession(build, steps(homeA, 'alpha'), {
            home: homeA,
            session: 'alpha',
            cwd: one,
          }),
          await runSession(build, steps(homeB, 'beta'), {
            home: homeB,
            cwd: two,
            env: { SWITCHBOARD_SESSION: 'beta' },
          }),
          await runSession(build, steps(homeB, 'work-one'), { home: homeB, cwd: one }),
        ];
        for (const run of runs) expect(run).toMatchObject({ code: 0, missed: [] });
        for (const hub of hubs) await hub.stop();
        expect(hubEffects(homeA)['sessions']).toEqual([{ name: 'alpha', cwd: one, detached: 1 }]);
        expect(hubEffects(homeB)['sessions']).toEqual([
          { name: 'beta', cwd: two, detached: 1 },
          { name: 'work-one', cwd: one, detached: 1 },
        ]);
      } finally {
        for (const hub of hubs) await hub.stop();
      }
    },
  );

  it(
    'has a plain-bundle form for other CPUs (no snapshot can be made there) that behaves the same',
    {
      timeout: 300_000,
    },
    async () => {
      const blob = join(dir.dir, 'plain.blob');
      await writeFile(blob, await buildScriptBlob());
      const flags = (await readFile(blob)).readUInt32LE(4);
      expect(flags & SEA_USE_SNAPSHOT).toBe(0);
      const executable = join(dir.dir, 'plain-helper');
      await copyFile(process.execPath, executable);
      const inject = spawnSync(
        process.execPath,
        [
          join(ROOT, 'node_modules/postject/dist/cli.js'),
          executable,
          'NODE_SEA_BLOB',
          blob,
          '--sentinel-fuse',
          'NODE_SEA_FUSE_fce680ab2cc467b6e072b8b5df1996b2',
          ...(process.platform === 'darwin' ? ['--macho-segment-name', 'NODE_SEA'] : []),
        ],
        { encoding: 'utf8' },
      );
      expect(inject.status).toBe(0);
      if (process.platform === 'darwin')
        spawnSync('codesign', ['--sign', '-', '--force', executable]);
      const session = HUB_DOWN_SESSIONS.find((s) => s.name === 'claude-code-opening');
      const npm = HELPER_BUILDS.find((b) => b.name === 'npm');
      if (!session || !npm) throw new Error('the differential suite lost its opening session');
      const home = join(dir.dir, 'plain-home');
      const plain = await runSession(
        { name: 'plain', command: executable, args: [] },
        session.steps,
        {
          home,
          session: 'plain',
        },
      );
      expect(plain).toEqual(await runSession(npm, session.steps, { home, session: 'plain' }));
      expect(plain.stdout).toContain('"protocolVersion":"2025-11-25"');
    },
  );

  it(
    'holds no trace of the build machine, not even secrets in its environment',
    {
      timeout: 300_000,
    },
    async () => {
      const secret = `canary-${process.pid}-${Date.now()}-do-not-ship`;
      process.env['SWITCHBOARD_TEST_SIGNING_PASSWORD'] = secret;
      try {
        const blob = await buildSnapshotBlob(process.execPath);
        const traces = buildMachineTraces();
        expect(traces.map((trace) => trace.label)).toContain(
          'the value of SWITCHBOARD_TEST_SIGNING_PASSWORD',
        );
        expect(findTraces(blob, traces)).toEqual([]);
        expect(blob.includes(Buffer.from(ROOT))).toBe(false);
        expect(blob.includes(Buffer.from(secret))).toBe(false);
      } finally {
        delete process.env['SWITCHBOARD_TEST_SIGNING_PASSWORD'];
      }
    },
  );

  const offenders = [
    {
      what: 'reads the environment',
      code: ["const home = process.env['HOME'];", 'export const keep = home;'],
      error: /would bake in what the build machine read:\s+process\.env\.HOME/,
    },
    {
      // One call would make every user's executable hand out the same "random" UUIDs.
      what: 'draws a random UUID',
      code: ["import { randomUUID } from 'node:crypto';", 'export const keep = randomUUID();'],
      error: /would bake in what the build machine read:\s+crypto\.randomUUID\(\)/,
    },
  ];
  for (const offender of offenders)
    it(
      `fails the build when a module ${offender.what} while the snapshot is made`,
      {
        timeout: 120_000,
      },
      async () => {
        const name = offender.what.replace(/\W+/g, '-');
        const module = join(dir.dir, `${name}-module.ts`);
        await writeFile(module, offender.code.join('\n'));
        const entry = join(dir.dir, `${name}.ts`);
        await writeFile(
          entry,
          [
            `import { snapshotGuard } from ${JSON.stringify(join(ROOT, 'src/mcp/snapshot/guard-install'))};`,
            "import { startupSnapshot } from 'node:v8';",
            `import { keep } from ${JSON.stringify(module)};`,
            'startupSnapshot.setDeserializeMainFunction(() => console.log(keep));',
            'void Promise.resolve().finally(() => snapshotGuard.finish());',
          ].join('\n'),
        );
        const bundle = join(dir.dir, `${name}.cjs`);
        await bundleSnapshotEntry(bundle, entry);
        const run = spawnSync(
          process.execPath,
          ['--snapshot-blob', join(dir.dir, `${name}.blob`), '--build-snapshot', bundle],
          { encoding: 'utf8' },
        );
        expect(run.status).not.toBe(0);
        expect(run.stderr).toMatch(offender.error);
      },
    );
});
