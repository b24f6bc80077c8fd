import { describe, expect, it } from 'vitest';
import { UsageError, parseArgs, stringFlag } from '../../../../src/main/cli/args';

describe('parseArgs', () => {
  it('separates positional words from flags', () => {
    const args = parseArgs(['permissions', 'allow', 'abcde', '--json']);
    expect(args.positionals).toEqual(['permissions', 'allow', 'abcde']);
    expect(args.flags).toEqual(new Map([['--json', true]]));
  });

  it('reads --flag=value for any flag', () => {
    const args = parseArgs(['--home=/h', '--anything=x=y']);
    expect(args.flags.get('--home')).toBe('/h');
    expect(args.flags.get('--anything')).toBe('x=y');
  });

  it('makes the value flags take the next word as their value', () => {
    const args = parseArgs(['serve', '--port', '8080', '--home', '/h', 'extra']);
    expect(args.positionals).toEqual(['serve', 'extra']);
    expect(args.flags.get('--port')).toBe('8080');
    expect(args.flags.get('--home')).toBe('/h');
  });

  it('does not let other flags swallow the next word', () => {
    const args = parseArgs(['--verbose', 'serve']);
    expect(args.flags.get('--verbose')).toBe(true);
    expect(args.positionals).toEqual(['serve']);
  });

  it('refuses a value flag at the end of the line', () => {
    expect(() => parseArgs(['serve', '--port'])).toThrow(UsageError);
    expect(() => parseArgs(['serve', '--port'])).toThrow('--port needs a value');
  });

  it('refuses a value flag followed by another flag', () => {
    expect(() => parseArgs(['--home', '--port', '1'])).toThrow(UsageError);
  });

  it('accepts a value that starts with a single dash', () => {
    expect(parseArgs(['--session', '-x']).flags.get('--session')).toBe('-x');
  });

  it('keeps single-dash words as positionals', () => {
    expect(parseArgs(['-h']).positionals).toEqual(['-h']);
  });

  it('lets the last occurrence of a flag win', () => {
    expect(parseArgs(['--home', 'a', '--home=b']).flags.get('--home')).toBe('b');
  });

  it('keeps an explicitly empty value', () => {
    expect(parseArgs(['--home=']).flags.get('--home')).toBe('');
  });
});

describe('parseArgs after a lone --', () => {
  it('keeps every later word as is, flags included, for another program', () => {
    expect(
      parseArgs(['projects', 'add', 'a', '/d', '--wake', '--', '--model', 'opus', '--home', 'x']),
    ).toEqual({
      positionals: ['projects', 'add', 'a', '/d'],
      flags: new Map([['--wake', true]]),
      rest: ['--model', 'opus', '--home', 'x'],
      repeated: new Map(),
    });
    expect(parseArgs(['status']).rest).toEqual([]);
  });
});

describe('repeated flags', () => {
  it('keeps every value of a flag given more than once, in order', () => {
    const args = parseArgs([
      'remote',
      'connect',
      'box',
      'ann@box',
      '--ssh-opt',
      'Port=2222',
      '--ssh-opt=ProxyJump=bastion',
    ]);
    expect(args.repeated.get('--ssh-opt')).toEqual(['Port=2222', 'ProxyJump=bastion']);
    expect(args.positionals).toEqual(['remote', 'connect', 'box', 'ann@box']);
  });
});

describe('stringFlag', () => {
  it('returns the value, or undefined when the flag is absent', () => {
    const args = parseArgs(['--home', '/h']);
    expect(stringFlag(args, '--home')).toBe('/h');
    expect(stringFlag(args, '--port')).toBeUndefined();
  });

  it('refuses a flag given without a value', () => {
    expect(() => stringFlag(parseArgs(['--name']), '--name')).toThrow(UsageError);
    expect(() => stringFlag(parseArgs(['--name']), '--name')).toThrow('--name needs a value');
  });
});
