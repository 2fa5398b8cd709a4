// Two companion processes on one PostgreSQL and one local Ceph cluster, behind nginx (TLS with a test
// CA): the invariants hold across instances, a retry on the other instance is replayed, and a kill -9 of
// one instance in the middle of a burst loses nothing that was acknowledged.
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Secret } from '#shared/api';
import { createCephRgwBackend } from '../../companion/backends/ceph-rgw.ts';
import type { CompanionProcess } from '../helpers/companion-process.ts';
import { listBuckets, type ClusterRegion } from '../helpers/local-ceph.ts';
import { startTeamStack, type TeamResponse, type TeamStack } from '../helpers/team-stack.ts';

let stack: TeamStack;
let accountId: string;

beforeAll(async () => {
  stack = await startTeamStack({
    instances: 2,
    cephRegions: ['demo-north-1', 'demo-south-1'],
    config: { reconcileIntervalSeconds: 5 },
  });
  accountId = (await api('GET', '/api/v1/me')).json().account.id;
});
afterAll(() => stack?.stop());

function api(
  method: string,
  path: string,
  options: { body?: unknown; headers?: Record<string, string>; base?: string } = {},
) {
  return stack.request(method, path, {
    ...options,
    headers: { Authorization: `Bearer ${stack.tokens.alice!.token}`, ...options.headers },
  });
}
const keyPath = (region: string) => `/api/v1/regions/${region}/key`;
const errorCode = (r: TeamResponse) => (r.status < 300 ? r.status : r.json().error.code);
const pair = (s: Secret) => ({ accessKeyId: s.accessKeyId, secretAccessKey: s.secretAccessKey });
const region = (id: string) => stack.ceph!.regions.find((r) => r.id === id)!;

/** How many requests `companion` has logged for `method path` so far (its access log). */
function served(companion: CompanionProcess, method: string, path: string): number {
  return companion
    .output()
    .split('\n')
    .filter((line) => line.includes(`${method} ${path} `)).length;
}

/** The registry's current access key id for a region, through nginx. */
async function currentKey(regionId: string): Promise<string | null> {
  const response = await api('GET', keyPath(regionId));
  return response.status === 200 ? response.json().accessKeyId : null;
}

/** The keys the gateway holds for the demo account's user, asked with the region's admin pair. */
async function rgwKeys(cluster: ClusterRegion): Promise<string[]> {
  const admin = createCephRgwBackend({
    regionId: cluster.id,
    endpoint: cluster.endpoint,
    adminAccessKeyId: cluster.adminAccessKeyId,
    adminSecretAccessKey: (await readFile(cluster.adminSecretFile, 'utf8')).trim(),
  });
  return (await admin.listKeys({ accountId, accountName: 'Demo' })).sort();
}

