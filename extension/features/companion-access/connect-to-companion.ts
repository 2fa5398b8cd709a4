/**
 * Connect, step by step: the URL rule, host access, an S3 Keys companion answering there, then the
 * token. Each step that fails says so in its own words, and access asked for is given back.
 * @module
 */
import { CompanionError, type Failure } from '@/lib/companion-error.ts';
import { sendMessage } from '@/lib/messages.ts';
import { permissionRefused, urlRefused } from './access-failures.ts';
import { checkCompanionUrl } from './companion-url.ts';
import { releaseHostAccess, requestHostAccess } from './host-access.ts';

/** How Connect reaches a companion; the browser's in the extension, fakes in tests. */
export interface CompanionAccess {
  /** Asks for host access to `base`; called synchronously from the click. */
  request(base: string): Promise<boolean>;
  release(base: string): Promise<void>;
  /** Null when an S3 Keys companion answers at `base`, else why not. */
  probe(base: string): Promise<Failure | null>;
}

/** The extension's own: permissions API, and the probe in the background (where webRequest is). */
export const browserCompanionAccess: CompanionAccess = {
  request: requestHostAccess,
  release: releaseHostAccess,
  probe: (url) => sendMessage('probeCompanion', { url }),
};

/**
 * Checks the typed URL, asks for host access, probes the companion, then runs `signIn(base)` (the token
 * check). Call it straight from the click handler: it asks for access before its first `await`, as
 * browsers require. Rejects with a {@link CompanionError} naming the step that failed.
 */
export function connectToCompanion<T>(
  typedUrl: string,
  signIn: (base: string) => Promise<T>,
  access: CompanionAccess,
): Promise<T> {
  const url = checkCompanionUrl(typedUrl);
  if (!url.ok) return Promise.reject(CompanionError.from(urlRefused(url.problem)));
  const { base } = url;
  let granted: Promise<boolean>;
  try {
    granted = access.request(base);
  } catch (error) {
    granted = Promise.reject(error);
  }
  return (async () => {
    if (!(await granted)) throw CompanionError.from(permissionRefused(base));
    try {
      const failure = await access.probe(base);
      if (failure) throw CompanionError.from(failure);
      return await signIn(base);
    } catch (error) {
      // Access stays only with a working sign-in; a later Connect asks again.
      await access.release(base).catch(() => {});
      throw error;
    }
  })();
}
