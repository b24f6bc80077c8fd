import { describe, expect, it } from 'vitest';
import { isOwnerOnly, parseChatCommand } from '../../../../src/main/router/commands';

describe('in-chat commands', () => {
  it('parses /sessions, /status and /use with or without a bot suffix', () => {
    expect(parseChatCommand('/sessions')).toEqual({ name: 'sessions' });
    expect(parseChatCommand('  /STATUS@my_bot ', 'My_Bot')).toEqual({ name: 'status' });
    expect(parseChatCommand('/use alpha')).toEqual({ name: 'use', session: 'alpha' });
    expect(parseChatCommand('/use@bot beta-2', 'bot')).toEqual({ name: 'use', session: 'beta-2' });
  });

  it('answers /help and /start (with or without a deep-link payload) with the help text', () => {
    expect(parseChatCommand('/help')).toEqual({ name: 'help' });
    expect(parseChatCommand('/start')).toEqual({ name: 'help' });
    expect(parseChatCommand('/start@my_bot payload', 'my_bot')).toEqual({ name: 'help' });
  });

  it('treats /use without a name, or /use auto, as following the most recent session', () => {
    expect(parseChatCommand('/use')).toEqual({ name: 'use', session: null });
    expect(parseChatCommand('/use AUTO')).toEqual({ name: 'use', session: null });
  });

  it('leaves commands addressed to another bot alone: they are not ours', () => {
    expect(parseChatCommand('/status@other_ci_bot', 'my_bot')).toBeUndefined();
    expect(parseChatCommand('/use@other_ci_bot deploy', 'my_bot')).toBeUndefined();
    expect(parseChatCommand('/sessions@my_bot_evil', 'my_bot')).toBeUndefined();
    // Where the platform has no bot username, no @suffix is ours.
    expect(parseChatCommand('/status@my_bot')).toBeUndefined();
    expect(parseChatCommand('/status', 'my_bot')).toEqual({ name: 'status' });
  });

  it('only lets owners rebind a chat', () => {
    expect(isOwnerOnly({ name: 'use', session: 'x' })).toBe(true);
    expect(isOwnerOnly({ name: 'sessions' })).toBe(false);
    expect(isOwnerOnly({ name: 'status' })).toBe(false);
  });

  it('leaves everything else to Claude', () => {
    for (const text of [
      '/sessions please',
      'use alpha',
      '/usealpha',
      '/use a b',
      '/helpme',
      'what is /status?',
      '/statusquo',
      '/status@',
      '/ status',
      `/use ${'x'.repeat(5000)}`,
      '',
    ])
      expect(parseChatCommand(text)).toBeUndefined();
  });
});
