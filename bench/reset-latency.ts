/**
 * Reset latency through the companion (HTTP, intent, Admin Ops calls, commit) against the same Admin
 * Ops calls made directly (add the new pair, remove the old one), alternating in one run
 * on a local Ceph cluster. The companion is asked from Node's `http` module (json-client.ts), and in the
 * same rounds from `fetch`, to show what the client's own cost adds.
 */
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Secret } from '#shared/api';
import { createCephRgwBackend } from '../companion/backends/ceph-rgw.ts';
import { generateCredentials } from '../companion/keys/credentials.ts';
import { runCli, startCompanion } from '../test/helpers/companion-process.ts';
import { companionConfig, startLocalCeph } from '../test/helpers/local-ceph.ts';
import { jsonClient } from './json-client.ts';
import { summarize } from './stats.ts';

const ROUNDS = 200;

export async function resetLatency() {
  const cephStarted = performance.now();
  const ceph = await startLocalCeph(['demo-north-1']);
  const cephStartMs = Math.round(performance.now() - cephStarted);
  const dataDir = await mkdtemp(join(tmpdir(), 's3keys-bench-rgw-'));
  const configFile = join(dataDir, 'config.json');
  await writeFile(configFile, companionConfig(ceph));
  await runCli(['demo', '--data', dataDir]);
  const token = JSON.parse(await readFile(join(dataDir, 'demo-tokens.json'), 'utf8')).alice.token as string;
  const companion = await startCompanion(dataDir, ['--config', configFile]);
  const client = jsonClient(companion.url);
  try {
    const region = ceph.regions[0]!;
    const direct = createCephRgwBackend({
      regionId: region.id,
      endpoint: region.endpoint,
      adminAccessKeyId: region.adminAccessKeyId,
      adminSecretAccessKey: (await readFile(region.adminSecretFile, 'utf8')).trim(),
    });
    const benchUser = { accountId: 'bench-direct', accountName: 'Bench direct' };
    // Both resolve with the answer's JSON as received; it is checked (Secret.parse) after it is timed.
    const post = (path: string, body: unknown): Promise<unknown> => client.call(path, token, body);
    // The same request from fetch, for comparison: the client's own cost is part of what a user waits for.
    const postByFetch = async (path: string, body: unknown) => {
      const response = await fetch(`${companion.url}${path}`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
        body: JSON.stringify(body),
      });
      if (!response.ok) throw new Error(`${path} answered ${response.status}`);
      return response.json() as Promise<unknown>;
    };
    let current = Secret.parse(await post('/api/v1/regions/demo-north-1/key', {})).accessKeyId;
    let directKey = generateCredentials();
    await direct.ensureUser(benchUser);
    await direct.addKey(benchUser, directKey);
    const viaCompanion: number[] = [];
    const viaCompanionByFetch: number[] = [];
    const viaAdminOps: number[] = [];
    const reset = async (send: typeof post, times: number[]) => {
      const started = performance.now();
      const answer = await send('/api/v1/regions/demo-north-1/key/reset', { accessKeyId: current });
      times.push(performance.now() - started);
      current = Secret.parse(answer).accessKeyId;
    };
    for (let i = 0; i < ROUNDS; i++) {
      await reset(post, viaCompanion);
      await reset(postByFetch, viaCompanionByFetch);

      const next = generateCredentials();
      const started = performance.now();
      await direct.addKey(benchUser, next);
      await direct.removeKey(benchUser, directKey.accessKeyId);
      viaAdminOps.push(performance.now() - started);
      directKey = next;
    }
    const rows = {
      'reset via companion': summarize(viaCompanion),
      'reset via companion, fetch client': summarize(viaCompanionByFetch),
      // The companion's own access-log times: the request from its first middleware to its answer,
      // so that the rest of the gap is the HTTP hop from the client, not the companion's work.
      'reset inside the companion (its access log)': summarize(
        await accessLogTimes(companion.output, 2 * ROUNDS),
      ),
      'same Admin Ops calls, direct': summarize(viaAdminOps),
    };
    const medianRatio =
      Math.round((rows['reset via companion'].p50 / rows['same Admin Ops calls, direct'].p50) * 100) / 100;
    console.log(
      `\nreset latency on a local Ceph RGW, ${ROUNDS} rounds alternating (ms); Ceph cluster start ${cephStartMs} ms`,
    );
    console.table(rows);
    console.log(`median ratio companion / direct: ${medianRatio}`);
    return { name: 'reset-latency', rounds: ROUNDS, unit: 'ms', cephStartMs, medianRatio, rows };
  } finally {
    client.close();
    await companion.stop();
    await ceph.stop();
  }
}

/** The durations the companion logged for its last `count` successful resets (its log lines may trail its answers a little). */
async function accessLogTimes(output: () => string, count: number): Promise<number[]> {
  for (let attempt = 0; ; attempt++) {
    const times = [...output().matchAll(/POST \/api\/v1\/regions\/[^/ ]+\/key\/reset 200 ([\d.]+)ms/g)].map(
      (m) => Number(m[1]),
    );
    if (times.length >= count) return times.slice(-count);
    if (attempt === 50) throw new Error(`the companion logged ${times.length} resets, not ${count}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
