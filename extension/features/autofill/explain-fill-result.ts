/**
 * A fill's outcome as a sentence for people: which fields were filled, or why nothing was. The popup
 * shows it under "Fill into page"; the toolbar badge's tooltip shows it after the command or the menu.
 * @module
 */
import type { FieldKind, FillResult, RefusalReason } from './types.ts';

/** How each kind of field is named in a sentence. */
export const FIELD_NAMES: Record<FieldKind, string> = {
  accessKey: 'access key ID',
  secret: 'secret access key',
  endpoint: 'endpoint',
  port: 'port',
  region: 'region',
  bucket: 'bucket',
};

const NOTHING = 'nothing was filled.';
const REFUSALS: Record<RefusalReason, string> = {
  'no-pair':
    'There is no key pair to fill: create or reset a key, or unlock your remembered pairs in the S3 Keys popup.',
  'no-access': `S3 Keys cannot reach this tab (a browser page, a store page, or no tab to fill): ${NOTHING}`,
  sandboxed: `This page is sandboxed, so S3 Keys does not write into it: ${NOTHING}`,
  'no-fields': `No S3 key fields were found here: ${NOTHING}`,
  'login-form': `This looks like an ordinary login form, not an S3 console: ${NOTHING}`,
  hidden: `There are no visible S3 key fields on this page (is another storage type chosen?): ${NOTHING}`,
  transparent: `A key field on this page is nearly invisible, a sign of clickjacking: ${NOTHING}`,
  tiny: `A key field on this page is too small to read, a sign of clickjacking: ${NOTHING}`,
  covered: `A key field on this page is covered by something else, a sign of clickjacking: ${NOTHING}`,
  declined: `You declined the fill in the page: ${NOTHING}`,
};

/** "Filled access key ID and secret access key into http://…; nothing was submitted." or the refusal. */
export function explainFillResult(result: FillResult): string {
  if (result.ok)
    return `Filled ${listFields(result.filled)} into ${result.origin}. Nothing was submitted: check the page, then sign in.`;
  // A more specific reason from the provider (e.g. "locked") replaces the generic no-pair sentence.
  if (result.reason === 'no-pair' && result.detail) return result.detail;
  return REFUSALS[result.reason];
}

function listFields(kinds: FieldKind[]): string {
  const names = kinds.map((kind) => FIELD_NAMES[kind]);
  if (names.length < 2) return names[0] ?? 'no field';
  return `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;
}
