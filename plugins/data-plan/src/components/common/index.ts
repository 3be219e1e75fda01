export { PlanStatusChip } from './PlanStatusChip';
export { RiskMatrix } from './RiskMatrix';
export { RefreshTime, formatRelativeTime } from './RefreshTime';
