/** Refuses bodies over 16 KiB, by `Content-Length` or by what actually arrives. */
import { bodyLimit as honoBodyLimit } from 'hono/body-limit';
import { AppError } from '../../app-error.ts';

export const MAX_BODY_BYTES = 16 * 1024;

export function bodyLimit() {
  return honoBodyLimit({
    maxSize: MAX_BODY_BYTES,
    onError() {
      throw new AppError(
        'payload_too_large',
        'The request body is over 16 KiB; the API never needs more than a few bytes.',
      );
    },
  });
}
