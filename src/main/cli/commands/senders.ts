import { UsageError } from '../args';
import { control } from '../control-client';
import { print, type CommandContext } from '../context';

type SenderJson = { platform: string; sender: string; name: string; status: string; role: string };

const USAGE =
  'usage: switchboard senders list | allow PLATFORM ID | block PLATFORM ID | remove PLATFORM ID | role PLATFORM ID owner|member';

/** `switchboard senders …`: the allowlist, managed only from this machine. */
export async function senders(ctx: CommandContext): Promise<number> {
  const [, action, platform, sender, role] = ctx.args.positionals;
  if (action === 'list' || action === undefined) {
    const data = (await control(ctx.paths, 'senders.list')) as SenderJson[];
    print(ctx, data, () =>
      data.length === 0
        ? 'No senders yet.'
        : data
            .map((s) => `${s.platform}  ${s.sender}  ${s.name}  ${s.status}  ${s.role}`)
            .join('\n'),
    );
    return 0;
  }
  if (
    !['allow', 'block', 'remove', 'role'].includes(action) ||
    platform === undefined ||
    sender === undefined
  )
    throw new UsageError(USAGE);
  if (action === 'role' && role !== 'owner' && role !== 'member') throw new UsageError(USAGE);
  const data = (await control(ctx.paths, `senders.${action}`, {
    platform,
    sender,
    ...(action === 'role' ? { role } : {}),
  })) as SenderJson;
  print(ctx, data, () =>
    action === 'remove'
      ? `Removed ${sender} from ${platform}.`
      : `${platform} ${data.sender}: ${data.status}, ${data.role}.`,
  );
  return 0;
}
