/**
 * Small helpers every route uses: JSON answers (never cached, never sniffed, never readable by
 * another origin), errors as `{ error }`, bounded JSON bodies, and URL segments decoded safely.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';

/** An expected failure with the status and message the client should see. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/**
 * Headers on every API answer: a page on another port of 127.0.0.1 is same-site, so it could
 * otherwise embed answers (`<img>`, `<script>`) with the browser's credentials attached.
 */
export const API_HEADERS: Readonly<Record<string, string>> = {
  'cache-control': 'no-store',
  'x-content-type-options': 'nosniff',
  'cross-origin-resource-policy': 'same-origin',
};

export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    ...API_HEADERS,
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
  });
  res.end(text);
}

export function sendError(res: ServerResponse, status: number, message: string): void {
  sendJson(res, status, { error: message });
}

/** Decodes one percent-encoded URL segment; malformed encoding is the client's error (400). */
export function decodeSegment(raw: string | undefined): string {
  try {
    return decodeURIComponent(raw ?? '');
  } catch {
    throw new HttpError(400, 'malformed percent-encoding in the URL');
  }
}

/** Reads a JSON body of at most `limit` bytes; oversized or malformed bodies are HttpErrors. */
export async function readJson(req: IncomingMessage, limit: number): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limit) throw new HttpError(413, `request body larger than ${limit} bytes`);
    chunks.push(chunk);
  }
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown;
  } catch {
    throw new HttpError(400, 'request body is not valid JSON');
  }
}
