import { describe, expect, it } from 'vitest';
import {
  checkHost,
  checkSshOptions,
  remoteSh,
  shQuote,
  sshArgs,
  sshError,
} from '../../../../src/main/remote/ssh-command';

describe('ssh command lines', () => {
  it('accepts ssh destinations and refuses what ssh would read as an option', () => {
    for (const host of ['devbox', 'ann@devbox.example.com', 'ann@10.0.0.2', '[::1]', 'a_b-c.d'])
      expect(checkHost(host)).toBe(host);
    for (const host of ['-oProxyCommand=x', 'a b', 'a;b', 'host$(x)', '', 'a@-b'])
      expect(() => checkHost(host)).toThrow('not an ssh destination');
  });

  it('accepts Key=Value options only', () => {
    expect(checkSshOptions(['Port=2222', 'ProxyJump=bastion'])).toEqual([
      'Port=2222',
      'ProxyJump=bastion',
    ]);
    expect(() => checkSshOptions(['-p 22'])).toThrow('Key=Value');
    expect(() => checkSshOptions(['Port=22\nProxyCommand=x'])).toThrow('Key=Value');
  });

  it('puts what must hold before the user options and soft defaults after', () => {
    const args = sshArgs(['BatchMode=no', 'ServerAliveInterval=60']);
    const options = args.filter((_, i) => args[i - 1] === '-o');
    // ssh keeps the first value it reads for an option.
    expect(options.indexOf('BatchMode=yes')).toBeLessThan(options.indexOf('BatchMode=no'));
    expect(options.indexOf('ServerAliveInterval=60')).toBeLessThan(
      options.indexOf('ServerAliveInterval=10'),
    );
    expect(options).toContain('ControlPath=none');
  });

  it('quotes for a POSIX shell', () => {
    expect(shQuote("it's")).toBe(`'it'\\''s'`);
    expect(remoteSh('echo "$HOME"')).toBe(`sh -c 'echo "$HOME"'`);
  });

  it('reports the last line ssh wrote that is not verbose noise', () => {
    expect(
      sshError('debug1: a\nssh: connect to host x port 22: Connection refused\ndebug1: b\n'),
    ).toBe('ssh: connect to host x port 22: Connection refused');
    expect(sshError('')).toBe('ssh failed without saying why');
  });
});
