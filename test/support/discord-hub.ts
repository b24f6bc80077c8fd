/** A real `switchboard serve` wired to the fake Discord (REST base and gateway), as configured by a user. */
import { mkdir, writeFile } from 'node:fs/promises';
import { DISCORD_BOT, FakeDiscord, GUILD_ID } from '../fakes/fake-discord';
import { startHub, type HubProcess } from './hub-process';

export const ANN = {
  id: '700000000000000001',
  username: 'ann',
  global_name: 'Ann',
  discriminator: '0',
  avatar: null,
};
export const BOB = {
  id: '700000000000000002',
  username: 'bob',
  global_name: 'Bob',
  discriminator: '0',
  avatar: null,
};
export const OTHER_BOT = {
  id: '700000000000000009',
  username: 'ci-bot',
  discriminator: '0',
  avatar: null,
  bot: true,
};
export const DM_ANN = '600000000000000001';
export const DM_BOB = '600000000000000002';
export const GENERAL = '500000000000000001';
export const THREAD = '500000000000000002';

export async function startDiscordHub(
  home: string,
  settings?: unknown,
  applicationFlags?: number,
): Promise<{ hub: HubProcess; discord: FakeDiscord }> {
  const discord = new FakeDiscord();
  if (applicationFlags !== undefined) discord.applicationFlags = applicationFlags;
  discord.addChannel({ id: DM_ANN, type: 1, recipients: [ANN], last_message_id: null });
  discord.addChannel({ id: DM_BOB, type: 1, recipients: [BOB], last_message_id: null });
  discord.addChannel({
    id: GENERAL,
    type: 0,
    guild_id: GUILD_ID,
    name: 'general',
    position: 0,
    permission_overwrites: [],
    parent_id: null,
    nsfw: false,
  });
  discord.addChannel({
    id: THREAD,
    type: 11,
    guild_id: GUILD_ID,
    name: 'release',
    parent_id: GENERAL,
    owner_id: ANN.id,
    thread_metadata: {
      archived: false,
      auto_archive_duration: 1440,
      archive_timestamp: new Date().toISOString(),
      locked: false,
    },
    message_count: 0,
    member_count: 2,
  });
  await discord.start();
  if (settings) {
    await mkdir(home, { recursive: true, mode: 0o700 });
    await writeFile(`${home}/settings.json`, JSON.stringify(settings));
  }
  const hub = await startHub(home, [], {
    SWITCHBOARD_DISCORD_TOKEN: discord.token,
    SWITCHBOARD_DISCORD_API: `${discord.url}/api`,
  });
  return { hub, discord };
}

export { DISCORD_BOT };
