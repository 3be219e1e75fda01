import { InputError } from '@backstage/errors';

const HTML_STARTS = ['<!doctype html', '<html'];
const LONGEST_HTML_START = Math.max(...HTML_STARTS.map(s => s.length));

/**
 * The text of a plan read as bytes, or an InputError that says why the bytes are not one:
 * cut short (fewer than `expectedBytes`, when the source said how many it has), empty,
 * binary (a NUL byte), not UTF-8, or an HTML page (a login or error page served with status
 * 200). A UTF-8 byte order mark is dropped. `what` names the source in the message.
 */
export function decodePlanText(
  bytes: Uint8Array,
  what: string,
  expectedBytes?: number,
): string {
  return decodeText(bytes, what, { expectedBytes, noun: 'a plan' });
}

/**
 * The text of a waiver file read as bytes, refused as {@link decodePlanText} refuses a
 * plan's, except that an empty file is text: a file without waivers.
 */
export function decodeWaiversText(
  bytes: Uint8Array,
  what: string,
  expectedBytes?: number,
): string {
  return decodeText(bytes, what, {
    expectedBytes,
    noun: 'a waiver file',
    allowEmpty: true,
  });
}

function decodeText(
  bytes: Uint8Array,
  what: string,
  options: { expectedBytes?: number; noun: string; allowEmpty?: boolean },
): string {
  const { expectedBytes, noun } = options;
  if (expectedBytes !== undefined && bytes.length < expectedBytes) {
    throw new InputError(
      `${what} ended early: ${bytes.length} of ${expectedBytes} bytes read`,
    );
  }
  if (bytes.length === 0) {
    if (options.allowEmpty) return '';
    throw new InputError(`${what} is empty`);
  }
  if (bytes.indexOf(0) !== -1) {
    throw new InputError(`${what} is binary, not ${noun}: it has a NUL byte`);
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new InputError(`${what} is not UTF-8 text`);
  }
  const start = text.trimStart().slice(0, LONGEST_HTML_START).toLowerCase();
  if (HTML_STARTS.some(prefix => start.startsWith(prefix))) {
    throw new InputError(`${what} is an HTML page, not ${noun}`);
  }
  return text;
}
