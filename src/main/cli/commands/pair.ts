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
  role?: string;
};

/** `switchboard pair list | approve CODE | deny CODE`. */
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
                `${p.code}  ${p.platform}  ${p.name || p.sender} (${p.sender})  “${p.preview}”  expires ${new Date(p.expires_at).toLocaleTimeString()}`,
            )
            .join('\n'),
    );
    return 0;
  }
  if ((action !== 'approve' && action !== 'deny') || code === undefined)
    throw new UsageError('usage: switchboard pair list | approve CODE | deny CODE');
  const data = (await control(ctx.paths, `pair.${action}`, { code })) as PairingJson;
  print(ctx, data, () =>
    action === 'approve'
      ? `Approved ${data.name || data.sender} on ${data.platform}${data.role === 'owner' ? ' as owner' : ''}; they have been told in their chat.`
      : `Denied pairing ${data.code}.`,
  );
  return 0;
}
