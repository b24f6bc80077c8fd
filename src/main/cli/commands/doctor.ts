/**
 * `switchboard doctor`: checks what the hub depends on (socket directory, secret files, database)
 * and repairs what it can:
 *   --repair             back the database up, then recover every readable row (hub stopped)
 *   --rotate-token       a new hub.token; helpers reconnect with it by themselves
 *   --sign-out-browsers  a new dashboard token; every browser session ends
 */
import { existsSync } from 'node:fs';
import { stat } from 'node:fs/promises';
import Database from 'better-sqlite3';
import { verifySocketDir } from '../../bridge/socket-dir';
import { acquireHubLock } from '../../hub/lock';
import { rotateTokenFile } from '../../hub/secret-files';
import { quickCheck } from '../../store/db';
import { repairDatabase } from '../../store/repair';
import { openStore } from '../../store/store';
import { UsageError } from '../args';
import { print, type CommandContext } from '../context';
import { control, HubNotRunningError } from '../control-client';

type Check = { what: string; ok: boolean; detail: string };

/** Runs `op` on the hub when it is up; undefined when it is not running. */
async function onHub(ctx: CommandContext, op: string): Promise<unknown> {
  try {
    return await control(ctx.paths, op);
  } catch (error) {
    if (error instanceof HubNotRunningError) return undefined;
    throw error;
  }
}

export async function doctor(ctx: CommandContext): Promise<number> {
  const actions = ['--repair', '--rotate-token', '--sign-out-browsers'].filter((f) =>
    ctx.args.flags.has(f),
  );
  if (actions.length > 1) throw new UsageError(`use one of ${actions.join(', ')} at a time`);
  switch (actions[0]) {
    case '--repair':
      return repair(ctx);
    case '--rotate-token':
      return rotateToken(ctx);
    case '--sign-out-browsers':
      return signOutBrowsers(ctx);
    case undefined:
    default:
      return check(ctx);
  }
}

async function check(ctx: CommandContext): Promise<number> {
  const checks: Check[] = [];
  const running = (await onHub(ctx, 'status')) !== undefined;
  checks.push({ what: 'hub', ok: true, detail: running ? 'running' : 'not running' });
  const dir = await verifySocketDir(ctx.paths);
  checks.push({
    what: 'socket directory',
    ok: dir.ok || 'missing' in dir,
    detail: dir.ok ? ctx.paths.socketDir : 'missing' in dir ? 'not created yet' : dir.reason,
  });
  for (const [what, path] of [
    ['hub.token', ctx.paths.token],
    ['dashboard.token', ctx.paths.dashboardToken],
  ] as const) {
    const mode = await stat(path).then(
      (s) => s.mode & 0o777,
      () => undefined,
    );
    checks.push({
      what,
      ok: mode === undefined || mode === 0o600,
      detail: mode === undefined ? 'not created yet' : `mode ${mode.toString(8)}`,
    });
  }
  checks.push(databaseCheck(ctx.paths.database));
  print(ctx, { checks }, () =>
    checks.map((c) => `${c.ok ? '✓' : '✗'} ${c.what}: ${c.detail}`).join('\n'),
  );
  return checks.every((c) => c.ok) ? 0 : 1;
}

function databaseCheck(path: string): Check {
  if (!existsSync(path)) return { what: 'database', ok: true, detail: 'not created yet' };
  let db: Database.Database | undefined;
  try {
    db = new Database(path, { readonly: true, fileMustExist: true });
    if (db.pragma('page_count', { simple: true }) === 0)
      return {
        what: 'database',
        ok: false,
        detail: `${path} is empty: restore a backup, or run \`switchboard doctor --repair\``,
      };
    const problem = quickCheck(db);
    return problem === undefined
      ? { what: 'database', ok: true, detail: path }
      : { what: 'database', ok: false, detail: `${problem}: run \`switchboard doctor --repair\`` };
  } catch (error) {
    const message = (error as Error).message;
    return {
      what: 'database',
      ok: false,
      detail: `${message}: run \`switchboard doctor --repair\``,
    };
  } finally {
    db?.close();
  }
}

async function repair(ctx: CommandContext): Promise<number> {
  // Holding the lock keeps a hub from starting on the database while it is rebuilt.
  const lock = await acquireHubLock(ctx.paths.lock, ctx.paths.socket, ctx.paths.home);
  try {
    const health = databaseCheck(ctx.paths.database);
    if (health.ok) {
      print(
        ctx,
        { outcome: 'healthy', database: ctx.paths.database },
        () => `The database is healthy (${health.detail}); nothing to repair.`,
      );
      return 0;
    }
    const report = repairDatabase(ctx.paths.database, new Date());
    print(ctx, report, () =>
      report.outcome === 'nothing-to-repair'
        ? 'There is no database yet; nothing to repair.'
        : [
            `Backed up the damaged database to ${report.backup}.`,
            report.wasEmpty
              ? 'It was empty: a new, empty database is in its place (restore a backup over it, with the hub stopped, if you have one).'
              : 'Recovered into a new database:',
            ...report.tables
              .filter((t) => t.recovered > 0 || t.gaps !== 0)
              .map(
                (t) =>
                  `  ${t.table}: ${t.recovered} row(s)${t.gaps === -1 ? ', table unreadable' : t.gaps > 0 ? `, ${t.gaps} unreadable stretch(es) skipped` : ''}`,
              ),
          ].join('\n'),
    );
    return 0;
  } finally {
    await lock.release();
  }
}

async function rotateToken(ctx: CommandContext): Promise<number> {
  const viaHub = await onHub(ctx, 'hub.rotate-token');
  if (viaHub === undefined) await rotateTokenFile(ctx.paths.token);
  print(ctx, { rotated: true, hubRunning: viaHub !== undefined }, () =>
    viaHub === undefined
      ? `Wrote a new ${ctx.paths.token}; the hub uses it when it starts.`
      : 'The hub token is rotated; connected helpers reconnect with the new one by themselves.',
  );
  return 0;
}

async function signOutBrowsers(ctx: CommandContext): Promise<number> {
  const viaHub = (await onHub(ctx, 'dashboard.sign-out')) as
    { signedOut: number; dashboardUrl: string } | undefined;
  if (viaHub) {
    print(ctx, viaHub, () =>
      [
        `Signed out ${viaHub.signedOut} browser session(s); the old dashboard link no longer works.`,
        `New dashboard link: ${viaHub.dashboardUrl}`,
      ].join('\n'),
    );
    return 0;
  }
  const lock = await acquireHubLock(ctx.paths.lock, ctx.paths.socket, ctx.paths.home);
  try {
    await rotateTokenFile(ctx.paths.dashboardToken);
    const store = openStore(ctx.paths.database, Date.now);
    const signedOut = store.webSessions.revokeAll();
    store.close();
    print(
      ctx,
      { signedOut },
      () =>
        `Signed out ${signedOut} browser session(s) and made a new dashboard token; \`switchboard serve\` prints the new link.`,
    );
    return 0;
  } finally {
    await lock.release();
  }
}
