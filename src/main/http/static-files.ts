/** Serves the built React app (dist/renderer) with a strict Content-Security-Policy. */
import { readFile } from 'node:fs/promises';
import type { ServerResponse } from 'node:http';
import { extname, join, normalize, sep } from 'node:path';
import { decodeSegment } from './respond';

const TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
};

export function securityHeaders(port: number): Record<string, string> {
  const ws = `ws://127.0.0.1:${port} ws://localhost:${port}`;
  return {
    'content-security-policy': `default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' blob: data:; connect-src 'self' ${ws}; frame-ancestors 'none'; base-uri 'none'; form-action 'none'; object-src 'none'`,
    'x-content-type-options': 'nosniff',
    'x-frame-options': 'DENY',
    'referrer-policy': 'no-referrer',
    'cross-origin-opener-policy': 'same-origin',
    'cross-origin-resource-policy': 'same-origin',
  };
}

export async function serveStatic(
  rootDir: string,
  urlPath: string,
  res: ServerResponse,
  port: number,
): Promise<boolean> {
  const relative =
    urlPath === '/' || urlPath === '' ? 'index.html' : decodeSegment(urlPath).replace(/^\/+/, '');
  const path = normalize(join(rootDir, relative));
  if (!path.startsWith(normalize(rootDir) + sep)) return false;
  let body: Buffer;
  try {
    body = await readFile(path);
  } catch {
    return false;
  }
  res.writeHead(200, {
    ...securityHeaders(port),
    'content-type': TYPES[extname(path)] ?? 'application/octet-stream',
    'cache-control': relative === 'index.html' ? 'no-cache' : 'public, max-age=3600',
  });
  res.end(body);
  return true;
}
