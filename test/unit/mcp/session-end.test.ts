import { describe, expect, it } from 'vitest';
import { classifyEnd } from '../../../src/mcp/session-end';

describe('classifyEnd', () => {
  it('calls a signal or stdin EOF while Claude Code is still our parent a clean end', async () => {
    for (const reason of ['SIGINT', 'SIGTERM', 'stdin'] as const)
      expect(await classifyEnd(reason, 100, () => 100)).toBe('clean');
  });

  it('calls stdin EOF after Claude Code died (we were re-parented) abnormal', async () => {
    expect(await classifyEnd('stdin', 100, () => 1)).toBe('abnormal');
  });

  it('waits briefly for a re-parenting that lags behind the EOF', async () => {
    let calls = 0;
    expect(await classifyEnd('stdin', 100, () => (++calls > 2 ? 1 : 100))).toBe('abnormal');
  });

  it('calls a closed terminal (SIGHUP) and a broken stdout abnormal', async () => {
    expect(await classifyEnd('SIGHUP', 100, () => 100)).toBe('abnormal');
    expect(await classifyEnd('stdout', 100, () => 100)).toBe('abnormal');
  });
});
