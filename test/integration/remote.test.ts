/**
 * Remote sessions through the real hub and the real helper, without the ssh hop (that is
 * test/e2e/remote-ssh.test.ts): identities made and cut with the CLI, sessions named
 * `REMOTE:session` with `host` in their channel meta, replies from them, rotation and removal.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../support/cli';
import { eventually } from '../support/eventually';
import { resultText, type HelperClient } from '../support/helper-client';
import { startHub, type HubProcess } from '../support/hub-process';
import { tempDir } from '../support/paths';
import { addRemote, connectRemoteHelper, remoteList, writeCredential } from '../support/remote';
import { webchat } from '../support/webchat-client';

describe('remote sessions', () => {
  let home: { dir: string; cleanup: () => Promise<void> };
  let remoteDir: { dir: string; cleanup: () => Promise<void> };
  let hub: HubProcess | undefined;
  const helpers: HelperClient[] = [];

  beforeEach(async () => {
    home = await tempDir('sb-remote-');
    remoteDir = await tempDir('sb-remote-box-');
  });
  afterEach(async () => {
    await Promise.all(helpers.splice(0).map((h) => h.close()));
    await hub?.stop();
    hub = undefined;
    await home.cleanup();
    await remoteDir.cleanup();
  });

  const cli = (...args: string[]) => runCli([...args, '--home', home.dir]);
  const track = (helper: HelperClient): HelperClient => {
    helpers.push(helper);
    return helper;
  };
  const sessionsOf = async (name: string): Promise<string[]> =>
    (await remoteList(home.dir)).find((r) => r.name === name)?.sessions ?? [];

  it('names a remote session REMOTE:session, tells Claude the host, and carries its reply', async () => {
    hub = await startHub(home.dir);
    const token = await addRemote(home.dir, 'devbox');
    expect(token).toMatch(/^sbr1\.devbox\.[0-9a-f]{8}\.[0-9a-f]{64}$/);
    const credential = await writeCredential(remoteDir.dir, token);
    const helper = track(await connectRemoteHelper({ home: home.dir, credential, session: 'api' }));
    await eventually(async () => expect(await sessionsOf('devbox')).toEqual(['devbox:api']));

    const chat = webchat(hub);
    await chat.post('hello from the phone');
    const event = await helper.events.next();
    expect(event.content).toBe('hello from the phone');
    expect(event.meta['host']).toBe('devbox');
    expect(event.meta['chat_id']).toBe('web:main');

    const sent = await helper.callTool('reply', { chat_id: 'web:main', text: 'hi from devbox' });
    expect(resultText(sent)).toMatch(/^sent/);
    await eventually(async () => {
      const reply = (await chat.history()).find((m) => m.text === 'hi from devbox');
      expect(reply?.session).toBe('devbox:api');
    });

    const status = JSON.parse((await cli('status', '--json')).stdout) as {
      sessions: Array<{ name: string }>;
      remotes: Array<{ name: string; sessions: string[] }>;
    };
    expect(status.sessions.map((s) => s.name)).toContain('devbox:api');
    expect(status.remotes).toEqual([
      expect.objectContaining({ name: 'devbox', sessions: ['devbox:api'] }),
    ]);
  });

  it('cuts the sessions of a rotated remote at once, and takes them back with the new credential', async () => {
    hub = await startHub(home.dir);
    const credential = await writeCredential(remoteDir.dir, await addRemote(home.dir, 'box'));
    const helper = track(await connectRemoteHelper({ home: home.dir, credential, session: 's' }));
    await eventually(async () => expect(await sessionsOf('box')).toEqual(['box:s']));

    const rotated = await cli('remote', 'rotate', 'box', '--json');
    expect(rotated.code).toBe(0);
    // The hub detaches the session before it answers: no delivery can reach the old credential.
    expect(await sessionsOf('box')).toEqual([]);
    await eventually(() => expect(helper.stderr()).toMatch(/was rotated/));
    await webchat(hub).post('while cut off');
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    expect(helper.events.items).toEqual([]);
    expect(hub.stderr()).toMatch(/refused a credential that was rotated/);

    // The helper reads its credential file before every attempt.
    await writeCredential(
      remoteDir.dir,
      (JSON.parse(rotated.stdout) as { credential: string }).credential,
    );
    expect((await helper.events.next(10_000)).content).toBe('while cut off');
    expect(await sessionsOf('box')).toEqual(['box:s']);
  });

  it('cuts a removed remote for good', async () => {
    hub = await startHub(home.dir);
    const credential = await writeCredential(remoteDir.dir, await addRemote(home.dir, 'gone'));
    const helper = track(await connectRemoteHelper({ home: home.dir, credential, session: 'x' }));
    await eventually(async () => expect(await sessionsOf('gone')).toEqual(['gone:x']));

    expect((await cli('remote', 'remove', 'gone')).code).toBe(0);
    expect(await remoteList(home.dir)).toEqual([]);
    await eventually(() => expect(helper.stderr()).toMatch(/was removed/));
    const result = await helper.callTool('reply', { chat_id: 'web:main', text: 'still here?' });
    expect(result.isError).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    const sessions = JSON.parse((await cli('sessions', '--json')).stdout) as {
      attached: Array<{ name: string }>;
    };
    expect(sessions.attached).toEqual([]);
    expect(hub.stderr()).toMatch(
      /remote "gone": refused a credential for a remote that does not exist/,
    );
  });

  it('carries files both ways: a reply uploads them, photos and downloads land in the session folder there', async () => {
    hub = await startHub(home.dir);
    const credential = await writeCredential(remoteDir.dir, await addRemote(home.dir, 'box'));
    // The remote machine: its own home (with a credential store) and a project folder.
    const remoteHome = `${remoteDir.dir}/home`;
    const project = `${remoteDir.dir}/project`;
    await mkdir(`${remoteHome}/.ssh`, { recursive: true });
    await mkdir(project);
    await writeFile(`${remoteHome}/.ssh/id_ed25519`, 'PRIVATE KEY');
    const report = randomBytes(700 * 1024); // more than two chunks
    await writeFile(`${project}/report.bin`, report);
    const helper = track(
      await connectRemoteHelper({
        home: home.dir,
        credential,
        session: 'files',
        cwd: project,
        env: { HOME: remoteHome },
      }),
    );
    await eventually(async () => expect(await sessionsOf('box')).toEqual(['box:files']));

    // A photo and a document from the phone: sent ahead, named by their path on the remote.
    const chat = webchat(hub);
    const png = Buffer.concat([Buffer.from('89504e470d0a1a0a', 'hex'), randomBytes(2048)]);
    const photo = (await chat.upload('shot.png', png, 'image/png')).body.file?.fileId ?? '';
    const doc =
      (await chat.upload('notes.txt', Buffer.from('the notes'), 'text/plain')).body.file?.fileId ??
      '';
    await chat.post('two files', { files: [photo, doc] });
    const event = await helper.events.next(10_000);
    const imagePath = event.meta['image_path'] ?? '';
    const docPath = event.meta['attachment_path'] ?? '';
    for (const path of [imagePath, docPath]) {
      expect(path.startsWith(`${tmpdir()}/switchboard-files-`)).toBe(true);
      expect(path.startsWith(home.dir)).toBe(false);
    }
    expect(await readFile(imagePath)).toEqual(png);
    expect(await readFile(docPath, 'utf8')).toBe('the notes');
    expect(event.meta['attachments']).toMatch(/^[^/;]*shot\.png; [^/;]*notes\.txt$/);

    // download_attachment: the files come across again, to new paths in the session folder.
    const downloaded = await helper.callTool('download_attachment', {
      chat_id: 'web:main',
      message_id: event.meta['message_id'] ?? '',
    });
    const paths = resultText(downloaded).split('\n');
    expect(paths).toHaveLength(2);
    expect(await readFile(paths[0] ?? '')).toEqual(png);
    expect(paths.every((p) => p.startsWith(`${tmpdir()}/switchboard-files-`))).toBe(true);

    // A reply's file is read there and uploaded; what the chat gets is the same bytes.
    const sent = await helper.callTool('reply', {
      chat_id: 'web:main',
      text: 'the report',
      files: [`${project}/report.bin`],
    });
    expect(resultText(sent)).toMatch(/^sent/);
    const message = await eventually(async () => {
      const found = (await chat.history()).find((m) => m.text === 'the report');
      expect(found?.attachments).toHaveLength(1);
      return found;
    });
    const file = await chat.request(`/api/files/${message?.attachments[0]?.fileId ?? ''}`);
    expect(Buffer.from(await file.arrayBuffer())).toEqual(report);

    // What the helper there refuses to read: credential stores, and places outside its session.
    const key = await helper.callTool('reply', {
      chat_id: 'web:main',
      text: 'key',
      files: [`${remoteHome}/.ssh/id_ed25519`],
    });
    expect(key.isError).toBe(true);
    expect(resultText(key)).toContain('holds credentials');
    const outside = await helper.callTool('reply', {
      chat_id: 'web:main',
      text: 'x',
      files: [credential],
    });
    expect(outside.isError).toBe(true);
    expect(resultText(outside)).toContain("Switchboard's credential");
    const etc = await helper.callTool('reply', {
      chat_id: 'web:main',
      text: 'x',
      files: ['/etc/hostname'],
    });
    expect(resultText(etc)).toContain('SWITCHBOARD_SEND_FILES_FROM');
    expect((await chat.history()).map((m) => m.text)).not.toContain('key');
  });

  it('answers remote commands with clear errors', async () => {
    hub = await startHub(home.dir);
    await addRemote(home.dir, 'one');
    const twice = await cli('remote', 'add', 'one');
    expect(twice.code).toBe(1);
    expect(twice.stderr).toContain('already exists');
    const bad = await cli('remote', 'add', 'Not_OK');
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('lower-case letters');
    const missing = await cli('remote', 'rotate', 'nope');
    expect(missing.stderr).toContain('no remote named "nope"');
    const badHost = await cli('remote', 'connect', 'one', '-oProxyCommand=x');
    expect(badHost.code).toBe(1);
    expect(badHost.stderr).toContain('not an ssh destination');
    const badOption = await cli('remote', 'connect', 'one', 'host', '--ssh-opt', 'not an option');
    expect(badOption.stderr).toContain('must look like Key=Value');
  }, 60_000);
});
