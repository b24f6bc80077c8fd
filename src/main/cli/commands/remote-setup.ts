/**
 * `switchboard remote setup NAME [user@]HOST`: everything a remote needs, over the user's own ssh,
 * and nothing twice. It copies the helper (when what is there differs), writes the remote's
 * credential to a 0600 file (only when the one there is not current — a new one is minted by
 * rotating, since the hub keeps no secrets), and registers the helper with the remote's Claude
 * Code at user scope, pointing it at the forwarded socket.
 */
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { SERVER_NAME } from '../../../shared/channel';
import { LAUNCH_COMMAND, mcpAddArgs, type HelperEntry } from '../../claude/claude-cli';
import {
  checkHost,
  checkSshOptions,
  remoteSh,
  runSsh,
  shQuote,
  sshError,
} from '../../remote/ssh-command';
import { UsageError } from '../args';
import { control } from '../control-client';
import { print, type CommandContext } from '../context';
import { shellQuote } from './setup-claude';
import { chooseHelper, layoutFor, parseProbe, probeScript, type RemoteLayout } from './remote-plan';

type Ssh = (command: string, input?: Buffer | string) => ReturnType<typeof runSsh>;

/** Standalone helpers this machine has, by `platform-arch` (they run only on their own OS). */
function localBinaries(distDir: string): Map<string, string> {
  const found = new Map<string, string>();
  for (const arch of ['x64', 'arm64']) {
    const path = join(distDir, 'bin', arch, 'switchboard-mcp');
    if (existsSync(path)) found.set(`${process.platform}-${arch}`, path);
  }
  const flat = join(distDir, 'bin', 'switchboard-mcp');
  if (existsSync(flat) && !found.has(`${process.platform}-${process.arch}`))
    found.set(`${process.platform}-${process.arch}`, flat);
  return found;
}

