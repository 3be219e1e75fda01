export { PlanStatusChip } from './PlanStatusChip';
export { RiskMatrix, riskCountsFromMatrix } from './RiskMatrix';
export type { RiskCounts } from './RiskMatrix';
export { RefreshTime, formatRelativeTime } from './RefreshTime';
