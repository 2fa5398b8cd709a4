// Issue 14 item 7: a create keeps its idempotent answer just before its commit. A companion that dies
// in between (here: a commit that never finishes, then a fresh app on the same storage) must not replay
// a pair that was never committed: the retry runs again. While the first request still runs, a retry
// is told it is in flight. (A commit followed by a kill -9 is proven on real RGW: crash-rounds.test.ts.)
import { afterEach, beforeEach, expect, it } from 'vitest';
import { ErrorBody, IDEMPOTENT_REPLAYED_HEADER, Secret } from '#shared/api';
import { startInProcess, type InProcess } from '../helpers/in-process.ts';

let api: InProcess;
beforeEach(async () => {
  api = await startInProcess();
});
afterEach(() => api.close());

it('a retry of a change that died between keeping its answer and committing runs again; before that it is in flight', async () => {
  const withSlot = api.storage.withSlot;
  let atCommit!: () => void;
  const reachedCommit = new Promise<void>((resolve) => (atCommit = resolve));
  // The dying companion's slot: empty, and its commit never ends (its lock dies with it, so it takes none).
  api.storage.withSlot = (accountId, regionId, work) =>
    work({
      region: () => api.storage.region(regionId),
      accountName: async () => (await api.storage.account(accountId))?.name ?? null,
      currentKey: async () => null,
      serviceAvailable: async () => true,
      commit: () => {
        atCommit();
        return new Promise<never>(() => undefined);
      },
    });
  const create = () =>
    api.call('alice', '/api/v1/regions/demo-north-1/key', {
      body: {},
      headers: { 'Idempotency-Key': 'k-1' },
    });

  void create();
  await reachedCommit;
  const whileRunning = await create();
  expect(whileRunning.status).toBe(409);
  expect(ErrorBody.parse(await whileRunning.json()).error.code).toBe('idempotency_key_in_flight');

  api.storage.withSlot = withSlot;
  api.restart();
  const retry = await create();
  expect(retry.status).toBe(201);
  expect(retry.headers.get(IDEMPOTENT_REPLAYED_HEADER)).toBeNull();
  const secret = Secret.parse(await retry.json());
  expect((await api.keyRecords()).map((k) => [k.accessKeyId, k.state])).toEqual([
    [secret.accessKeyId, 'current'],
  ]);

  const again = await create();
  expect(again.headers.get(IDEMPOTENT_REPLAYED_HEADER)).toBe('true');
  expect(Secret.parse(await again.json())).toEqual(secret);
});
