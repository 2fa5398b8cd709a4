/**
 * Create and reset latency on PostgreSQL at 100,000 accounts × 3 regions (registry-only backend): the
 * real companion process over HTTP, one request at a time, on a registry seeded in bulk (see
 * scale-registry.ts). lowdb's figures at 1,000 and 10,000 accounts come from key-latency.ts. Beside
 * them, the companion's garbage-collection pauses during the timed changes (its preloaded probe,
 * loop-probe.mjs): each one lands on a request, so they show how much of the tail is the collector's.
 */
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import postgres from 'postgres';
import { migrate } from '../companion/storage/postgres/migrations.ts';
import { startCompanion } from '../test/helpers/companion-process.ts';
import { startLocalPostgres } from '../test/helpers/local-postgres.ts';
import { probeEnv, readProbe, type ProbeReport } from './companion-probe.ts';
import { jsonClient } from './json-client.ts';
import { buildScaleRegistry, insertPostgresRegistry, type ScaleRegistry } from './scale-registry.ts';
import { summarize, timeEach, type Summary } from './stats.ts';

const REGIONS = 3;
const PG_ACCOUNTS = 100_000;
const PG_OPERATIONS = 1_000;
// As many as are timed: after 200 of each, a fifth of the companion's CPU during the timed changes was
// still V8's optimising compiler (perf: 22–24 % in TurboFan, on the same 2 cores as PostgreSQL and the
// client); after 1,000 of each, about a tenth, and the compiles still running get rarer.
const WARM_UP = 1_000;

export async function pgLatency() {
  const rows: Record<string, Summary> = {};
  const pg = await startLocalPostgres();
  try {
    const { seedSeconds, ...seeded } = await seed(pg.url);
    collectGarbage();
    const dataDir = await mkdtemp(join(tmpdir(), 's3keys-bench-pg-'));
    const env = { S3KEYS_DATABASE_URL: pg.url, S3KEYS_MASTER_KEY: seeded.masterKey };
    const measured = await measureKeyChanges(dataDir, env, seeded, PG_OPERATIONS);
    rows[`postgres ${PG_ACCOUNTS} accounts: create`] = measured.create;
    rows[`postgres ${PG_ACCOUNTS} accounts: reset`] = measured.reset;

    const { gc } = measured.probe;
    const figures = {
      'pg.create.p99_ms': measured.create.p99,
      'pg.reset.p99_ms': measured.reset.p99,
      'pg.companion_gc.count': gc.count,
      'pg.companion_gc.max_ms': Math.round(gc.maxMs * 10) / 10,
      'pg.companion_gc.total_ms': Math.round(gc.totalMs),
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

type Seeded = Pick<ScaleRegistry, 'tokens' | 'measuredRegion' | 'masterKey'>;

/**
 * Writes the registry into PostgreSQL and keeps only what the requests need: the client holding all
 * 100,000 accounts would spend its garbage collections on them while it measures.
 */
async function seed(url: string): Promise<Seeded & { seedSeconds: number }> {
  const seeding = performance.now();
  const registry = buildScaleRegistry(PG_ACCOUNTS, REGIONS);
  const sql = postgres(url, { onnotice: () => undefined });
  try {
    await migrate(sql);
    await insertPostgresRegistry(sql, registry);
  } finally {
    await sql.end();
  }
  const seedSeconds = Math.round((performance.now() - seeding) / 100) / 10;
  const { tokens, measuredRegion, masterKey } = registry;
  return { tokens, measuredRegion, masterKey, seedSeconds };
}

/** A full collection now, so that the seeding's garbage is not collected while the requests are timed. */
function collectGarbage() {
  setFlagsFromString('--expose-gc');
  (runInNewContext('gc') as () => void)();
}

/**
 * `operations` creates, then as many resets, each by a different account spread over the whole
 * registry, in the region that has no pairs yet; after a warm-up of the same by other accounts. With
 * what the companion's probe saw during the timed ones.
 */
async function measureKeyChanges(
  dataDir: string,
  env: NodeJS.ProcessEnv,
  registry: Seeded,
  operations: number,
): Promise<{ create: Summary; reset: Summary; probe: ProbeReport }> {
  const probeFile = join(dataDir, 'loop-probe.json');
  const companion = await startCompanion(dataDir, [], { ...env, ...probeEnv(probeFile) });
  const client = jsonClient(companion.url);
  try {
    const stride = Math.floor(registry.tokens.length / operations);
    const path = `/api/v1/regions/${registry.measuredRegion}/key`;
    const keys: string[] = [];
    /** Creates, then resets, by `count` accounts from the `offset`-th of each stride. */
    const run = async (count: number, offset: number) => {
      const token = (i: number) => registry.tokens[i * stride + offset]!;
      const create = await timeEach(
        count,
        async (i) => void (keys[i] = (await client.call(path, token(i), {})).accessKeyId as string),
      );
      const reset = await timeEach(
        count,
        async (i) => void (await client.call(`${path}/reset`, token(i), { accessKeyId: keys[i] })),
      );
      return { create: summarize(create), reset: summarize(reset) };
    };
    // Untimed, by other accounts: the companion's JIT and each pooled connection's prepared statements
    // warm up here, not in the measured percentiles.
    await run(WARM_UP, 1);
    await readProbe(companion, probeFile);
    const timed = await run(operations, 0);
    return { ...timed, probe: await readProbe(companion, probeFile) };
  } finally {
    client.close();
    await companion.stop();
  }
}
