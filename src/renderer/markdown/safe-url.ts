/**
 * Which URLs Claude's Markdown may carry. Only absolute http(s) and mailto links survive, parsed
 * with the URL parser (so `JaVaScRiPt:`, entity tricks and stray whitespace get no second chance).
 * Everything else — relative paths into the hub, in-page anchors (footnote ids repeat across
 * messages, so they would jump to the wrong one) — is dropped and its text shown plain.
 */
const LINK_PROTOCOLS = new Set(['http:', 'https:', 'mailto:']);

/** The URL when a link may point there, else undefined. */
export function safeLinkUrl(raw: string): string | undefined {
  const value = raw.trim();
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return undefined;
  }
  if (!LINK_PROTOCOLS.has(url.protocol)) return undefined;
  if (url.protocol !== 'mailto:' && url.hostname === '') return undefined;
  return url.href;
}

/** Remote images are never loaded into the page: only an http(s) source can be opened on click. */
export function safeImageUrl(raw: string): string | undefined {
  const url = safeLinkUrl(raw);
  return url?.startsWith('http') ? url : undefined;
}

/** The host a link really goes to, for showing beside link text that names another place. */
export function linkHost(href: string): string {
  try {
    const url = new URL(href);
    return url.protocol === 'mailto:' ? url.pathname : url.host;
  } catch {
    return '';
  }
}

/**
 * Whether link text looks like an address that is not where the link goes — the Markdown trick
 * `[https://bank.example](https://evil.example)`.
 */
export function textMisleads(text: string, href: string): boolean {
  const looksLikeHost = /^(https?:\/\/)?([\w-]+\.)+[a-z]{2,}(\/\S*)?$/i.exec(text.trim());
  if (!looksLikeHost) return false;
  const named = linkHost(
    /^https?:\/\//i.test(text.trim()) ? text.trim() : `https://${text.trim()}`,
  );
  const real = linkHost(href);
  return named.toLowerCase().replace(/^www\./, '') !== real.toLowerCase().replace(/^www\./, '');
}
