/**
 * The checks `--smoke-test` runs against the started app, one per step. Each resolves to a short
 * detail for the log or throws saying what is wrong; smoke-test.ts bounds them in time and names
 * the step that failed.
 */
import { spawn } from 'node:child_process';
import { stat } from 'node:fs/promises';
import type { Hub } from '../app/hub';
import type { HelperEntry } from '../claude/claude-cli';
import type { Keychain } from '../secrets/secret-store';
import type { TrayLook } from '../ui/attention';
import type { TrayService } from './tray-service';

/** The hub's web server answers its API with the dashboard token, and its socket is bound. */
export async function checkHub(hub: Hub): Promise<string> {
  const url = new URL(hub.dashboardUrl);
  const token = new URLSearchParams(url.hash.slice(1)).get('token') ?? '';
  const response = await fetch(new URL('/api/state', url.origin), {
    headers: { authorization: `Bearer ${token}` },
  });
  if (response.status !== 200)
    throw new Error(`GET /api/state answered ${response.status}, not 200`);
  const body = (await response.json()) as { sessions?: unknown };
  if (!Array.isArray(body.sessions)) throw new Error('GET /api/state answered without sessions');
  const socket = await stat(hub.paths.socket).catch(() => undefined);
  if (!socket?.isSocket()) throw new Error(`no bridge socket at ${hub.paths.socket}`);
  return `web on ${url.host}, socket ${hub.paths.socket}`;
}

/** The menu-bar icon exists, shows the running app, and its images are on disk. */
export async function checkTray(
  tray: TrayService,
  images: Readonly<Record<TrayLook, string>>,
): Promise<string> {
  if (tray.state.phase !== 'running') throw new Error(`the tray still shows "${tray.state.phase}"`);
  for (const [look, path] of Object.entries(images))
    if (!(await stat(path).catch(() => undefined))?.isFile())
      throw new Error(`the ${look} tray image ${path} is missing`);
  const labels = tray.menuTemplate().map((item) => item.label);
  if (!labels.includes('Quit Switchboard')) throw new Error('the tray menu has no Quit item');
  const { width, height } = tray.bounds();
  return `icon ${width}×${height}, ${labels.filter(Boolean).length} menu items`;
}

/** The throwaway keychain service answers a lookup: the native module loaded and works. */
export async function checkKeychain(keychain: Keychain, service: string): Promise<string> {
  const found = await keychain.get('smoke-test');
  return `native module loaded; service "${service}" ${found === null ? 'is empty' : 'answered'}`;
}

/** The first line the smoke test sends the helper: MCP's opening request. */
export const INITIALIZE = {
  jsonrpc: '2.0',
  id: 1,
  method: 'initialize',
  params: {
    protocolVersion: '2025-06-18',
    capabilities: {},
    clientInfo: { name: 'switchboard-smoke-test', version: '1' },
  },
};

type Initialized = { serverInfo?: { name?: string; version?: string }; protocolVersion?: string };

/**
 * Runs the helper the way Claude Code does (stdio, MCP's JSON-RPC), checks it answers
 * `initialize` with the channel capability, then waits for it to attach to the hub as a session.
 */
export async function checkHelper(options: {
  helper: HelperEntry;
  env: NodeJS.ProcessEnv;
  hub: Hub;
  session: string;
  signal: AbortSignal;
}): Promise<string> {
  const { helper, hub, session } = options;
  const child = spawn(helper.command, helper.args, {
    env: { ...options.env, ...helper.env, SWITCHBOARD_SESSION: session },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.on(
    'data',
    (chunk: Buffer) => void (stderr = (stderr + chunk.toString()).slice(-2000)),
  );
  const exited = new Promise<string>((resolve) => {
    child.on('error', (error) => resolve(`could not start ${helper.command}: ${error.message}`));
    child.on('exit', (code, signal) =>
      resolve(`${helper.command} exited (${signal ?? `code ${code ?? '?'}`}): ${stderr.trim()}`),
    );
  });
  // A helper that dies early must not crash the app with EPIPE: `exited` reports it.
  child.stdin.on('error', () => undefined);
  child.stdin.write(`${JSON.stringify(INITIALIZE)}\n`);
  const abort = (): void => void child.kill('SIGKILL');
  options.signal.addEventListener('abort', abort, { once: true });
  try {
    const answer = await Promise.race([firstAnswer(child.stdout), exited.then(fail)]);
    const result = answer.result as Initialized & { capabilities?: { experimental?: object } };
    if (answer.error || result.serverInfo?.name !== 'switchboard')
      throw new Error(`initialize was answered with ${JSON.stringify(answer).slice(0, 300)}`);
    if (!(
      result.capabilities?.experimental && 'claude/channel' in result.capabilities.experimental
    ))
      throw new Error('the helper does not declare claude/channel');
    child.stdin.write(
      `${JSON.stringify({ jsonrpc: '2.0', method: 'notifications/initialized' })}\n`,
    );
    await Promise.race([attached(hub, session, options.signal), exited.then(fail)]);
    return `${result.serverInfo.name} ${result.serverInfo.version ?? '?'} answered initialize (${result.protocolVersion ?? '?'}) and attached as "${session}"`;
  } finally {
    options.signal.removeEventListener('abort', abort);
    child.stdin.end();
    const timer = setTimeout(() => child.kill('SIGKILL'), 3000);
    await exited;
    clearTimeout(timer);
  }
}

function fail(message: string): never {
  throw new Error(message);
}

type JsonRpcAnswer = { id?: unknown; result?: unknown; error?: unknown };

/** Resolves to the answer to `initialize` (id 1); stdout must carry only JSON-RPC. */
function firstAnswer(stdout: NodeJS.ReadableStream): Promise<JsonRpcAnswer> {
  return new Promise((resolve, reject) => {
    let buffered = '';
    stdout.on('data', (chunk: Buffer) => {
      buffered += chunk.toString();
      for (let end = buffered.indexOf('\n'); end !== -1; end = buffered.indexOf('\n')) {
        const line = buffered.slice(0, end).trim();
        buffered = buffered.slice(end + 1);
        if (line === '') continue;
        try {
          const message = JSON.parse(line) as JsonRpcAnswer;
          if (message.id === 1) resolve(message);
        } catch {
          reject(
            new Error(`the helper wrote something other than JSON-RPC: ${line.slice(0, 200)}`),
          );
        }
      }
    });
  });
}

function attached(hub: Hub, session: string, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const look = (): void => {
      if (signal.aborted) return;
      if (hub.core.webSessions().some((s) => s.name === session)) resolve();
      else setTimeout(look, 50);
    };
    look();
  });
}
