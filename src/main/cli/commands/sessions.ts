import { control } from '../control-client';
import { print, type CommandContext } from '../context';

type SessionsData = {
  attached: Array<{ name: string; cwd: string; pid: number; attachedAt: number; channels: string }>;
  recent: Array<{ name: string; cwd: string; detachedAt: number | null }>;
};

/** `switchboard sessions`: attached sessions first, then recently seen ones. */
export async function sessions(ctx: CommandContext): Promise<number> {
  const data = (await control(ctx.paths, 'sessions')) as SessionsData;
  print(ctx, data, () => {
    const lines =
      data.attached.length === 0
        ? ['No session attached.']
        : [
            'Attached:',
            ...data.attached.map(
              (s) =>
                `  ${s.name}  (pid ${s.pid}, ${s.cwd})${s.channels === 'disabled' ? '  — channels off: started without --dangerously-load-development-channels, gets no chats' : ''}`,
            ),
          ];
    const gone = data.recent.filter((s) => s.detachedAt !== null);
    if (gone.length > 0)
      lines.push(
        'Recently detached:',
        ...gone.map(
          (s) => `  ${s.name}  (${s.cwd}, ${new Date(s.detachedAt ?? 0).toLocaleString()})`,
        ),
      );
    return lines.join('\n');
  });
  return 0;
}
