/**
 * What the where-used parts of the popup need: the origins a key was filled into, a way to open one,
 * and a way to forget the list once the sites have the new pair.
 * @module
 */
export interface WhereUsedDeps {
  /** The origins `accessKeyId` was filled into (autofill's `usedOrigins` message). */
  usedOrigins: (accessKeyId: string) => Promise<string[]>;
  /** Opens `origin` in a new tab. */
  openOrigin: (origin: string) => void;
  /** Forgets the replaced keys of `region` and where they were used. */
  forgetReplaced: (region: string, accessKeyIds: string[]) => Promise<void>;
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
