/**
 * Host access to the companion, asked for when needed rather than assumed: the manifest grants only the
 * local demo's loopback hosts; any other companion's host is requested at Connect and given back at
 * sign-out (or when Connect fails).
 * @module
 */
import { browser } from 'wxt/browser';
import { INSTALL_HOST_PERMISSIONS } from './install-hosts.ts';

/**
 * The match pattern for the companion at `url`: its scheme and host, without the port, because Firefox's
 * match patterns cannot name one (Chrome's port-less patterns match every port, too).
 */
export function hostPattern(url: string): string {
  const { protocol, hostname } = new URL(url);
  return `${protocol}//${hostname}/*`;
}

function grantedAtInstall(url: string): boolean {
  return INSTALL_HOST_PERMISSIONS.includes(hostPattern(url));
}

/**
 * Asks the browser for access to the companion's host; resolves whether it was granted. Call it
 * synchronously in the click handler, before any `await`: browsers show the prompt only while
 * handling the user's gesture.
 */
export function requestHostAccess(url: string): Promise<boolean> {
  if (grantedAtInstall(url)) return Promise.resolve(true);
  return browser.permissions.request({ origins: [hostPattern(url)] });
}

/** Gives back the access {@link requestHostAccess} got (the manifest's own hosts stay). */
export async function releaseHostAccess(url: string): Promise<void> {
  if (grantedAtInstall(url)) return;
  await browser.permissions.remove({ origins: [hostPattern(url)] });
}
