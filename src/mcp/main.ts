#!/usr/bin/env node
/**
 * `switchboard-mcp`: what Claude Code spawns. Answers MCP on stdio at once, connects to the hub in
 * the background, and exits when Claude Code closes stdin. Logs go to stderr only: stdout carries
 * nothing but JSON-RPC.
 */
import { homedir, tmpdir } from 'node:os';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { hubPaths, resolveHome } from '../shared/paths';
import { createBridgeClient } from './bridge-client';
import { detectChannelMode } from './channel-mode';
import { createServer } from './server';
import { classifyEnd, type EndReason } from './session-end';
import { argValue, sessionNameFrom } from './session-name';

const argv = process.argv.slice(2);
const verbose = process.env['SWITCHBOARD_DEBUG'] === '1';
const log = (message: string): void => {
  process.stderr.write(`switchboard-mcp: ${message}\n`);
};

const home = resolveHome(
  { env: process.env, platform: process.platform, homedir: homedir(), tmpdir: tmpdir() },
  argValue(argv, '--home'),
);
const paths = hubPaths(home, tmpdir());
const bridge = createBridgeClient({
  socketPath: paths.socket,
  tokenPath: paths.token,
  session: {
    name: sessionNameFrom(argv, process.env, process.cwd()),
    cwd: process.cwd(),
    pid: process.pid,
  },
  channels: detectChannelMode(process.env, process.ppid, process.platform),
  log: verbose
    ? log
    : (message) =>
        message.startsWith('connected') || message.startsWith('hub refused')
          ? log(message)
          : undefined,
});
const { server, cleanup } = createServer(bridge);

let stopping = false;
const parentAtStart = process.ppid;
function shutdown(reason: EndReason): void {
  if (stopping) return;
  stopping = true;
  setTimeout(() => process.exit(0), 500).unref();
  // Clean or not decides whether the hub sends this session's recent events to the next one.
  void classifyEnd(reason, parentAtStart, () => process.ppid)
    .then((kind) => bridge.end(kind))
    .finally(() => {
      cleanup();
      void server.close().finally(() => process.exit(0));
    });
}

process.stdin.on('end', () => shutdown('stdin'));
process.stdin.on('close', () => shutdown('stdin'));
process.on('SIGINT', () => shutdown('SIGINT'));
process.on('SIGTERM', () => shutdown('SIGTERM'));
process.on('SIGHUP', () => shutdown('SIGHUP'));
// A broken stdout means Claude Code is gone.
process.stdout.on('error', () => shutdown('stdout'));

// No top-level await: the same file also runs as a single-executable (CommonJS) build.
server.connect(new StdioServerTransport()).catch((error: unknown) => {
  log(`cannot start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
