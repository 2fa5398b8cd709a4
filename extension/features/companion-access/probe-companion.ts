/**
 * Runs in the background: checks that an S3 Keys companion answers at a URL (`GET /healthz` →
 * `{"status":"ok"}`) and, when nothing does, asks the browser why. A page's `fetch` only says "failed";
 * webRequest's onErrorOccurred names the cause (Chromium: net::ERR_CERT_AUTHORITY_INVALID,
 * net::ERR_CONNECTION_REFUSED; Firefox: "Peer’s Certificate issuer is not recognized.",
 * NS_ERROR_CONNECTION_REFUSED) for requests the extension has host access to, its own included.
 * @module
 */
import { browser } from 'wxt/browser';
import { ErrorBody } from '#shared/api';
import { timeoutError, type Failure } from '@/lib/companion-error.ts';
import { networkFailure, notACompanion } from './access-failures.ts';
import { hostPattern } from './host-access.ts';

type ErrorListener = (details: { url: string; error: string }) => void;

/** The part of `webRequest.onErrorOccurred` the probe uses. */
export interface NetworkErrorEvents {
  addListener(listener: ErrorListener, filter: { urls: string[] }): void;
  removeListener(listener: ErrorListener): void;
}

export interface ProbeOptions {
  fetch?: typeof fetch;
  networkErrors?: NetworkErrorEvents;
  timeoutMs?: number;
  /** How long to wait for the browser's error event after the fetch failed: the two arrive in either order. */
  errorWaitMs?: number;
}

/** Null when an S3 Keys companion answers at `base`; otherwise why not, as a {@link Failure}. */
export async function probeCompanion(
  base: string,
  {
    fetch = globalThis.fetch,
    networkErrors = browser.webRequest.onErrorOccurred,
    timeoutMs = 10_000,
    errorWaitMs = 2_000,
  }: ProbeOptions = {},
): Promise<Failure | null> {
  const target = `${base}/healthz`;
  let reported: (error: string) => void = () => {};
  const browserError = new Promise<string>((resolve) => (reported = resolve));
  const listener: ErrorListener = (details) => {
    if (details.url === target) reported(details.error);
  };
  networkErrors.addListener(listener, { urls: [hostPattern(base)] });
  try {
    const response = await fetch(target, {
      cache: 'no-store',
      credentials: 'omit',
      signal: AbortSignal.timeout(timeoutMs),
    });
    const body: unknown = await response.json().catch(() => null);
    if (response.ok && (body as { status?: unknown } | null)?.status === 'ok') return null;
    // A companion that refuses the request (its Host allow-list, say) explains in the contract's shape.
    const error = ErrorBody.safeParse(body);
    if (error.success) return { status: response.status, ...error.data.error };
    return notACompanion(base, response.status);
  } catch (error) {
    if ((error as Error).name === 'TimeoutError') return timeoutError(base, timeoutMs).toFailure();
    const waited = new Promise<undefined>((resolve) => setTimeout(resolve, errorWaitMs));
    return networkFailure(base, await Promise.race([browserError, waited]));
  } finally {
    networkErrors.removeListener(listener);
  }
}
