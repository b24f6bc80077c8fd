#!/usr/bin/env node
/**
 * `switchboard-mcp`: what Claude Code spawns. Answers MCP on stdio at once, connects to the hub in
 * the background, and exits when Claude Code closes stdin. Logs go to stderr only: stdout carries
 * nothing but JSON-RPC.
 */
import { existsSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { createBridgeClient } from './bridge-client';
import { detectChannelMode } from './channel-mode';
import { remoteAuth } from './helper-auth';
import { resolveHubTarget } from './hub-target';
import { withRemoteFiles } from './remote-files';
import { createServer } from './server';
import { argValue, sessionNameFrom } from './session-name';

const argv = process.argv.slice(2);
const verbose = process.env['SWITCHBOARD_DEBUG'] === '1';
const log = (message: string): void => {
  process.stderr.write(`switchboard-mcp: ${message}\n`);
};

// The hub's own socket on this machine, or a remote hub's socket forwarded here by `ssh -R`.
const target = resolveHubTarget(
  { env: process.env, platform: process.platform, homedir: homedir(), tmpdir: tmpdir() },
  argValue(argv, '--home'),
  existsSync,
);
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
  channels: detectChannelMode(process.env, process.ppid, process.platform),
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
const { server, cleanup } = createServer(bridge);

let stopping = false;
function shutdown(): void {
  if (stopping) return;
  stopping = true;
  cleanup();
  void server.close().finally(() => process.exit(0));
  setTimeout(() => process.exit(0), 500).unref();
}

process.stdin.on('end', shutdown);
process.stdin.on('close', shutdown);
process.on('SIGINT', shutdown);
process.on('SIGTERM', shutdown);
process.on('SIGHUP', shutdown);
// A broken stdout means Claude Code is gone.
process.stdout.on('error', shutdown);

// No top-level await: the same file also runs as a single-executable (CommonJS) build.
server.connect(new StdioServerTransport()).catch((error: unknown) => {
  log(`cannot start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
