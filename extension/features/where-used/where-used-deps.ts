/**
 * What the where-used parts of the popup need from outside: a way to open a site. The lists themselves
 * are stored (autofill's used origins, the replaced keys) and watched.
 * @module
 */
export interface WhereUsedDeps {
  /** Opens `origin` in a new tab. */
  openOrigin: (origin: string) => void;
}

/** Only web origins are opened: a stored value is never turned into a `javascript:` or extension URL. */
export function isWebOrigin(origin: string): boolean {
  try {
    const url = new URL(origin);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.origin === origin;
  } catch {
    return false;
  }
}
