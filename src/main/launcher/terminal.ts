/**
 * A launched session's terminal seen and steered from a chat: `/screen` reads the visible pane,
 * `/press` and `/type` send keys. Only tmux sessions this Switchboard started are reachable, keys
 * only while `launcher.remoteKeys` is on, and every use is audited with who did it.
 */
import { TMUX_INSTALL_HINT } from './find-tmux';
import { cleanTypedText, describeStrokes, parseKeys } from './keys';
import { tmuxSessionName } from './launch-command';
import { errorText, type Launcher, type LaunchResult } from './launcher';
import type { Tmux } from './tmux';

export type ScreenResult = { ok: true; text: string } | Extract<LaunchResult, { ok: false }>;

async function reach(
  launcher: Launcher,
  name: string,
): Promise<{ tmux: Tmux; session: string } | Extract<LaunchResult, { ok: false }>> {
  const tmux = await launcher.tmux();
  if (!tmux) return { ok: false, error: 'tmux-missing', message: TMUX_INSTALL_HINT };
  const { pane, foreign } = await launcher.ours(tmux, name);
  if (foreign && !foreign.ok) return foreign;
  if (!pane || pane.dead)
    return {
      ok: false,
      error: 'not-launched',
      message: `${name} is not running in a terminal Switchboard started.`,
    };
  return { tmux, session: tmuxSessionName(name) };
}

/** The visible part of the session's terminal, trailing blanks removed. */
export async function screen(launcher: Launcher, name: string, by: string): Promise<ScreenResult> {
  const target = await reach(launcher, name);
  if ('ok' in target) return target;
  try {
    const raw = await target.tmux.capture(target.session);
    launcher.deps.audit.write({ kind: 'launcher.screen', actor: by, subject: name });
    const lines = raw.split('\n').map((line) => line.trimEnd());
    while (lines.length > 0 && lines.at(-1) === '') lines.pop();
    while (lines.length > 0 && lines[0] === '') lines.shift();
    return { ok: true, text: lines.join('\n') };
  } catch (error) {
    return { ok: false, error: 'tmux-failed', message: errorText(error) };
  }
}

function keysOff(launcher: Launcher, name: string, by: string, what: string): LaunchResult {
  launcher.deps.audit.write({
    kind: 'launcher.refused',
    actor: by,
    subject: name,
    detail: { command: what, reason: 'remote keys are turned off' },
  });
  return {
    ok: false,
    error: 'keys-off',
    message: 'Sending keys from chats is turned off in Switchboard’s settings (Projects).',
  };
}

/** Presses keys from the fixed list, in order; nothing is sent if one word is not a key. */
export async function press(
  launcher: Launcher,
  name: string,
  words: readonly string[],
  by: string,
): Promise<LaunchResult> {
  if (!launcher.deps.settings().launcher.remoteKeys) return keysOff(launcher, name, by, 'press');
  const parsed = parseKeys(words);
  if (!parsed.ok) return { ok: false, error: 'tmux-failed', message: parsed.error };
  const target = await reach(launcher, name);
  if ('ok' in target) return target;
  const keys = describeStrokes(parsed.strokes);
  launcher.deps.audit.write({ kind: 'launcher.press', actor: by, subject: name, detail: { keys } });
  try {
    for (const stroke of parsed.strokes) {
      if (stroke.kind === 'key') await target.tmux.sendKeys(target.session, [stroke.name]);
      else await target.tmux.sendLiteral(target.session, stroke.text);
    }
  } catch (error) {
    return { ok: false, error: 'tmux-failed', message: errorText(error) };
  }
  launcher.noteActivity(name);
  return { ok: true, message: `Pressed ${keys} in ${name}.` };
}

/** Types cleaned text and Enter. */
export async function type(
  launcher: Launcher,
  name: string,
  text: string,
  by: string,
): Promise<LaunchResult> {
  if (!launcher.deps.settings().launcher.remoteKeys) return keysOff(launcher, name, by, 'type');
  const clean = cleanTypedText(text);
  if (clean === '') return { ok: false, error: 'tmux-failed', message: 'Nothing to type.' };
  const target = await reach(launcher, name);
  if ('ok' in target) return target;
  launcher.deps.audit.write({
    kind: 'launcher.type',
    actor: by,
    subject: name,
    detail: { text: clean.slice(0, 500), length: clean.length, cleaned: clean !== text.trim() },
  });
  try {
    await target.tmux.sendLiteral(target.session, clean);
    await target.tmux.sendKeys(target.session, ['Enter']);
  } catch (error) {
    return { ok: false, error: 'tmux-failed', message: errorText(error) };
  }
  launcher.noteActivity(name);
  return {
    ok: true,
    message: `Typed ${clean.length} character${clean.length === 1 ? '' : 's'} and Enter in ${name}.`,
  };
}
