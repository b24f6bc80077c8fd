/** iMessage identities: phone numbers in E.164 form, emails in lower case; chat ids from GUIDs. */
export const IMESSAGE_PREFIX = 'im:';

export function normalizeHandle(raw: string): string {
  const value = raw.trim().replace(/^(mailto:|tel:)/i, '');
  if (value.includes('@')) return value.toLowerCase();
  const digits = value.replace(/[^\d+]/g, '');
  if (digits.startsWith('+')) return `+${digits.slice(1).replace(/\+/g, '')}`;
  if (digits.startsWith('00')) return `+${digits.slice(2)}`;
  // Without a country code, 10 digits are read as a North American number (the common case).
  if (digits.length === 10) return `+1${digits}`;
  if (digits.length === 11 && digits.startsWith('1')) return `+${digits}`;
  return digits === '' ? value.toLowerCase() : digits;
}

export function chatIdOf(guid: string): string {
  return `${IMESSAGE_PREFIX}${guid}`;
}

export function guidOf(chatId: string): string {
  if (!chatId.startsWith(IMESSAGE_PREFIX)) throw new Error(`not an iMessage chat id: ${chatId}`);
  return chatId.slice(IMESSAGE_PREFIX.length);
}

/** The handle a one-to-one chat GUID names (`iMessage;-;+1555…` → `+1555…`), for the buddy fallback. */
export function buddyOf(guid: string): string | undefined {
  const parts = guid.split(';');
  return parts.length === 3 && parts[1] === '-' ? parts[2] : undefined;
}

/** `message.account` of sent rows names the owner: `e:me@icloud.com`, `p:+15551234567`. */
export function accountHandle(account: string | null): string | undefined {
  if (!account) return undefined;
  const match = /^[ep]:(.+)$/i.exec(account);
  return match?.[1] ? normalizeHandle(match[1]) : undefined;
}
