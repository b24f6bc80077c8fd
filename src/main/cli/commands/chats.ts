import { stringFlag, UsageError } from '../args';
import { control } from '../control-client';
import { print, type CommandContext } from '../context';

type ChatJson = {
  chat_id: string;
  thread_id: string;
  platform: string;
  kind: string;
  title: string;
  session: string | null;
};

/** `switchboard chats list | bind CHAT_ID SESSION [--thread ID] | unbind CHAT_ID [--thread ID]`. */
export async function chats(ctx: CommandContext): Promise<number> {
  const [, action, chat, session] = ctx.args.positionals;
  if (action === 'list' || action === undefined) {
    const data = (await control(ctx.paths, 'chats.list')) as ChatJson[];
    print(ctx, data, () =>
      data.length === 0
        ? 'No chats yet.'
        : data
            .map(
              (c) =>
                `${c.chat_id}${c.thread_id ? ` #${c.thread_id}` : ''}  ${c.kind}  ${c.title}  → ${c.session ?? 'most recent session'}`,
            )
            .join('\n'),
    );
    return 0;
  }
  const thread = stringFlag(ctx.args, '--thread') ?? '';
  if (action === 'bind' && chat !== undefined && session !== undefined) {
    await control(ctx.paths, 'chats.bind', { chat, thread, session });
    print(
      ctx,
      { chat_id: chat, thread_id: thread, session },
      () => `${chat} now goes to session "${session}".`,
    );
    return 0;
  }
  if (action === 'unbind' && chat !== undefined) {
    await control(ctx.paths, 'chats.bind', { chat, thread, session: null });
    print(
      ctx,
      { chat_id: chat, thread_id: thread, session: null },
      () => `${chat} now follows the most recent session.`,
    );
    return 0;
  }
  throw new UsageError(
    'usage: switchboard chats list | bind CHAT_ID SESSION [--thread ID] | unbind CHAT_ID [--thread ID]',
  );
}
