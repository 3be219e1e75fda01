export { createLayoutAction } from './createLayout';
