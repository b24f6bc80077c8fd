/**
 * The permission broker end to end: a prompt from a real helper reaches the web chat, the
 * dashboard API and the owner's chat; the first answer wins and reaches the MCP client, every
 * other copy is updated, later answers hear "already answered", members cannot answer.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { auditKinds } from '../support/audit';
import { runCli } from '../support/cli';
import { eventually } from '../support/eventually';
import { startFakePlatformHub, type FakePlatform } from '../support/fake-platform-client';
import { connectHelper, type HelperClient } from '../support/helper-client';
import type { HubProcess } from '../support/hub-process';
import { tempDir } from '../support/paths';
import { webchat } from '../support/webchat-client';

describe('permission broker', () => {
  let home: { dir: string; cleanup: () => Promise<void> };
  let hub: HubProcess;
  let platform: FakePlatform;
  let helper: HelperClient;
  const cli = (...args: string[]) => runCli([...args, '--home', home.dir]);

  beforeEach(async () => {
    home = await tempDir();
    ({ hub, platform } = await startFakePlatformHub(home.dir));
    helper = await connectHelper({ home: home.dir, session: 'work' });
    // Ann pairs first and becomes the owner; Bob pairs second and is a member.
    for (const [id, name] of [
      ['10', 'Ann'],
      ['20', 'Bob'],
    ] as const) {
      await platform.say({ chatId: `tg:${id}`, senderId: id, senderName: name, text: 'hi' });
      const code = await eventually(async () => {
        const list = JSON.parse((await cli('pair', 'list', '--json')).stdout) as Array<{
          code: string;
          sender: string;
        }>;
        const mine = list.find((p) => p.sender === id);
        if (!mine) throw new Error('no pairing yet');
        return mine.code;
      });
      expect((await cli('pair', 'approve', code)).code).toBe(0);
    }
    for (const id of ['10', '20'])
      await platform.say({ chatId: `tg:${id}`, senderId: id, text: `hello from ${id}` });
    await helper.events.count(2);
  });
  afterEach(async () => {
    await helper.close();
    await hub.stop();
    await home.cleanup();
  });

  it('fans out, takes the owner’s typed answer, updates the other copies and refuses later answers', async () => {
    const live = await webchat(hub).events();
    await helper.requestPermission({
      request_id: 'mnopq',
      tool_name: 'Bash',
      description: 'Delete the build folder',
      input_preview: '{"command":"rm -rf build"}',
    });

    // The web chat and dashboard see it (event stream and state), the owner's chat gets it, the member's does not.
    await live.events.waitFor(
      (e) => e.type === 'permissions' && e.permissions.some((p) => p.request_id === 'mnopq'),
    );
    const state = (await (await webchat(hub).request('/api/state')).json()) as {
      permissions: Array<{ request_id: string; session: string; tool_name: string }>;
    };
    expect(state.permissions).toEqual([
      expect.objectContaining({ request_id: 'mnopq', session: 'work', tool_name: 'Bash' }),
    ]);
    const prompt = await eventually(async () => {
      const found = (await platform.sentTo('tg:10')).find((m) => m.text.startsWith('🔐'));
      if (!found) throw new Error('no prompt in the owner chat yet');
      return found;
    });
    expect(prompt.text).toContain('yes mnopq');
    expect((await platform.sentTo('tg:20')).some((m) => m.text.startsWith('🔐'))).toBe(false);

    // A member's answer is ignored (and audited); nothing reaches Claude Code.
    await platform.say({ chatId: 'tg:20', senderId: '20', text: 'yes mnopq' });
    await eventually(async () =>
      expect((await platform.sentTo('tg:20')).some((m) => m.text.includes('Only an owner'))).toBe(
        true,
      ),
    );
    expect(helper.verdicts.items).toEqual([]);

    // The owner's typed answer wins and reaches the MCP client as the verdict notification.
    await platform.say({ chatId: 'tg:10', senderId: '10', text: 'Yes MNOPQ' });
    expect(await helper.verdicts.next()).toEqual({ request_id: 'mnopq', behavior: 'allow' });
    await eventually(async () => {
      const edits = (await platform.outbound()).filter(
        (o) => o.op === 'edit' && o.externalId === prompt.externalId,
      );
      expect(edits).toEqual([
        expect.objectContaining({ text: expect.stringContaining('✅ Allowed Bash') as unknown }),
      ]);
    });

    // Later answers, from anywhere, hear that it was already answered; no second verdict.
    const late = await cli('permissions', 'deny', 'mnopq');
    expect(late.code).toBe(1);
    expect(late.stderr).toContain('already answered');
    const dashboard = await webchat(hub).request('/api/permissions/mnopq', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ behavior: 'deny' }),
    });
    expect(dashboard.status).toBe(409);
    expect(helper.verdicts.items).toHaveLength(1);
    const kinds = auditKinds(home.dir).map((r) => r.kind);
    expect(kinds).toContain('permission.ignored-non-owner');
    expect(kinds).toContain('permission.allow');
    expect(kinds).toContain('permission.late-answer');
    live.close();
  });

  it('settles from the dashboard and edits the owner chat’s copy to say so', async () => {
    await helper.requestPermission({
      request_id: 'abcde',
      tool_name: 'Write',
      description: 'Write a file',
      input_preview: '{"path":"x"}',
    });
    const prompt = await eventually(async () => {
      const found = (await platform.sentTo('tg:10')).find((m) => m.text.includes('yes abcde'));
      if (!found) throw new Error('no prompt yet');
      return found;
    });
    const res = await webchat(hub).request('/api/permissions/abcde', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ behavior: 'deny' }),
    });
    expect(res.status).toBe(200);
    expect(await helper.verdicts.next()).toEqual({ request_id: 'abcde', behavior: 'deny' });
    await eventually(async () => {
      const edit = (await platform.outbound()).find(
        (o) => o.op === 'edit' && o.externalId === prompt.externalId,
      );
      expect(edit && 'text' in edit ? edit.text : '').toContain('❌ Denied Write');
      expect(edit && 'text' in edit ? edit.text : '').toContain('the dashboard');
    });
  });

  it('expires the prompts of a session that goes away', async () => {
    await helper.requestPermission({
      request_id: 'zzzzz',
      tool_name: 'Bash',
      description: 'x',
      input_preview: 'y',
    });
    const prompt = await eventually(async () => {
      const found = (await platform.sentTo('tg:10')).find((m) => m.text.includes('yes zzzzz'));
      if (!found) throw new Error('no prompt yet');
      return found;
    });
    await helper.close();
    await eventually(async () => {
      const edit = (await platform.outbound()).find(
        (o) => o.op === 'edit' && o.externalId === prompt.externalId,
      );
      expect(edit && 'text' in edit ? edit.text : '').toContain('expired');
    });
    expect(JSON.parse((await cli('permissions', 'list', '--json')).stdout)).toEqual([]);
    helper = await connectHelper({ home: home.dir, session: 'work' });
  });
});
