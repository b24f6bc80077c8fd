import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { silentLogger, type Logger } from '../../../../src/main/log';
import { REFUSAL_SUMMARY_MS, RefusalTally } from '../../../../src/main/permissions/refusals';
import type { AuditEntry, AuditLog } from '../../../../src/main/store/audit';

describe('refused prompts, recorded once per burst', () => {
  let written: AuditEntry[];
  let warned: string[];
  let tally: RefusalTally;
  const flood = { id: 's1', name: 'flood' };
  const other = { id: 's2', name: 'other' };

  beforeEach(() => {
    vi.useFakeTimers();
    written = [];
    warned = [];
    const audit: Pick<AuditLog, 'write'> = { write: (entry) => void written.push(entry) };
    const log: Logger = { ...silentLogger, warn: (text: string) => void warned.push(text) };
    tally = new RefusalTally({ audit, log, limit: 20 });
  });
  afterEach(() => vi.useRealTimers());

  it('writes the first refusal, counts the rest, and sums them up when the burst ends', () => {
    for (let n = 0; n < 1_000; n++) tally.refused(flood, `r${n}`, n % 2 ? 'Bash' : 'Edit');
    expect(written).toHaveLength(1);
    expect(warned).toHaveLength(1);
    tally.end('s1');
    expect(written[1]).toMatchObject({
      subject: '999 more after r0',
      detail: { more: 999, tools: ['Bash', 'Edit'] },
    });
    expect(warned[1]).toContain('999 more permission prompts from flood');
    // Ending again, or a burst of one, writes nothing more.
    tally.end('s1');
    tally.refused(flood, 'single', 'Bash');
    tally.end('s1');
    expect(written.map((e) => e.subject)).toEqual(['r0', '999 more after r0', 'single']);
  });

  it('keeps each session its own burst, and a quiet minute ends one', () => {
    tally.refused(flood, 'a', 'Bash');
    tally.refused(other, 'b', 'Bash');
    tally.refused(flood, 'c', 'Bash');
    expect(written.map((e) => e.subject)).toEqual(['a', 'b']);
    vi.advanceTimersByTime(REFUSAL_SUMMARY_MS);
    expect(written.map((e) => e.subject)).toEqual(['a', 'b', '1 more after a']);
  });

  it('records what is only counted when the hub stops', () => {
    tally.refused(flood, 'a', 'Bash');
    tally.refused(flood, 'b', 'Bash');
    tally.close();
    expect(written.map((e) => e.subject)).toEqual(['a', '1 more after a']);
    vi.advanceTimersByTime(REFUSAL_SUMMARY_MS);
    expect(written).toHaveLength(2);
  });
});
