/**
 * What `switchboard remote setup` learns about a remote (one probe over ssh) and decides from it:
 * which helper to copy there and where everything goes. Pure functions, tested without ssh.
 */
import { compareVersions } from '../../claude/claude-cli';

/** Node the JS helper needs (package.json engines). */
export const MIN_REMOTE_NODE = '22.12.0';

export type RemoteProbe = {
  home: string;
  os: string;
  arch: string;
  node?: { path: string; version: string };
  claude?: string;
  /** SHA-256 of what is installed now, by file name under `~/.switchboard/bin`. */
  installed: Record<string, string>;
  /** The credential file's content, when there is one. */
  credential?: string;
};

export type RemoteLayout = {
  dir: string;
  bin: string;
  socket: string;
  credential: string;
};

export function layoutFor(home: string, remoteSocket: string | undefined): RemoteLayout {
  const dir = `${home}/.switchboard`;
  return {
    dir,
    bin: `${dir}/bin`,
    socket: remoteSocket ?? `${dir}/hub.sock`,
    credential: `${dir}/credential`,
  };
}

/** Node's names for an OS and CPU, from `uname -s` / `uname -m`. */
export function nodeTarget(os: string, arch: string): { platform: string; arch: string } {
  const platform = os.toLowerCase() === 'darwin' ? 'darwin' : os.toLowerCase();
  const cpu =
    arch === 'x86_64' || arch === 'amd64'
      ? 'x64'
      : arch === 'aarch64' || arch === 'arm64'
        ? 'arm64'
        : arch;
  return { platform, arch: cpu };
}

/** A file to put on the remote: from here, to there. */
export type HelperFile = { local: string; remote: string };

export type HelperChoice =
  | {
      ok: true;
      kind: 'js' | 'binary';
      /** What to copy; the first is what runs. */
      files: HelperFile[];
      command: string;
      args: string[];
    }
  | { ok: false; message: string };

const inBin = (layout: RemoteLayout, local: string): HelperFile => ({
  local,
  remote: `${layout.bin}/${local.slice(local.lastIndexOf('/') + 1)}`,
});

/**
 * The JS helper when the remote's Node is new enough; else a standalone executable built for the
 * remote's OS and CPU, when this machine has one; else why neither works.
 */
export function chooseHelper(
  probe: RemoteProbe,
  layout: RemoteLayout,
  local: { js: readonly string[]; binaries: ReadonlyMap<string, string> },
): HelperChoice {
  const node = probe.node;
  const version = node?.version.replace(/^v/, '');
  if (
    node &&
    version &&
    /^\d+\.\d+\.\d+/.test(version) &&
    compareVersions(version, MIN_REMOTE_NODE) >= 0
  ) {
    // The npm helper is an entry and the core beside it, copied side by side.
    const files = local.js.map((path) => inBin(layout, path));
    return { ok: true, kind: 'js', files, command: node.path, args: [files[0]?.remote ?? ''] };
  }
  const target = nodeTarget(probe.os, probe.arch);
  const binary = local.binaries.get(`${target.platform}-${target.arch}`);
  if (binary) {
    const file = { local: binary, remote: `${layout.bin}/switchboard-mcp` };
    return { ok: true, kind: 'binary', files: [file], command: file.remote, args: [] };
  }
  const found = node ? `Node ${node.version} at ${node.path}` : 'no Node';
  return {
    ok: false,
    message: `the remote has ${found} (the helper needs Node ${MIN_REMOTE_NODE} or newer) and this machine has no standalone helper for ${target.platform}-${target.arch}. Install Node 22.12+ there (and pass --remote-node PATH if it is not on the PATH of non-interactive ssh), or build the standalone helper for that machine (npm run build:helper-binary on such a machine).`,
  };
}

/** The probe script: one `key=value` per line, nothing secret but the credential it finds. */
export function probeScript(options: { node?: string; claude?: string }): string {
  const quote = (value: string): string => `'${value.replace(/'/g, `'\\''`)}'`;
  return [
    'd="$HOME/.switchboard"',
    'h() { (sha256sum "$1" 2>/dev/null || shasum -a 256 "$1" 2>/dev/null) | cut -d" " -f1; }',
    'echo "home=$HOME"',
    'echo "os=$(uname -s)"',
    'echo "arch=$(uname -m)"',
    `n=${options.node ? quote(options.node) : '"$(command -v node 2>/dev/null)"'}`,
    'if [ -n "$n" ] && [ -x "$n" ]; then echo "node=$n"; echo "node_version=$("$n" --version 2>/dev/null)"; fi',
    `c=${options.claude ? quote(options.claude) : '"$(command -v claude 2>/dev/null)"'}`,
    'if [ -n "$c" ] && [ -x "$c" ]; then echo "claude=$c"; fi',
    'for f in "$d"/bin/*; do if [ -f "$f" ]; then echo "installed_${f##*/}=$(h "$f")"; fi; done',
    'if [ -f "$d/credential" ]; then echo "credential=$(head -c 200 "$d/credential")"; fi',
    'true',
  ].join('\n');
}

export function parseProbe(stdout: string): RemoteProbe | undefined {
  const values = new Map<string, string>();
  for (const line of stdout.split('\n')) {
    const eq = line.indexOf('=');
    if (eq > 0) values.set(line.slice(0, eq), line.slice(eq + 1).trim());
  }
  const home = values.get('home');
  if (!home?.startsWith('/')) return undefined;
  const installed: Record<string, string> = {};
  for (const [key, value] of values)
    if (key.startsWith('installed_') && value !== '') installed[key.slice(10)] = value;
  const node = values.get('node');
  const claude = values.get('claude');
  const credential = values.get('credential');
  return {
    home,
    os: values.get('os') ?? '',
    arch: values.get('arch') ?? '',
    ...(node ? { node: { path: node, version: values.get('node_version') ?? '' } } : {}),
    ...(claude ? { claude } : {}),
    installed,
    ...(credential ? { credential } : {}),
  };
}
