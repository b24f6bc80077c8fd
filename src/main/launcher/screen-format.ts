/**
 * A terminal screen as one chat message: monospace where the platform has it (a Telegram
 * MarkdownV2 code block, a Discord code fence), trimmed from the top to the platform's limit —
 * the bottom of a screen is where prompts wait.
 */
import type { Platform } from '../../shared/channel';

/** Characters per message (Telegram counts after entity parsing; escapes are kept in budget). */
const LIMITS: Readonly<Record<Platform, number>> = {
  telegram: 4096,
  discord: 2000,
  imessage: 8000,
  web: 32_000,
};

// Telegram MarkdownV2: outside entities these must be escaped; inside pre blocks only ` and \.
const MARKDOWN_V2_SPECIAL = /[_*[\]()~`>#+\-=|{}.!\\]/g;

export type FormattedScreen = { text: string; format: 'text' | 'markdownv2' };

/** Keeps the last lines that fit in `budget` characters once `encode`d. */
function fitBottom(
  lines: readonly string[],
  budget: number,
  encode: (s: string) => string,
): string {
  const kept: string[] = [];
  let size = 0;
  for (let i = lines.length - 1; i >= 0; i--) {
    const line = encode(lines[i] ?? '');
    if (size + line.length + 1 > budget) {
      kept.unshift('…');
      break;
    }
    kept.unshift(line);
    size += line.length + 1;
  }
  return kept.join('\n');
}

export function formatScreen(platform: Platform, title: string, screen: string): FormattedScreen {
  const lines = screen === '' ? ['(the screen is empty)'] : screen.split('\n');
  const limit = LIMITS[platform];
  switch (platform) {
    case 'telegram': {
      const head = `${title.replace(MARKDOWN_V2_SPECIAL, '\\$&')}\n\`\`\`\n`;
      const body = fitBottom(lines, limit - head.length - 8, (s) => s.replace(/[`\\]/g, '\\$&'));
      return { text: `${head}${body}\n\`\`\``, format: 'markdownv2' };
    }
    case 'discord': {
      const head = `${title}\n\`\`\`\n`;
      // A fence inside the screen would end the block early.
      const body = fitBottom(lines, limit - head.length - 8, (s) => s.replace(/```/g, 'ˋˋˋ'));
      return { text: `${head}${body}\n\`\`\``, format: 'text' };
    }
    case 'imessage':
    case 'web': {
      const head = `${title}\n`;
      return { text: `${head}${fitBottom(lines, limit - head.length, (s) => s)}`, format: 'text' };
    }
  }
}
