/**
 * Native notifications for what needs the owner: a new person (Approve / Deny), a permission
 * prompt (Allow / Deny) — answered through the same UI contract as the popover, and withdrawn when
 * settled anywhere else — and platform errors.
 */
import type { UiHost } from '../ui/ui-host';
import { permissionKey, type AttentionChange } from '../ui/attention';
import type { NotificationLike, ShellDeps } from './electron-types';

export class Notifier {
  readonly #create: ShellDeps['createNotification'];
  readonly #ui: Pick<UiHost, 'decidePairing' | 'decidePermission'>;
  readonly #open: () => void;
  readonly #live = new Map<string, NotificationLike>();
  readonly #log: (message: string) => void;

  constructor(deps: {
    createNotification: ShellDeps['createNotification'];
    ui: Pick<UiHost, 'decidePairing' | 'decidePermission'>;
    open: () => void;
    log: (message: string) => void;
  }) {
    this.#create = deps.createNotification;
    this.#ui = deps.ui;
    this.#open = deps.open;
    this.#log = deps.log;
  }

  apply(change: AttentionChange): void {
    switch (change.kind) {
      case 'pairing': {
        const p = change.pairing;
        this.#show(`pairing:${p.code}`, {
          title: `${p.name || p.sender} wants to talk to Claude`,
          body: `${p.platform}: “${p.preview}” — code ${p.code}`,
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
          title: `${change.platform}: needs attention`,
          body: change.detail,
          actions: [],
        });
        return;
    }
  }

  #show(
    key: string,
    spec: {
      title: string;
      body: string;
      actions: Array<{ type: 'button'; text: string }>;
      onAction?: (index: number) => Promise<unknown>;
    },
  ): void {
    this.#withdraw(key);
    const notification = this.#create({
      title: spec.title,
      body: spec.body,
      actions: spec.actions,
      silent: false,
    });
    notification.on('action', (_event, index) => {
      void spec
        .onAction?.(index)
        .catch((error: unknown) => this.#log(`notification action failed: ${String(error)}`));
    });
    notification.on('click', () => this.#open());
    this.#live.set(key, notification);
    notification.show();
  }

  #withdraw(key: string): void {
    this.#live.get(key)?.close();
    this.#live.delete(key);
  }
}
