/**
 * Which hub the helper talks to. On the Mac (or wherever the hub runs) that is the state
 * directory's socket and token. On a remote machine it is the socket `ssh -R` forwards there,
 * named by `SWITCHBOARD_HUB`, with the remote's credential file (`SWITCHBOARD_CREDENTIAL`, else
 * `credential` beside the socket); without `SWITCHBOARD_HUB`, a `~/.switchboard/credential` left
 * by `switchboard remote setup` means the default remote layout, `~/.switchboard/hub.sock`.
 */
import { hubPaths, resolveHome, type PathEnv } from '../shared/paths';

export type HubTarget =
  | { kind: 'local'; socketPath: string; tokenPath: string }
  | { kind: 'remote'; socketPath: string; credentialPath: string };

const dirname = (path: string): string => path.slice(0, Math.max(0, path.lastIndexOf('/'))) || '/';

export function resolveHubTarget(
  where: PathEnv,
  homeFlag: string | undefined,
  exists: (path: string) => boolean,
): HubTarget {
  const set = (value: string | undefined): value is string => value !== undefined && value !== '';
  const hub = where.env['SWITCHBOARD_HUB'];
  const credential = where.env['SWITCHBOARD_CREDENTIAL'];
  if (set(hub))
    return {
      kind: 'remote',
      socketPath: hub,
      credentialPath: set(credential) ? credential : `${dirname(hub)}/credential`,
    };
  const explicitHome = set(homeFlag) || set(where.env['SWITCHBOARD_HOME']);
  const remoteDefault = `${where.homedir}/.switchboard`;
  if (!explicitHome && exists(`${remoteDefault}/credential`))
    return {
      kind: 'remote',
      socketPath: `${remoteDefault}/hub.sock`,
      credentialPath: set(credential) ? credential : `${remoteDefault}/credential`,
    };
  const paths = hubPaths(resolveHome(where, homeFlag), where);
  return { kind: 'local', socketPath: paths.socket, tokenPath: paths.token };
}
