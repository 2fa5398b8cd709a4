/**
 * The shared storage: the registry in PostgreSQL, for several companions behind a load balancer. Every
 * rule that must hold across instances is the database's: one current pair per (account, region) is a
 * partial unique index; create and reset hold the account's service row in the region (`SELECT … FOR
 * UPDATE`) in a transaction from the first read to the commit, so two instances cannot both win;
 * intents and idempotent answers are rows every instance sees. Secrets stay sealed as on lowdb (the same
 * master key on every instance).
 *
 * Driver: postgres (postgres.js) 4 rather than pg — no dependencies, tagged-template queries that
 * are always parameterised, transactions (`begin`) and reserved connections (`reserve`, for
 * session-level advisory locks) built in, and its own TypeScript types.
 * @module
 */
import postgres, { type ReservedSql, type Sql, type TransactionSql } from 'postgres';
import type { Role } from '#shared/api';
import { AUDIT_RETENTION } from '../../keys/audit.ts';
import type {
  Account,
  AuditRecord,
  Intent,
  KeyPair,
  RegionRecord,
  SealedSecret,
  Token,
  User,
} from '../data.ts';
import type { IdempotencyStore, KeySlot, RegistryStorage } from '../registry-storage.ts';
import { StartupError } from '../../startup-error.ts';
import { LOCK_NAMESPACE, migrate, SOLO_LOCKS } from './migrations.ts';
import { createSemaphore } from './semaphore.ts';

/** Whatever runs a statement: the pool, a transaction, or a reserved connection. */
type Queryable = Sql | TransactionSql | ReservedSql;

/** Connections per instance. Half at most hold slot transactions, so their side queries always find one. */
const POOL_SIZE = 10;

const KEY_COLUMNS =
  'access_key_id, account_id, region_id, state, secret, created_at, created_by, last_reset_at, last_reset_by, retired_at';
/** Row `k` of keys as a KeyPair (in JSON, so that it can travel as one column beside others). */
const KEY_JSON = `json_build_object(
  'accessKeyId', k.access_key_id, 'accountId', k.account_id, 'regionId', k.region_id,
  'state', k.state, 'secret', k.secret, 'createdAt', k.created_at, 'createdBy', k.created_by,
  'lastResetAt', k.last_reset_at, 'lastResetBy', k.last_reset_by, 'retiredAt', k.retired_at)`;
const ACCOUNT_COLUMNS = 'id, name, created_at, rotation_reminder_days';
const AUDIT_COLUMNS = 'account_id, at, actor, action, region, access_key_id, outcome, code';

/** Connects, brings the schema up to date, and returns the storage. */
export async function openPostgresStorage(url: string): Promise<RegistryStorage> {
  const sql = connect(url);
  try {
    await migrate(sql);
  } catch (error) {
    await sql.end({ timeout: 1 });
    throw new StartupError(`Cannot use the database ${redact(url)}: ${(error as Error).message}`);
  }
  return createPostgresStorage(sql, redact(url));
}

/** A connection pool with the companion's settings: camelCase rows, no notices in the log. */
export function connect(url: string, max = POOL_SIZE): Sql {
  return postgres(url, {
    max,
    onnotice: () => undefined,
    transform: { column: { from: postgres.toCamel, to: postgres.fromCamel } },
    connection: { application_name: 's3keys-companion' },
  });
}

/** The URL without its password, for messages. */
export function redact(url: string): string {
  const parsed = new URL(url);
  if (parsed.password) parsed.password = '***';
  return parsed.toString();
}

