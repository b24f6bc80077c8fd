import { describe, expect, it } from 'vitest';
import {
  parseProjectCommand,
  projectHelpLines,
} from '../../../../src/main/router/project-commands';

describe('parseProjectCommand', () => {
  it('reads /new with a project and keeps the message as written, line breaks included', () => {
    expect(parseProjectCommand('/new billing')).toEqual({
      name: 'new',
      project: 'billing',
      text: '',
    });
    expect(parseProjectCommand('/new billing  fix the\ninvoice totals  ')).toEqual({
      name: 'new',
      project: 'billing',
      text: 'fix the\ninvoice totals',
    });
    expect(parseProjectCommand('/new@Switchboard_Bot web hi', 'switchboard_bot')).toEqual({
      name: 'new',
      project: 'web',
      text: 'hi',
    });
  });

  it('leaves a command addressed to another bot (or any @name when ours is unknown) alone', () => {
    expect(parseProjectCommand('/stop@other_ci_bot', 'switchboard_bot')).toBeUndefined();
    expect(parseProjectCommand('/new@other_ci_bot web hi', 'switchboard_bot')).toBeUndefined();
    expect(parseProjectCommand('/stop@switchboard_bot')).toBeUndefined();
    expect(parseProjectCommand('/stop@switchboard_bot.evil', 'switchboard_bot')).toBeUndefined();
    expect(parseProjectCommand('/stop', 'switchboard_bot')).toEqual({
      name: 'stop',
      project: null,
    });
  });

  it('ignores text too long to be a command', () => {
    expect(parseProjectCommand(`/type ${'x'.repeat(5000)}`)).toBeUndefined();
  });

  it('lists every project command in /help for owners and none for members', () => {
    expect(projectHelpLines(true)).toHaveLength(7);
    expect(projectHelpLines(true)[1]).toMatch(/^\/new PROJECT/);
    expect(projectHelpLines(false)).toEqual([]);
  });

  it('takes an optional project for /stop, /restart and /screen, and refuses more words', () => {
    expect(parseProjectCommand('/stop')).toEqual({ name: 'stop', project: null });
    expect(parseProjectCommand('/RESTART api')).toEqual({ name: 'restart', project: 'api' });
    expect(parseProjectCommand('/screen api now')).toEqual({ name: 'usage', command: 'screen' });
  });

  it('splits /press into words and keeps /type text whole', () => {
    expect(parseProjectCommand('/press 1 enter')).toEqual({ name: 'press', keys: ['1', 'enter'] });
    expect(parseProjectCommand('/type  yes, go ahead; then stop ')).toEqual({
      name: 'type',
      text: 'yes, go ahead; then stop',
    });
  });

  it('answers a command without its arguments with its usage instead of passing it to Claude', () => {
    for (const name of ['new', 'press', 'type'] as const)
      expect(parseProjectCommand(`/${name}`)).toEqual({ name: 'usage', command: name });
    expect(parseProjectCommand('/projects all')).toEqual({ name: 'usage', command: 'projects' });
  });

  it('leaves ordinary text and other commands alone', () => {
    for (const text of ['new billing', '/newbot', '/stopwatch', 'please /stop', '/sessions', ''])
      expect(parseProjectCommand(text)).toBeUndefined();
  });
});
