const DIGITS = /^\d{1,12}$/;
/** When a limited answer says nothing of when to retry. */
const DEFAULT_WAIT_MS = 60_000;

/**
 * When GitHub accepts requests again after refusing one for a rate limit, or undefined if
 * the answer is not a rate limit: 429, or 403 with no requests remaining (the primary
 * limit) or with a `retry-after` (a secondary limit). The time is `retry-after` (seconds
 * or an HTTP date), else `x-ratelimit-reset` (epoch seconds), else a minute from `now`.
 */
export function githubRateLimitRetryAt(
  response: Pick<Response, 'status' | 'headers'>,
  now: Date,
): Date | undefined {
  const { status, headers } = response;
  const retryAfter = headers.get('retry-after')?.trim();
  const remaining = headers.get('x-ratelimit-remaining')?.trim();
  if (
    status !== 429 &&
    !(status === 403 && (remaining === '0' || retryAfter !== undefined))
  ) {
    return undefined;
  }
  if (retryAfter !== undefined) {
    if (DIGITS.test(retryAfter)) {
      return new Date(now.getTime() + Number(retryAfter) * 1000);
    }
    const date = Date.parse(retryAfter);
    if (!Number.isNaN(date)) return new Date(date);
  }
  const reset = headers.get('x-ratelimit-reset')?.trim();
  if (reset !== undefined && DIGITS.test(reset)) {
    return new Date(Number(reset) * 1000);
  }
  return new Date(now.getTime() + DEFAULT_WAIT_MS);
}
