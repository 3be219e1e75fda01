/**
 * Plan documents the test suites and the parse bench share.
 *
 * @packageDocumentation
 */
export { fixture } from './fixture';
export { HOSTILE_CASES, normalPlan } from './hostilePlans';
export type { HostileCase } from './hostilePlans';
