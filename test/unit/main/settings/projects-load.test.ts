/**
 * settings.json's projects and launcher settings when the file is wrong: loading fails closed
 * (settings-load.ts) without losing the rest — a broken project is ignored (or keeps its last good
 * entry) while the other projects and settings stay, and a broken `remoteKeys` turns terminal
 * access off rather than on.
 */
import { describe, expect, it } from 'vitest';
import { repair } from '../../../../src/main/settings/settings-load';
import { settingsSchema } from '../../../../src/main/settings/settings';

describe('loading projects from a damaged settings.json', () => {
  it('ignores a project whose directory is relative, keeping the other projects and settings', () => {
    const problems: string[] = [];
    const { settings } = repair(
      {
        paused: false,
        projects: {
          billing: { dir: 'src/billing', wake: true },
          web: { dir: '/srv/web', resume: true },
        },
      },
      undefined,
      problems,
    );
    expect(settings.paused).toBe(false);
    expect(Object.keys(settings.projects)).toEqual(['web']);
    expect(settings.projects['web']).toMatchObject({ dir: '/srv/web', resume: true });
    expect(problems.join('\n')).toMatch(/projects\.billing\.dir: .*project is ignored/);
    expect(problems.join('\n')).not.toMatch(/could not be repaired/);
  });

  it('keeps the last good entry of a project that broke', () => {
    const lastGood = settingsSchema.parse({
      projects: { billing: { dir: '/srv/billing', args: ['--model', 'opus'] } },
    });
    const problems: string[] = [];
    const { settings } = repair(
      { projects: { billing: { dir: '/srv/billing', args: ['--print'] } } },
      lastGood,
      problems,
    );
    expect(settings.projects['billing']).toMatchObject({ args: ['--model', 'opus'] });
    expect(problems.join('\n')).toMatch(/kept the last good settings of this project/);
  });

  it('ignores a project with a name that is not allowed', () => {
    const problems: string[] = [];
    const { settings } = repair(
      { projects: { 'a.b': { dir: '/srv/ab' }, ok: { dir: '/srv/ok' } } },
      undefined,
      problems,
    );
    expect(Object.keys(settings.projects)).toEqual(['ok']);
    expect(problems.length).toBeGreaterThan(0);
  });

  it('turns /press and /type off when remoteKeys is not a boolean', () => {
    const problems: string[] = [];
    const { settings } = repair({ launcher: { remoteKeys: 'yes please' } }, undefined, problems);
    expect(settings.launcher.remoteKeys).toBe(false);
    expect(problems.join('\n')).toMatch(/launcher\.remoteKeys: .*safe value false/);
  });
});
