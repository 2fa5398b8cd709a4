/**
 * The companion's HTTP contract (version 1, docs/contract-v1.md): request and response schemas,
 * their types, and the error codes. Both the companion and the extension import this file.
 * @module
 */
// zod/mini: the same library as the companion's zod, tree-shaken so the popup stays small.
import * as z from 'zod/mini';

export const ROLES = ['admin', 'member+', 'member'] as const;
export const Role = z.enum(ROLES);
export type Role = z.infer<typeof Role>;

/** Roles that may see and manage key pairs. */
export const KEY_MANAGER_ROLES: readonly Role[] = ['admin', 'member+'];

export const ERROR_CODES = [
  'host_not_allowed',
  'origin_not_allowed',
  'unsupported_media_type',
  'payload_too_large',
  'invalid_json',
  'invalid_request',
  'not_found',
  'method_not_allowed',
  'internal_error',
  'unauthorized',
  'too_many_requests',
  'forbidden',
  'region_not_found',
  'key_not_found',
  'key_exists',
  'service_unavailable',
  'backend_unavailable',
  'stale_key',
  'delete_not_supported',
  'idempotency_key_reused',
  'idempotency_key_in_flight',
  'vault_changed',
  'vault_version_required',
  'vault_too_large',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export const ErrorBody = z.object({
  error: z.object({ code: z.enum(ERROR_CODES), message: z.string() }),
});
export type ErrorBody = z.infer<typeof ErrorBody>;

const Time = z.string();

export const Me = z.object({
  user: z.object({ id: z.string(), name: z.string(), email: z.string(), role: Role }),
  account: z.object({ id: z.string(), name: z.string() }),
  canManageKeys: z.boolean(),
});
export type Me = z.infer<typeof Me>;

/** The longest rotation reminder an account can set: ten years. */
export const ROTATION_REMINDER_MAX_DAYS = 3650;

/**
 * Added to the contract: the signed-in user's account and its settings, shared by every member.
 * `rotationReminderDays`: after how many days a pair should be reset (cards and badge say so); null is off.
 */
export const AccountSettings = z.object({
  id: z.string(),
  name: z.string(),
  rotationReminderDays: z.nullable(z.number()),
});
export type AccountSettings = z.infer<typeof AccountSettings>;

export const KeyInfo = z.object({
  accessKeyId: z.string(),
  createdAt: Time,
  createdBy: z.string(),
  lastResetAt: z.nullable(Time),
  lastResetBy: z.nullable(z.string()),
  /** Proposed addition to the contract: the display names of `createdBy` and `lastResetBy`, for "by bob". */
  createdByName: z.optional(z.string()),
  lastResetByName: z.optional(z.string()),
});
export type KeyInfo = z.infer<typeof KeyInfo>;

export const RegionStatus = z.enum(['NOT_CONFIGURED', 'CONFIGURED', 'SERVICE_UNAVAILABLE']);
export type RegionStatus = z.infer<typeof RegionStatus>;

export const Region = z.object({
  id: z.string(),
  name: z.string(),
  endpoint: z.string(),
  serviceAvailable: z.boolean(),
  status: RegionStatus,
  key: z.nullable(KeyInfo),
  /** Added to the contract: the bucket to fill into forms that ask for one, when the region names one. */
  bucket: z.optional(z.nullable(z.string())),
});
export type Region = z.infer<typeof Region>;

export const RegionList = z.object({ regions: z.array(Region) });
export type RegionList = z.infer<typeof RegionList>;

export const RegionKey = z.extend(KeyInfo, { region: z.string() });
export type RegionKey = z.infer<typeof RegionKey>;

/** The only shape that ever carries a secret: the answer to a create or a reset. */
export const Secret = z.object({
  region: z.string(),
  accessKeyId: z.string(),
  secretAccessKey: z.string(),
  createdAt: Time,
});
export type Secret = z.infer<typeof Secret>;

export const CreateKeyRequest = z.strictObject({});
export type CreateKeyRequest = z.infer<typeof CreateKeyRequest>;

export const ResetKeyRequest = z.strictObject({
  accessKeyId: z.string().check(z.minLength(1), z.maxLength(128)),
});
export type ResetKeyRequest = z.infer<typeof ResetKeyRequest>;

export const RegionCheck = z.object({
  id: z.string(),
  endpointReachable: z.boolean(),
  latencyMs: z.nullable(z.number()),
  keyVerified: z.nullable(z.boolean()),
  checkedAt: Time,
  detail: z.nullable(z.string()),
});
export type RegionCheck = z.infer<typeof RegionCheck>;

export const StatusReport = z.object({ regions: z.array(RegionCheck) });
export type StatusReport = z.infer<typeof StatusReport>;

export const AuditEvent = z.object({
  at: Time,
  actor: z.nullable(z.string()),
  action: z.string(),
  region: z.nullable(z.string()),
  accessKeyId: z.nullable(z.string()),
  outcome: z.enum(['success', 'refused', 'failed']),
  /** The error code of a refused or failed attempt. */
  code: z.nullable(z.string()),
  /** Added to the contract: the actor's display name, when the actor is a user of the account. */
  actorName: z.optional(z.string()),
});
export type AuditEvent = z.infer<typeof AuditEvent>;

export const AuditLog = z.object({
  events: z.array(AuditEvent),
  /** Added to the contract: the `offset` of the next (older) page, null on the last page. */
  nextOffset: z.optional(z.nullable(z.number())),
});
export type AuditLog = z.infer<typeof AuditLog>;

/**
 * Added to the contract: when the current pair of a region was last used, from the S3 service's own
 * usage log, which counts requests in one-hour buckets. `lastUsedHour` is the start of the newest hour
 * with a request; `known: false` when the service cannot tell (registry-only region, no use recorded —
 * unused or the log is off — or the log unreadable), with the reason in `detail`.
 */
export const KeyUsage = z.object({
  region: z.string(),
  accessKeyId: z.string(),
  known: z.boolean(),
  lastUsedHour: z.nullable(Time),
  checkedAt: Time,
  detail: z.nullable(z.string()),
});
export type KeyUsage = z.infer<typeof KeyUsage>;

/**
 * Added to the contract: a fingerprint of the account's current pairs (which pair, made when, by whom)
 * that changes whenever one is created or reset; a browser polls it and reads the regions only when it
 * moved. Holds no key id or secret.
 */
export const KeyChanges = z.object({ version: z.string() });
export type KeyChanges = z.infer<typeof KeyChanges>;

/** Header names of the idempotency protocol. */
export const IDEMPOTENCY_KEY_HEADER = 'Idempotency-Key';
export const IDEMPOTENT_REPLAYED_HEADER = 'Idempotent-Replayed';

/** The HTTP status that goes with each error code. */
export const STATUS_BY_ERROR_CODE = {
  host_not_allowed: 403,
  origin_not_allowed: 403,
  unsupported_media_type: 415,
  payload_too_large: 413,
  invalid_json: 400,
  invalid_request: 400,
  not_found: 404,
  method_not_allowed: 405,
  internal_error: 500,
  unauthorized: 401,
  too_many_requests: 429,
  forbidden: 403,
  region_not_found: 404,
  key_not_found: 404,
  key_exists: 409,
  service_unavailable: 409,
  backend_unavailable: 502,
  stale_key: 409,
  delete_not_supported: 405,
  idempotency_key_reused: 422,
  idempotency_key_in_flight: 409,
  vault_changed: 412,
  vault_version_required: 428,
  vault_too_large: 413,
} as const satisfies Record<ErrorCode, number>;
