import { createHub } from '../../app/hub';
import { createLogger } from '../../log';
import { stringFlag, UsageError } from '../args';
import type { CommandContext } from '../context';

/** `switchboard serve`: the headless hub, until SIGINT/SIGTERM. */
export async function serve(ctx: CommandContext): Promise<number> {
  const portFlag = stringFlag(ctx.args, '--port');
  const port = portFlag === undefined ? undefined : Number(portFlag);
  if (port !== undefined && (!Number.isInteger(port) || port < 0 || port > 65535))
    throw new UsageError('--port must be a number from 0 to 65535');
  const level = ctx.env['SWITCHBOARD_LOG'] === 'debug' ? 'debug' : 'info';
  const log = createLogger((line) => process.stderr.write(line), level);
  const hub = await createHub({
    home: ctx.paths.home,
    ...(port === undefined ? {} : { port }),
    rendererDir: `${ctx.distDir}/renderer`,
    log,
  });

  if (ctx.json) {
    ctx.out(
      JSON.stringify({
        event: 'ready',
        pid: process.pid,
        home: hub.paths.home,
        socket: hub.paths.socket,
        port: hub.port,
        dashboardUrl: hub.dashboardUrl,
      }),
    );
  } else {
    ctx.out(
      [
        'Switchboard is running.',
        `  Dashboard and web chat: ${hub.dashboardUrl}`,
        `  Helper socket:          ${hub.paths.socket}`,
        `  State directory:        ${hub.paths.home}`,
        'Connect Claude Code with `switchboard setup claude`. Press Ctrl+C to stop.',
      ].join('\n'),
    );
  }

  return new Promise<number>((resolve) => {
    let stopping = false;
    const shutdown = (signal: string): void => {
      if (stopping) return;
      stopping = true;
      log.info(`${signal}: stopping`);
      hub.stop().then(
        () => resolve(0),
        (error: unknown) => {
          log.error(`stop failed: ${String(error)}`);
          resolve(1);
        },
      );
    };
    process.on('SIGINT', () => shutdown('SIGINT'));
    process.on('SIGTERM', () => shutdown('SIGTERM'));
  });
}
