import { describe, expect, it } from 'vitest';
import {
  forbiddenArg,
  projectNameSchema,
  projectSchema,
} from '../../../../src/main/settings/projects-schema';
import { settingsSchema } from '../../../../src/main/settings/settings';

describe('project settings', () => {
  it('defaults to no projects, the development channel flag, keys allowed and a 10 s grace', () => {
    const settings = settingsSchema.parse({});
    expect(settings.projects).toEqual({});
    expect(settings.launcher).toEqual({
      channel: 'development',
      remoteKeys: true,
      loginShell: true,
      stopGraceSeconds: 10,
    });
    expect(projectSchema.parse({ dir: '/srv/app/' })).toEqual({
      dir: '/srv/app',
      resume: false,
      args: [],
      wake: false,
      idleStopMinutes: 120,
    });
  });

  it('accepts session-name-like project names and refuses dots, spaces, paths and "auto"', () => {
    for (const name of ['billing', 'web-2', 'my_app', 'Ωmega', '9lives'])
      expect(projectNameSchema.safeParse(name).success).toBe(true);
    for (const name of ['a.b', 'a b', '../x', '-x', '', 'auto', 'AUTO', 'x'.repeat(49), 'a:b'])
      expect(projectNameSchema.safeParse(name).success).toBe(false);
  });

  it('refuses relative directories, control characters and the flags the launcher owns', () => {
    expect(projectSchema.safeParse({ dir: 'src/app' }).success).toBe(false);
    expect(projectSchema.safeParse({ dir: '/a', args: ['--model\nx'] }).success).toBe(false);
    for (const arg of [
      '-p',
      '--print',
      '--channels=plugin:x@y',
      '--dangerously-load-development-channels',
      '--version',
    ])
      expect(forbiddenArg(arg)).toBeDefined();
    expect(forbiddenArg('--permission-mode')).toBeUndefined();
    const result = projectSchema.safeParse({ dir: '/a', args: ['--print'] });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toContain('channels do not work');
  });

  it('rejects a settings file whose project names break the rules', () => {
    expect(settingsSchema.safeParse({ projects: { 'a.b': { dir: '/a' } } }).success).toBe(false);
  });
});
