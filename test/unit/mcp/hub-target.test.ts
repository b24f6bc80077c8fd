import { describe, expect, it } from 'vitest';
import { resolveHubTarget } from '../../../src/mcp/hub-target';

const where = (env: Record<string, string>) => ({
  env,
  platform: 'linux',
  homedir: '/home/ann',
  tmpdir: '/tmp',
});

describe('resolveHubTarget', () => {
  it('uses the hub socket forwarded to SWITCHBOARD_HUB with the credential beside it', () => {
    expect(
      resolveHubTarget(
        where({ SWITCHBOARD_HUB: '/home/ann/.switchboard/hub.sock' }),
        undefined,
        () => false,
      ),
    ).toEqual({
      kind: 'remote',
      socketPath: '/home/ann/.switchboard/hub.sock',
      credentialPath: '/home/ann/.switchboard/credential',
    });
  });

  it('takes the credential file from SWITCHBOARD_CREDENTIAL', () => {
    expect(
      resolveHubTarget(
        where({ SWITCHBOARD_HUB: '/run/sb/hub.sock', SWITCHBOARD_CREDENTIAL: '/secrets/sb' }),
        undefined,
        () => false,
      ),
    ).toMatchObject({ kind: 'remote', credentialPath: '/secrets/sb' });
  });

  it('uses the default remote layout when setup left a credential and no home is named', () => {
    const exists = (path: string): boolean => path === '/home/ann/.switchboard/credential';
    expect(resolveHubTarget(where({}), undefined, exists)).toEqual({
      kind: 'remote',
      socketPath: '/home/ann/.switchboard/hub.sock',
      credentialPath: '/home/ann/.switchboard/credential',
    });
    // A named home means the local hub, whatever else is on the machine.
    expect(resolveHubTarget(where({ SWITCHBOARD_HOME: '/h' }), undefined, exists)).toMatchObject({
      kind: 'local',
      socketPath: '/h/hub.sock',
    });
    expect(resolveHubTarget(where({}), '/flag', exists)).toMatchObject({ kind: 'local' });
  });

  it('is the local hub otherwise', () => {
    expect(resolveHubTarget(where({}), undefined, () => false)).toEqual({
      kind: 'local',
      socketPath: '/home/ann/.local/state/switchboard/hub.sock',
      tokenPath: '/home/ann/.local/state/switchboard/hub.token',
    });
  });
});
