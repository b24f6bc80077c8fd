/**
 * Names for the files the hub saves into its inbox. Every part comes from a platform (a file's
 * name, Telegram's `file_unique_id`, a Messages transfer name) and a hostile server or sender can
 * put anything there, so each part is reduced to one safe path segment, a random part keeps two
 * files of the same name apart, and the result is checked to be a direct child of the inbox.
 */
import { randomBytes } from 'node:crypto';
import { basename, dirname, resolve } from 'node:path';
import { sanitizeFileName } from '../../shared/hygiene';

/** A refused path: the caller's data tried to leave the inbox. */
export class UnsafePathError extends Error {}

/** ASCII letters, digits, `_` and `-` only, at most `max` characters; never empty. */
export function safeSegment(value: string, max = 48): string {
  const clean = value.replace(/[^A-Za-z0-9_-]+/g, '_').slice(0, max);
  return /^[_-]*$/.test(clean) ? 'x' : clean;
}

/** Throws unless `path` names a file directly inside `inbox` (no traversal, no subfolder). */
export function assertInInbox(inbox: string, path: string): string {
  const full = resolve(path);
  const name = basename(full);
  if (dirname(full) !== resolve(inbox) || name === '' || name === '.' || name === '..')
    throw new UnsafePathError(`refused a file path outside the inbox (${JSON.stringify(path)})`);
  return full;
}

/**
 * A fresh path in the inbox: `<platform>-[<tag>-]<random>-<name>`, e.g.
 * `tg-AQADx1-3f9a0c1be2d4-report.pdf`. Never the path of an existing file (random part), and
 * always a direct child of the inbox.
 */
export function inboxPath(inbox: string, platform: string, name: string, tag?: string): string {
  const parts = [
    safeSegment(platform, 8),
    ...(tag === undefined || tag === '' ? [] : [safeSegment(tag)]),
    randomBytes(6).toString('hex'),
    sanitizeFileName(name),
  ];
  return assertInInbox(inbox, `${inbox}/${parts.join('-')}`);
}
