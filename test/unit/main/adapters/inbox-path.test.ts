import { describe, expect, it } from 'vitest';
import {
  assertInInbox,
  inboxPath,
  safeSegment,
  UnsafePathError,
} from '../../../../src/main/adapters/inbox-path';

const INBOX = '/home/me/.state/switchboard/inbox';

describe('inbox paths', () => {
  it('reduces platform data to one safe segment', () => {
    for (const hostile of ['../../..', '/etc/passwd', 'a/b\\c', '..', '.', '', '\u0000', '%2e%2e'])
      expect(safeSegment(hostile)).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(safeSegment('AQADx1-_z')).toBe('AQADx1-_z');
    expect(safeSegment('x'.repeat(500)).length).toBeLessThanOrEqual(48);
  });

  it('builds a fresh direct child of the inbox from any name and tag', () => {
    const hostile = [
      '../../../escaped',
      '/abs/path',
      'a/../../b',
      '..',
      'C:\\win\\x',
      '\u202eexe.txt',
    ];
    for (const name of hostile)
      for (const tag of [...hostile, undefined]) {
        const path = inboxPath(INBOX, 'tg', name, tag);
        expect(path.startsWith(`${INBOX}/tg-`)).toBe(true);
        expect(path.slice(INBOX.length + 1)).not.toMatch(/[/\\]/);
      }
    expect(inboxPath(INBOX, 'dc', 'same.png')).not.toBe(inboxPath(INBOX, 'dc', 'same.png'));
  });

  it('refuses paths that leave the inbox or name it', () => {
    for (const path of [
      `${INBOX}/../hub.token`,
      `${INBOX}/sub/file`,
      `${INBOX}/..`,
      INBOX,
      '/etc/passwd',
      `${INBOX}/x/../../escaped`,
    ])
      expect(() => assertInInbox(INBOX, path)).toThrow(UnsafePathError);
    expect(assertInInbox(INBOX, `${INBOX}/ok.txt`)).toBe(`${INBOX}/ok.txt`);
  });
});
