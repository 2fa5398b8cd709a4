/**
 * Which companion URLs Connect accepts: `http:` only on this computer's loopback (the local demo), any
 * other host only over `https:`, so a token never crosses a network in clear.
 * @module
 */

export type CompanionUrlCheck = { ok: true; base: string } | { ok: false; problem: string };

/** Checks a typed companion URL; `base` is it without a trailing slash, as the client joins paths to it. */
export function checkCompanionUrl(text: string): CompanionUrlCheck {
  let url: URL;
  try {
    url = new URL(text.trim());
  } catch {
    return { ok: false, problem: 'Enter the companion’s URL, like https://keys.example.com.' };
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:')
    return { ok: false, problem: 'The companion URL starts with https:// (or http:// on this computer).' };
  if (url.username || url.password || url.search || url.hash)
    return {
      ok: false,
      problem: 'Enter the companion URL without a user name, password, query or #fragment.',
    };
  if (url.protocol === 'http:' && !isLoopbackHost(url.hostname))
    return {
      ok: false,
      problem:
        `${url.host} is not this computer, so S3 Keys reaches it only over https://: over http:// your ` +
        'token would cross the network in clear. Use the companion’s https:// URL.',
    };
  return { ok: true, base: `${url.origin}${url.pathname}`.replace(/\/+$/, '') };
}

/** Whether `hostname` (as `URL.hostname` spells it) is this computer: no packet leaves it. */
export function isLoopbackHost(hostname: string): boolean {
  return hostname === 'localhost' || hostname === '[::1]' || /^127(\.\d{1,3}){3}$/.test(hostname);
}