describe('two instances through nginx', () => {
  it('50 concurrent creates spread across both: one 201, 49 key_exists; the pair works on RGW', async () => {
    const before = stack.companions.map((c) => served(c, 'POST', keyPath('demo-north-1')));
    const answers = await Promise.all(
      Array.from({ length: 50 }, () => api('POST', keyPath('demo-north-1'), { body: {} })),
    );
    const codes = answers.map(errorCode);
    expect(codes.filter((c) => c === 201)).toHaveLength(1);
    expect(codes.filter((c) => c === 'key_exists')).toHaveLength(49);
    for (const [i, c] of stack.companions.entries())
      await expect.poll(() => served(c, 'POST', keyPath('demo-north-1'))).toBeGreaterThan(before[i]!);

    const created = Secret.parse(answers.find((a) => a.status === 201)!.json());
    expect(await listBuckets(region('demo-north-1'), pair(created))).toBe('ok');
    expect(await rgwKeys(region('demo-north-1'))).toEqual([created.accessKeyId]);
  });

  it('50 concurrent resets of the same pair spread across both: one 200, 49 stale_key; only the new pair works', async () => {
    const old = (await currentKey('demo-north-1'))!;
    const path = `${keyPath('demo-north-1')}/reset`;
    const before = stack.companions.map((c) => served(c, 'POST', path));
    const answers = await Promise.all(
      Array.from({ length: 50 }, () => api('POST', path, { body: { accessKeyId: old } })),
    );
    const codes = answers.map(errorCode);
    expect(codes.filter((c) => c === 200)).toHaveLength(1);
    expect(codes.filter((c) => c === 'stale_key')).toHaveLength(49);
    for (const [i, c] of stack.companions.entries())
      await expect.poll(() => served(c, 'POST', path)).toBeGreaterThan(before[i]!);

    const fresh = Secret.parse(answers.find((a) => a.status === 200)!.json());
    expect(await currentKey('demo-north-1')).toBe(fresh.accessKeyId);
    expect(await listBuckets(region('demo-north-1'), pair(fresh))).toBe('ok');
    expect(await rgwKeys(region('demo-north-1'))).toEqual([fresh.accessKeyId]);
  });

  it('a retry with the same Idempotency-Key sent to the other instance is replayed with the same secret', async () => {
    const [first, second] = stack.companions as [CompanionProcess, CompanionProcess];
    const request = {
      body: { accessKeyId: (await currentKey('demo-north-1'))! },
      headers: { 'Idempotency-Key': `retry-${Date.now()}` },
    };
    const path = `${keyPath('demo-north-1')}/reset`;
    const original = await api('POST', path, { ...request, base: first.url });
    expect(original.status).toBe(200);
    const retry = await api('POST', path, { ...request, base: second.url });
    expect(retry.status).toBe(200);
    expect(retry.headers['idempotent-replayed']).toBe('true');
    expect(Secret.parse(retry.json())).toEqual(Secret.parse(original.json()));
    await expect.poll(() => served(second, 'POST', path)).toBeGreaterThan(0);

    const secret = Secret.parse(original.json());
    expect(await currentKey('demo-north-1')).toBe(secret.accessKeyId);
    expect(await rgwKeys(region('demo-north-1'))).toEqual([secret.accessKeyId]);
  });

  it('kill -9 of one instance mid-burst: the other keeps serving, nothing acknowledged is lost, RGW ends with exactly the registry pairs', async () => {
    const south = await api('POST', keyPath('demo-south-1'), { body: {} });
    expect(south.status).toBe(201);
    const regions = ['demo-north-1', 'demo-south-1'];
    let killedAt = Number.POSITIVE_INFINITY;
    const stopAt = { time: Number.POSITIVE_INFINITY };

    // One client per region resets its pair again and again, as the extension would: each change with its
    // own Idempotency-Key, retried with that key while no definite answer comes back. A change whose
    // answer died with the instance is never acknowledged; the client then starts over from the current pair.
    const bursts = regions.map(async (regionId) => {
      const acknowledged: { secret: Secret; at: number }[] = [];
      let current = (await currentKey(regionId))!;
      for (let n = 0; ; n++) {
        const secret = await resetUntilAnswered(regionId, current, `burst-${regionId}-${n}-${Date.now()}`);
        if (!secret) {
          current = (await currentKey(regionId))!;
          continue;
        }
        acknowledged.push({ secret, at: Date.now() });
        current = secret.accessKeyId;
        if (Date.now() > stopAt.time) break;
      }
      return acknowledged;
    });

    await new Promise((resolve) => setTimeout(resolve, 1500));
    const victim = stack.companions[0]!;
    await victim.stop('SIGKILL');
    killedAt = Date.now();
    stopAt.time = killedAt + 4000;
    const results = await Promise.all(bursts);

    for (const [i, regionId] of regions.entries()) {
      const acknowledged = results[i]!;
      // Served before and after the kill, the later ones by the survivor alone.
      expect(acknowledged.filter((a) => a.at < killedAt).length).toBeGreaterThan(0);
      expect(acknowledged.filter((a) => a.at > killedAt).length).toBeGreaterThan(0);
      const last = acknowledged.at(-1)!.secret;
      expect(await currentKey(regionId)).toBe(last.accessKeyId);
      expect(await listBuckets(region(regionId), pair(last))).toBe('ok');
      expect(await listBuckets(region(regionId), pair(acknowledged.at(-2)!.secret))).toBe(
        'InvalidAccessKeyId',
      );
    }

    // The survivor's periodic reconciliation (every 5 s) clears whatever the dead instance left half-done.
    const deadline = Date.now() + 30_000;
    const wanted = await Promise.all(regions.map(currentKey));
    let held = await Promise.all(regions.map((id) => rgwKeys(region(id))));
    while (Date.now() < deadline && held.some((keys, i) => keys.join() !== wanted[i])) {
      await new Promise((resolve) => setTimeout(resolve, 500));
      held = await Promise.all(regions.map((id) => rgwKeys(region(id))));
    }
    expect(held).toEqual(wanted.map((k) => [k]));
  });
});

/**
 * A reset through nginx, retried with the same Idempotency-Key while the answer says nothing definite
 * (nginx's 502 when the instance died under the request, or the first attempt still in flight); null
 * when no definite answer came within 5 s.
 */
async function resetUntilAnswered(regionId: string, accessKeyId: string, idempotencyKey: string) {
  const deadline = Date.now() + 5000;
  for (;;) {
    const answer = await api('POST', `${keyPath(regionId)}/reset`, {
      body: { accessKeyId },
      headers: { 'Idempotency-Key': idempotencyKey },
    }).catch((error: Error) => error);
    if (!(answer instanceof Error) && answer.status === 200) return Secret.parse(answer.json());
    const code = answer instanceof Error ? answer.message : errorCode(answer);
    if (!(answer instanceof Error) && !['backend_unavailable', 'idempotency_key_in_flight'].includes(code))
      throw new Error(`reset of ${regionId} answered ${answer.status} ${code}`);
    if (Date.now() > deadline) return null;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
