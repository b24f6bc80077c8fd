import type { IncomingMessage } from 'node:http';
import { Readable } from 'node:stream';

/** Parses a multipart request body with the platform's own parser: text fields and file names. */
export async function readMultipart(req: IncomingMessage): Promise<{
  fields: Map<string, string>;
  files: Array<{ field: string; name: string; size: number }>;
}> {
  const init: RequestInit & { duplex: 'half' } = {
    method: 'POST',
    headers: { 'content-type': req.headers['content-type'] ?? '' },
    body: Readable.toWeb(req) as ReadableStream,
    duplex: 'half',
  };
  // eslint-disable-next-line @typescript-eslint/no-deprecated -- a test fake may use the built-in parser
  const form = await new Request('http://fake', init).formData();
  const fields = new Map<string, string>();
  const files: Array<{ field: string; name: string; size: number }> = [];
  for (const [key, value] of form.entries()) {
    if (typeof value === 'string') fields.set(key, value);
    else files.push({ field: key, name: value.name, size: value.size });
  }
  return { fields, files };
}
