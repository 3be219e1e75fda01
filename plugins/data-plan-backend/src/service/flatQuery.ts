import { InputError } from '@backstage/errors';
import { RequestHandler } from 'express';

/**
 * Refuses a query parameter given as an object (`status[a]=b`, `owner[__proto__]=x`): the
 * API takes only text, once or repeated. Express's query parser builds such objects, and
 * the OpenAPI validator would fail on them with an error that does not name the parameter.
 */
export function flatQuery(): RequestHandler {
  return (req, _res, next) => {
    for (const [name, value] of Object.entries(req.query)) {
      const values = Array.isArray(value) ? value : [value];
      if (values.some(v => typeof v !== 'string')) {
        next(
          new InputError(
            `${name}: give it as text (${name}=…), not as an object or nested list`,
          ),
        );
        return;
      }
    }
    next();
  };
}
