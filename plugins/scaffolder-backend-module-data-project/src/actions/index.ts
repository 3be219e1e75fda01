export { createLayoutAction } from './createLayout';
export { createWritePlanAction } from './writePlan';
export { createGenerateObjectsAction } from './generateObjects';
export { createPublishLocalAction } from './publishLocal';
