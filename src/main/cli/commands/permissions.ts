import { REQUEST_ID_PATTERN } from '../../../shared/channel';
import { stringFlag, UsageError } from '../args';
import { control } from '../control-client';
import { print, type CommandContext } from '../context';

type Pending = {
  request_id: string;
  session: string;
  tool_name: string;
  description: string;
  input_preview: string;
  created_at: string;
};

/** `switchboard permissions list | allow ID | deny ID [--session NAME]`. */
export async function permissions(ctx: CommandContext): Promise<number> {
  const [, action, requestId] = ctx.args.positionals;
  if (action === 'list' || action === undefined) {
    const data = (await control(ctx.paths, 'permissions.list')) as Pending[];
    print(ctx, data, () =>
      data.length === 0
        ? 'No permission prompt is waiting.'
        : data
            .map(
              (p) =>
                `${p.request_id}  ${p.session}  ${p.tool_name}: ${p.description}\n      ${p.input_preview.slice(0, 200)}`,
            )
            .join('\n'),
    );
    return 0;
  }
  if (action !== 'allow' && action !== 'deny')
    throw new UsageError(
      'usage: switchboard permissions list | allow REQUEST_ID | deny REQUEST_ID',
    );
  if (requestId === undefined || !REQUEST_ID_PATTERN.test(requestId.toLowerCase()))
    throw new UsageError('REQUEST_ID is the five letters shown by `switchboard permissions list`');
  const session = stringFlag(ctx.args, '--session');
  const data = (await control(ctx.paths, 'permissions.decide', {
    request_id: requestId.toLowerCase(),
    behavior: action,
    ...(session === undefined ? {} : { session }),
  })) as { request_id: string; session: string; tool_name: string };
  print(
    ctx,
    { ...data, behavior: action },
    () =>
      `${action === 'allow' ? 'Allowed' : 'Denied'} ${data.tool_name} (${data.request_id}) in session ${data.session}.`,
  );
  return 0;
}
