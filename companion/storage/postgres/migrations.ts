/**
 * The PostgreSQL schema, as numbered migrations applied at start. Every instance runs `migrate` when it
 * starts; a transaction-scoped advisory lock makes instances that start together take turns, and each
 * applies only what `schema_migrations` does not list yet. The invariants live here: one current pair
 * per (account, region) (a partial unique index), a current pair always has its sealed secret.
 * @module
 */
import type { Sql } from 'postgres';
import type { SoloTask } from '../registry-storage.ts';

/** Advisory lock ids of the companion (an arbitrary constant pair: "s3keys", and what it guards). */
export const LOCK_NAMESPACE = 0x73336b;
export const MIGRATION_LOCK = 1;
export const SOLO_LOCKS: Record<SoloTask, number> = { reconcile: 2 };

const MIGRATIONS: string[] = [
  `
  CREATE TABLE accounts (
    id text PRIMARY KEY,
    name text NOT NULL,
    created_at text NOT NULL
  );
  CREATE INDEX accounts_name ON accounts (name);
  CREATE TABLE users (
    id text PRIMARY KEY,
    account_id text NOT NULL REFERENCES accounts,
    name text NOT NULL,
    email text NOT NULL,
    role text NOT NULL,
    created_at text NOT NULL
  );
  CREATE UNIQUE INDEX users_email ON users (lower(email));
  CREATE TABLE tokens (
    id text PRIMARY KEY,
    user_id text NOT NULL REFERENCES users,
    hash text NOT NULL,
    label text NOT NULL,
    created_at text NOT NULL,
    revoked_at text
  );
  CREATE INDEX tokens_user ON tokens (user_id);
  CREATE TABLE regions (
    id text PRIMARY KEY,
    seq bigint GENERATED ALWAYS AS IDENTITY,
    record jsonb NOT NULL
  );
  CREATE TABLE services (
    account_id text NOT NULL REFERENCES accounts,
    region_id text NOT NULL REFERENCES regions,
    available boolean NOT NULL,
    PRIMARY KEY (account_id, region_id)
  );
  -- One row per (account, region) that ever had a key change: create and reset lock it FOR UPDATE.
  CREATE TABLE slots (
    account_id text NOT NULL,
    region_id text NOT NULL,
    PRIMARY KEY (account_id, region_id)
  );
  CREATE TABLE keys (
    access_key_id text PRIMARY KEY,
    seq bigint GENERATED ALWAYS AS IDENTITY,
    account_id text NOT NULL REFERENCES accounts,
    region_id text NOT NULL REFERENCES regions,
    state text NOT NULL CHECK (state IN ('current', 'retired')),
    secret jsonb,
    created_at text NOT NULL,
    created_by text,
    last_reset_at text,
    last_reset_by text,
    retired_at text,
    CHECK (state = 'retired' OR secret IS NOT NULL)
  );
  CREATE UNIQUE INDEX keys_one_current ON keys (account_id, region_id) WHERE state = 'current';
  CREATE INDEX keys_region ON keys (region_id, account_id);
  CREATE TABLE audit (
    seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    account_id text,
    at text NOT NULL,
    actor text,
    action text NOT NULL,
    region text,
    access_key_id text,
    outcome text NOT NULL,
    code text
  );
  CREATE INDEX audit_account ON audit (account_id, seq);
  CREATE TABLE intents (
    access_key_id text PRIMARY KEY,
    seq bigint GENERATED ALWAYS AS IDENTITY,
    account_id text NOT NULL,
    region_id text NOT NULL,
    action text NOT NULL,
    previous_access_key_id text,
    started_at text NOT NULL
  );
  CREATE TABLE idempotency (
    user_id text NOT NULL,
    key text NOT NULL,
    fingerprint text NOT NULL,
    expires_at bigint NOT NULL,
    response jsonb,
    PRIMARY KEY (user_id, key)
  );
  `,
  `
  CREATE TABLE auth_failures (
    bucket text NOT NULL,
    at bigint NOT NULL
  );
  CREATE INDEX auth_failures_bucket ON auth_failures (bucket, at);
  `,
  `
  -- Each user's synced vault: ciphertext made in their browser, versioned for compare-and-swap writes.
  CREATE TABLE vaults (
    user_id text PRIMARY KEY REFERENCES users,
    version bigint NOT NULL CHECK (version > 0),
    content jsonb NOT NULL,
    updated_at text NOT NULL
  );
  `,
  `
  -- The account's rotation reminder, in days; NULL (every existing account) is off.
  ALTER TABLE accounts ADD COLUMN rotation_reminder_days integer
    CHECK (rotation_reminder_days BETWEEN 1 AND 3650);
  `,
  `
  -- A key change now locks the account's service row in the region, which every change needs anyway.
  DROP TABLE slots;
  `,
];

/** Brings the schema up to date; safe when several instances run it at once. Returns how many it applied. */
export async function migrate(sql: Sql): Promise<number> {
  return sql.begin(async (tx) => {
    await tx`SELECT pg_advisory_xact_lock(${LOCK_NAMESPACE}, ${MIGRATION_LOCK})`;
    await tx`CREATE TABLE IF NOT EXISTS schema_migrations (version integer PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())`;
    const [row] = await tx<
      { version: number | null }[]
    >`SELECT max(version) AS version FROM schema_migrations`;
    const applied = row?.version ?? 0;
    for (let version = applied + 1; version <= MIGRATIONS.length; version++) {
      await tx.unsafe(MIGRATIONS[version - 1]!);
      await tx`INSERT INTO schema_migrations (version) VALUES (${version})`;
    }
    return MIGRATIONS.length - applied;
  });
}
