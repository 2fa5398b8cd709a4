// Crash rounds on real RGW: a concurrent create/reset burst across two accounts and two regions, a kill -9
// of the companion at a random moment, a restart — ROUNDS times. After every restart: the registry loads,
// at most one current pair per slot, RGW holds exactly the registry's pair (reconciliation at start),
// every acknowledged change is still current and its retry is replayed (same Idempotency-Key, same
// secret), a change committed just before the kill is replayed to its retry too, and the current pair
// works with the AWS SDK.
import { randomUUID } from 'node:crypto';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { IDEMPOTENCY_KEY_HEADER, Secret } from '#shared/api';
import { createCephRgwBackend } from '../../companion/backends/ceph-rgw.ts';
import type { S3Backend } from '../../companion/backends/s3-backend.ts';
import { seedDemo } from '../../companion/directory/demo.ts';
import { addAccount, addUser, issueToken, setServiceAvailable } from '../../companion/directory/directory.ts';
import { openRegistry } from '../../companion/registry.ts';
import type { KeyPair } from '../../companion/storage/data.ts';
import { openRegistryFiles } from '../../companion/storage/registry-files.ts';
import { bundleCompanion } from '../helpers/companion-bundle.ts';
import { startCompanion, type CompanionProcess } from '../helpers/companion-process.ts';
import {
  companionConfig,
  listBuckets,
  startLocalCeph,
  type ClusterRegion,
  type LocalCeph,
} from '../helpers/local-ceph.ts';

const ROUNDS = 50;
/** The kill comes this many milliseconds into the burst, at random. */
const KILL_WITHIN_MS = 600;

interface Request {
  path: string;
  body: object;
  key: string;
}

/** One (account, region): its requests run one after another, the slots all at once. */
interface Slot {
  token: string;
  accountId: string;
  region: ClusterRegion;
  /** The last change whose answer arrived, with that answer. */
  acked: { request: Request; secret: Secret } | null;
  /** The change whose answer had not arrived when the companion was killed. */
  pending: Request | null;
}

let ceph: LocalCeph;
let bundle: string;
let dataDir: string;
let configFile: string;
const slots: Slot[] = [];
const admins = new Map<string, S3Backend>();
let companion: CompanionProcess | undefined;

beforeAll(async () => {
  [ceph, bundle] = await Promise.all([startLocalCeph(['demo-north-1', 'demo-south-1']), bundleCompanion()]);
  dataDir = await mkdtemp(join(tmpdir(), 's3keys-crash-'));
  configFile = join(dataDir, 'config.json');
  await writeFile(configFile, companionConfig(ceph));
  const registry = await openRegistry({ dataDir });
  try {
    const at = new Date().toISOString();
    const tokens = await seedDemo(registry.storage, at);
    const alice = (await registry.storage.findUser('alice@demo.example'))!;
    const other = await addAccount(registry.storage, 'Other', at);
    const dave = await addUser(
      registry.storage,
      { accountId: other.id, name: 'Dave', email: 'dave@other.example', role: 'admin' },
      at,
    );
    const daveToken = (await issueToken(registry.storage, dave.id, 'crash rounds', at)).token;
    for (const region of ceph.regions) {
      await setServiceAvailable(registry.storage, other.id, region.id, true);
      for (const [token, accountId] of [
        [tokens.alice!.token, alice.accountId],
        [daveToken, other.id],
      ] as const)
        slots.push({ token, accountId, region, acked: null, pending: null });
      admins.set(
        region.id,
        createCephRgwBackend({
          regionId: region.id,
          endpoint: region.endpoint,
          adminAccessKeyId: region.adminAccessKeyId,
          adminSecretAccessKey: (await readFile(region.adminSecretFile, 'utf8')).trim(),
        }),
      );
    }
  } finally {
    await registry.close();
  }
});

afterAll(async () => {
  await companion?.stop('SIGKILL');
  await ceph?.stop();
});

/** Starts the companion and waits for its start-up reconciliation, which runs after it listens. */
const start = async () => {
  const started = await startCompanion(dataDir, ['--config', configFile], {}, { bundle });
  await expect.poll(() => started.output(), { timeout: 30_000 }).toContain('reconcile: start-up check done');
  return started;
};

const send = (slot: Slot, request: Request) =>
  fetch(`${companion!.url}${request.path}`, {
    method: 'POST',
    headers: {
      Authorization: `Bearer ${slot.token}`,
      'Content-Type': 'application/json',
      [IDEMPOTENCY_KEY_HEADER]: request.key,
    },
    body: JSON.stringify(request.body),
  });

/** The slot's next change: a create while it has no pair, else a reset of the pair it knows. */
function nextRequest(slot: Slot): Request {
  const base = `/api/v1/regions/${slot.region.id}/key`;
  const key = randomUUID();
  return slot.acked
    ? { path: `${base}/reset`, body: { accessKeyId: slot.acked.secret.accessKeyId }, key }
    : { path: base, body: {}, key };
}

