/**
 * How a permission prompt and its outcome read in a chat, on every platform. Claude Code's
 * description can be 10,000 characters and platforms refuse long messages (Telegram 4,096,
 * Discord 2,000), so a prompt is always built to fit the platform's limit: the lines that matter
 * (who asks, which tool, how to answer) are kept whole, the description and input preview are
 * shortened, and the full text goes behind the platform's "more" (a Details button, the
 * dashboard).
 */
import { truncateUtf16 } from '../../shared/hygiene';
import type { PromptOutcome, PromptView } from './adapter';

/** The longest prompt each platform accepts (UTF-16 units), with room to spare. */
export const PROMPT_LIMITS = {
  telegram: 4096,
  discord: 2000,
  /** iMessage has no hard limit; a prompt is still a notification on a phone. */
  imessage: 1500,
  web: 4096,
} as const;

const PREVIEW_CHARS = 400;
const NAME_CHARS = 100;

export type PromptTextOptions = {
  /** Where the full text is when it was shortened ("Tap Details…"). */
  more?: string;
};

/** One line, bounded: names and tool ids from Claude Code are not trusted to be short. */
function short(text: string, max: number): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length <= max ? line : `${truncateUtf16(line, max - 1)}…`;
}

export function promptHeader(view: PromptView): string {
  return `🔐 Claude (session ${short(view.session, NAME_CHARS)}) wants to use ${short(view.toolName, NAME_CHARS)}`;
}

export function answerLine(view: PromptView): string {
  return `Reply "yes ${view.requestId}" or "no ${view.requestId}".`;
}

/** The prompt, never longer than `maxChars`. */
export function promptText(
  view: PromptView,
  maxChars: number = PROMPT_LIMITS.telegram,
  options: PromptTextOptions = {},
): string {
  const head = promptHeader(view);
  const tail = answerLine(view);
  const more = options.more ?? 'Full text in the Switchboard dashboard.';
  const fixed = head.length + tail.length;
  // What the description and preview may take, leaving room for the "more" line and newlines.
  const room = Math.max(0, maxChars - fixed - more.length - 8);
  const preview = view.inputPreview.trim();
  const previewRoom = Math.min(preview.length, PREVIEW_CHARS, Math.floor(room / 3));
  const description = view.description.trim();
  const descriptionRoom = Math.max(0, room - previewRoom);
  const cutDescription = description.length > descriptionRoom;
  const cutPreview = preview.length > previewRoom;
  const lines = [
    head,
    clip(description, descriptionRoom),
    clip(preview, previewRoom),
    cutDescription || cutPreview ? more : '',
    tail,
  ].filter((line) => line.trim() !== '');
  return truncateUtf16(lines.join('\n'), maxChars);
}

function clip(text: string, max: number): string {
  if (text.length <= max) return text;
  return max <= 1 ? '' : `${truncateUtf16(text, max - 1)}…`;
}

/** A prompt that is refused in full (too long, bad markup) is retried as this: plain and short. */
export function shortPromptText(view: PromptView): string {
  return [
    promptHeader(view),
    'The details could not be shown here; see them in the Switchboard dashboard.',
    answerLine(view),
  ].join('\n');
}

/** The full description and input, for a "Details" affordance, within `maxChars`. */
export function detailsText(view: PromptView, maxChars: number): string {
  const full = `${short(view.toolName, NAME_CHARS)}: ${view.description}\n${view.inputPreview}`;
  if (full.length <= maxChars) return full;
  const note = '\n… (the rest is in the Switchboard dashboard)';
  return `${truncateUtf16(full, maxChars - note.length)}${note}`;
}

/** Where a verdict came from, as people say it. */
export const VIA_LABEL: Readonly<Record<string, string>> = {
  cli: 'the command line',
  dashboard: 'the dashboard',
  menubar: 'the menu bar',
  notification: 'a notification',
  web: 'the web chat',
  telegram: 'Telegram',
  discord: 'Discord',
  imessage: 'iMessage',
};

export function outcomeText(view: PromptView, outcome: PromptOutcome): string {
  const where = VIA_LABEL[outcome.via] ?? outcome.via;
  const tool = short(view.toolName, NAME_CHARS);
  const session = short(view.session, NAME_CHARS);
  switch (outcome.behavior) {
    case 'allow':
      return `✅ Allowed ${tool} (session ${session}) from ${where}`;
    case 'deny':
      return `❌ Denied ${tool} (session ${session}) from ${where}`;
    case 'expired':
      return `⌛ Permission prompt for ${tool} (session ${session}) expired (${outcome.via})`;
  }
}
