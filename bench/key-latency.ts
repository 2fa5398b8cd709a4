/**
 * Create and reset latency on the lowdb storage at 1,000 and 10,000 accounts (× 3 regions, seeded in
 * bulk: see scale-registry.ts), through the real companion process over HTTP, one request at a time,
 * each by a different account spread over the registry. The companion's longest event-loop stall during
 * the writes comes from a probe preloaded into it (loop-probe.mjs). Baselines in the same run: an
 * authenticated read (`GET /api/v1/me`, the same stack without a write) and the floor a key change
 * pays on this disk: two small appends each with fdatasync (the intent, then the commit). Requests come
 * from json-client.ts (Node's http module), like pg-latency's.
 */
import { mkdtemp, open, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DATA_FILE } from '../companion/registry.ts';
import { startCompanion } from '../test/helpers/companion-process.ts';
import { probeEnv, readProbe } from './companion-probe.ts';
import { jsonClient } from './json-client.ts';
import { buildScaleRegistry, writeLowdbRegistry } from './scale-registry.ts';
import { summarize, timeEach, type Summary } from './stats.ts';

const REGIONS = 3;
const RUNS = [
  { accounts: 1_000, operations: 500 },
  { accounts: 10_000, operations: 200 },
];

export async function keyLatency() {
  const rows: Record<string, Summary> = {};
  const figures: Record<string, number> = {};
  for (const { accounts, operations } of RUNS) {
    const registry = buildScaleRegistry(accounts, REGIONS);
    const dataDir = await mkdtemp(join(tmpdir(), 's3keys-bench-'));
    await writeLowdbRegistry(dataDir, registry);
    const probeFile = join(dataDir, 'loop-probe.json');
    const companion = await startCompanion(dataDir, [], probeEnv(probeFile));
    const client = jsonClient(companion.url);
    try {
      const stride = Math.floor(accounts / operations);
      const token = (i: number) => registry.tokens[i * stride]!;
      const call = (i: number, path: string, body?: unknown) => client.call(path, token(i), body);
      const path = `/api/v1/regions/${registry.measuredRegion}/key`;
      const keys: string[] = [];
      const read = await timeEach(operations, async (i) => void (await call(i, '/api/v1/me')));
      await readProbe(companion, probeFile);
      const create = await timeEach(
        operations,
        async (i) => void (keys[i] = (await call(i, path, {})).accessKeyId as string),
      );
      const reset = await timeEach(
        operations,
        async (i) => void (await call(i, `${path}/reset`, { accessKeyId: keys[i] })),
      );
      const stall = (await readProbe(companion, probeFile)).maxMs;
      const floor = await timeEach(operations, () => twoDurableAppends(join(dataDir, 'bench.log')));

      rows[`${accounts} accounts: create (POST key)`] = summarize(create);
      rows[`${accounts} accounts: reset (POST key/reset)`] = summarize(reset);
      rows[`${accounts} accounts: baseline GET /api/v1/me`] = summarize(read);
      rows[`${accounts} accounts: baseline two appends + fdatasync`] = summarize(floor);
      figures[`api.create.p99_ms@${accounts}`] = summarize(create).p99;
      figures[`api.reset.p99_ms@${accounts}`] = summarize(reset).p99;
      figures[`floor.p99_ms@${accounts}`] = summarize(floor).p99;
      figures[`api.write.loop_block_max_ms@${accounts}`] = Math.round(stall * 10) / 10;
      figures[`registry.bytes@${accounts}`] = (await stat(join(dataDir, DATA_FILE))).size;
    } finally {
      client.close();
      await companion.stop();
    }
  }
  figures['api.write.loop_block_max_ms'] = Math.max(
    ...RUNS.map(({ accounts }) => figures[`api.write.loop_block_max_ms@${accounts}`]!),
  );
  console.log(
    `\nkey changes on lowdb, ${REGIONS} regions, registry-only backend, sequential (ms); loop stall from the companion's own probe`,
  );
  console.table(rows);
  console.table(figures);
  return { name: 'key-latency', regions: REGIONS, unit: 'ms', figures, rows };
}

/** What a key change pays at least on this disk: the intent and the commit, each appended and fdatasync'd. */
async function twoDurableAppends(file: string) {
  const handle = await open(file, 'a');
  try {
    for (const line of ['{"intent":"x"}\n', '{"commit":"y"}\n']) {
      await handle.write(line);
      await handle.datasync();
    }
  } finally {
    await handle.close();
  }
}
