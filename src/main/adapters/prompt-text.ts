/** How a permission prompt and its outcome read in a chat, on every platform. */
import type { PromptOutcome, PromptView } from './adapter';

export function promptText(view: PromptView): string {
  const preview =
    view.inputPreview.length > 400 ? `${view.inputPreview.slice(0, 400)}…` : view.inputPreview;
  return [
    `🔐 Claude (session ${view.session}) wants to use ${view.toolName}`,
    view.description,
    preview,
    `Reply "yes ${view.requestId}" or "no ${view.requestId}".`,
  ]
    .filter((line) => line.trim() !== '')
    .join('\n');
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
  switch (outcome.behavior) {
    case 'allow':
      return `✅ Allowed ${view.toolName} (session ${view.session}) from ${where}`;
    case 'deny':
      return `❌ Denied ${view.toolName} (session ${view.session}) from ${where}`;
    case 'expired':
      return `⌛ Permission prompt for ${view.toolName} (session ${view.session}) expired (${outcome.via})`;
  }
}
