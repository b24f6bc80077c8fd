import { describe, expect, it } from 'vitest';
import {
  IntakeGuard,
  IntakeStoppedError,
  pausedDetail,
  storageFailure,
} from '../../../../src/main/hub/intake';
import type { Logger } from '../../../../src/main/log';

const full = () => Object.assign(new Error('database or disk is full'), { code: 'SQLITE_FULL' });
const enospc = () =>
  Object.assign(new Error('ENOSPC: no space left on device'), { code: 'ENOSPC' });

function guard() {
  const lines: string[] = [];
  const sleeps: number[] = [];
  let changes = 0;
  const log: Logger = {
    debug: () => undefined,
    info: (m) => lines.push(`info ${m}`),
    warn: (m) => lines.push(`warn ${m}`),
    error: (m) => lines.push(`error ${m}`),
    child: () => log,
  };
  const intake = new IntakeGuard({
    log,
    now: () => 0,
    changed: () => (changes += 1),
    sleep: (ms) => {
      sleeps.push(ms);
      return Promise.resolve();
    },
  });
  return { intake, lines, sleeps, changes: () => changes };
}

describe('intake guard (the store boundary, with SQLITE_FULL and ENOSPC thrown as a full disk does)', () => {
  it('retries a step the store refused until it is taken, with a growing delay, and says so', async () => {
    const { intake, lines, sleeps } = guard();
    const failures = [full(), enospc(), full()];
    let seenWaiting = false;
    const result = await intake.run(
      'telegram',
      () => {
        seenWaiting ||= intake.waiting('telegram') && intake.paused()?.diskFull === true;
        const next = failures.shift();
        return next ? Promise.reject(next) : Promise.resolve('stored');
      },
      new AbortController().signal,
    );
    expect(result).toBe('stored');
    expect(seenWaiting).toBe(true);
    expect(sleeps).toEqual([500, 1000, 2000]);
    expect(intake.paused()).toBeUndefined();
    expect(intake.waiting('telegram')).toBe(false);
    expect(lines[0]).toMatch(/^warn intake paused: the disk is full \(SQLITE_FULL/);
    expect(lines.at(-1)).toMatch(/^info intake resumed/);
  });

  it('passes other failures straight through (they are not the disk)', async () => {
    const { intake, sleeps } = guard();
    await expect(
      intake.run(
        'discord',
        () => Promise.reject(new TypeError('bug')),
        new AbortController().signal,
      ),
    ).rejects.toThrow(TypeError);
    expect(sleeps).toEqual([]);
    expect(intake.paused()).toBeUndefined();
  });

  it('rejects with IntakeStoppedError when stopped while waiting, so no cursor moves', async () => {
    const aborter = new AbortController();
    const intake = new IntakeGuard({
      log: { debug() {}, info() {}, warn() {}, error() {}, child: () => undefined as never },
      now: () => 0,
      changed: () => undefined,
      sleep: () => {
        aborter.abort();
        return Promise.resolve();
      },
    });
    await expect(
      intake.run('imessage', () => Promise.reject(full()), aborter.signal),
    ).rejects.toThrow(IntakeStoppedError);
    expect(intake.waiting('imessage')).toBe(false);
  });

  it('makes new messages wait behind a pause instead of hitting the disk at once', async () => {
    const { intake, sleeps } = guard();
    let calls = 0;
    const stuck = intake.run(
      'telegram',
      () => (++calls < 3 ? Promise.reject(full()) : Promise.resolve(1)),
      new AbortController().signal,
    );
    await Promise.resolve();
    expect(intake.paused()).toBeDefined();
    await stuck;
    expect(sleeps.length).toBeGreaterThan(0);
  });

  it('classifies storage failures and words the status', () => {
    expect(storageFailure(full())?.diskFull).toBe(true);
    expect(storageFailure(Object.assign(new Error('q'), { code: 'EDQUOT' }))?.diskFull).toBe(true);
    expect(storageFailure(Object.assign(new Error('io'), { code: 'SQLITE_IOERR_WRITE' }))).toEqual({
      diskFull: false,
      reason: expect.stringContaining('cannot be written') as unknown,
    });
    expect(storageFailure(new Error('other'))).toBeUndefined();
    expect(pausedDetail({ since: 0, diskFull: true, reason: 'the disk is full (x)' })).toMatch(
      /Free some disk space.*nothing is lost/,
    );
  });
});
