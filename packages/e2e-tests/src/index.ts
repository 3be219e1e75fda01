/**
 * Harness for end-to-end journeys: start and stop the local portal, drive Debian's
 * Chromium through playwright-core, sign in as guest, save screenshots.
 *
 * @packageDocumentation
 */

export * from './harness';
