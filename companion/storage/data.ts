/**
 * The registry's data: its shape (version 1), a schema that checks it when the file is loaded, and the
 * invariants that no write may break.
 * @module
 */
import * as z from 'zod';
import { AuditEvent, KeyInfo, ROTATION_REMINDER_MAX_DAYS, Role } from '#shared/api';

const Time = z.string();

export const SealedSecret = z.object({
  /** Which master key sealed it, so keys can be rotated. */
  kid: z.string(),
  iv: z.string(),
  tag: z.string(),
  ct: z.string(),
});
export type SealedSecret = z.infer<typeof SealedSecret>;

export const Account = z.object({
  id: z.string(),
  name: z.string(),
  createdAt: Time,
  /** After how many days a pair should be rotated (every member's reminder); null is off. Absent in older files. */
  rotationReminderDays: z.number().int().min(1).max(ROTATION_REMINDER_MAX_DAYS).nullable().default(null),
});
export type Account = z.infer<typeof Account>;

export const User = z.object({
  id: z.string(),
  accountId: z.string(),
  name: z.string(),
  email: z.string(),
  role: Role,
  createdAt: Time,
});
export type User = z.infer<typeof User>;

export const Token = z.object({
  id: z.string(),
  userId: z.string(),
  /** SHA-256 of the whole token, hex; the token itself is never stored. */
  hash: z.string(),
  label: z.string(),
  createdAt: Time,
  revokedAt: Time.nullable(),
});
export type Token = z.infer<typeof Token>;

/**
 * How the companion reaches a region's S3 service: `none` is a registry-only region; `ceph-rgw` is a
 * Ceph RADOS Gateway managed through its Admin Ops API. The admin secret is never in the registry or
 * the config file: it comes from an environment variable or a 0600 file.
 */
export const BackendSettings = z.discriminatedUnion('type', [
  z.object({ type: z.literal('none') }),
  z
    .strictObject({
      type: z.literal('ceph-rgw'),
      /** Admin Ops base URL; default the region's endpoint. */
      adminEndpoint: z.string().optional(),
      adminAccessKeyId: z.string().min(1),
      /** Name of the environment variable holding the admin secret. */
      adminSecretEnv: z.string().min(1).optional(),
      /** Path of a file (mode 0600) holding the admin secret. */
      adminSecretFile: z.string().min(1).optional(),
    })
    .refine((b) => (b.adminSecretEnv === undefined) !== (b.adminSecretFile === undefined), {
      message: 'give exactly one of adminSecretEnv and adminSecretFile',
    }),
]);
export type BackendSettings = z.infer<typeof BackendSettings>;

export const RegionRecord = z.object({
  id: z.string(),
  name: z.string(),
  endpoint: z.string(),
  /** A bucket to fill into web consoles that ask for one. */
  bucket: z.string().min(1).optional(),
  backend: BackendSettings,
});
export type RegionRecord = z.infer<typeof RegionRecord>;

/** Whether an account has the S3 service in a region. No record means not available. */
export const Service = z.object({ accountId: z.string(), regionId: z.string(), available: z.boolean() });
export type Service = z.infer<typeof Service>;

/** A key pair as the registry keeps it: the contract's KeyInfo plus where it belongs and its sealed secret. */
export const KeyPair = z.object({
  ...KeyInfo.shape,
  accountId: z.string(),
  regionId: z.string(),
  /** Present while the pair is current; erased when a reset retires it. */
  secret: SealedSecret.nullable(),
  state: z.enum(['current', 'retired']),
  retiredAt: Time.nullable(),
});
export type KeyPair = z.infer<typeof KeyPair>;

/** An audit event as the registry keeps it: the contract's AuditEvent plus its account. */
export const AuditRecord = z.object({ ...AuditEvent.shape, accountId: z.string().nullable() });
export type AuditRecord = z.infer<typeof AuditRecord>;

/**
 * A key change under way on an S3 service, recorded (in the intent journal) before the service is
 * touched. If the companion dies before the change is committed, reconciliation rolls it back: the new
 * pair is removed and the previous one (still current in the registry) is put back.
 */
export const Intent = z.object({
  accountId: z.string(),
  regionId: z.string(),
  action: z.enum(['key.create', 'key.reset']),
  accessKeyId: z.string(),
  previousAccessKeyId: z.string().nullable(),
  startedAt: Time,
});
export type Intent = z.infer<typeof Intent>;

export const Data = z.strictObject({
  version: z.literal(1),
  accounts: z.array(Account),
  users: z.array(User),
  tokens: z.array(Token),
  regions: z.array(RegionRecord),
  services: z.array(Service),
  keys: z.array(KeyPair),
  audit: z.array(AuditRecord),
});
export type Data = z.infer<typeof Data>;

export function emptyData(): Data {
  return { version: 1, accounts: [], users: [], tokens: [], regions: [], services: [], keys: [], audit: [] };
}

/** The broken invariants of `data`, as sentences; an empty list when it is sound. */
export function findInvariantViolations(data: Data): string[] {
  const problems: string[] = [];
  const unique = (what: string, ids: string[]) => {
    const seen = new Set<string>();
    for (const id of ids) {
      if (seen.has(id)) problems.push(`${what} "${id}" appears twice`);
      seen.add(id);
    }
    return seen;
  };
  const accounts = unique(
    'account',
    data.accounts.map((a) => a.id),
  );
  const users = unique(
    'user',
    data.users.map((u) => u.id),
  );
  unique(
    'token',
    data.tokens.map((t) => t.id),
  );
  const regions = unique(
    'region',
    data.regions.map((r) => r.id),
  );
  unique(
    'access key',
    data.keys.map((k) => k.accessKeyId),
  );
  for (const u of data.users)
    if (!accounts.has(u.accountId)) problems.push(`user "${u.id}" names unknown account "${u.accountId}"`);
  for (const t of data.tokens)
    if (!users.has(t.userId)) problems.push(`token "${t.id}" names unknown user "${t.userId}"`);
  for (const s of data.services) {
    if (!accounts.has(s.accountId) || !regions.has(s.regionId))
      problems.push(`service entry ${s.accountId}/${s.regionId} names an unknown account or region`);
  }
  const current = new Set<string>();
  for (const k of data.keys) {
    if (!accounts.has(k.accountId) || !regions.has(k.regionId))
      problems.push(`key "${k.accessKeyId}" names an unknown account or region`);
    if (k.state === 'current') {
      const slot = `${k.accountId}/${k.regionId}`;
      if (current.has(slot)) problems.push(`account/region ${slot} has more than one current key`);
      current.add(slot);
      if (!k.secret) problems.push(`current key "${k.accessKeyId}" has no sealed secret`);
    }
  }
  return problems;
}
