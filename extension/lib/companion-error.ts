/**
 * How a companion call fails, as the extension tells it: {@link CompanionError} with the contract's error
 * code, or `unreachable` / `timeout` when no answer came back, and the sentences a person reads. Apart
 * from the client so what shows a failure does not carry the client's routes and schemas.
 * @module
 */
import type { ErrorCode } from '#shared/api';

/** The contract's codes, plus what a client sees when no usable answer arrives, plus the extension's own refusals. */
export type FailureCode =
  | ErrorCode
  | 'unreachable'
  | 'timeout'
  | 'unexpected_response'
  | 'secret_pending'
  // Connect: an http URL off this computer, host access refused, an untrusted certificate, not a companion.
  | 'url_refused'
  | 'permission_refused'
  | 'certificate_untrusted'
  | 'not_a_companion';

/** A failure as plain data, so it can cross the message channel between popup and background. */
export interface Failure {
  /** The HTTP status, or 0 when no answer arrived. */
  status: number;
  code: FailureCode;
  message: string;
}

/** Every failed companion call throws this. */
export class CompanionError extends Error implements Failure {
  override name = 'CompanionError';
  constructor(
    readonly status: number,
    readonly code: FailureCode,
    message: string,
  ) {
    super(message);
  }

  /** Whether the request may not have reached the companion, so retrying it with the same idempotency key is safe and needed. */
  get uncertain(): boolean {
    return (
      this.status === 0 ||
      this.status >= 500 ||
      this.status === 429 ||
      this.code === 'idempotency_key_in_flight'
    );
  }

  static from(failure: Failure): CompanionError {
    return new CompanionError(failure.status, failure.code, failure.message);
  }

  /** The failure as plain data. */
  toFailure(): Failure {
    return { status: this.status, code: this.code, message: this.message };
  }
}

/** The companion that `npm start` runs on this computer, the only one a user can start themselves. */
const LOCAL_DEMO = /^http:\/\/(127\.0\.0\.1|localhost):8787$/;

/** What to do when the companion at `base` does not answer: start the local demo, or ask whoever runs it. */
export function whatToDo(base: string): string {
  return LOCAL_DEMO.test(base)
    ? ' Is it running? Start it with "npm start".'
    : ' Check the URL, or ask whoever runs the companion whether it is up.';
}

/** No answer from the companion at `base` within `timeoutMs`. */
export function timeoutError(base: string, timeoutMs: number): CompanionError {
  return new CompanionError(
    0,
    'timeout',
    `The companion at ${base} did not answer within ${timeoutMs / 1000} s.${whatToDo(base)}`,
  );
}

/** A sentence for the user about why a call failed. */
export function describeFailure(error: unknown): string {
  if (error instanceof CompanionError) {
    if (error.status === 401)
      return 'The companion did not accept this token. Paste a valid personal access token.';
    return error.message;
  }
  return `Something went wrong: ${(error as Error).message}`;
}
