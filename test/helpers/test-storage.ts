/**
 * The registry storages the parameterised tests run against: lowdb (in memory, as the unit tests
 * always had) and PostgreSQL (a real server and a migrated schema for the test file, emptied for each
 * test). Use `describe.each(STORAGE_KINDS)` and call `usePostgresForFile()` once at the top of the file.
 */
import postgres from 'postgres';
import { afterAll } from 'vitest';
import { openMemoryStorage } from '../../companion/storage/lowdb-storage.ts';
import { openPostgresStorage } from '../../companion/storage/postgres/postgres-storage.ts';
import type { RegistryStorage } from '../../companion/storage/registry-storage.ts';
import { openPostgresVaults } from '../../companion/storage/postgres/postgres-vaults.ts';
import { openMemoryVaults } from '../../companion/storage/vault-files.ts';
import type { VaultStore } from '../../companion/storage/vault-store.ts';
import { freshSchema, startLocalPostgres, type LocalPostgres } from './local-postgres.ts';

export type StorageKind = 'lowdb' | 'postgres';
export const STORAGE_KINDS: StorageKind[] = ['lowdb', 'postgres'];

let server: Promise<LocalPostgres> | undefined;
let schemaUrl: Promise<string> | undefined;

/** Registers the stop of this file's PostgreSQL server (started on first use) after its tests. */
export function usePostgresForFile() {
  afterAll(async () => {
    await (await server)?.stop();
    server = undefined;
    schemaUrl = undefined;
  });
}

/** The URL of this file's server, started on first use. */
export async function postgresUrl(): Promise<string> {
  server ??= startLocalPostgres();
  return (await server).url;
}

/** An empty storage of the given kind; the caller closes it. */
export async function openTestStorage(kind: StorageKind): Promise<RegistryStorage> {
  if (kind === 'lowdb') return openMemoryStorage();
  schemaUrl ??= postgresUrl().then(freshSchema);
  const url = await schemaUrl;
  const storage = await openPostgresStorage(url);
  await emptyAllTables(url);
  return storage;
}

/** The vault store beside a storage of `kind` that {@link openTestStorage} opened first; the caller closes it. */
export async function openTestVaults(kind: StorageKind): Promise<VaultStore> {
  if (kind === 'lowdb') return openMemoryVaults();
  return openPostgresVaults(await schemaUrl!);
}

/** Every row of every table of the current test schema, as JSON text (to look for what must not be there). */
export async function allPostgresRows(): Promise<string> {
  const sql = postgres(await schemaUrl!, { max: 1, onnotice: () => undefined });
  try {
    const tables = await sql<{ tablename: string }[]>`
      SELECT tablename FROM pg_tables WHERE schemaname = current_schema()`;
    const dumps = await Promise.all(
      tables.map((t) => sql.unsafe(`SELECT row_to_json(r)::text AS row FROM "${t.tablename}" r`)),
    );
    return dumps.flatMap((rows) => rows.map((r) => r.row as string)).join('\n');
  } finally {
    await sql.end();
  }
}

/** Deletes every row of the companion's tables (not the schema's migration record). */
async function emptyAllTables(url: string) {
  const sql = postgres(url, { max: 1, onnotice: () => undefined });
  try {
    const tables = await sql<{ tablename: string }[]>`
      SELECT tablename FROM pg_tables WHERE schemaname = current_schema() AND tablename <> 'schema_migrations'`;
    await sql.unsafe(`TRUNCATE ${tables.map((t) => `"${t.tablename}"`).join(', ')} RESTART IDENTITY CASCADE`);
  } finally {
    await sql.end();
  }
}
