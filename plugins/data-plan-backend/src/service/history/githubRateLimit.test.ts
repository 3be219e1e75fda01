import { githubRateLimitRetryAt } from './githubRateLimit';

const NOW = new Date('2024-05-01T12:00:00Z');

function answer(status: number, headers: Record<string, string> = {}) {
  return { status, headers: new Headers(headers) };
}

describe('githubRateLimitRetryAt', () => {
  it('reads the reset time of an exhausted primary limit', () => {
    expect(
      githubRateLimitRetryAt(
        answer(403, {
          'x-ratelimit-remaining': '0',
          'x-ratelimit-reset': '1714568400',
        }),
        NOW,
      ),
    ).toEqual(new Date('2024-05-01T13:00:00Z'));
  });

  it('prefers retry-after, in seconds or as an HTTP date', () => {
    expect(
      githubRateLimitRetryAt(
        answer(429, { 'retry-after': '30', 'x-ratelimit-reset': '1714568400' }),
        NOW,
      ),
    ).toEqual(new Date('2024-05-01T12:00:30Z'));
    expect(
      githubRateLimitRetryAt(
        answer(403, { 'retry-after': 'Wed, 01 May 2024 12:05:00 GMT' }),
        NOW,
      ),
    ).toEqual(new Date('2024-05-01T12:05:00Z'));
  });

  it('waits a minute when a 429 says nothing of when', () => {
    expect(
      githubRateLimitRetryAt(answer(429, { 'retry-after': 'soon' }), NOW),
    ).toEqual(new Date('2024-05-01T12:01:00Z'));
  });

  it('gives undefined for answers that are no rate limit', () => {
    expect(githubRateLimitRetryAt(answer(403), NOW)).toBeUndefined();
    expect(
      githubRateLimitRetryAt(
        answer(403, { 'x-ratelimit-remaining': '12' }),
        NOW,
      ),
    ).toBeUndefined();
    expect(
      githubRateLimitRetryAt(answer(500, { 'retry-after': '5' }), NOW),
    ).toBeUndefined();
  });
});
