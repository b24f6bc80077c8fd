/**
 * The helper's run time: everything that reads the environment, argv, the working directory, the
 * state directory or the hub happens in `startHelper`, never when a module is evaluated — the
 * standalone executable evaluates every module at build time into a startup snapshot, and only
 * this function runs on the user's machine. Logs go to stderr only: stdout carries nothing but
 * JSON-RPC.
 */
import { existsSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import type { Readable } from 'node:stream';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { dropAnsweredEarly, type AnsweredEarly } from './answered-early';
import { createBridgeClient } from './bridge-client';
import { paceBridgeStart } from './bridge-pacing';
import { detectChannelMode, type ChannelMode } from './channel-mode';
import { remoteAuth } from './helper-auth';
import { resolveHubTarget } from './hub-target';
import { withRemoteFiles } from './remote-files';
import { createServer } from './server';
import { classifyEnd, type EndReason } from './session-end';
import { argValue, sessionNameFrom } from './session-name';

export type HelperStart = {
  /** Where JSON-RPC arrives: process.stdin, or the fast entry's replay of what it read first. */
  stdin?: Readable;
  /** Answers the fast entry already wrote; the SDK's identical answers to the replay are dropped. */
  answeredEarly?: AnsweredEarly;
};

/** The opening exchange is over once Claude Code has been quiet this long after an answer… */
const OPENING_QUIET_MS = 30;
/** …and the hub is reached this soon after the start however chatty it is. */
const BRIDGE_LATEST_MS = 250;

function log(message: string): void {
  process.stderr.write(`switchboard-mcp: ${message}\n`);
}

/** Starts the MCP server on stdio and the bridge to the hub; exits on stdin EOF or a signal. */
export function startHelper(start: HelperStart = {}): void {
  const stdin = start.stdin ?? process.stdin;
  const argv = process.argv.slice(2);
  const verbose = process.env['SWITCHBOARD_DEBUG'] === '1';
  // The hub's own socket on this machine, or a remote hub's socket forwarded here by `ssh -R`.
  const target = resolveHubTarget(
    { env: process.env, platform: process.platform, homedir: homedir(), tmpdir: tmpdir() },
    argValue(argv, '--home'),
    existsSync,
  );
  // Reading the parent's command line waits for the bridge's start, like everything on its path.
  let detectChannels = (): void => undefined;
  const channels = new Promise<ChannelMode>((resolve) => {
    detectChannels = () => resolve(detectChannelMode(process.env, process.ppid, process.platform));
  });
  const client = createBridgeClient({
    socketPath: target.socketPath,
    ...(target.kind === 'local'
      ? { tokenPath: target.tokenPath }
      : { tokenPath: target.credentialPath, auth: remoteAuth(target.credentialPath) }),
    session: {
      name: sessionNameFrom(argv, process.env, process.cwd()),
      cwd: process.cwd(),
      pid: process.pid,
    },
    channels,
    log: verbose
      ? log
      : (message) =>
          message.startsWith('connected') ||
          message.startsWith('hub refused') ||
          message.startsWith('warning')
            ? log(message)
            : undefined,
  });
  // On a remote machine files cross the link as bytes, checked here where they are.
  const bridge =
    target.kind === 'local'
      ? client
      : withRemoteFiles(client, {
          policy: {
            cwd: process.cwd(),
            home: homedir(),
            tmp: tmpdir(),
            roots: (process.env['SWITCHBOARD_SEND_FILES_FROM'] ?? '')
              .split(':')
              .filter((p) => p.startsWith('/')),
            secrets: [target.credentialPath],
          },
          log,
        });
  const paced = paceBridgeStart(bridge, detectChannels, {
    quietMs: OPENING_QUIET_MS,
    latestMs: BRIDGE_LATEST_MS,
  });
  const { server, cleanup } = createServer(paced.bridge);
  // What the SDK cannot hand to a handler (a permission request whose id is not Claude Code's
  // five letters, a notification that does not parse) would otherwise vanish without a word.
  server.onerror = (error) => log(`ignored: ${error.message}`);

  let stopping = false;
  const parentAtStart = process.ppid;
  const shutdown = (reason: EndReason): void => {
    if (stopping) return;
    stopping = true;
    setTimeout(() => process.exit(0), 500).unref();
    // Clean or not decides whether the hub sends this session's recent events to the next one.
    void classifyEnd(reason, parentAtStart, () => process.ppid)
      .then((kind) => paced.bridge.end(kind))
      .finally(() => {
        cleanup();
        void server.close().finally(() => process.exit(0));
      });
  };
  stdin.on('end', () => shutdown('stdin'));
  stdin.on('close', () => shutdown('stdin'));
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGHUP', () => shutdown('SIGHUP'));
  // A broken stdout means Claude Code is gone.
  process.stdout.on('error', () => shutdown('stdout'));

  const transport = new StdioServerTransport(stdin, process.stdout);
  const send = transport.send.bind(transport);
  transport.send = (message) => {
    const sent = send(message);
    paced.answered();
    return sent;
  };
  if (start.answeredEarly) {
    // What the fast entry answered counts as answered now.
    if (start.answeredEarly.length > 0) paced.answered();
    dropAnsweredEarly(transport, start.answeredEarly, log);
  }
  server.connect(transport).catch((error: unknown) => {
    log(`cannot start: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  });
}
