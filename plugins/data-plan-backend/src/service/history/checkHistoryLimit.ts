import { InputError } from '@backstage/errors';

/** Refuses a history limit that is not a positive integer. */
export function checkHistoryLimit(limit: number): void {
  if (!Number.isSafeInteger(limit) || limit < 1) {
    throw new InputError('limit: must be a positive integer');
  }
}
