import { parseGithubFileUrl } from './githubFileUrl';

describe('parseGithubFileUrl', () => {
  it('reads owner, repository, ref and path from a blob or tree URL', () => {
    expect(
      parseGithubFileUrl(
        'https://github.com/acme/orders/blob/main/docs/PLAN.md',
      ),
    ).toEqual({
      owner: 'acme',
      repo: 'orders',
      ref: 'main',
      path: 'docs/PLAN.md',
    });
    expect(
      parseGithubFileUrl(
        'https://ghe.example.com/acme/orders/tree/v1.2/PLAN%20v2.md',
      ),
    ).toEqual({
      owner: 'acme',
      repo: 'orders',
      ref: 'v1.2',
      path: 'PLAN v2.md',
    });
  });

  it.each([
    'https://github.com/acme/orders',
    'https://github.com/acme/orders/blob/main',
    'https://github.com/acme/orders/commits/main/PLAN.md',
    'https://github.com/acme/orders/blob/main/a%2Fb.md',
    'https://github.com/acme/orders/blob/main/%2e%2e/PLAN.md',
    'https://github.com/acme/orders/blob/main/a//PLAN.md',
    'https://github.com/acme/orders/blob/main/%E0%A4%A.md',
    'ftp://github.com/acme/orders/blob/main/PLAN.md',
    'not a url',
  ])('refuses %s', url => {
    expect(parseGithubFileUrl(url)).toBeUndefined();
  });
});
