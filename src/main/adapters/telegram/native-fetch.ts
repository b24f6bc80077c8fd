/**
 * grammy on Node's own fetch. Its default, node-fetch 2, calls deprecated Node APIs (url.parse,
 * punycode); passing `globalThis.fetch` as-is hangs, because grammy hands fetch the AbortSignal of
 * an old polyfill, which undici cannot follow. This adapter bridges that signal to a native one,
 * drops node-fetch's `agent`, and allows streamed (multipart) bodies.
 */
type PolyfillSignal = {
  aborted: boolean;
  addEventListener: (type: 'abort', listener: () => void, options?: { once: boolean }) => void;
};

export function nativeFetch(
  url: string | URL | Request,
  init: RequestInit & { agent?: unknown } = {},
): Promise<Response> {
  const { agent: _agent, ...rest } = init;
  // At run time grammy's signal is the polyfill's, whatever the static type says.
  const signal = init.signal as unknown as PolyfillSignal | null | undefined;
  const controller = new AbortController();
  if (signal) {
    if (signal.aborted) controller.abort();
    else signal.addEventListener('abort', () => controller.abort(), { once: true });
  }
  const options: RequestInit & { duplex: 'half' } = {
    ...rest,
    signal: controller.signal,
    duplex: 'half',
  };
  return globalThis.fetch(url, options);
}
