export { PlanStatusChip, STATUS_LABELS } from './PlanStatusChip';
export { RiskMatrix, riskCountsFromMatrix } from './RiskMatrix';
export type { RiskCounts } from './RiskMatrix';
export { RefreshTime, formatRelativeTime } from './RefreshTime';
