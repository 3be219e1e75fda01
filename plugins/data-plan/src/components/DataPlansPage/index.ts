export { DataPlansPage } from './DataPlansPage';
export { DataPlansContent } from './DataPlansContent';
