import { describe, expect, it } from 'vitest';
import { helloFrame } from '../../../src/shared/bridge-protocol';
import { argValue, sessionNameFrom } from '../../../src/mcp/session-name';
import { HELLO_AUTH } from '../../support/frames';

const bridgeAccepts = (name: string): boolean =>
  helloFrame.safeParse({ type: 'hello', ...HELLO_AUTH, session: { name, cwd: '/', pid: 1 } })
    .success;

describe('sessionNameFrom', () => {
  it('prefers --session over the environment and the working directory', () => {
    expect(sessionNameFrom(['--session', 'flag'], { SWITCHBOARD_SESSION: 'env' }, '/w/dir')).toBe(
      'flag',
    );
    expect(sessionNameFrom(['--session=flag'], { SWITCHBOARD_SESSION: 'env' }, '/w/dir')).toBe(
      'flag',
    );
  });

  it('uses SWITCHBOARD_SESSION when there is no flag', () => {
    expect(sessionNameFrom([], { SWITCHBOARD_SESSION: 'env' }, '/w/dir')).toBe('env');
  });

  it("falls back to the working directory's name", () => {
    expect(sessionNameFrom([], {}, '/Users/ann/code/my-app')).toBe('my-app');
    expect(sessionNameFrom([], {}, '/Users/ann/code/my-app/')).toBe('my-app');
  });

  it("falls back to 'session' at the file-system root", () => {
    expect(sessionNameFrom([], {}, '/')).toBe('session');
  });

  it('replaces runs of characters the bridge rejects with a dash and trims dashes', () => {
    expect(sessionNameFrom(['--session', 'my project!! (v2)'], {}, '/')).toBe('my-project-v2');
    expect(sessionNameFrom(['--session=--x--'], {}, '/')).toBe('x');
    expect(sessionNameFrom([], {}, '/w/a b/c d')).toBe('c-d');
  });

  it('keeps unicode letters, digits, dots and underscores', () => {
    expect(sessionNameFrom([], {}, '/w/Проект_1.2')).toBe('Проект_1.2');
  });

  it("falls back to 'session' when nothing usable is left", () => {
    expect(sessionNameFrom(['--session', '!!!'], {}, '/w/x')).toBe('session');
  });

  it('cleans a plain ASCII name exactly as the Unicode rule does', () => {
    const unicodeRule = (raw: string): string =>
      raw.replace(/[^\p{L}\p{N}._-]+/gu, '-').replace(/^-+|-+$/g, '') || 'session';
    const alphabet = 'aZ09._-- !/é';
    let seed = 7;
    for (let i = 0; i < 2_000; i++) {
      let raw = '';
      const length = i % 12;
      for (let c = 0; c < length; c++) {
        seed = (seed * 1103515245 + 12345) % 2 ** 31;
        raw += alphabet[seed % alphabet.length] ?? '';
      }
      expect(sessionNameFrom([`--session=${raw || 'x'}`], {}, '/')).toBe(unicodeRule(raw || 'x'));
    }
  });

  it('caps the name at 64 characters', () => {
    expect(sessionNameFrom(['--session', 'a'.repeat(100)], {}, '/')).toBe('a'.repeat(64));
  });

  it('always gives a name the bridge accepts', () => {
    const inputs = [
      'plain',
      'with spaces and / slashes',
      'a'.repeat(200),
      '日本語のプロジェクト',
      '..',
    ];
    for (const input of inputs) {
      const name = sessionNameFrom(['--session', input], {}, '/');
      expect(bridgeAccepts(name), `${input} → ${name}`).toBe(true);
    }
  });

  it('does not split an astral letter when capping, which would make the bridge reject the name', () => {
    // CJK Extension B letters are two UTF-16 units each; 1 + 2×40 units cut at 64 leaves half of one.
    const name = sessionNameFrom([], {}, `/w/a${'𠀀'.repeat(40)}`);
    expect(name.isWellFormed()).toBe(true);
    expect(bridgeAccepts(name)).toBe(true);
  });
});

describe('argValue', () => {
  it('reads --flag value and --flag=value', () => {
    expect(argValue(['--home', '/h'], '--home')).toBe('/h');
    expect(argValue(['x', '--home=/h'], '--home')).toBe('/h');
    expect(argValue(['--home=a=b'], '--home')).toBe('a=b');
  });

  it('returns undefined when the flag is absent or has no value', () => {
    expect(argValue(['--other', 'x'], '--home')).toBeUndefined();
    expect(argValue(['--home'], '--home')).toBeUndefined();
  });

  it('does not mistake a longer flag for the one asked for', () => {
    expect(argValue(['--homework', 'x'], '--home')).toBeUndefined();
    expect(argValue(['--homework=x'], '--home')).toBeUndefined();
  });
});

describe('sessionNameFrom edge cases', () => {
  it('falls back to SWITCHBOARD_SESSION when --session is empty or followed by another flag', () => {
    expect(sessionNameFrom(['--session='], { SWITCHBOARD_SESSION: 'env' }, '/w/cwd')).toBe('env');
    expect(
      sessionNameFrom(['--session', '--home', '/h'], { SWITCHBOARD_SESSION: 'env' }, '/w/cwd'),
    ).toBe('env');
  });
});