function createPostgresStorage(sql: Sql, location: string): RegistryStorage {
  const slotTransactions = createSemaphore(POOL_SIZE / 2);
  const keys = (rows: readonly KeyPair[]) => rows.map((k) => ({ ...k }) as KeyPair);
  const currentKeyQuery = (db: Queryable, accountId: string, regionId: string) => db<KeyPair[]>`
    SELECT ${db.unsafe(KEY_COLUMNS)} FROM keys
    WHERE account_id = ${accountId} AND region_id = ${regionId} AND state = 'current'`;
  const serviceQuery = (db: Queryable, accountId: string, regionId: string) =>
    db<{ available: boolean }[]>`
      SELECT available FROM services WHERE account_id = ${accountId} AND region_id = ${regionId}`;
  const currentKey = async (db: Queryable, accountId: string, regionId: string) => {
    const [key] = await currentKeyQuery(db, accountId, regionId);
    return key ? { ...key } : null;
  };
  const serviceAvailable = async (db: Queryable, accountId: string, regionId: string) => {
    const [row] = await serviceQuery(db, accountId, regionId);
    return row?.available ?? false;
  };
  /**
   * The statements that add `events` to the audit, not yet sent (postgres.js sends a query when it is
   * awaited): one per account touched, which inserts its events and keeps its newest AUDIT_RETENTION.
   * The trim cannot see the rows its own statement inserts, so it keeps that many fewer of the older
   * ones. `=` and `IS NULL` (not `IS NOT DISTINCT FROM`) so the trim and its subquery walk the
   * (account_id, seq) index.
   */
  const auditStatements = (db: Queryable, events: AuditRecord[]) =>
    [...new Set(events.map((e) => e.accountId))].map((accountId) => {
      const added = events.filter((e) => e.accountId === accountId);
      const ofAccount = accountId === null ? db`account_id IS NULL` : db`account_id = ${accountId}`;
      return db`
        WITH added AS (INSERT INTO audit ${db(
          added.map((e) => ({ ...e })),
          'accountId',
          'at',
          'actor',
          'action',
          'region',
          'accessKeyId',
          'outcome',
          'code',
        )})
        DELETE FROM audit WHERE ${ofAccount} AND seq <= (
          SELECT seq FROM audit WHERE ${ofAccount} ORDER BY seq DESC
          OFFSET ${Math.max(0, AUDIT_RETENTION - added.length)} LIMIT 1)`;
    });
  const insertAudit = async (events: AuditRecord[]) => {
    await Promise.all(auditStatements(sql, events));
  };

  const idempotency: IdempotencyStore = {
    async claim(userId, key, fingerprint, expiresAt) {
      const t = Date.now();
      for (;;) {
        const claimed = await sql`
          INSERT INTO idempotency (user_id, key, fingerprint, expires_at, response)
          VALUES (${userId}, ${key}, ${fingerprint}, ${expiresAt}, NULL)
          ON CONFLICT (user_id, key) DO UPDATE
            SET fingerprint = EXCLUDED.fingerprint, expires_at = EXCLUDED.expires_at, response = NULL
            WHERE idempotency.expires_at <= ${t}
          RETURNING 1`;
        if (claimed.length > 0) return null;
        const [held] = await sql<{ fingerprint: string; expiresAt: string; response: SealedSecret | null }[]>`
          SELECT fingerprint, expires_at, response FROM idempotency WHERE user_id = ${userId} AND key = ${key}`;
        // Released between the two statements: claim again.
        if (held) return { ...held, expiresAt: Number(held.expiresAt) };
      }
    },
    async complete(userId, key, response, expiresAt) {
      await sql`
        UPDATE idempotency SET response = ${sql.json(response)}, expires_at = ${expiresAt}
        WHERE user_id = ${userId} AND key = ${key}`;
      await sql`DELETE FROM idempotency WHERE user_id = ${userId} AND expires_at <= ${Date.now()}`;
    },
    async release(userId, key) {
      await sql`DELETE FROM idempotency WHERE user_id = ${userId} AND key = ${key}`;
    },
  };

  return {
    location,
    async findToken(tokenId) {
      const [row] = await sql<(Token & { user: User })[]>`
        SELECT t.id, t.user_id, t.hash, t.label, t.created_at, t.revoked_at,
          json_build_object('id', u.id, 'accountId', u.account_id, 'name', u.name, 'email', u.email,
            'role', u.role, 'createdAt', u.created_at) AS user
        FROM tokens t JOIN users u ON u.id = t.user_id WHERE t.id = ${tokenId}`;
      if (!row) return null;
      const { user, ...token } = row;
      return { token, user };
    },
    async account(accountId) {
      const [row] = await sql<Account[]>`
        SELECT ${sql.unsafe(ACCOUNT_COLUMNS)} FROM accounts WHERE id = ${accountId}`;
      return row ? { ...row } : null;
    },
    async findAccount(idOrName) {
      const [row] = await sql<Account[]>`
        SELECT ${sql.unsafe(ACCOUNT_COLUMNS)} FROM accounts WHERE id = ${idOrName} OR name = ${idOrName}
        ORDER BY (id = ${idOrName}) DESC, created_at LIMIT 1`;
      return row ? { ...row } : null;
    },
    async findUser(idOrEmail) {
      const [row] = await sql<User[]>`
        SELECT id, account_id, name, email, role, created_at FROM users
        WHERE id = ${idOrEmail} OR lower(email) = lower(${idOrEmail})
        ORDER BY (id = ${idOrEmail}) DESC LIMIT 1`;
      return row ? { ...row } : null;
    },
    async listAccounts() {
      return [
        ...(await sql<Account[]>`
        SELECT ${sql.unsafe(ACCOUNT_COLUMNS)} FROM accounts ORDER BY created_at, id`),
      ];
    },
    async listUsers(accountId) {
      return [
        ...(await sql<User[]>`
          SELECT id, account_id, name, email, role, created_at FROM users
          WHERE ${accountId === undefined} OR account_id = ${accountId ?? ''} ORDER BY created_at, id`),
      ];
    },
    async listTokens(userId) {
      return [
        ...(await sql<Token[]>`
          SELECT id, user_id, hash, label, created_at, revoked_at FROM tokens
          WHERE ${userId === undefined} OR user_id = ${userId ?? ''} ORDER BY created_at, id`),
      ];
    },
    async listRegions() {
      const rows = await sql<{ record: RegionRecord }[]>`SELECT record FROM regions ORDER BY seq`;
      return rows.map((r) => r.record);
    },
    async region(regionId) {
      const [row] = await sql<{ record: RegionRecord }[]>`SELECT record FROM regions WHERE id = ${regionId}`;
      return row?.record ?? null;
    },
    async regionsOf(accountId) {
      // One query, not four: this answers every popup open, so its round trips are the read path's cost.
      const rows = await sql<
        {
          record: RegionRecord;
          available: boolean | null;
          key: KeyPair | null;
          createdByName: string | null;
          lastResetByName: string | null;
        }[]
      >`
        SELECT r.record, s.available,
          CASE WHEN k.access_key_id IS NULL THEN NULL ELSE ${sql.unsafe(KEY_JSON)} END AS key,
          created_by.name AS created_by_name, last_reset_by.name AS last_reset_by_name
        FROM regions r
        LEFT JOIN services s ON s.account_id = ${accountId} AND s.region_id = r.id
        LEFT JOIN keys k ON k.account_id = ${accountId} AND k.region_id = r.id AND k.state = 'current'
        LEFT JOIN users created_by ON created_by.id = k.created_by
        LEFT JOIN users last_reset_by ON last_reset_by.id = k.last_reset_by
        ORDER BY r.seq`;
      return rows.map(({ record, available, key, createdByName, lastResetByName }) => ({
        region: record,
        serviceAvailable: available ?? false,
        key: key ? { ...key } : null,
        keyMakers: { createdByName, lastResetByName },
      }));
    },
    serviceAvailable: (accountId, regionId) => serviceAvailable(sql, accountId, regionId),
    currentKey: (accountId, regionId) => currentKey(sql, accountId, regionId),
    async keysOf(accountId) {
      return keys(
        await sql<KeyPair[]>`
          SELECT ${sql.unsafe(KEY_COLUMNS)} FROM keys WHERE account_id = ${accountId} ORDER BY seq`,
      );
    },
    async accountsWithKeysIn(regionId) {
      const rows = await sql<{ accountId: string }[]>`
        SELECT DISTINCT account_id FROM keys WHERE region_id = ${regionId}`;
      return rows.map((r) => r.accountId);
    },
    async anySealedKey() {
      const [key] = await sql<KeyPair[]>`
        SELECT ${sql.unsafe(KEY_COLUMNS)} FROM keys WHERE state = 'current' LIMIT 1`;
      return key ? { ...key } : null;
    },
    async auditPage(accountId, { limit, offset = 0, region }) {
      const ofRegion = region === undefined ? sql`` : sql`AND region = ${region}`;
      const rows = await sql<AuditRecord[]>`
        SELECT ${sql.unsafe(AUDIT_COLUMNS)} FROM audit WHERE account_id = ${accountId} ${ofRegion}
        ORDER BY seq DESC LIMIT ${limit} OFFSET ${offset}`;
      return rows.map((r) => ({ ...r }));
    },

    async addAccount(account) {
      await sql`INSERT INTO accounts ${sql({ ...account })}`;
    },
    async setRotationReminder(accountId, days) {
      await sql`UPDATE accounts SET rotation_reminder_days = ${days} WHERE id = ${accountId}`;
    },
    async addUser(user) {
      await sql`INSERT INTO users ${sql({ ...user })}`;
    },
    async setRole(userId, role: Role) {
      await sql`UPDATE users SET role = ${role} WHERE id = ${userId}`;
    },
    async putRegion(region) {
      await sql`
        INSERT INTO regions (id, record) VALUES (${region.id}, ${sql.json(region as never)})
        ON CONFLICT (id) DO UPDATE SET record = EXCLUDED.record`;
    },
    async setServiceAvailable(accountId, regionId, available) {
      await sql`
        INSERT INTO services (account_id, region_id, available) VALUES (${accountId}, ${regionId}, ${available})
        ON CONFLICT (account_id, region_id) DO UPDATE SET available = EXCLUDED.available`;
    },
    async addToken(token) {
      await sql`INSERT INTO tokens ${sql({ ...token })}`;
    },
    async revokeTokens(tokenIds, at) {
      if (tokenIds.length === 0) return;
      await sql`UPDATE tokens SET revoked_at = ${at} WHERE id IN ${sql(tokenIds)} AND revoked_at IS NULL`;
    },

    withSlot(accountId, regionId, work) {
      return slotTransactions.run(async () => {
        // A connection of its own, so that BEGIN and COMMIT travel with the statements beside them:
        // a key change is two round trips to the database, not four.
        const tx = await sql.reserve();
        let open = true;
        try {
          // Sent together and answered in one round trip, in this order (Promise.all awaits them in turn,
          // and one connection runs them in order): the transaction; the slot's lock, which is the
          // account's service row in the region; then what a change reads under that lock — in READ
          // COMMITTED each statement sees what was committed before it. Without a service row there is
          // nothing to lock, and nothing a change may do: create and reset need the service.
          const [, [service], [about]] = await Promise.all([
            tx`BEGIN`,
            tx<{ available: boolean }[]>`
              SELECT available FROM services WHERE account_id = ${accountId} AND region_id = ${regionId}
              FOR UPDATE`,
            tx<{ region: RegionRecord | null; accountName: string | null; key: KeyPair | null }[]>`
              SELECT (SELECT record FROM regions WHERE id = ${regionId}) AS region,
                (SELECT name FROM accounts WHERE id = ${accountId}) AS account_name,
                (SELECT ${tx.unsafe(KEY_JSON)} FROM keys k
                  WHERE account_id = ${accountId} AND region_id = ${regionId} AND state = 'current') AS key`,
          ]);
          const slot: KeySlot = {
            region: async () => about?.region ?? null,
            accountName: async () => about?.accountName ?? null,
            currentKey: async () =>
              open ? (about?.key ? { ...about.key } : null) : currentKey(tx, accountId, regionId),
            serviceAvailable: async () => service?.available ?? false,
            async commit({ retire, pair, audit }) {
              // One round trip again, in this order, COMMIT last. A failing statement aborts the
              // transaction, and PostgreSQL then ends it with a rollback at that COMMIT: nothing of the
              // change is kept.
              await Promise.all([
                retire &&
                  tx`
                    UPDATE keys SET state = 'retired', secret = NULL, retired_at = ${retire.at}
                    WHERE access_key_id = ${retire.accessKeyId} AND state = 'current'`,
                tx`INSERT INTO keys ${tx({ ...pair, secret: tx.json(pair.secret as never) } as never)}`,
                ...auditStatements(tx, [audit]),
                tx`COMMIT`,
              ]);
              open = false;
            },
          };
          const result = await work(slot);
          if (open) await tx`ROLLBACK`;
          open = false;
          return result;
        } catch (error) {
          // After a failed statement the COMMIT already rolled back; a second ROLLBACK only warns.
          if (open) await tx`ROLLBACK`.catch(() => undefined);
          throw error;
        } finally {
          tx.release();
        }
      });
    },
    appendAudit: insertAudit,

    async intents() {
      const rows = await sql<Intent[]>`
        SELECT account_id, region_id, action, access_key_id, previous_access_key_id, started_at
        FROM intents ORDER BY seq`;
      return rows.map((r) => ({ ...r }));
    },
    async addIntent(intent) {
      await sql`INSERT INTO intents ${sql({ ...intent })}`;
    },
    async clearIntents(which) {
      if ('accessKeyId' in which) await sql`DELETE FROM intents WHERE access_key_id = ${which.accessKeyId}`;
      else
        await sql`DELETE FROM intents WHERE account_id = ${which.accountId} AND region_id = ${which.regionId}`;
    },

    idempotency,
    authFailures: {
      async record(buckets, at) {
        await sql`INSERT INTO auth_failures ${sql(buckets.map((bucket) => ({ bucket, at })))}`;
      },
      async since(bucket, since) {
        // Older failures of the bucket no longer count: drop them on the way.
        await sql`DELETE FROM auth_failures WHERE bucket = ${bucket} AND at <= ${since}`;
        const [row] = await sql<{ count: string; oldest: string | null }[]>`
          SELECT count(*) AS count, min(at) AS oldest FROM auth_failures WHERE bucket = ${bucket} AND at > ${since}`;
        return { count: Number(row?.count ?? 0), oldest: row?.oldest == null ? null : Number(row.oldest) };
      },
      async prune(before) {
        await sql`DELETE FROM auth_failures WHERE at <= ${before}`;
      },
    },

    async alone(task, work) {
      const lock = SOLO_LOCKS[task];
      // A session-level lock, on a connection of its own for as long as the work runs.
      const connection = await sql.reserve();
      try {
        const [row] = await connection<{ locked: boolean }[]>`
          SELECT pg_try_advisory_lock(${LOCK_NAMESPACE}, ${lock}) AS locked`;
        if (!row?.locked) return null;
        try {
          return await work();
        } finally {
          await connection`SELECT pg_advisory_unlock(${LOCK_NAMESPACE}, ${lock})`;
        }
      } finally {
        connection.release();
      }
    },

    async close() {
      await sql.end({ timeout: 5 });
    },
  };
}
