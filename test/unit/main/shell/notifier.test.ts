import { describe, expect, it } from 'vitest';
import { Notifier, notificationId, type PromptKind } from '../../../../src/main/shell/notifier';
import type { UiHost } from '../../../../src/main/ui/ui-host';
import { fakeShell } from '../../../fakes/fake-electron';

function setup() {
  const shell = fakeShell();
  const calls: Array<[string, unknown[]]> = [];
  const ui = {
    decidePairing: (...args: unknown[]) => (
      calls.push(['decidePairing', args]),
      Promise.resolve({ ok: true })
    ),
    decidePermission: (...args: unknown[]) => (
      calls.push(['decidePermission', args]),
      Promise.resolve({ ok: true })
    ),
  } as unknown as UiHost;
  const opened: string[] = [];
  const fallbacks: Array<[PromptKind, string]> = [];
  const logs: string[] = [];
  const notifier = new Notifier({
    createNotification: shell.deps.createNotification,
    notifications: shell.deps.notifications,
    ui,
    open: (key) => opened.push(key),
    fallback: (kind, key) => fallbacks.push([kind, key]),
    log: (m) => logs.push(m),
  });
  return { notifier, shell, calls, opened, fallbacks, logs };
}

const permission = {
  request_id: 'abcde',
  session: 'work',
  tool_name: 'Bash',
  description: 'Run tests',
  input_preview: '{"command":"npm test"}',
  createdAt: 0,
};
const pairing = {
  code: 'ACD234',
  platform: 'telegram',
  sender: '7',
  name: 'Ann',
  preview: 'hello',
  expiresAt: 0,
};

describe('notifications', () => {
  it('asks about a permission prompt with Allow / Deny, under an id, and the answer reaches the broker', async () => {
    const { notifier, calls, shell } = setup();
    notifier.apply({ kind: 'permission', permission });
    const shown = shell.notifications[0];
    expect(shown?.shown).toBe(true);
    expect(shown?.options).toMatchObject({
      id: 'dev.switchboard.permission-work-abcde',
      title: 'Claude (work) wants to use Bash',
    });
    expect(shown?.options.actions?.map((a) => a.text)).toEqual(['Allow', 'Deny']);
    shown?.press(0);
    await Promise.resolve();
    expect(calls).toEqual([['decidePermission', ['abcde', 'allow']]]);
  });

  it('reads the pressed button from details.actionIndex', async () => {
    const { notifier, calls, shell } = setup();
    notifier.apply({ kind: 'pairing', pairing });
    expect(shell.notifications[0]?.options.actions?.map((a) => a.text)).toEqual([
      'Approve',
      'Deny',
    ]);
    // Only the details object carries the index (the positional one is deprecated).
    shell.notifications[0]?.emit('action', { actionIndex: 1 });
    await Promise.resolve();
    expect(calls).toEqual([['decidePairing', ['ACD234', 'deny']]]);
  });

  it("says when approving makes the platform's first person its owner, and leaves the role to the hub", async () => {
    const { notifier, calls, shell } = setup();
    notifier.apply({ kind: 'pairing', pairing });
    notifier.apply({
      kind: 'pairing',
      pairing: { ...pairing, code: 'ACD235', becomesOwner: true },
    });
    expect(shell.notifications[0]?.options.body).not.toContain('owner');
    expect(shell.notifications[1]?.options.body).toContain(
      'approving makes them the owner (the first person on telegram)',
    );
    shell.notifications[1]?.press(0);
    await Promise.resolve();
    // No owner option: the hub decides at approval time, so a second person approved meanwhile
    // turns this one into a member rather than a second owner.
    expect(calls).toEqual([['decidePairing', ['ACD235', 'approve']]]);
  });

  it('withdraws a notification settled elsewhere by id, and opens the popover at the prompt on click', () => {
    const { notifier, shell, opened } = setup();
    notifier.apply({ kind: 'permission', permission });
    notifier.apply({ kind: 'pairing', pairing });
    shell.removed.length = 0;
    notifier.apply({ kind: 'permission-settled', key: 'work:abcde' });
    expect(shell.notifications.map((n) => n.closed)).toEqual([true, false]);
    expect(shell.removed).toEqual([notificationId('permission:work:abcde')]);
    shell.notifications[1]?.emit('click');
    expect(opened).toEqual(['pairing:ACD234']);
  });

  it('clears notifications left from an earlier run', () => {
    const { notifier, shell } = setup();
    notifier.clearStale();
    expect(shell.removed).toEqual(['ALL']);
  });

  it('shows a prompt whose notification failed in the popover, and sends that kind there from then on', () => {
    const { notifier, shell, fallbacks, logs } = setup();
    notifier.apply({ kind: 'permission', permission });
    shell.notifications[0]?.fail();
    expect(fallbacks).toEqual([['permission', 'permission:work:abcde']]);
    expect(logs[0]).toContain(
      'notifications failed (Notifications are not allowed for this application); showing permission prompts in the menu-bar popover instead',
    );
    expect(notifier.usesFallback('permission')).toBe(true);
    notifier.apply({ kind: 'permission', permission: { ...permission, request_id: 'fghij' } });
    expect(shell.notifications).toHaveLength(1);
    expect(fallbacks.at(-1)).toEqual(['permission', 'permission:work:fghij']);
    // Another kind still tries a notification.
    notifier.apply({ kind: 'pairing', pairing });
    expect(shell.notifications).toHaveLength(2);
  });

  it('asks for permission with a welcome notification, and when that fails every kind falls back', () => {
    const { notifier, shell, fallbacks } = setup();
    notifier.introduce();
    expect(shell.notifications[0]?.options).toMatchObject({
      id: 'dev.switchboard.welcome',
      title: 'Switchboard is in your menu bar',
    });
    shell.notifications[0]?.fail('Notifications are not allowed for this application');
    expect(fallbacks).toEqual([]);
    notifier.apply({ kind: 'pairing', pairing });
    notifier.apply({ kind: 'permission', permission });
    expect(shell.notifications).toHaveLength(1);
    expect(fallbacks).toEqual([
      ['pairing', 'pairing:ACD234'],
      ['permission', 'permission:work:abcde'],
    ]);
  });

  it('withdraws everything it showed when the app quits', () => {
    const { notifier, shell } = setup();
    notifier.apply({ kind: 'permission', permission });
    notifier.apply({ kind: 'pairing', pairing });
    notifier.withdrawAll();
    expect(shell.notifications.every((n) => n.closed)).toBe(true);
  });
});
