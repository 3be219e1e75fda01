/** Longer Link headers are not read: GitHub's hold a few URLs. */
const MAX_LINK_HEADER = 16 * 1024;

/**
 * The URL of a `Link` header's `rel="next"` entry, or undefined. Parsed by splitting on
 * fixed characters, so the cost is linear in the header.
 */
export function nextLink(header: string | null): string | undefined {
  if (!header || header.length > MAX_LINK_HEADER) return undefined;
  for (const entry of header.split(',')) {
    const open = entry.indexOf('<');
    const close = entry.indexOf('>', open + 1);
    if (open === -1 || close === -1 || entry.slice(0, open).trim() !== '') {
      continue;
    }
    const isNext = entry
      .slice(close + 1)
      .split(';')
      .some(param => {
        const [name, value] = param.split('=');
        return (
          name?.trim().toLowerCase() === 'rel' &&
          (value ?? '')
            .trim()
            .replace(/^"|"$/g, '')
            .toLowerCase()
            .split(' ')
            .includes('next')
        );
      });
    if (isNext) return entry.slice(open + 1, close);
  }
  return undefined;
}
