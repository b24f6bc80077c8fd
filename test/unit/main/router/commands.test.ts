import { describe, expect, it } from 'vitest';
import { parseChatCommand } from '../../../../src/main/router/commands';

describe('in-chat commands', () => {
  it('parses /sessions, /status and /use with or without a bot suffix', () => {
    expect(parseChatCommand('/sessions')).toEqual({ name: 'sessions' });
    expect(parseChatCommand('  /STATUS@my_bot ')).toEqual({ name: 'status' });
    expect(parseChatCommand('/use alpha')).toEqual({ name: 'use', session: 'alpha' });
    expect(parseChatCommand('/use@bot beta-2')).toEqual({ name: 'use', session: 'beta-2' });
  });

  it('answers /help and /start (with or without a deep-link payload) with the help text', () => {
    expect(parseChatCommand('/help')).toEqual({ name: 'help' });
    expect(parseChatCommand('/start')).toEqual({ name: 'help' });
    expect(parseChatCommand('/start@my_bot payload')).toEqual({ name: 'help' });
  });

  it('treats /use without a name, or /use auto, as following the most recent session', () => {
    expect(parseChatCommand('/use')).toEqual({ name: 'use', session: null });
    expect(parseChatCommand('/use AUTO')).toEqual({ name: 'use', session: null });
  });

  it('leaves everything else to Claude', () => {
    for (const text of [
      '/sessions please',
      'use alpha',
      '/usealpha',
      '/use a b',
      '/helpme',
      'what is /status?',
      '',
    ])
      expect(parseChatCommand(text)).toBeUndefined();
  });
});
