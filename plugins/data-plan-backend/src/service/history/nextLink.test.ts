import { nextLink } from './nextLink';

describe('nextLink', () => {
  it('finds the rel="next" URL of GitHub\'s Link header', () => {
    expect(
      nextLink(
        '<https://api.github.com/repositories/1/commits?page=1>; rel="prev", <https://api.github.com/repositories/1/commits?page=3>; rel="next", <https://api.github.com/repositories/1/commits?page=9>; rel="last"',
      ),
    ).toBe('https://api.github.com/repositories/1/commits?page=3');
  });

  it('accepts unquoted and multi-valued rel parameters', () => {
    expect(nextLink('<https://a.test/2>; rel=next')).toBe('https://a.test/2');
    expect(nextLink('<https://a.test/2>; title="x"; rel="last next"')).toBe(
      'https://a.test/2',
    );
  });

  it('gives undefined without a next entry, for a missing or malformed header', () => {
    expect(nextLink(null)).toBeUndefined();
    expect(nextLink('<https://a.test/1>; rel="prev"')).toBeUndefined();
    expect(nextLink('https://a.test/2; rel="next"')).toBeUndefined();
    expect(nextLink('<https://a.test/2; rel="next"')).toBeUndefined();
  });

  it('reads a long hostile header in linear time and refuses an oversized one', () => {
    expect(nextLink('<'.repeat(10_000))).toBeUndefined();
    expect(
      nextLink(`<https://a.test/2>; rel="next"${' '.repeat(20_000)}`),
    ).toBeUndefined();
  });
});
