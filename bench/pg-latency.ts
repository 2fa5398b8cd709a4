/**
 * Create and reset latency on PostgreSQL at 100,000 accounts × 3 regions (registry-only backend): the
 * real companion process over HTTP, one request at a time, on a registry seeded in bulk (see
 * scale-registry.ts). lowdb's figures at 1,000 and 10,000 accounts come from key-latency.ts.
 */
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import postgres from 'postgres';
import { migrate } from '../companion/storage/postgres/migrations.ts';
import { startCompanion } from '../test/helpers/companion-process.ts';
import { startLocalPostgres } from '../test/helpers/local-postgres.ts';
import { buildScaleRegistry, insertPostgresRegistry, type ScaleRegistry } from './scale-registry.ts';
import { summarize, timeEach, type Summary } from './stats.ts';

const REGIONS = 3;
const PG_ACCOUNTS = 100_000;
const PG_OPERATIONS = 1_000;

export async function pgLatency() {
  const rows: Record<string, Summary> = {};
  const pg = await startLocalPostgres();
  try {
    const seeding = performance.now();
    const registry = buildScaleRegistry(PG_ACCOUNTS, REGIONS);
    const sql = postgres(pg.url, { onnotice: () => undefined });
    try {
      await migrate(sql);
      await insertPostgresRegistry(sql, registry);
    } finally {
      await sql.end();
    }
    const seedSeconds = Math.round((performance.now() - seeding) / 100) / 10;
    const dataDir = await mkdtemp(join(tmpdir(), 's3keys-bench-pg-'));
    const env = { S3KEYS_DATABASE_URL: pg.url, S3KEYS_MASTER_KEY: registry.masterKey };
    const measured = await measureKeyChanges(dataDir, env, registry, PG_OPERATIONS);
    rows[`postgres ${PG_ACCOUNTS} accounts: create`] = measured.create;
    rows[`postgres ${PG_ACCOUNTS} accounts: reset`] = measured.reset;

    const figures = {
      'pg.create.p99_ms': measured.create.p99,
      'pg.reset.p99_ms': measured.reset.p99,
    };
    console.log(
      `\nkey changes through the companion process, sequential (ms); ${REGIONS} regions, registry-only backend; PostgreSQL seeded with ${PG_ACCOUNTS} accounts in ${seedSeconds} s`,
    );
    console.table(rows);
    console.table(figures);
    return { name: 'pg-latency', regions: REGIONS, seedSeconds, unit: 'ms', figures, rows };
  } finally {
    await pg.stop();
  }
}

/**
 * `operations` creates, then as many resets, each by a different account spread over the whole
 * registry, in the region that has no pairs yet.
 */
async function measureKeyChanges(
  dataDir: string,
  env: NodeJS.ProcessEnv,
  registry: ScaleRegistry,
  operations: number,
): Promise<{ create: Summary; reset: Summary }> {
  const companion = await startCompanion(dataDir, [], env);
  try {
    const stride = Math.floor(registry.tokens.length / operations);
    const path = `/api/v1/regions/${registry.measuredRegion}/key`;
    const post = async (i: number, suffix: string, body: unknown) => {
      const response = await fetch(`${companion.url}${path}${suffix}`, {
        method: 'POST',
        headers: {
          Authorization: `Bearer ${registry.tokens[i * stride]}`,
          'Content-Type': 'application/json',
        },
        body: JSON.stringify(body),
      });
      const json = (await response.json()) as { accessKeyId?: string };
      if (!response.ok) throw new Error(`POST ${path}${suffix} answered ${response.status}`);
      return json.accessKeyId!;
    };
    const keys: string[] = [];
    const create = await timeEach(operations, async (i) => void (keys[i] = await post(i, '', {})));
    const reset = await timeEach(
      operations,
      async (i) => void (await post(i, '/reset', { accessKeyId: keys[i] })),
    );
    return { create: summarize(create), reset: summarize(reset) };
  } finally {
    await companion.stop();
  }
}
