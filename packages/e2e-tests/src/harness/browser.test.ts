import { CHROMIUM_ARGS, chromiumExecutable } from './browser';

describe('chromiumExecutable', () => {
  it("prefers E2E_CHROMIUM, then Debian's chromium", () => {
    const present = new Set(['/opt/chrome', '/usr/bin/chromium']);
    const exists = (p: string) => present.has(p);
    expect(chromiumExecutable({ E2E_CHROMIUM: '/opt/chrome' }, exists)).toBe(
      '/opt/chrome',
    );
    expect(chromiumExecutable({}, exists)).toBe('/usr/bin/chromium');
  });

  it('says how to get a browser instead of downloading one', () => {
    expect(() => chromiumExecutable({}, () => false)).toThrow(
      /apt-get install chromium/,
    );
  });

  it('runs headless without reaching for the network', () => {
    expect(CHROMIUM_ARGS).toEqual(
      expect.arrayContaining(['--headless', '--disable-background-networking']),
    );
  });
});
