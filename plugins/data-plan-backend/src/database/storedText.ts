/**
 * Text as a column can hold it: PostgreSQL refuses NUL characters in text, so each becomes
 * U+FFFD; with `maxLength`, cut to that many UTF-16 code units (never more characters than
 * a varchar of that length counts), without splitting a surrogate pair.
 */
export function storedText(value: string, maxLength?: number): string;
export function storedText(
  value: string | undefined,
  maxLength?: number,
): string | undefined;
export function storedText(
  value: string | undefined,
  maxLength?: number,
): string | undefined {
  if (value === undefined) return undefined;
  let text = value.includes('\u0000')
    ? value.replaceAll('\u0000', '\uFFFD')
    : value;
  if (maxLength !== undefined && text.length > maxLength) {
    const last = text.charCodeAt(maxLength - 1);
    const end = last >= 0xd800 && last <= 0xdbff ? maxLength - 1 : maxLength;
    text = text.slice(0, end);
  }
  return text;
}
