/**
 * Local copies made while a message is prepared (Telegram photos, iMessage files): a copy that
 * fails never costs the message. The attachment is kept without a path and marked unavailable,
 * Claude is told in meta and can retry with `download_attachment`. A full disk is different: it
 * propagates, so the hub pauses intake and prepares the message again once there is space.
 */
import type { Attachment } from '../store/messages';
import { isDiskFull } from './download';

/** Copies one attachment with `fetch`, or marks it unavailable with the reason. */
export async function localCopyOrMark(
  attachment: Attachment,
  fetch: (attachment: Attachment) => Promise<string>,
): Promise<Attachment> {
  try {
    const { unavailable: _previous, ...rest } = attachment;
    return { ...rest, path: await fetch(attachment) };
  } catch (error) {
    if (isDiskFull(error)) throw error;
    const { path: _path, ...rest } = attachment;
    return { ...rest, unavailable: error instanceof Error ? error.message : String(error) };
  }
}

/** Meta telling Claude which files could not be fetched, and what to do about it. */
export function unavailableMeta(attachments: readonly Attachment[]): Record<string, string> {
  const missing = attachments.filter((a) => a.unavailable !== undefined);
  if (missing.length === 0) return {};
  const list = missing.map((a) => `${a.name} (${a.unavailable ?? ''})`).join('; ');
  return { attachment_unavailable: `${list}; retry with download_attachment` };
}
