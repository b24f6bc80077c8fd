import { describe, expect, it } from 'vitest';
import type { PromptView } from '../../../../src/main/adapters/adapter';
import {
  detailsText,
  promptText,
  PROMPT_LIMITS,
  shortPromptText,
} from '../../../../src/main/adapters/prompt-text';

const view = (over: Partial<PromptView> = {}): PromptView => ({
  requestId: 'abcde',
  session: 'work',
  toolName: 'Bash',
  description: 'Run the tests',
  inputPreview: '{"command":"npm test"}',
  ...over,
});

describe('permission prompt text', () => {
  it('keeps a short prompt whole, with no "more" line', () => {
    const text = promptText(view());
    expect(text).toBe(
      '🔐 Claude (session work) wants to use Bash\nRun the tests\n{"command":"npm test"}\nReply "yes abcde" or "no abcde".',
    );
  });

  it.each(Object.entries(PROMPT_LIMITS))(
    'fits %s (%i) with a 10,000-character description, keeping who, what and how to answer',
    (_platform, limit) => {
      const long = view({
        description: `${'d'.repeat(10_000)}END`,
        inputPreview: 'p'.repeat(5_000),
        toolName: `mcp__server__${'t'.repeat(300)}`,
        session: 's'.repeat(64),
      });
      const text = promptText(long, limit, { more: 'Tap Details for the full text.' });
      expect(text.length).toBeLessThanOrEqual(limit);
      expect(text.startsWith('🔐 Claude (session')).toBe(true);
      expect(text).toContain('Tap Details for the full text.');
      expect(text.endsWith('Reply "yes abcde" or "no abcde".')).toBe(true);
      expect(text).not.toContain('END');
    },
  );

  it('never splits a surrogate pair when it shortens', () => {
    for (let n = 0; n < 50; n++) {
      const text = promptText(view({ description: `${'x'.repeat(n)}${'😀'.repeat(3000)}` }), 2000);
      expect(text.isWellFormed()).toBe(true);
    }
  });

  it('has a short plain version for a platform that refused the full one', () => {
    const text = shortPromptText(view({ description: 'd'.repeat(10_000) }));
    expect(text.length).toBeLessThan(300);
    expect(text).toContain('yes abcde');
  });

  it('gives details within a limit, saying where the rest is', () => {
    const details = detailsText(view({ description: 'd'.repeat(5_000) }), 2000);
    expect(details.length).toBeLessThanOrEqual(2000);
    expect(details).toContain('dashboard');
  });
});
