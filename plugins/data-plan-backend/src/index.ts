/**
 * The Dataplan backend plugin.
 *
 * @packageDocumentation
 */

export { dataPlanPlugin as default } from './plugin';
