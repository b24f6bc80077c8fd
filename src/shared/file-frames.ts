/**
 * Files across the remote link (issue #18). A remote session's files live on its own machine and
 * the hub's on the hub's, so bytes travel over the bridge in chunks, each a frame well under the
 * 1 MiB frame limit: a `reply` uploads its files before the call (the call then names them as
 * `upload:<transfer>`), and downloads reach the helper before the answer or the delivery that
 * names them. Uploads advance one acknowledged chunk at a time, so neither side buffers more than
 * a few chunks. Sizes are those of local files (src/shared/tool-schemas.ts, 50 MB).
 */
import { z } from 'zod';

/** Raw bytes per chunk: base64 makes it ~350 KB, far below the bridge's frame limit. */
export const FILE_CHUNK_BYTES = 256 * 1024;
/** The largest file sent across the link in either direction, as for local files. */
export const MAX_LINK_FILE_BYTES = 50 * 1024 * 1024;
/** How a reply names a file it uploaded first. */
export const UPLOAD_PREFIX = 'upload:';

const transfer = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/);

/** One piece of a file; the first carries its name and size, the last says so. */
export const fileChunkFrame = z.object({
  type: z.literal('file_chunk'),
  transfer,
  offset: z.number().int().min(0).max(MAX_LINK_FILE_BYTES),
  data: z.string().max(Math.ceil(FILE_CHUNK_BYTES / 3) * 4),
  last: z.boolean(),
  name: z.string().min(1).max(255).optional(),
  size: z.number().int().min(0).max(MAX_LINK_FILE_BYTES).optional(),
});

/** The hub stored a chunk of an upload (or refused it: `error`, and the transfer is over). */
export const fileAckFrame = z.object({
  type: z.literal('file_ack'),
  transfer,
  offset: z.number().int().min(0),
  error: z.string().max(1000).optional(),
});

export type FileChunkFrame = z.infer<typeof fileChunkFrame>;
export type FileAckFrame = z.infer<typeof fileAckFrame>;

/** Meta keys of a delivery whose values are files: sent ahead, then named by the helper's path. */
export const deliveredFilesSchema = z.record(z.string().max(64), transfer).optional();
/** Transfers an answer names (a download): the helper answers with where it saved them. */
export const resultFilesSchema = z.array(transfer).max(100).optional();
