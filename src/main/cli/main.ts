#!/usr/bin/env node
/**
 * `switchboard`: the command line. One clear line on stderr and a non-zero exit for every error;
 * `--json` for scripts. See `switchboard help`.
 */
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { HubAlreadyRunningError } from '../hub/lock';
import { parseArgs, UsageError } from './args';
import { chats } from './commands/chats';
import { doctor } from './commands/doctor';
import { pair } from './commands/pair';
import { permissions } from './commands/permissions';
import { projects } from './commands/projects';
import { remote } from './commands/remote';
import { secrets } from './commands/secrets';
import { senders } from './commands/senders';
import { serve } from './commands/serve';
import { sessions } from './commands/sessions';
import { setupClaude } from './commands/setup-claude';
import { status } from './commands/status';
import { createContext, type CommandContext } from './context';
import { HubNotRunningError } from './control-client';

const HELP = `switchboard — one home for Claude Code channels

Usage:
  switchboard serve [--port N]              run the hub headless; prints the dashboard URL
  switchboard status                        is the hub up; platforms, sessions, pending prompts
  switchboard sessions                      attached and recent Claude Code sessions
  switchboard pair list | approve CODE [--owner|--member] | deny CODE
  switchboard senders list | allow PLATFORM ID | block PLATFORM ID | remove PLATFORM ID | role PLATFORM ID owner|member
  switchboard chats list | bind CHAT_ID SESSION | unbind CHAT_ID [--thread ID]
  switchboard permissions list | allow ID | deny ID [--session NAME]
  switchboard secrets set telegram|discord  (token on stdin, stored in the OS keychain) | remove NAME | status
  switchboard setup claude [--project DIR]  connect Claude Code to Switchboard
  switchboard projects list | add NAME DIR [--resume] [--wake] [--idle-stop-minutes N] [-- CLAUDE_ARGS…]
                       | remove NAME | start NAME | stop NAME | restart NAME
  switchboard remote list | add NAME | rotate NAME | remove NAME
  switchboard remote setup NAME [user@]HOST [--ssh-opt KEY=VALUE]…   helper, credential and Claude Code on a remote
  switchboard remote connect NAME [user@]HOST [--ssh-opt KEY=VALUE]… keep it linked (ssh -R) | disconnect NAME
  switchboard doctor                        check the socket directory, secret files and database
  switchboard doctor --repair               back up a damaged database and recover what it can (hub stopped)
  switchboard doctor --rotate-token         new hub.token; helpers reconnect with it
  switchboard doctor --sign-out-browsers    new dashboard token; every browser signed out

Every command takes --home DIR (or SWITCHBOARD_HOME) and --json.`;

const COMMANDS: Record<string, (ctx: CommandContext) => Promise<number>> = {
  serve,
  status,
  sessions,
  permissions,
  pair,
  senders,
  chats,
  secrets,
  setup: setupClaude,
  projects,
  remote,
  doctor,
};

const MIN_NODE = [22, 12];

async function main(argv: readonly string[]): Promise<number> {
  const [major = 0, minor = 0] = process.versions.node.split('.').map(Number);
  if (major < (MIN_NODE[0] ?? 0) || (major === MIN_NODE[0] && minor < (MIN_NODE[1] ?? 0))) {
    process.stderr.write(
      `switchboard: Node ${process.versions.node} is too old; Node 22.12 or newer is required\n`,
    );
    return 1;
  }
  let ctx: CommandContext | undefined;
  try {
    const args = parseArgs(argv);
    const [command] = args.positionals;
    if (command === undefined || command === 'help' || args.flags.has('--help')) {
      process.stdout.write(`${HELP}\n`);
      return command === undefined && !args.flags.has('--help') ? 2 : 0;
    }
    const run = COMMANDS[command];
    if (!run) throw new UsageError(`unknown command "${command}" (see switchboard help)`);
    ctx = createContext(args, dirname(fileURLToPath(import.meta.url)), process.env);
    return await run(ctx);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(`switchboard: ${message}\n`);
    if (error instanceof UsageError) return 2;
    if (error instanceof HubNotRunningError) return 3;
    if (error instanceof HubAlreadyRunningError) return 4;
    return 1;
  }
}

process.exitCode = await main(process.argv.slice(2));