/** Runs every slot's changes until `stopped()`; a request cut off by the kill stays pending. */
async function burst(stopped: () => boolean): Promise<number> {
  let acknowledged = 0;
  await Promise.all(
    slots.map(async (slot) => {
      while (!stopped()) {
        const request = nextRequest(slot);
        slot.pending = request;
        let secret: Secret;
        try {
          const response = await send(slot, request);
          expect(response.status, `${request.path}: ${response.status}`).toBeOneOf([200, 201]);
          secret = Secret.parse(await response.json());
        } catch (error) {
          if (stopped()) return; // the connection died with the companion: not acknowledged
          throw error;
        }
        slot.acked = { request, secret };
        slot.pending = null;
        acknowledged++;
      }
    }),
  );
  return acknowledged;
}

/** After a restart: the checks of the header comment. Returns how many cut-off changes were replayed. */
async function verifyAfterRestart(): Promise<number> {
  // The snapshot and the change log since it, as the companion itself loads them (read-only: it runs).
  const files = await openRegistryFiles(dataDir, { readOnly: true });
  const registry = { keys: files.state.toData().keys };
  const replayed = await Promise.all(slots.map((slot) => verifySlot(slot, registry)));
  return replayed.filter(Boolean).length;
}

/** The checks for one slot; true when its cut-off change had committed and was replayed. */
async function verifySlot(slot: Slot, registry: { keys: KeyPair[] }): Promise<boolean> {
  const current = registry.keys.filter(
    (k) => k.accountId === slot.accountId && k.regionId === slot.region.id && k.state === 'current',
  );
  expect(current.length).toBeLessThanOrEqual(1);
  const onRgw = await admins.get(slot.region.id)!.listKeys({ accountId: slot.accountId, accountName: '' });
  expect(onRgw).toEqual(current.map((k) => k.accessKeyId));

  if (slot.acked) {
    const replay = await send(slot, slot.acked.request);
    expect(replay.headers.get('idempotent-replayed')).toBe('true');
    expect(Secret.parse(await replay.json())).toEqual(slot.acked.secret);
  }
  const currentId = current[0]?.accessKeyId ?? null;
  let replayedCutOff = false;
  if (slot.pending) {
    const retry = await send(slot, slot.pending);
    const answer: unknown = await retry.json();
    expect(retry.status, `retry of ${slot.pending.path}: ${JSON.stringify(answer)}`).toBeOneOf([200, 201]);
    const secret = Secret.parse(answer);
    if (currentId !== (slot.acked?.secret.accessKeyId ?? null)) {
      // Committed before the kill, its answer lost with the connection: the retry gets that pair.
      expect(secret.accessKeyId).toBe(currentId);
      expect(retry.headers.get('idempotent-replayed')).toBe('true');
      replayedCutOff = true;
    }
    slot.acked = { request: slot.pending, secret };
    slot.pending = null;
  } else {
    expect(currentId).toBe(slot.acked?.secret.accessKeyId ?? null);
  }
  if (slot.acked) {
    const { accessKeyId, secretAccessKey } = slot.acked.secret;
    expect(await listBuckets(slot.region, { accessKeyId, secretAccessKey })).toBe('ok');
  }
  return replayedCutOff;
}

it(`${ROUNDS} rounds of a create/reset burst killed with SIGKILL at a random moment: nothing acknowledged is lost, every retry is replayed, RGW holds exactly the registry's pairs`, {
  timeout: 400_000,
}, async () => {
  const began = performance.now();
  let acknowledged = 0;
  let cutOff = 0;
  let replayedCutOff = 0;
  let starting = 0;
  for (let round = 0; round < ROUNDS; round++) {
    const startedAt = performance.now();
    companion = await start();
    starting += performance.now() - startedAt;
    replayedCutOff += await verifyAfterRestart();
    let stopped = false;
    const running = burst(() => stopped);
    await new Promise((resolve) => setTimeout(resolve, 10 + Math.random() * KILL_WITHIN_MS));
    stopped = true;
    await companion.stop('SIGKILL');
    acknowledged += await running;
    cutOff += slots.filter((s) => s.pending).length;
  }
  companion = await start();
  replayedCutOff += await verifyAfterRestart();
  await companion.stop();
  companion = undefined;
  const seconds = ((performance.now() - began) / 1000).toFixed(1);
  console.log(
    `crash rounds: ${ROUNDS} survived in ${seconds} s; ${acknowledged} changes acknowledged, all present and replayed; ` +
      `${cutOff} cut off by the kill, of which ${replayedCutOff} had committed and were replayed to their retry; ` +
      `restarts took ${(starting / 1000).toFixed(1)} s`,
  );
  expect(acknowledged).toBeGreaterThan(ROUNDS);
  expect(cutOff).toBeGreaterThan(0);
});
