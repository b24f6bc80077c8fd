import { describe, expect, it } from 'vitest';
import {
  cleanTypedText,
  describeStrokes,
  MAX_TYPED_CHARS,
  parseKeys,
} from '../../../../src/main/launcher/keys';

describe('parseKeys', () => {
  it('maps key names to tmux keys and sends digits, y and n as characters', () => {
    const parsed = parseKeys(['1', 'Enter', 'esc', 'TAB', 'up', 'down', 'left', 'right', 'y', 'N']);
    expect(parsed.ok && describeStrokes(parsed.strokes)).toBe(
      '1 Enter Escape Tab Up Down Left Right y n',
    );
    expect(parsed.ok && parsed.strokes[0]).toEqual({ kind: 'text', text: '1' });
  });

  it('refuses the whole sequence when one word is not a key on the list', () => {
    for (const word of ['C-c', 'q', '12', 'kill-server', 'Enter;', 'BSpace', 'constructor'])
      expect(parseKeys(['1', word])).toMatchObject({ ok: false });
    expect(parseKeys([])).toMatchObject({ ok: false });
    expect(parseKeys(Array.from({ length: 21 }, () => 'y'))).toMatchObject({ ok: false });
  });
});

describe('cleanTypedText', () => {
  it('removes control characters, escape sequences and bidi overrides, and flattens lines', () => {
    expect(cleanTypedText('a\u0003\u0003b')).toBe('ab');
    expect(cleanTypedText('x\u001b[2Jy\u001b]0;title\u0007z\u001bc')).toBe('xyz');
    expect(cleanTypedText('one\ntwo\r\nthree\tfour')).toBe('one two three four');
    expect(cleanTypedText('\u202eevil\u2066')).toBe('evil');
    expect(cleanTypedText('del\u007f and c1\u0085')).toBe('del and c1');
  });

  it('keeps what people write, tmux key names and semicolons included', () => {
    expect(cleanTypedText('Enter C-c ; kill-server;')).toBe('Enter C-c ; kill-server;');
    expect(cleanTypedText('héllo 👋🏽 日本')).toBe('héllo 👋🏽 日本');
  });

  it('caps the length without splitting a surrogate pair', () => {
    const long = `${'a'.repeat(MAX_TYPED_CHARS - 1)}😀`;
    expect(cleanTypedText(long)).toBe('a'.repeat(MAX_TYPED_CHARS - 1));
  });
});
