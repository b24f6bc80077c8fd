import { describe, expect, it } from 'vitest';
import { parseProjectCommand } from '../../../../src/main/router/project-commands';

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
    expect(parseProjectCommand('/new@switchboard_bot web hi')).toEqual({
      name: 'new',
      project: 'web',
      text: 'hi',
    });
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
