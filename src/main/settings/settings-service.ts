/**
 * The live settings: read by everyone, changed only through `update`, which saves atomically first.
 * It also holds the problems found when the file was loaded (settings-load.ts), for the status,
 * the dashboard and the log, until a saved change makes the file whole again.
 */
import type { HubEvents } from '../events/hub-events';
import { silentLogger, type Logger } from '../log';
import { saveSettings, settingsSchema, type Settings } from './settings';
import { rememberGood } from './settings-load';

export class SettingsService {
  #current: Settings;
  #problems: readonly string[];
  readonly #path: string;
  readonly #events: HubEvents;
  readonly #log: Logger;
  #queue: Promise<unknown> = Promise.resolve();

  constructor(
    path: string,
    initial: Settings,
    events: HubEvents,
    loaded: { problems?: readonly string[]; log?: Logger } = {},
  ) {
    this.#path = path;
    this.#current = initial;
    this.#events = events;
    this.#problems = loaded.problems ?? [];
    this.#log = loaded.log ?? silentLogger;
  }

  get(): Settings {
    return this.#current;
  }

  /** What was wrong with settings.json when it was loaded (empty when it was fine). */
  problems(): readonly string[] {
    return this.#problems;
  }

  /** Applies a change (validated), writes the file, then makes it live. Serialised. */
  update(change: (draft: Settings) => void): Promise<Settings> {
    const run = this.#queue.then(async () => {
      const draft = structuredClone(this.#current);
      change(draft);
      const next = settingsSchema.parse(draft);
      await saveSettings(this.#path, next);
      await rememberGood(this.#path, next, this.#log);
      this.#current = next;
      this.#problems = [];
      this.#events.emit('settings');
      return next;
    });
    this.#queue = run.catch(() => undefined);
    return run;
  }
}
