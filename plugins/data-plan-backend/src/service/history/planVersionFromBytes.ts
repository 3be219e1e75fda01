import { isError } from '@backstage/errors';
import { decodePlanText } from '../decodePlanText';
import { PlanVersion, SkippedPlanVersion } from './PlanHistoryReader';

/**
 * The plan version a commit's content gives, or why it gives none: larger than
 * `maxPlanBytes` (the limit every plan read has) or not a plan's text.
 */
export function planVersionFromBytes(options: {
  commit: string;
  committedAt: string;
  author?: string;
  bytes: Uint8Array;
  maxPlanBytes: number;
  /** Names the content in reasons, e.g. the plan's path. */
  what: string;
}): { version: PlanVersion } | { skipped: SkippedPlanVersion } {
  const { commit, committedAt, author, bytes, maxPlanBytes, what } = options;
  if (bytes.length > maxPlanBytes) {
    return {
      skipped: {
        commit,
        committedAt,
        reason: `${what} is larger than the ${maxPlanBytes}-byte limit for a plan`,
      },
    };
  }
  try {
    return {
      version: {
        commit,
        committedAt,
        ...(author ? { author } : {}),
        text: decodePlanText(bytes, what),
      },
    };
  } catch (error) {
    if (!isError(error) || error.name !== 'InputError') throw error;
    return { skipped: { commit, committedAt, reason: error.message } };
  }
}
