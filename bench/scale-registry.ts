/**
 * A registry at scale for the benchmarks, built in memory and written in bulk (a lowdb file, or SQL
 * inserts into PostgreSQL) instead of through thousands of HTTP calls. Every account has one admin with
 * a token and the service in every region; every region but the first already holds a current pair per
 * account (sealed with the master key), so the first region is where the benchmark creates and resets.
 */
import { randomBytes } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type postgres from 'postgres';
import { mintToken } from '../companion/auth/tokens.ts';
import { generateCredentials } from '../companion/keys/credentials.ts';
import { DATA_FILE } from '../companion/registry.ts';
import { emptyData, type Data, type RegionRecord, type User } from '../companion/storage/data.ts';
import { MASTER_KEY_FILE } from '../companion/storage/master-key.ts';
import { createSealer } from '../companion/storage/seal.ts';

export interface ScaleRegistry {
  data: Data;
  /** The admin token of account i. */
  tokens: string[];
  /** Where creates and resets are measured (no pairs there yet). */
  measuredRegion: string;
  /** The master key (base64) the pairs are sealed with. */
  masterKey: string;
}

/** `accounts` accounts × `regions` regions (registry-only; ids bench-1…bench-N unless `regionIds` names them). */
export function buildScaleRegistry(accounts: number, regions: number, regionIds?: string[]): ScaleRegistry {
  const masterKey = randomBytes(32);
  const sealer = createSealer(masterKey);
  const at = new Date().toISOString();
  const regionRecords: RegionRecord[] = Array.from({ length: regions }, (_, r) => ({
    id: regionIds?.[r] ?? `bench-${r + 1}`,
    name: `Bench ${r + 1}`,
    endpoint: `http://127.0.0.1:${9001 + r}`,
    backend: { type: 'none' },
  }));
  const data: Data = { ...emptyData(), regions: regionRecords };
  const tokens: string[] = [];
  for (let i = 0; i < accounts; i++) {
    const suffix = i.toString(16).padStart(8, '0');
    const account = { id: `acc_${suffix}`, name: `Account ${i}`, createdAt: at, rotationReminderDays: null };
    const user: User = {
      id: `usr_${suffix}`,
      accountId: account.id,
      name: `Admin ${i}`,
      email: `admin${i}@bench.example`,
      role: 'admin',
      createdAt: at,
    };
    const { token, record } = mintToken(user.id, 'bench', at);
    data.accounts.push(account);
    data.users.push(user);
    data.tokens.push(record);
    tokens.push(token);
    for (const [r, region] of regionRecords.entries()) {
      data.services.push({ accountId: account.id, regionId: region.id, available: true });
      if (r === 0) continue;
      const { accessKeyId, secretAccessKey } = generateCredentials();
      data.keys.push({
        accessKeyId,
        accountId: account.id,
        regionId: region.id,
        secret: sealer.seal(secretAccessKey, { accountId: account.id, regionId: region.id, accessKeyId }),
        state: 'current',
        createdAt: at,
        createdBy: user.id,
        lastResetAt: null,
        lastResetBy: null,
        retiredAt: null,
      });
    }
  }
  return { data, tokens, measuredRegion: regionRecords[0]!.id, masterKey: masterKey.toString('base64') };
}

/** Writes the registry as a lowdb data directory (registry file and master key). */
export async function writeLowdbRegistry(dataDir: string, registry: ScaleRegistry): Promise<void> {
  await writeFile(join(dataDir, DATA_FILE), JSON.stringify(registry.data));
  await writeFile(join(dataDir, MASTER_KEY_FILE), `${registry.masterKey}\n`, { mode: 0o600 });
}

/** Inserts the registry into a migrated, empty PostgreSQL database, a few thousand rows per statement. */
export async function insertPostgresRegistry(sql: postgres.Sql, { data }: ScaleRegistry): Promise<void> {
  const insert = async <T>(table: string, rows: T[], toRow: (row: T) => Record<string, unknown>) => {
    const columns = Object.keys(toRow(rows[0]!)).length;
    const batch = Math.floor(60_000 / columns);
    for (let i = 0; i < rows.length; i += batch)
      await sql`INSERT INTO ${sql(table)} ${sql(rows.slice(i, i + batch).map(toRow) as never)}`;
  };
  await insert('regions', data.regions, (r) => ({ id: r.id, record: sql.json(r as never) }));
  await insert('accounts', data.accounts, (a) => ({ id: a.id, name: a.name, created_at: a.createdAt }));
  await insert('users', data.users, (u) => ({
    id: u.id,
    account_id: u.accountId,
    name: u.name,
    email: u.email,
    role: u.role,
    created_at: u.createdAt,
  }));
  await insert('tokens', data.tokens, (t) => ({
    id: t.id,
    user_id: t.userId,
    hash: t.hash,
    label: t.label,
    created_at: t.createdAt,
    revoked_at: t.revokedAt,
  }));
  await insert('services', data.services, (s) => ({
    account_id: s.accountId,
    region_id: s.regionId,
    available: s.available,
  }));
  await insert('keys', data.keys, (k) => ({
    access_key_id: k.accessKeyId,
    account_id: k.accountId,
    region_id: k.regionId,
    state: k.state,
    secret: sql.json(k.secret as never),
    created_at: k.createdAt,
    created_by: k.createdBy,
    last_reset_at: k.lastResetAt,
    last_reset_by: k.lastResetBy,
    retired_at: k.retiredAt,
  }));
  await sql`ANALYZE`;
}
