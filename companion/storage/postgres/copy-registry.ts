/**
 * Copies a lowdb registry (its data, as loaded) into an empty PostgreSQL database, in one transaction:
 * all of it or nothing. Sealed secrets are copied as they are, so the database needs the master key
 * that sealed them. A database that already holds any registry data is refused.
 * @module
 */
import type { Data } from '../data.ts';
import { connect, redact } from './postgres-storage.ts';
import { migrate } from './migrations.ts';

export interface CopyCounts {
  accounts: number;
  users: number;
  tokens: number;
  regions: number;
  services: number;
  keys: number;
  retiredKeys: number;
  auditEvents: number;
}

export class TargetNotEmptyError extends Error {
  override name = 'TargetNotEmptyError';
}

const REGISTRY_TABLES = ['accounts', 'users', 'tokens', 'regions', 'services', 'keys', 'audit'] as const;
/** Rows per INSERT, well under PostgreSQL's 65,535 parameters. */
const BATCH = 1000;

export async function copyRegistryToPostgres(data: Data, url: string): Promise<CopyCounts> {
  const sql = connect(url, 1);
  try {
    await migrate(sql);
    await sql.begin(async (tx) => {
      for (const table of REGISTRY_TABLES) {
        const [row] = await tx`SELECT EXISTS (SELECT 1 FROM ${tx(table)}) AS taken`;
        if (row?.taken)
          throw new TargetNotEmptyError(
            `The database ${redact(url)} already holds registry data (table "${table}" is not empty); migrate only into an empty database.`,
          );
      }
      const insert = async (table: string, rows: object[]) => {
        for (let i = 0; i < rows.length; i += BATCH)
          await tx`INSERT INTO ${tx(table)} ${tx(rows.slice(i, i + BATCH) as never)}`;
      };
      await insert('accounts', data.accounts);
      await insert('users', data.users);
      await insert('tokens', data.tokens);
      await insert(
        'regions',
        data.regions.map((r) => ({ id: r.id, record: tx.json(r as never) })),
      );
      await insert('services', data.services);
      await insert(
        'keys',
        data.keys.map((k) => ({ ...k, secret: k.secret && tx.json(k.secret) })),
      );
      await insert('audit', data.audit);
    });
  } finally {
    await sql.end({ timeout: 5 });
  }
  return {
    accounts: data.accounts.length,
    users: data.users.length,
    tokens: data.tokens.length,
    regions: data.regions.length,
    services: data.services.length,
    keys: data.keys.length,
    retiredKeys: data.keys.filter((k) => k.state === 'retired').length,
    auditEvents: data.audit.length,
  };
}