export async function remoteSetup(
  ctx: CommandContext,
  name: string,
  host: string,
): Promise<number> {
  let sshOptions: string[];
  try {
    checkHost(host);
    sshOptions = checkSshOptions(ctx.args.repeated.get('--ssh-opt') ?? []);
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const flag = (key: string): string | undefined => {
    const value = ctx.args.flags.get(key);
    return typeof value === 'string' ? value : undefined;
  };
  const remoteSocket = flag('--remote-socket');
  if (remoteSocket !== undefined && !/^\/[A-Za-z0-9._/-]{1,200}$/.test(remoteSocket))
    throw new UsageError(
      '--remote-socket must be an absolute path of letters, digits, ".", "_", "-" and "/"',
    );
  const ssh: Ssh = (command, input) =>
    runSsh({
      ssh: ctx.env['SWITCHBOARD_SSH'] || 'ssh',
      host,
      sshOptions,
      command,
      ...(input === undefined ? {} : { input }),
      env: { ...process.env, ...ctx.env },
    });

  // The hub must know the remote; a first setup adds it.
  const remotes = (await control(ctx.paths, 'remote.list')) as Array<{ name: string }>;
  const added = !remotes.some((r) => r.name === name);
  if (added) await control(ctx.paths, 'remote.add', { name });

  const node = flag('--remote-node');
  const claudeFlag = flag('--remote-claude');
  const probed = await ssh(
    remoteSh(
      probeScript({ ...(node ? { node } : {}), ...(claudeFlag ? { claude: claudeFlag } : {}) }),
    ),
  );
  const probe = probed.code === 0 ? parseProbe(probed.stdout) : undefined;
  if (!probe) throw new Error(`cannot reach ${host} over ssh: ${sshError(probed.stderr)}`);
  const layout = layoutFor(probe.home, remoteSocket);

  const helper = chooseHelper(probe, layout, {
    js: ['switchboard-mcp.js', 'switchboard-mcp-core.cjs']
      .map((name) => join(ctx.distDir, name))
      .filter((path) => existsSync(path)),
    binaries: localBinaries(ctx.distDir),
  });
  if (!helper.ok) throw new Error(`cannot set up ${host}: ${helper.message}`);
  let helperChanged = false;
  for (const file of helper.files) {
    const bytes = await readFile(file.local);
    const hash = createHash('sha256').update(bytes).digest('hex');
    if (probe.installed[file.remote.slice(layout.bin.length + 1)] === hash) continue;
    await install(ssh, layout, file.remote, bytes, '700');
    helperChanged = true;
  }
  const helperPath = helper.files[0]?.remote ?? '';

  const current =
    probe.credential !== undefined &&
    (
      (await control(ctx.paths, 'remote.check', { token: probe.credential })) as {
        current: boolean;
      }
    ).current;
  if (!current) {
    const { credential } = (await control(ctx.paths, 'remote.rotate', { name })) as {
      credential: string;
    };
    await install(ssh, layout, layout.credential, `${credential}\n`, '600');
  }

  const entry: HelperEntry = {
    command: helper.command,
    args: helper.args,
    env: { SWITCHBOARD_HUB: layout.socket, SWITCHBOARD_CREDENTIAL: layout.credential },
  };
  const registration = await register(ssh, probe.claude, probe.node?.path, entry);
  const addCommand = ['claude', ...mcpAddArgs(SERVER_NAME, entry)].map(shellQuote).join(' ');

  print(
    ctx,
    {
      remote: name,
      host,
      added,
      helper: { kind: helper.kind, path: helperPath, changed: helperChanged },
      credential: { path: layout.credential, changed: !current },
      socket: layout.socket,
      claude: registration,
      addCommand,
      launchCommand: LAUNCH_COMMAND,
    },
    () =>
      [
        `${added ? 'Added' : 'Set up'} remote "${name}" on ${host}:`,
        `  helper      ${helperPath} (${helper.kind === 'js' ? `Node ${probe.node?.version ?? ''}` : 'standalone'}) ${helperChanged ? 'copied' : 'unchanged'}`,
        `  credential  ${layout.credential} (0600) ${current ? 'unchanged' : 'written'}`,
        registration.state === 'missing'
          ? `  Claude Code not found there; register the helper on ${host} with:\n    ${addCommand}`
          : `  Claude Code ${registration.state === 'unchanged' ? 'already has the helper' : 'registered the helper (user scope)'}`,
        '',
        `Next: \`switchboard remote connect ${name} ${host}\` links it; then on ${host}:`,
        `  ${LAUNCH_COMMAND}`,
      ].join('\n'),
  );
  return 0;
}

/** Writes a file on the remote atomically, private to its user. */
async function install(
  ssh: Ssh,
  layout: RemoteLayout,
  path: string,
  content: Buffer | string,
  mode: '600' | '700',
): Promise<void> {
  const dir = path.slice(0, path.lastIndexOf('/'));
  const temporary = `${path}.tmp-${process.pid}`;
  const script = [
    'umask 077',
    `mkdir -p ${shQuote(dir)} || exit 1`,
    `chmod 700 ${shQuote(layout.dir)} || exit 1`,
    `cat > ${shQuote(temporary)} || exit 1`,
    `chmod ${mode} ${shQuote(temporary)} || exit 1`,
    `mv -f ${shQuote(temporary)} ${shQuote(path)}`,
  ].join('; ');
  const result = await ssh(remoteSh(script), content);
  if (result.code !== 0)
    throw new Error(`could not write ${path} on the remote: ${sshError(result.stderr)}`);
}

type RegistrationState = { state: 'missing' | 'unchanged' | 'registered' };

/** `claude mcp add --scope user` on the remote, unless the same registration is already there. */
async function register(
  ssh: Ssh,
  claude: string | undefined,
  node: string | undefined,
  entry: HelperEntry,
): Promise<RegistrationState> {
  if (claude === undefined) return { state: 'missing' };
  // Claude Code installed with npm runs on `node` from PATH: the remote's chosen Node comes first.
  const prefix = node
    ? `PATH=${shQuote(node.slice(0, node.lastIndexOf('/')))}:"$PATH"; export PATH; `
    : '';
  const run = (args: string[]): ReturnType<Ssh> =>
    ssh(remoteSh(`${prefix}exec ${[claude, ...args].map(shQuote).join(' ')}`));
  const existing = await run(['mcp', 'get', SERVER_NAME]);
  const wanted = [
    `Command: ${entry.command}`,
    ...(entry.args.length > 0 ? [`Args: ${entry.args.join(' ')}`] : []),
    ...Object.entries(entry.env ?? {}).map(([key, value]) => `${key}=${value}`),
  ];
  if (existing.code === 0) {
    if (wanted.every((line) => existing.stdout.includes(line))) return { state: 'unchanged' };
    const removed = await run(['mcp', 'remove', SERVER_NAME, '--scope', 'user']);
    if (removed.code !== 0)
      throw new Error(
        `could not replace the "${SERVER_NAME}" server on the remote: ${sshError(removed.stderr || removed.stdout)}`,
      );
  }
  const added = await run(mcpAddArgs(SERVER_NAME, entry));
  if (added.code !== 0)
    throw new Error(
      `claude mcp add failed on the remote: ${sshError(added.stderr || added.stdout)}`,
    );
  return { state: 'registered' };
}
