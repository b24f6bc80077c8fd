/**
 * The demo's projects (Settings → Projects, the Sessions tab's project cards): written into a
 * fresh home's settings.json before its hub starts, with real directories under `<home>/code`, as
 * `switchboard projects add` would leave them. None is running: the demo starts no tmux session.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const DEMO_PROJECTS = {
  billing: {
    args: ['--model', 'opus', '--permission-mode', 'acceptEdits'],
    resume: true,
    wake: true,
  },
  'mobile-app': { args: [], resume: false, wake: false, idleStopMinutes: 0 },
} as const;

/** Writes `<home>/settings.json` with the demo's projects (the rest of the settings default). */
export function seedDemoProjects(home: string): void {
  const projects = Object.fromEntries(
    Object.entries(DEMO_PROJECTS).map(([name, options]) => {
      const dir = join(home, 'code', name);
      mkdirSync(dir, { recursive: true });
      return [name, { dir, ...options }];
    }),
  );
  writeFileSync(join(home, 'settings.json'), `${JSON.stringify({ projects }, null, 2)}\n`);
}
