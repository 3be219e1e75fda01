export { EntityDataPlanCard } from './EntityDataPlanCard';
