/**
 * In-chat commands the hub answers itself, never forwarded to Claude: `/sessions`, `/use NAME`,
 * `/status`, `/help` and `/start`. A command may carry a Telegram-style `@botname` suffix; one
 * addressed to another bot (`/status@other_ci_bot`) is not ours and stays an ordinary message.
 *
 * To add a command: extend `ChatCommand`, add its entry to `COMMANDS` (how its arguments parse,
 * whether only owners may run it, its help line) and its case in `command-runner.ts`.
 */
export type ChatCommand =
  | { name: 'sessions' }
  | { name: 'status' }
  | { name: 'help' }
  | { name: 'use'; session: string | null };

export type CommandSpec = {
  /** The command from the text after its name (trimmed; '' when none); undefined: not a command. */
  parse: (args: string) => ChatCommand | undefined;
  /** Only owners may run it (members are told so, and it is audited). */
  ownerOnly: boolean;
  /** The line `/help` shows (owners see every command, members only theirs); none: hidden. */
  help?: string;
};

const noArgs =
  (command: ChatCommand) =>
  (args: string): ChatCommand | undefined =>
    args === '' ? command : undefined;

/** Every command by its name (lower case). */
export const COMMANDS: Readonly<Record<string, CommandSpec>> = {
  sessions: {
    parse: noArgs({ name: 'sessions' }),
    ownerOnly: false,
    help: '/sessions — the Claude Code sessions, and which one gets this chat',
  },
  use: {
    parse: (args) => {
      if (/\s/.test(args)) return undefined;
      return { name: 'use', session: args === '' || args.toLowerCase() === 'auto' ? null : args };
    },
    ownerOnly: true,
    help: '/use NAME — send this chat to a session (/use auto: the most recent one)',
  },
  status: {
    parse: noArgs({ name: 'status' }),
    ownerOnly: false,
    help: '/status — is Claude connected',
  },
  help: { parse: () => ({ name: 'help' }), ownerOnly: false },
  // Telegram clients send /start when a chat opens (sometimes with a deep-link payload).
  start: { parse: () => ({ name: 'help' }), ownerOnly: false },
};

const NAME = /^[a-z][a-z0-9_]{0,31}/i;
const BOT_SUFFIX = /^@([a-z0-9_]{1,64})/i;
const MAX_COMMAND_CHARS = 4096;

/**
 * The command in a message, or undefined when the text is not one of ours. `botUsername` is this
 * bot's username on the platform, when it has one: `/cmd@thatname` is ours, `/cmd@anyoneelse`
 * is not (and without a known username no `@` suffix is ours). Linear in the text's length.
 */
export function parseChatCommand(text: string, botUsername?: string): ChatCommand | undefined {
  if (text.length > MAX_COMMAND_CHARS) return undefined;
  const trimmed = text.trim();
  if (!trimmed.startsWith('/')) return undefined;
  const name = NAME.exec(trimmed.slice(1))?.[0];
  if (name === undefined) return undefined;
  let rest = trimmed.slice(1 + name.length);
  const suffix = BOT_SUFFIX.exec(rest);
  if (suffix) {
    if (botUsername === undefined || suffix[1]?.toLowerCase() !== botUsername.toLowerCase())
      return undefined;
    rest = rest.slice(suffix[0].length);
  }
  // The name must end at whitespace or the end ("/statusquo" is not "/status").
  if (rest !== '' && !/^\s/.test(rest)) return undefined;
  return COMMANDS[name.toLowerCase()]?.parse(rest.trim());
}

/** Whether only owners may run this command. */
export function isOwnerOnly(command: ChatCommand): boolean {
  return COMMANDS[command.name]?.ownerOnly ?? true;
}
