/**
 * The companion's one error class: a contract error code and a sentence a person can act on.
 * The HTTP layer renders it as the contract's error body with the code's status.
 * @module
 */
import { STATUS_BY_ERROR_CODE, type ErrorCode } from '#shared/api';

export class AppError extends Error {
  override name = 'AppError';
  readonly code: ErrorCode;
  readonly headers: Record<string, string>;

  constructor(
    code: ErrorCode,
    message: string,
    options: { headers?: Record<string, string>; cause?: unknown } = {},
  ) {
    super(message, { cause: options.cause });
    this.code = code;
    this.headers = options.headers ?? {};
  }

  get status(): (typeof STATUS_BY_ERROR_CODE)[ErrorCode] {
    return STATUS_BY_ERROR_CODE[this.code];
  }
}
