import { InputError } from '@backstage/errors';
import express, { RequestHandler } from 'express';

/**
 * Parses JSON bodies up to the plan size cap (and room for the JSON around the plan), and
 * turns the parser's own errors into InputErrors that say what is wrong: the OpenAPI
 * router keeps only an error's message, so its status code (413 for a body that is too
 * large) would otherwise say nothing.
 */
export function jsonBody(options: { maxPlanBytes: number }): RequestHandler {
  const { maxPlanBytes } = options;
  const parse = express.json({ limit: maxPlanBytes + 1024 });
  return (req, res, next) =>
    parse(req, res, (error?: unknown) => {
      if (!error) {
        next();
        return;
      }
      const type = (error as { type?: unknown }).type;
      if (type === 'entity.too.large') {
        next(
          new InputError(
            `text: the plan is larger than the ${maxPlanBytes}-byte limit`,
          ),
        );
      } else if (type === 'entity.parse.failed') {
        next(new InputError('body: not valid JSON'));
      } else {
        next(new InputError(`body: ${(error as Error).message}`));
      }
    });
}
