import { InputError } from '@backstage/errors';
import express, { RequestHandler } from 'express';

/**
 * Parses JSON bodies up to the plan size cap as JSON escapes it (and room around it), and
 * turns the parser's own errors into InputErrors that say what is wrong: the OpenAPI
 * router keeps only an error's message, so its status code (413 for a body that is too
 * large) would otherwise say nothing.
 */
export function jsonBody(options: { maxPlanBytes: number }): RequestHandler {
  const { maxPlanBytes } = options;
  // A plan within the cap may grow up to sixfold as a JSON string (a control character
  // is written `\u0000`); the router checks the decoded text against the cap itself.
  const parse = express.json({ limit: maxPlanBytes * 6 + 1024 });
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
