/**
 * The vault store on PostgreSQL: one row per user in `vaults` (migration 3). A write is one statement
 * that only matches the expected version (or, for the first write, only inserts when no row exists),
 * so concurrent writers on any number of instances cannot both win.
 * @module
 */
import type { Sql } from 'postgres';
import type { VaultContent } from '#shared/vault';
import type { StoredVault, VaultStore } from '../vault-store.ts';
import { connect } from './postgres-storage.ts';

/** A small pool of its own: vault requests are rare next to key reads. The schema must be migrated. */
export function openPostgresVaults(url: string): VaultStore {
  return createPostgresVaults(connect(url, 2));
}

export function createPostgresVaults(sql: Sql): VaultStore {
  return {
    async read(userId) {
      const [row] = await sql<{ version: string; content: VaultContent; updatedAt: string }[]>`
        SELECT version, content, updated_at FROM vaults WHERE user_id = ${userId}`;
      return row
        ? ({
            version: Number(row.version),
            content: row.content,
            updatedAt: row.updatedAt,
          } satisfies StoredVault)
        : null;
    },
    async version(userId) {
      const [row] = await sql<{ version: string }[]>`SELECT version FROM vaults WHERE user_id = ${userId}`;
      return row ? Number(row.version) : 0;
    },
    async replace(userId, expected, content, at) {
      const json = sql.json(content as never);
      const rows =
        expected === 0
          ? await sql<{ version: string }[]>`
              INSERT INTO vaults (user_id, version, content, updated_at) VALUES (${userId}, 1, ${json}, ${at})
              ON CONFLICT (user_id) DO NOTHING RETURNING version`
          : await sql<{ version: string }[]>`
              UPDATE vaults SET version = version + 1, content = ${json}, updated_at = ${at}
              WHERE user_id = ${userId} AND version = ${expected} RETURNING version`;
      return rows[0] ? Number(rows[0].version) : null;
    },
    close: () => sql.end({ timeout: 5 }),
  };
}
