/**
 * One example message per error code, as the companion words it, for the OpenAPI document. Typed by
 * the contract's code list, so a new code cannot be added without its example.
 * @module
 */
import type { ErrorCode } from '#shared/api';

export const ERROR_EXAMPLES: Record<ErrorCode, string> = {
  host_not_allowed:
    'This companion only answers requests addressed to 127.0.0.1:8787 or localhost:8787; add other host names to "allowedHosts" in its config.',
  origin_not_allowed:
    'Writes are only accepted from the S3 Keys extension, not from https://evil.example; add trusted origins to "allowedOrigins" in the companion\'s config.',
  unsupported_media_type: 'Send the body as JSON with "Content-Type: application/json" (got "text/plain").',
  payload_too_large: 'The request body is over 16 KiB; the API never needs more than a few bytes.',
  invalid_json: 'The request body is not valid JSON; send {} when there is nothing to say.',
  invalid_request: 'The reset request body is not as documented: "accessKeyId" must be a string.',
  not_found:
    'There is no /api/v1/nothing here; the API lives under /api/v1 (GET /api/v1/openapi.json describes it).',
  method_not_allowed: '/api/v1/me does not serve PUT; it serves GET, HEAD.',
  internal_error: 'The companion hit an unexpected error; nothing was changed. Check the companion log.',
  unauthorized:
    'The access token is unknown or was revoked; issue a new one with "s3keys-companion token issue".',
  too_many_requests: 'Too many failed sign-ins from this client; wait 42 s, then use a valid token.',
  forbidden: 'Managing S3 keys needs the admin or member+ role; ask an admin of your account.',
  region_not_found: 'There is no region "mars-1". GET /api/v1/regions lists the regions.',
  key_not_found: 'Region "eu-central-1" has no key yet (NOT_CONFIGURED); create one with POST.',
  key_exists:
    'Region "eu-central-1" already has a key pair. Keys cannot be created twice; reset it to get a new pair.',
  service_unavailable:
    'Your account does not have the S3 service in region "eu-central-1"; ask your account admin to enable it.',
  backend_unavailable:
    "The region's S3 service could not be reached or refused the change (RGW at https://s3.eu-central-1.example did not answer). Nothing was changed; try again later.",
  stale_key:
    'Key AKIAEXAMPLEOLD000000 is no longer the current key of region "eu-central-1": someone reset it meanwhile. Reload the key and try again.',
  delete_not_supported:
    'S3 keys cannot be deleted. To replace a compromised pair, reset it: the old pair stops working at once.',
  idempotency_key_reused:
    'This Idempotency-Key was already used for another request; use a new key for a new request.',
  idempotency_key_in_flight:
    'The first request with this Idempotency-Key is still running; wait for its answer, then retry.',
  vault_changed:
    'Your vault changed since version 7 (it is at version 8 now, written from another browser); read it, merge, and write again.',
  vault_version_required:
    'Say which version of your vault this write replaces with "If-Match" (the ETag of GET /api/v1/vault; "0" for the first write).',
  vault_too_large:
    'Your vault would be 300000 bytes; each user may keep 262144 bytes. Forget some remembered pairs first.',
};
