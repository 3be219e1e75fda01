import { decodePlanText, decodeWaiversText } from './decodePlanText';

const decode = (bytes: Uint8Array) => decodePlanText(bytes, 'PLAN.md');

describe('decodePlanText', () => {
  it('decodes UTF-8 text, dropping a byte order mark', () => {
    expect(decode(Buffer.from('\uFEFF## Metadata\n| é | ✓ |\n'))).toBe(
      '## Metadata\n| é | ✓ |\n',
    );
  });

  it('refuses content shorter than its source said', () => {
    expect(() =>
      decodePlanText(Buffer.from('## Meta'), 'PLAN.md', 100),
    ).toThrow('PLAN.md ended early: 7 of 100 bytes read');
    expect(decodePlanText(Buffer.from('## Meta'), 'PLAN.md', 7)).toBe(
      '## Meta',
    );
  });

  it('refuses empty content', () => {
    expect(() => decode(Buffer.alloc(0))).toThrow('PLAN.md is empty');
  });

  it('refuses content with a NUL byte as binary', () => {
    expect(() => decode(Buffer.from('## Metadata\u0000'))).toThrow(
      'PLAN.md is binary, not a plan: it has a NUL byte',
    );
  });

  it('refuses bytes that are not UTF-8', () => {
    for (const bytes of [[0xe9], [0xc3], [0xed, 0xa0, 0x80], [0xff, 0xfe]]) {
      expect(() =>
        decode(
          Buffer.concat([Buffer.from('## Metadata '), Buffer.from(bytes)]),
        ),
      ).toThrow('PLAN.md is not UTF-8 text');
    }
  });

  it('refuses an HTML page, after whitespace and a byte order mark, in any case', () => {
    for (const page of [
      '<!doctype html><title>Sign in</title>',
      '\uFEFF \n\t<!DOCTYPE HTML>\n<html></html>',
      '<html lang="en"><body>404</body></html>',
      '  <HTML>',
    ]) {
      expect(() => decode(Buffer.from(page))).toThrow(
        'PLAN.md is an HTML page, not a plan',
      );
    }
  });

  it('keeps a plan that only mentions HTML', () => {
    const text = '## Metadata\n<html> in a plan is text\n';
    expect(decode(Buffer.from(text))).toBe(text);
    expect(decode(Buffer.from('<!doctype'))).toBe('<!doctype');
  });
});

describe('decodeWaiversText', () => {
  const what = '.dataplan/waivers.yaml';

  it('takes an empty file as text without waivers', () => {
    expect(decodeWaiversText(Buffer.alloc(0), what)).toBe('');
    expect(decodeWaiversText(Buffer.from('waivers: []\n'), what)).toBe(
      'waivers: []\n',
    );
  });

  it('refuses binary, non-UTF-8 and HTML content as no waiver file', () => {
    expect(() => decodeWaiversText(Buffer.from([0x61, 0, 0x62]), what)).toThrow(
      '.dataplan/waivers.yaml is binary, not a waiver file: it has a NUL byte',
    );
    expect(() =>
      decodeWaiversText(Buffer.from([0xff, 0xfe, 0x41]), what),
    ).toThrow('.dataplan/waivers.yaml is not UTF-8 text');
    expect(() =>
      decodeWaiversText(Buffer.from('<!DOCTYPE html><p>Sign in</p>'), what),
    ).toThrow('.dataplan/waivers.yaml is an HTML page, not a waiver file');
  });
});
