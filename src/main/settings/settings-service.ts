/** The live settings: read by everyone, changed only through `update`, which saves atomically first. */
import type { HubEvents } from '../events/hub-events';
import { saveSettings, settingsSchema, type Settings } from './settings';

export class SettingsService {
  #current: Settings;
  readonly #path: string;
  readonly #events: HubEvents;
  #queue: Promise<unknown> = Promise.resolve();

  constructor(path: string, initial: Settings, events: HubEvents) {
    this.#path = path;
    this.#current = initial;
    this.#events = events;
  }

  get(): Settings {
    return this.#current;
  }

  /** Applies a change (validated), writes the file, then makes it live. Serialised. */
  update(change: (draft: Settings) => void): Promise<Settings> {
    const run = this.#queue.then(async () => {
      const draft = structuredClone(this.#current);
      change(draft);
      const next = settingsSchema.parse(draft);
      await saveSettings(this.#path, next);
      this.#current = next;
      this.#events.emit('settings');
      return next;
    });
    this.#queue = run.catch(() => undefined);
    return run;
  }
}
