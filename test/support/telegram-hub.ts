/** A real `switchboard serve` wired to the fake Telegram Bot API, as a user would configure it. */
import { mkdir, writeFile } from 'node:fs/promises';
import { FakeTelegram } from '../fakes/fake-telegram';
import { runCli } from './cli';
import { eventually } from './eventually';
import { startHub, type HubProcess } from './hub-process';

export async function startTelegramHub(
  home: string,
  options: { settings?: unknown; token?: string } = {},
): Promise<{ hub: HubProcess; telegram: FakeTelegram }> {
  const telegram = new FakeTelegram();
  await telegram.start();
  if (options.settings) {
    await mkdir(home, { recursive: true, mode: 0o700 });
    await writeFile(`${home}/settings.json`, JSON.stringify(options.settings));
  }
  const hub = await startHub(home, [], {
    SWITCHBOARD_TELEGRAM_TOKEN: options.token ?? telegram.token,
    SWITCHBOARD_TELEGRAM_API_ROOT: telegram.url,
    SWITCHBOARD_TELEGRAM_POLL_TIMEOUT: '1',
  });
  return { hub, telegram };
}

export type TelegramStatus = { platform: string; state: string; detail: string };

export async function telegramStatus(home: string): Promise<TelegramStatus | undefined> {
  const status = JSON.parse((await runCli(['status', '--json', '--home', home])).stdout) as {
    platforms: TelegramStatus[];
  };
  return status.platforms.find((p) => p.platform === 'telegram');
}

/** Pairs a Telegram user through the real flow: DM, code, `switchboard pair approve`. */
export async function pairTelegramUser(
  home: string,
  telegram: FakeTelegram,
  user: { id: number; first_name: string },
): Promise<void> {
  telegram.message({
    chat: { id: user.id, type: 'private', first_name: user.first_name },
    from: { ...user, is_bot: false },
    text: '/start',
  });
  const code = await eventually(async () => {
    const pending = JSON.parse(
      (await runCli(['pair', 'list', '--json', '--home', home])).stdout,
    ) as Array<{ code: string; sender: string }>;
    const mine = pending.find((p) => p.sender === String(user.id));
    if (!mine) throw new Error('no pairing yet');
    return mine.code;
  });
  const approved = await runCli(['pair', 'approve', code, '--home', home]);
  if (approved.code !== 0) throw new Error(approved.stderr);
}
