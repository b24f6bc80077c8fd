/**
 * A start that fails must say so on screen — a menu-bar app has no terminal — and say what to do:
 * another Switchboard on the same data folder, a port in use, a native part built for another
 * processor, a data folder it may not write. The full error is in the log file.
 */
import { HubAlreadyRunningError } from '../hub/lock';

export type StartupProblem = { title: string; detail: string };

const NATIVE =
  /Cannot find native binding|Cannot find module .*\.node|incompatible architecture|wrong ELF class|not a mach-o file|was compiled against a different Node\.js version|NODE_MODULE_VERSION|dlopen/i;

export function explainStartupError(
  error: unknown,
  context: { home: string; logFile?: string },
): StartupProblem {
  const message = error instanceof Error ? error.message : String(error);
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  const problem = ((): StartupProblem => {
    if (error instanceof HubAlreadyRunningError)
      return {
        title: 'Switchboard is already running',
        detail: `Another Switchboard${error.pid > 0 ? ` (process ${error.pid})` : ''} is using ${context.home}. Quit it from its menu-bar icon (or stop \`switchboard serve\`), then open Switchboard again.`,
      };
    if (code === 'EADDRINUSE')
      return {
        title: 'Switchboard could not open its local web server',
        detail: `The port it is set to use is taken by another program (${message}). Remove "webchat.port" from ${context.home}/settings.json to let it pick a free port, or choose another, then open Switchboard again.`,
      };
    if (NATIVE.test(message))
      return {
        title: 'A part of Switchboard is missing or built for another processor',
        detail: `${message.split('\n')[0] ?? message}\n\nInstall the Switchboard built for this Mac's processor (Apple Silicon or Intel) over this one, then open it again.`,
      };
    if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS')
      return {
        title: 'Switchboard cannot use its data folder',
        detail: `${message}\n\nCheck that ${context.home} belongs to you and is writable.`,
      };
    return { title: 'Switchboard could not start', detail: message };
  })();
  return context.logFile
    ? { ...problem, detail: `${problem.detail}\n\nDetails are in the log: ${context.logFile}` }
    : problem;
}
