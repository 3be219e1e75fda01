import { Config } from '@backstage/config';
import {
  PLAN_NOTICE_KINDS,
  PlanNoticeKind,
  WAIVER_EXPIRING_DAYS,
} from '@dataplan/plugin-data-plan-common';
import { readWholeNumber } from '../readWholeNumber';

/** Days before a still-stuck plan is told of again, unless configured. */
export const DEFAULT_STUCK_REPEAT_DAYS = 7;

/** What `dataPlan.notifications` configures. */
export interface PlanNotificationsConfig {
  /** The kinds of notice sent; none when notifications are off. */
  kinds: ReadonlySet<PlanNoticeKind>;
  /** A waiver is told of this many days before it expires. */
  waiverWarningDays: number;
  /** A plan still stuck is told of again after this many days. */
  stuckRepeatDays: number;
}

/** Longest warning window and quiet interval: a year. */
const MAX_DAYS = 365;

/**
 * `dataPlan.notifications`, with the defaults for absent keys: off unless `enabled`, then
 * every kind unless `events` turns one off.
 */
export function readPlanNotificationsConfig(
  rootConfig: Config,
): PlanNotificationsConfig {
  const config = rootConfig.getOptionalConfig('dataPlan.notifications');
  const enabled = config?.getOptionalBoolean('enabled') ?? false;
  const events = config?.getOptionalConfig('events');
  for (const key of events?.keys() ?? []) {
    if (!(PLAN_NOTICE_KINDS as readonly string[]).includes(key)) {
      throw new Error(
        `Invalid config at dataPlan.notifications.events.${key}: not one of ${PLAN_NOTICE_KINDS.join(
          ', ',
        )}`,
      );
    }
  }
  return {
    kinds: new Set(
      enabled
        ? PLAN_NOTICE_KINDS.filter(
            kind => events?.getOptionalBoolean(kind) ?? true,
          )
        : [],
    ),
    waiverWarningDays: readWholeNumber(
      rootConfig,
      'dataPlan.notifications.waiverWarningDays',
      { fallback: WAIVER_EXPIRING_DAYS, min: 0, max: MAX_DAYS },
    ),
    stuckRepeatDays: readWholeNumber(
      rootConfig,
      'dataPlan.notifications.stuckRepeatDays',
      { fallback: DEFAULT_STUCK_REPEAT_DAYS, max: MAX_DAYS },
    ),
  };
}
