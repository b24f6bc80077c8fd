import { UsageError } from '../args';
import { control } from '../control-client';
import { print, type CommandContext } from '../context';

type PairingJson = {
  code: string;
  platform: string;
  sender: string;
  name: string;
  preview: string;
  expires_at: string;
  becomes_owner?: boolean;
  role?: string;
};

const USAGE = 'usage: switchboard pair list | approve CODE [--owner | --member] | deny CODE';

/**
 * `switchboard pair list | approve CODE [--owner | --member] | deny CODE`. Without a choice only a
 * platform's very first person becomes its owner (`pair list` says so); everyone else is a member.
 */
export async function pair(ctx: CommandContext): Promise<number> {
  const [, action, code] = ctx.args.positionals;
  if (action === 'list' || action === undefined) {
    const data = (await control(ctx.paths, 'pair.list')) as PairingJson[];
    print(ctx, data, () =>
      data.length === 0
        ? 'No pairing request is waiting.'
        : data
            .map(
              (p) =>
                `${p.code}  ${p.platform}  ${p.name || p.sender} (${p.sender})  “${p.preview}”  expires ${new Date(p.expires_at).toLocaleTimeString()}${p.becomes_owner ? '  (first person on this platform: approving makes them owner unless --member)' : ''}`,
            )
            .join('\n'),
    );
    return 0;
  }
  if ((action !== 'approve' && action !== 'deny') || code === undefined)
    throw new UsageError(USAGE);
  const asOwner = ctx.args.flags.has('--owner');
  const asMember = ctx.args.flags.has('--member');
  if ((asOwner || asMember) && (action !== 'approve' || (asOwner && asMember)))
    throw new UsageError(USAGE);
  const data = (await control(ctx.paths, `pair.${action}`, {
    code,
    ...(asOwner ? { owner: true } : asMember ? { owner: false } : {}),
  })) as PairingJson;
  print(ctx, data, () =>
    action === 'approve'
      ? `Approved ${data.name || data.sender} on ${data.platform} as ${data.role ?? 'member'}; they have been told in their chat.`
      : `Denied pairing ${data.code}.`,
  );
  return 0;
}
