/**
 * Why Connect could not reach a companion, one sentence each, as plain {@link Failure}s so they can
 * cross the message channel from the background. None tells a team member to run `npm start`: that
 * hint comes only with the local demo URL ({@link whatToDo}).
 * @module
 */
import { whatToDo, type Failure } from '@/lib/companion-error.ts';
import { hostPattern } from './host-access.ts';

/**
 * The browser's word for a failed request means an untrusted certificate: Chromium's net::ERR_CERT_*;
 * Firefox reports NSS errors as their message ("Peer’s Certificate issuer is not recognized.") and
 * others by name (NS_ERROR_CONNECTION_REFUSED), so its certificate errors are the messages naming one.
 */
const CERTIFICATE_ERROR = /^net::ERR_CERT_|^SEC_ERROR_|^MOZILLA_PKIX_ERROR_|^SSL_ERROR_BAD_CERT|certificate/i;

export function urlRefused(problem: string): Failure {
  return { status: 0, code: 'url_refused', message: problem };
}

export function permissionRefused(base: string): Failure {
  const host = new URL(hostPattern(base)).host;
  return {
    status: 0,
    code: 'permission_refused',
    message: `S3 Keys may not reach ${host}: the browser's permission was not given. Press Connect again and allow it.`,
  };
}

/**
 * A request to `base` got no answer; `browserError` is the browser's own name for why (from webRequest),
 * when it reported one: an untrusted certificate reads differently from nothing listening.
 */
export function networkFailure(base: string, browserError: string | undefined): Failure {
  if (browserError && CERTIFICATE_ERROR.test(browserError))
    return {
      status: 0,
      code: 'certificate_untrusted',
      message:
        `The companion at ${base} shows a certificate this browser does not trust (${browserError}). ` +
        'Ask whoever runs it which certificate authority signed it, and install that in the browser.',
    };
  const why = browserError ? ` (${browserError})` : '';
  return {
    status: 0,
    code: 'unreachable',
    message: `Nothing answers at ${base}${why}.${whatToDo(base)}`,
  };
}

/** Something answered at `base`, but not as an S3 Keys companion's `GET /healthz` does. */
export function notACompanion(base: string, status: number): Failure {
  return {
    status,
    code: 'not_a_companion',
    message:
      `Something answers at ${base}, but it is not an S3 Keys companion (GET /healthz answered ${status} ` +
      'without {"status":"ok"}). Check the URL.',
  };
}
