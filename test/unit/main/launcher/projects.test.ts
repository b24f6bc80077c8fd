import { mkdir, writeFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { applyProjectChange, checkProject } from '../../../../src/main/launcher/projects';
import { settingsSchema } from '../../../../src/main/settings/settings';
import { tempDir } from '../../../support/paths';

describe('checkProject and applyProjectChange', () => {
  let dir: { dir: string; cleanup: () => Promise<void> };
  beforeEach(async () => {
    dir = await tempDir('sb-projects-');
    await mkdir(join(dir.dir, 'app'));
    await writeFile(join(dir.dir, 'file'), '');
  });
  afterEach(() => dir.cleanup());

  it('stores the directory absolute, resolved against the caller’s directory', async () => {
    expect(await checkProject({ name: 'app', dir: 'app', wake: true }, dir.dir)).toEqual({
      ok: true,
      name: 'app',
      project: {
        dir: join(dir.dir, 'app'),
        resume: false,
        args: [],
        wake: true,
        idleStopMinutes: 120,
      },
    });
    const home = await checkProject({ name: 'home', dir: '~' }, '/');
    expect(home.ok && home.project.dir).toBe(homedir());
  });

  it('refuses a directory that is missing or a file, a bad name, and bad arguments', async () => {
    expect(await checkProject({ name: 'x', dir: 'nope' }, dir.dir)).toEqual({
      ok: false,
      error: `the directory ${join(dir.dir, 'nope')} does not exist`,
    });
    expect(await checkProject({ name: 'x', dir: 'file' }, dir.dir)).toMatchObject({ ok: false });
    expect(await checkProject({ name: 'a.b', dir: 'app' }, dir.dir)).toMatchObject({ ok: false });
    expect(await checkProject({ name: 'x', dir: 'app', args: ['-p'] }, dir.dir)).toMatchObject({
      ok: false,
    });
  });

  it('adds, updates and removes, refusing a taken or unknown name', () => {
    const settings = settingsSchema.parse({});
    const project = { dir: '/a', resume: false, args: [], wake: false, idleStopMinutes: 5 };
    expect(applyProjectChange(settings, { kind: 'add', name: 'a', project })).toBeUndefined();
    expect(applyProjectChange(settings, { kind: 'add', name: 'a', project })).toContain('already');
    expect(applyProjectChange(settings, { kind: 'update', name: 'b', project })).toContain(
      'no project',
    );
    expect(applyProjectChange(settings, { kind: 'remove', name: 'a' })).toBeUndefined();
    expect(settings.projects).toEqual({});
    expect(applyProjectChange(settings, { kind: 'remove', name: 'constructor' })).toContain(
      'no project',
    );
  });
});
