/**
 * What to ask the user in the page before a fill, in one question: an untrusted page (page-trust.ts),
 * a site this key was never filled into (for the gestures that do not name the site), and a form that
 * wants temporary credentials.
 * @module
 */
import type { Detection } from './detect.ts';
import { confirmationQuestion } from './page-trust.ts';

/** The question for a fill of `found` into the page at `url`, or null to fill without asking. */
export function fillQuestions(url: URL, found: Detection, knownOrigins?: string[]): string | null {
  const parts: string[] = [];
  const trust = confirmationQuestion(url);
  if (trust) parts.push(trust);
  if (knownOrigins && !knownOrigins.includes(url.origin))
    parts.push(
      `This key pair was never filled into ${url.host} before. Check that this is the site it belongs to. Fill it here?`,
    );
  if (found.sessionToken)
    parts.push(
      'This form asks for a session token, so it expects temporary (STS) credentials. S3 Keys holds a long-term key pair, and the session token stays empty. Fill the long-term pair anyway?',
    );
  return parts.length > 0 ? parts.join('\n\n') : null;
}
