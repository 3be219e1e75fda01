/**
 * The URL when it is http(s), else undefined: URLs come from catalog data, and anything
 * else (e.g. `javascript:`) must stay text rather than become a link.
 */
export function safeHttpUrl(url?: string): string | undefined {
  if (!url) return undefined;
  try {
    const { protocol } = new URL(url);
    return protocol === 'http:' || protocol === 'https:' ? url : undefined;
  } catch {
    return undefined;
  }
}
