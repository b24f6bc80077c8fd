/**
 * The `projects` and `launcher` parts of settings.json: what Switchboard may start (a name, a
 * directory and Claude Code options) and how. Checked here so the file, the CLI and the UI all
 * refuse the same things with the same words.
 */
import { isAbsolute, normalize } from 'node:path';
import { z } from 'zod';

/**
 * Session-name rules (what the helper keeps of `SWITCHBOARD_SESSION`), minus the dot: tmux turns
 * `.` and `:` in session names into `_`, so `a.b` and `a_b` would share one tmux session.
 */
export const PROJECT_NAME = /^[\p{L}\p{N}][\p{L}\p{N}_-]{0,47}$/u;

/** Names that already mean something in chat commands (`/use auto`). */
const RESERVED_NAMES = new Set(['auto']);

export const projectNameSchema = z
  .string()
  .regex(PROJECT_NAME, {
    message:
      'a project name is 1–48 letters, digits, "-" or "_", starting with a letter or digit (no dots or spaces)',
  })
  .refine((name) => !RESERVED_NAMES.has(name.toLowerCase()), {
    message: '"auto" is reserved (/use auto means "follow the most recent session")',
  });

/**
 * Flags the launcher sets itself, or that would stop an interactive session from starting: the
 * channel flags come from `launcher.channel`, `resume` gives `--continue`, and print/help/version
 * modes exit at once.
 */
const FORBIDDEN_ARGS = new Set([
  '--channels',
  '--dangerously-load-development-channels',
  '-p',
  '--print',
  '-h',
  '--help',
  '-v',
  '-V',
  '--version',
]);

export function forbiddenArg(arg: string): string | undefined {
  const flag = arg.split('=', 1)[0] ?? arg;
  if (!FORBIDDEN_ARGS.has(flag)) return undefined;
  if (flag === '--channels' || flag === '--dangerously-load-development-channels')
    return `${flag} is added by Switchboard (Settings → Projects → channel flag)`;
  if (flag === '-p' || flag === '--print')
    return `${flag} runs Claude Code without a terminal, where channels do not work`;
  return `${flag} makes Claude Code exit at once`;
}

// Control characters in an argument would reach a terminal and the process table as is.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;

const argSchema = z
  .string()
  .min(1)
  .max(1000)
  .refine((arg) => !CONTROL.test(arg), { message: 'arguments may not contain control characters' })
  .superRefine((arg, ctx) => {
    const reason = forbiddenArg(arg);
    if (reason) ctx.addIssue({ code: 'custom', message: reason });
  });

export const DEFAULT_IDLE_STOP_MINUTES = 120;

export const projectSchema = z.object({
  /** Absolute path of the project's directory (checked to exist when added and at every start). */
  dir: z
    .string()
    .min(1)
    .max(1024)
    .refine(isAbsolute, { message: 'the directory must be an absolute path' })
    .transform((dir) => (dir.length > 1 ? normalize(dir).replace(/\/+$/, '') : dir)),
  /** Start with `--continue`, so the last conversation in that directory goes on. */
  resume: z.boolean().default(false),
  /** More Claude Code arguments, e.g. ["--model", "opus", "--permission-mode", "acceptEdits"]. */
  args: z.array(argSchema).max(32).default([]),
  /** Start the session when a message arrives for it and none is attached. */
  wake: z.boolean().default(false),
  /** Stop a session Switchboard started after this long without messages or output; 0 = never. */
  idleStopMinutes: z
    .number()
    .min(0)
    .max(7 * 24 * 60)
    .default(DEFAULT_IDLE_STOP_MINUTES),
});
export type Project = z.infer<typeof projectSchema>;
export type ProjectInput = z.input<typeof projectSchema>;

export const projectsSchema = z.record(projectNameSchema, projectSchema);

export const launcherSettingsSchema = z.object({
  /**
   * `development`: `--dangerously-load-development-channels server:switchboard` (works everywhere,
   * Claude Code asks to confirm at each start); `plugin`: `--channels plugin:switchboard@switchboard`
   * for organisations that allow the plugin in `allowedChannelPlugins`.
   */
  channel: z.enum(['development', 'plugin']).default('development'),
  /** Owners may send keys (/press) and text (/type) to the terminals of sessions Switchboard started. */
  remoteKeys: z.boolean().default(true),
  /**
   * Start Claude Code through your login shell (`$SHELL -l`), so it gets the PATH a terminal has;
   * off: run it directly with the tmux server's environment.
   */
  loginShell: z.boolean().default(true),
  /** After typing /exit, how long a session gets to end before its tmux session is ended. */
  stopGraceSeconds: z.number().int().min(1).max(300).default(10),
});
export type LauncherSettings = z.infer<typeof launcherSettingsSchema>;
