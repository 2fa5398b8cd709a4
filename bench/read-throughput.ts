/**
 * Read throughput: authenticated `GET /api/v1/regions` (5 regions, each with a pair) through the
 * companion process, and a bare @hono/node-server app answering the same JSON, in the same run, with
 * autocannon (keep-alive, 64 connections, 10 s per round). Four rounds of each alternate (bare, companion,
 * bare, companion, …) so neither gets the quieter machine; each figure is the mean over its rounds.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { ROOT, startCompanion } from '../test/helpers/companion-process.ts';
import { buildScaleRegistry, writeLowdbRegistry } from './scale-registry.ts';

const CONNECTIONS = 64;
const SECONDS = 10;
// Four, not two: the bare app's figure alone moved by a third between runs of two (14.8k to 21.2k req/s).
const ROUNDS = 4;
const REGIONS = 5;

export async function readThroughput() {
  // One account; every region holds a pair (the first one gets its pair through the API below).
  const registry = buildScaleRegistry(1, REGIONS);
  const dataDir = await mkdtemp(join(tmpdir(), 's3keys-bench-read-'));
  await writeLowdbRegistry(dataDir, registry);
  const companion = await startCompanion(dataDir);
  const headers = { authorization: `Bearer ${registry.tokens[0]}` };
  const bodyFile = join(dataDir, 'regions.json');
  try {
    const created = await fetch(`${companion.url}/api/v1/regions/${registry.measuredRegion}/key`, {
      method: 'POST',
      headers: { ...headers, 'content-type': 'application/json' },
      body: '{}',
    });
    if (created.status !== 201) throw new Error(`create answered ${created.status}`);
    const answer = await fetch(`${companion.url}/api/v1/regions`, { headers });
    await writeFile(bodyFile, await answer.text());
    const bare = await startBare(bodyFile);
    try {
      const load = async (base: string, duration: number) => {
        const result = await autocannon({
          url: `${base}/api/v1/regions`,
          headers,
          connections: CONNECTIONS,
          duration,
        });
        if (result.non2xx > 0 || result.errors > 0)
          throw new Error(`${base}: ${result.non2xx} non-2xx answers and ${result.errors} errors under load`);
        return result;
      };
      await load(bare.url, 2);
      await load(companion.url, 2);
      const rounds: Record<'bare' | 'companion', autocannon.Result[]> = { bare: [], companion: [] };
      for (let round = 0; round < ROUNDS; round++) {
        rounds.bare.push(await load(bare.url, SECONDS));
        rounds.companion.push(await load(companion.url, SECONDS));
      }
      const summary = (results: autocannon.Result[]) => ({
        rps: Math.round(results.reduce((sum, r) => sum + r.requests.average, 0) / results.length),
        p99_ms: Math.max(...results.map((r) => r.latency.p99)),
        requests: results.reduce((sum, r) => sum + r.requests.total, 0),
      });
      const rows = { 'bare @hono/node-server': summary(rounds.bare), companion: summary(rounds.companion) };
      const figures = {
        'api.read.rps': rows.companion.rps,
        'api.read.p99_ms': rows.companion.p99_ms,
        'baseline.read.rps (bare)': rows['bare @hono/node-server'].rps,
        'api.read.ratio': Math.round((rows.companion.rps / rows['bare @hono/node-server'].rps) * 100) / 100,
      };
      console.log(
        `\nGET /api/v1/regions (${REGIONS} regions): autocannon, ${CONNECTIONS} connections, ${ROUNDS} × ${SECONDS} s each, alternating`,
      );
      console.table(rows);
      console.table(figures);
      return {
        name: 'read-throughput',
        connections: CONNECTIONS,
        seconds: SECONDS,
        rounds: ROUNDS,
        figures,
        rows,
      };
    } finally {
      bare.stop();
    }
  } finally {
    await companion.stop();
  }
}

/** Starts bare-server.ts on `bodyFile`; resolves once it listens. */
function startBare(bodyFile: string): Promise<{ url: string; stop: () => void }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'bench/bare-server.ts', bodyFile], { cwd: ROOT });
  return new Promise((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      const match = /listening on (\S+)/.exec(chunk.toString());
      if (match) resolve({ url: match[1]!, stop: () => child.kill() });
    });
    child.once('exit', (code) => reject(new Error(`the bare server exited with ${code}`)));
  });
}
