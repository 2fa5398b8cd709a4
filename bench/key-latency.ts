/**
 * Create and reset latency at 1,000 accounts, through the real companion process over HTTP, one
 * request at a time. Baselines in the same run: an authenticated read (`GET /api/v1/me`, the same
 * stack without a write) and a bare durable write of a file the size of the registry (the floor
 * every key change pays).
 */
import { mkdtemp, open, rename, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  addAccount,
  addUser,
  issueToken,
  putRegion,
  setServiceAvailable,
} from '../companion/directory/directory.ts';
import { DATA_FILE, openRegistry } from '../companion/registry.ts';
import { startCompanion } from '../test/helpers/companion-process.ts';
import { summarize, timeEach, type Summary } from './stats.ts';

const ACCOUNTS = 1000;
const REGION = 'bench-1';

export async function keyLatency() {
  const dataDir = await mkdtemp(join(tmpdir(), 's3keys-bench-'));
  const tokens = await seed(dataDir);
  const companion = await startCompanion(dataDir);
  try {
    const call = async (i: number, path: string, body?: unknown) => {
      const response = await fetch(`${companion.url}${path}`, {
        method: body === undefined ? 'GET' : 'POST',
        headers: { Authorization: `Bearer ${tokens[i]}`, 'Content-Type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const json = (await response.json()) as { accessKeyId?: string };
      if (!response.ok) throw new Error(`${path} answered ${response.status}`);
      return json;
    };
    const keys: string[] = [];
    const read = await timeEach(ACCOUNTS, async (i) => void (await call(i, '/api/v1/me')));
    const create = await timeEach(
      ACCOUNTS,
      async (i) => void (keys[i] = (await call(i, `/api/v1/regions/${REGION}/key`, {})).accessKeyId!),
    );
    const reset = await timeEach(
      ACCOUNTS,
      async (i) => void (await call(i, `/api/v1/regions/${REGION}/key/reset`, { accessKeyId: keys[i] })),
    );
    const registryBytes = (await stat(join(dataDir, DATA_FILE))).size;
    const write = await timeEach(ACCOUNTS, () =>
      durableWrite(join(dataDir, 'bench.tmp'), Buffer.alloc(registryBytes, 'x')),
    );

    const rows: Record<string, Summary> = {
      'create (POST key)': summarize(create),
      'reset (POST key/reset)': summarize(reset),
      'baseline: GET /api/v1/me': summarize(read),
      'baseline: durable write of the registry file': summarize(write),
    };
    console.log(
      `\nkey latency at ${ACCOUNTS} accounts, ${ACCOUNTS} operations each, sequential (ms); registry file ${(registryBytes / 1024).toFixed(0)} KiB`,
    );
    console.table(rows);
    return { name: 'key-latency', accounts: ACCOUNTS, registryBytes, unit: 'ms', rows };
  } finally {
    await companion.stop();
  }
}

async function seed(dataDir: string): Promise<string[]> {
  const registry = await openRegistry(dataDir);
  try {
    return await registry.store.update((draft) => {
      const at = new Date().toISOString();
      putRegion(draft, {
        id: REGION,
        name: 'Bench',
        endpoint: 'http://127.0.0.1:1',
        backend: { type: 'none' },
      });
      return Array.from({ length: ACCOUNTS }, (_, i) => {
        const account = addAccount(draft, `Account ${i}`, at);
        setServiceAvailable(draft, account.id, REGION, true);
        const user = addUser(
          draft,
          { accountId: account.id, name: `Admin ${i}`, email: `admin${i}@bench.example`, role: 'admin' },
          at,
        );
        return issueToken(draft, user.id, 'bench', at).token;
      });
    });
  } finally {
    await registry.close();
  }
}

/** What the registry pays per change: write a temp file, fsync, rename. */
async function durableWrite(file: string, bytes: Buffer) {
  const handle = await open(`${file}.tmp`, 'w');
  await handle.writeFile(bytes);
  await handle.sync();
  await handle.close();
  await rename(`${file}.tmp`, file);
}
