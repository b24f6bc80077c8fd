/**
 * Native notifications for what needs the owner: a new person (Approve / Deny), a permission
 * prompt (Allow / Deny) — answered through the same UI contract as the popover, and withdrawn by
 * id when settled anywhere else — and platform errors.
 *
 * Since Electron 42 macOS notifications go through UNUserNotificationCenter, which refuses an app
 * that is not properly signed (an ad-hoc local build): the notification emits `failed` instead of
 * showing ("If an application is not code-signed ... notifications will emit a failed event",
 * Electron 42 release notes; electron/electron#47817). A prompt must never vanish silently, so a
 * failure switches that kind of prompt to the fallback — the tray asks for attention and the
 * popover opens at the prompt — and says so in the log.
 */
import type { UiHost } from '../ui/ui-host';
import { permissionKey, type AttentionChange } from '../ui/attention';
import type { NotificationCenter, NotificationLike, ShellDeps } from './electron-types';

export type PromptKind = 'pairing' | 'permission' | 'error';

type Spec = {
  kind: PromptKind;
  title: string;
  body: string;
  actions: Array<{ type: 'button'; text: string }>;
  onAction?: (index: number) => Promise<unknown>;
};

/** The notification's identifier in Notification Center (letters, digits, `.`, `-`). */
export function notificationId(key: string): string {
  return `dev.switchboard.${key.replace(/[^A-Za-z0-9.-]/g, '-')}`;
}

export const WELCOME_ID = notificationId('welcome');

export class Notifier {
  readonly #create: ShellDeps['createNotification'];
  readonly #center: NotificationCenter;
  readonly #ui: Pick<UiHost, 'decidePairing' | 'decidePermission'>;
  readonly #open: (key: string) => void;
  readonly #fallback: (kind: PromptKind, key: string) => void;
  readonly #log: (message: string) => void;
  readonly #live = new Map<string, NotificationLike>();
  readonly #fallbackKinds = new Set<PromptKind>();

  constructor(deps: {
    createNotification: ShellDeps['createNotification'];
    notifications: NotificationCenter;
    ui: Pick<UiHost, 'decidePairing' | 'decidePermission'>;
    /** Shows the popover at this prompt (a notification was clicked). */
    open: (key: string) => void;
    /** Shows this prompt without a notification (tray attention, popover at the prompt). */
    fallback: (kind: PromptKind, key: string) => void;
    log: (message: string) => void;
  }) {
    this.#create = deps.createNotification;
    this.#center = deps.notifications;
    this.#ui = deps.ui;
    this.#open = deps.open;
    this.#fallback = deps.fallback;
    this.#log = deps.log;
  }

  /** Notifications left from an earlier run: their buttons would answer nothing, so they go. */
  clearStale(): void {
    this.#center.removeAll();
  }

  /**
   * A first notification at startup, so macOS asks for permission now — while the user is
   * looking — rather than on the first real prompt, which the request would otherwise hide.
   */
  introduce(): void {
    this.#show('welcome', {
      kind: 'error',
      title: 'Switchboard is in your menu bar',
      body: 'New people and Claude’s permission prompts will appear here with buttons to answer them.',
      actions: [],
    });
  }

  /** Whether prompts of this kind are shown in the popover because notifications failed. */
  usesFallback(kind: PromptKind): boolean {
    return this.#fallbackKinds.has(kind);
  }

  apply(change: AttentionChange): void {
    switch (change.kind) {
      case 'pairing': {
        const p = change.pairing;
        this.#show(`pairing:${p.code}`, {
          kind: 'pairing',
          title: `${p.name || p.sender} wants to talk to Claude`,
          // Approving here makes an owner only of a platform's very first person (decided again
          // by the hub when pressed); say so, since owners answer permission prompts.
          body: `${p.platform}: “${p.preview}” — code ${p.code}${p.becomesOwner === true ? ` — approving makes them the owner (the first person on ${p.platform})` : ''}`,
          actions: [
            { type: 'button', text: 'Approve' },
            { type: 'button', text: 'Deny' },
          ],
          onAction: (index) => this.#ui.decidePairing(p.code, index === 0 ? 'approve' : 'deny'),
        });
        return;
      }
      case 'permission': {
        const r = change.permission;
        this.#show(`permission:${permissionKey(r)}`, {
          kind: 'permission',
          title: `Claude (${r.session}) wants to use ${r.tool_name}`,
          body: `${r.description}\n${r.input_preview.slice(0, 200)}`,
          actions: [
            { type: 'button', text: 'Allow' },
            { type: 'button', text: 'Deny' },
          ],
          onAction: (index) =>
            this.#ui.decidePermission(r.request_id, index === 0 ? 'allow' : 'deny'),
        });
        return;
      }
      case 'pairing-settled':
        this.#withdraw(`pairing:${change.code}`);
        return;
      case 'permission-settled':
        this.#withdraw(`permission:${change.key}`);
        return;
      case 'platform-error':
        this.#show(`error:${change.platform}`, {
          kind: 'error',
          title: `${change.platform}: needs attention`,
          body: change.detail,
          actions: [],
        });
        return;
    }
  }

  /** Withdraws every notification this run showed (the app is quitting). */
  withdrawAll(): void {
    for (const key of [...this.#live.keys()]) this.#withdraw(key);
  }

  #show(key: string, spec: Spec): void {
    this.#withdraw(key);
    if (this.#fallbackKinds.has(spec.kind)) {
      this.#fallback(spec.kind, key);
      return;
    }
    const notification = this.#create({
      id: notificationId(key),
      title: spec.title,
      body: spec.body,
      actions: spec.actions,
      silent: false,
    });
    notification.on('action', (details, legacyIndex) => {
      // `details.actionIndex` since Electron 42; the positional index is deprecated.
      const index = typeof details.actionIndex === 'number' ? details.actionIndex : legacyIndex;
      void spec
        .onAction?.(index)
        .catch((error: unknown) => this.#log(`notification action failed: ${String(error)}`));
    });
    notification.on('click', () => this.#open(key));
    notification.on('failed', (_event, error) => this.#failed(key, spec.kind, error));
    this.#live.set(key, notification);
    notification.show();
  }

  #failed(key: string, kind: PromptKind, error: string): void {
    this.#live.delete(key);
    // The welcome notification failing means none will show: every kind falls back.
    const kinds: PromptKind[] = key === 'welcome' ? ['pairing', 'permission', 'error'] : [kind];
    const fresh = kinds.filter((k) => !this.#fallbackKinds.has(k));
    for (const k of kinds) this.#fallbackKinds.add(k);
    if (fresh.length > 0)
      this.#log(
        `notifications failed (${error}); showing ${fresh.join(', ')} prompts in the menu-bar popover instead` +
          ' — an unsigned or ad-hoc signed build cannot post notifications',
      );
    if (key !== 'welcome') this.#fallback(kind, key);
  }

  #withdraw(key: string): void {
    const live = this.#live.get(key);
    this.#live.delete(key);
    live?.close();
    // Delivered notifications outlive their objects in Notification Center: remove by id too.
    this.#center.remove(notificationId(key));
  }
}
