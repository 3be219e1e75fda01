import { Theme } from '@material-ui/core/styles';
import { PlanStatus } from '@dataplan/plugin-data-plan-common';

/** A plan status, or `UNKNOWN` for a project whose plan states none (as counts key it). */
export type PlanStatusKey = PlanStatus | 'UNKNOWN';

/**
 * The colour of each status, from the theme: the status chip's outline and the trend
 * chart's areas use the same one, so that a status looks the same everywhere.
 */
export function planStatusColors(theme: Theme): Record<PlanStatusKey, string> {
  return {
    DRAFT: theme.palette.text.secondary,
    REVIEW: theme.palette.info.main,
    APPROVED: theme.palette.primary.main,
    IN_PROGRESS: theme.palette.warning.main,
    COMPLETE: theme.palette.success.main,
    UNKNOWN: theme.palette.grey[400],
  };
}
