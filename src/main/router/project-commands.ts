/**
 * In-chat commands about projects and their launched sessions, answered by the hub and never
 * forwarded to Claude: `/projects`, `/new PROJECT [message]`, `/stop [PROJECT]`,
 * `/restart [PROJECT]`, `/screen [PROJECT]`, `/press KEY…`, `/type TEXT` (each also with a
 * Telegram-style `@botname` suffix). A command with missing or extra words is still a command —
 * it is answered with its usage rather than sent to Claude as text.
 */
export type ProjectCommandName =
  'projects' | 'new' | 'stop' | 'restart' | 'screen' | 'press' | 'type';

export type ProjectCommand =
  | { name: 'projects' }
  | { name: 'new'; project: string; text: string }
  | { name: 'stop' | 'restart' | 'screen'; project: string | null }
  | { name: 'press'; keys: string[] }
  | { name: 'type'; text: string }
  | { name: 'usage'; command: ProjectCommandName };

export const PROJECT_COMMAND_USAGE: Readonly<Record<ProjectCommandName, string>> = {
  projects: '/projects — the projects and their sessions',
  new: '/new PROJECT [message] — start PROJECT’s session (if needed) and send this chat to it',
  stop: '/stop [PROJECT] — stop the session (this chat’s, without a name)',
  restart: '/restart [PROJECT] — stop and start the session again',
  screen: '/screen [PROJECT] — what the session’s terminal shows',
  press:
    '/press KEY… — press keys in this chat’s session: enter esc tab up down left right, digits, y, n',
  type: '/type TEXT — type TEXT and Enter in this chat’s session',
};

const COMMAND =
  /^\s*\/(projects|new|stop|restart|screen|press|type)(?:@(\w{1,64}))?(?:\s+([\s\S]*?))?\s*$/i;
const MAX_COMMAND_CHARS = 4096;

/**
 * The project command in a message, or undefined. `botUsername` is this bot's username on the
 * platform, when it has one: `/stop@thatname` is ours, `/stop@anyoneelse` belongs to another bot
 * in the group (and without a known username no `@` suffix is ours), as for the other commands.
 */
export function parseProjectCommand(
  text: string,
  botUsername?: string,
): ProjectCommand | undefined {
  if (text.length > MAX_COMMAND_CHARS) return undefined;
  const match = COMMAND.exec(text);
  if (!match?.[1]) return undefined;
  const suffix = match[2];
  if (suffix !== undefined && suffix.toLowerCase() !== botUsername?.toLowerCase()) return undefined;
  const rest = match[3] ?? '';
  const name = match[1].toLowerCase() as ProjectCommandName;
  const words = rest.split(/\s+/).filter(Boolean);
  switch (name) {
    case 'projects':
      return words.length === 0 ? { name } : { name: 'usage', command: name };
    case 'new': {
      const [project] = words;
      if (project === undefined) return { name: 'usage', command: name };
      return { name, project, text: rest.slice(rest.indexOf(project) + project.length).trim() };
    }
    case 'stop':
    case 'restart':
    case 'screen':
      if (words.length > 1) return { name: 'usage', command: name };
      return { name, project: words[0] ?? null };
    case 'press':
      return words.length === 0 ? { name: 'usage', command: name } : { name, keys: words };
    case 'type':
      return rest.trim() === '' ? { name: 'usage', command: name } : { name, text: rest };
  }
}

/** The lines `/help` adds for the project commands: every one for owners, none for members (project names are session names). */
export function projectHelpLines(owner: boolean): string[] {
  return owner ? Object.values(PROJECT_COMMAND_USAGE) : [];
}
