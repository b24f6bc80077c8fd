import { describe, expect, it } from 'vitest';
import { buildMachineTraces, findTraces } from '../../../scripts/helper/blob-traces';

describe('traces of the build machine in a shipped blob', () => {
  it('finds a value stored as Latin-1/UTF-8 or as UTF-16, and names it without showing it', () => {
    const traces = [
      { label: 'the value of APPLE_PASSWORD', value: 'hunter2-secret' },
      { label: 'the home directory', value: '/Users/ann' },
      { label: 'the host name', value: 'ann-laptop' },
    ];
    const blob = Buffer.concat([
      Buffer.from('xx hunter2-secret yy'),
      Buffer.from('/Users/ann', 'utf16le'),
    ]);
    expect(findTraces(blob, traces)).toEqual(['the value of APPLE_PASSWORD', 'the home directory']);
  });

  it('looks for secret-looking variables and skips values too short to mean anything', () => {
    const labels = buildMachineTraces({
      CSC_KEY_PASSWORD: 'a-long-signing-password',
      APPLE_API_KEY: 'key',
      GITHUB_TOKEN: 'ghp_0123456789',
      EDITOR: 'vim-is-not-a-secret',
    }).map((trace) => trace.label);
    expect(labels).toContain('the value of CSC_KEY_PASSWORD');
    expect(labels).toContain('the value of GITHUB_TOKEN');
    expect(labels).not.toContain('the value of APPLE_API_KEY');
    expect(labels).not.toContain('the value of EDITOR');
    expect(labels).toContain('the working directory');
  });
});
