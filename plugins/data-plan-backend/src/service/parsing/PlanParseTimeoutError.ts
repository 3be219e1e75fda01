import { InputError } from '@backstage/errors';

/** The id that names a plan whose parse ran out of its time budget. */
export const PARSE_TIMEOUT = 'parse-timeout';

/**
 * A plan whose parse and evaluation took longer than the time budget. An input error:
 * the document, not the server, is at fault, so POST /lint answers 400 and a refresh
 * records it on the project like any other bad read.
 */
export class PlanParseTimeoutError extends InputError {
  constructor(timeoutMs: number) {
    super(
      `${PARSE_TIMEOUT}: Parsing the plan took longer than ${timeoutMs} ms`,
    );
  }
}
