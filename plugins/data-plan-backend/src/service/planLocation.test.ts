import {
  isUrlAllowed,
  isUrlInsideFolder,
  planPathProblem,
} from './planLocation';

describe('planPathProblem', () => {
  it('accepts plain paths, with spaces, non-ASCII and ordinary escapes', () => {
    for (const path of [
      'PLAN.md',
      'docs/PLAN v2.md',
      'plän/PLAN.md',
      'a%20b.md',
      'pl%C3%A4n/PLAN.md',
      'docs/../PLAN.md',
    ]) {
      expect(planPathProblem(path)).toBeUndefined();
    }
  });

  it.each([
    ['%2e%2e/x', /percent-encoded/],
    ['%2E./x', /percent-encoded/],
    ['a%2Fb', /percent-encoded/],
    ['a%5cb', /percent-encoded/],
    ['%252e%252e/x', /percent-encoded/],
    ['a%00b', /percent-encoded/],
    ['a%7Fb', /percent-encoded/],
    ['PLAN.md%3Fref=other', /percent-encoded/],
    ['PLAN.md%23x', /percent-encoded/],
    ['100%.md', /percent-encoded/],
    ['%C0%AE%C0%AE/x', /not UTF-8/],
    ['..\\x', /'\\'/],
    ['a\u0000b', /control character/],
    ['a\nb', /control character/],
  ])('refuses %j', (path, problem) => {
    expect(planPathProblem(path)).toMatch(problem);
  });
});

describe('isUrlInsideFolder', () => {
  const folder = 'https://github.com/acme/orders/tree/main/data/orders/';

  it('holds for files below the folder only', () => {
    expect(isUrlInsideFolder(`${folder}PLAN.md`, folder)).toBe(true);
    expect(isUrlInsideFolder(`${folder}docs/PLAN.md`, folder)).toBe(true);
    for (const url of [
      folder,
      `${folder}%2e%2e/x/PLAN.md`,
      `${folder}..%2fx`,
      `${folder}a//PLAN.md`,
      `${folder}PLAN.md#x`,
      `${folder}PLAN.md?ref=other`,
      'https://github.com/acme/orders/tree/main/data/orders-evil/PLAN.md',
      'https://user@github.com/acme/orders/tree/main/data/orders/PLAN.md',
      'http://github.com/acme/orders/tree/main/data/orders/PLAN.md',
      'file:///acme/orders/tree/main/data/orders/PLAN.md',
      'not a url',
    ]) {
      expect(isUrlInsideFolder(url, folder)).toBe(false);
    }
  });

  it('compares the ?path= of Azure DevOps URLs, keeping the repository and version', () => {
    const azure =
      'https://dev.azure.com/org/proj/_git/repo?path=%2Fdata%2Fx%2F&version=GBmain';
    const file = (path: string, version = 'GBmain', repo = 'repo') =>
      `https://dev.azure.com/org/proj/_git/${repo}?path=${encodeURIComponent(
        path,
      )}&version=${version}`;
    expect(isUrlInsideFolder(file('/data/x/PLAN.md'), azure)).toBe(true);
    expect(isUrlInsideFolder(file('/data/y/PLAN.md'), azure)).toBe(false);
    expect(isUrlInsideFolder(file('/data/x/../y/PLAN.md'), azure)).toBe(false);
    expect(isUrlInsideFolder(file('/data/x/PLAN.md', 'GBother'), azure)).toBe(
      false,
    );
    expect(
      isUrlInsideFolder(file('/data/x/PLAN.md', 'GBmain', 'other'), azure),
    ).toBe(false);
  });
});

describe('isUrlAllowed', () => {
  const allowed = [{ host: 'github.com', pathPrefix: '/acme/shared/' }];

  it('holds on the host below the prefix only', () => {
    expect(
      isUrlAllowed('https://github.com/acme/shared/tree/main/PLAN.md', allowed),
    ).toBe(true);
    for (const url of [
      'https://github.com/acme/shared',
      'https://github.com/acme/shared/',
      'https://github.com/acme/shared-x/tree/main/PLAN.md',
      'https://github.com/acme/shared/tree/main/%2e%2e%2fx',
      'https://github.com/acme/shared/tree/main/PLAN.md#x',
      'https://a:b@github.com/acme/shared/tree/main/PLAN.md',
      'https://github.com.evil.example/acme/shared/tree/main/PLAN.md',
      'http://github.com/acme/shared/tree/main/PLAN.md',
    ]) {
      expect(isUrlAllowed(url, allowed)).toBe(false);
    }
    expect(
      isUrlAllowed('https://github.com/acme/shared/tree/main/PLAN.md', []),
    ).toBe(false);
  });

  it('holds for a file named in ?path= below an allowed repository, with a plain path', () => {
    const azure = [
      { host: 'dev.azure.com', pathPrefix: '/acme/data/_git/plans/' },
    ];
    const repo = 'https://dev.azure.com/acme/data/_git/plans';
    expect(isUrlAllowed(`${repo}?path=/orders/PLAN.md`, azure)).toBe(true);
    for (const url of [
      `${repo}?path=/orders/../../PLAN.md`,
      `${repo}?path=/orders/%2e%2e/PLAN.md`,
      `${repo}?path=orders/PLAN.md`,
      `${repo}?path=/`,
      'https://dev.azure.com/acme/data/_git/other?path=/PLAN.md',
      'https://dev.azure.com/acme/data/_git/plans-x?path=/PLAN.md',
    ]) {
      expect(isUrlAllowed(url, azure)).toBe(false);
    }
  });
});
