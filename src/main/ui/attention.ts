/**
 * What needs the owner, derived from the hub's state: the tray's look (idle / attention / error)
 * and the notifications to raise or withdraw. Pure, so the rules are tested without Electron.
 */
import type { PlatformView } from '../../shared/ui-api';
import type { WebPairing, WebPermission } from '../../shared/webchat-api';

export type TrayLook = 'idle' | 'attention' | 'error';

export type AttentionSnapshot = {
  pairings: WebPairing[];
  permissions: WebPermission[];
  platforms: PlatformView[];
};

export type AttentionChange =
  | { kind: 'pairing'; pairing: WebPairing }
  | { kind: 'permission'; permission: WebPermission }
  | { kind: 'permission-settled'; key: string }
  | { kind: 'pairing-settled'; code: string }
  | { kind: 'platform-error'; platform: string; detail: string };

export function permissionKey(p: { session: string; request_id: string }): string {
  return `${p.session}:${p.request_id}`;
}

export function trayLook(snapshot: AttentionSnapshot): TrayLook {
  if (snapshot.pairings.length > 0 || snapshot.permissions.length > 0) return 'attention';
  return snapshot.platforms.some((p) => p.state === 'error') ? 'error' : 'idle';
}

/** What changed between two snapshots that a person should be told about (or no longer). */
export function attentionChanges(
  before: AttentionSnapshot,
  after: AttentionSnapshot,
): AttentionChange[] {
  const changes: AttentionChange[] = [];
  const oldCodes = new Set(before.pairings.map((p) => p.code));
  const newCodes = new Set(after.pairings.map((p) => p.code));
  for (const pairing of after.pairings)
    if (!oldCodes.has(pairing.code)) changes.push({ kind: 'pairing', pairing });
  for (const code of oldCodes)
    if (!newCodes.has(code)) changes.push({ kind: 'pairing-settled', code });
  const oldKeys = new Set(before.permissions.map(permissionKey));
  const newKeys = new Set(after.permissions.map(permissionKey));
  for (const permission of after.permissions)
    if (!oldKeys.has(permissionKey(permission))) changes.push({ kind: 'permission', permission });
  for (const key of oldKeys)
    if (!newKeys.has(key)) changes.push({ kind: 'permission-settled', key });
  const oldErrors = new Map(
    before.platforms.filter((p) => p.state === 'error').map((p) => [p.platform, p.detail]),
  );
  for (const p of after.platforms) {
    if (p.state === 'error' && oldErrors.get(p.platform) !== p.detail)
      changes.push({ kind: 'platform-error', platform: p.platform, detail: p.detail });
  }
  return changes;
}
