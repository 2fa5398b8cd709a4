/**
 * The one place errors become responses: the contract's error body, the code's status, and for
 * anything unexpected a bare 500 with no stack, secret or token in it.
 * @module
 */
import type { Context } from 'hono';
import type { ErrorBody } from '#shared/api';
import { AppError } from '../app-error.ts';
import type { Logger } from '../logger.ts';

export function renderError(c: Context, error: AppError): Response {
  const body: ErrorBody = { error: { code: error.code, message: error.message } };
  return c.json(body, error.status, error.headers);
}

export function createErrorHandler(logger: Logger) {
  return function onError(error: Error, c: Context): Response {
    if (error instanceof AppError) {
      if (error.code === 'internal_error')
        logger.error(`${c.req.method} ${c.req.path} failed: ${describe(error.cause ?? error)}`);
      return renderError(c, error);
    }
    logger.error(`${c.req.method} ${c.req.path} failed: ${describe(error)}`);
    return renderError(
      c,
      new AppError(
        'internal_error',
        'The companion hit an unexpected error; nothing was changed. Check the companion log.',
      ),
    );
  };
}

/** Names an error for the log without its payloads: the class and message only, never request data. */
function describe(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}
