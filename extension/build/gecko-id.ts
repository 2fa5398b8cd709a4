/**
 * The Firefox add-on id (`browser_specific_settings.gecko.id`), chosen at build time: set
 * S3KEYS_GECKO_ID to the id your organisation signs the add-on under on AMO. An add-on keeps its id
 * for life, and Firefox ties its storage to it.
 * @module
 */

/** The id when S3KEYS_GECKO_ID is not set. */
export const DEFAULT_GECKO_ID = 's3-keys@s3keys';

// Firefox accepts an email-like id or a GUID in braces.
const VALID =
  /^(\{[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\}|[a-z0-9-._]*@[a-z0-9-._]+)$/i;

/** `configured` when it is a valid add-on id, the default when unset; throws on an invalid one. */
export function geckoId(configured: string | undefined): string {
  const id = configured?.trim() || DEFAULT_GECKO_ID;
  if (!VALID.test(id)) {
    throw new Error(
      `S3KEYS_GECKO_ID="${id}" is not a Firefox add-on id: use name@domain (letters, digits, - . _) or a {GUID}.`,
    );
  }
  return id;
}
