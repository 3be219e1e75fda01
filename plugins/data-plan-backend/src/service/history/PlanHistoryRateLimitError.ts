import { CustomErrorBase } from '@backstage/errors';

/**
 * A host refused a history read for its rate limit. Retrying before `retryAt` fails again,
 * so a caller waits until then rather than trying again in a loop.
 */
export class PlanHistoryRateLimitError extends CustomErrorBase {
  name = 'PlanHistoryRateLimitError' as const;

  constructor(
    message: string,
    /** When the host accepts requests again. */
    readonly retryAt: Date,
  ) {
    super(message);
  }
}
