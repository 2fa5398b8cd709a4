/**
 * The extension's only caller of the companion: typed requests, and failures turned into a
 * {@link CompanionError} that carries the contract's error code, or `unreachable` / `timeout` when no
 * answer came back.
 * @module
 */
import {
  ErrorBody,
  IDEMPOTENCY_KEY_HEADER,
  Me,
  RegionList,
  Secret,
  StatusReport,
  type ErrorCode,
} from '#shared/api';
import type { Connection } from './settings.ts';

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

export interface CompanionClientOptions {
  /** How long a read may take. Default 10 s; `/api/v1/status` itself answers within 3 s. */
  readTimeoutMs?: number;
  /** How long a create or reset may take: provisioning on the S3 service can be slow. Default 30 s. */
  writeTimeoutMs?: number;
  fetch?: typeof fetch;
}

export type CompanionClient = ReturnType<typeof createCompanionClient>;

/** A client bound to one companion URL and token. */
export function createCompanionClient(
  { url, token }: Connection,
  { readTimeoutMs = 10_000, writeTimeoutMs = 30_000, fetch = globalThis.fetch }: CompanionClientOptions = {},
) {
  const base = url.trim().replace(/\/+$/, '');

  async function request<T>(
    path: string,
    parse: (body: unknown) => T,
    write?: { body: unknown; idempotencyKey: string },
  ): Promise<T> {
    const timeoutMs = write ? writeTimeoutMs : readTimeoutMs;
    const headers: Record<string, string> = { Authorization: `Bearer ${token}` };
    if (write)
      Object.assign(headers, {
        'Content-Type': 'application/json',
        [IDEMPOTENCY_KEY_HEADER]: write.idempotencyKey,
      });
    let response: Response;
    try {
      response = await fetch(`${base}${path}`, {
        method: write ? 'POST' : 'GET',
        headers,
        body: write ? JSON.stringify(write.body) : undefined,
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch (error) {
      if ((error as Error).name === 'TimeoutError') throw timeoutError(base, timeoutMs);
      throw new CompanionError(0, 'unreachable', `Cannot reach the companion at ${base}.${whatToDo(base)}`);
    }
    const body: unknown = await response.json().catch(() => null);
    if (!response.ok) {
      const error = ErrorBody.safeParse(body);
      if (error.success)
        throw new CompanionError(response.status, error.data.error.code, error.data.error.message);
      throw new CompanionError(
        response.status,
        'unexpected_response',
        `The companion answered ${response.status} without an explanation.`,
      );
    }
    try {
      return parse(body);
    } catch {
      throw new CompanionError(
        response.status,
        'unexpected_response',
        `The companion's answer to ${path} is not what this extension expects; are both up to date?`,
      );
    }
  }

  const keyPath = (region: string) => `/api/v1/regions/${encodeURIComponent(region)}/key`;
  return {
    url: base,
    me: () => request('/api/v1/me', (body) => Me.parse(body)),
    regions: () => request('/api/v1/regions', (body) => RegionList.parse(body).regions),
    status: () => request('/api/v1/status', (body) => StatusReport.parse(body).regions),
    /** `idempotencyKey`: the same key for a retry of the same create, so it never creates twice. */
    createKey: (region: string, idempotencyKey: string) =>
      request(keyPath(region), (body) => Secret.parse(body), { body: {}, idempotencyKey }),
    /** `accessKeyId` names the pair being replaced; a stale one gets 409 `stale_key`. */
    resetKey: (region: string, accessKeyId: string, idempotencyKey: string) =>
      request(`${keyPath(region)}/reset`, (body) => Secret.parse(body), {
        body: { accessKeyId },
        idempotencyKey,
      }),
  };
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
