/**
 * Create and reset latency at 1,000 accounts, through the real companion process over HTTP, one
 * request at a time. Baselines in the same run: an authenticated read (`GET /api/v1/me`, the same
 * stack without a write) and a bare durable write of a file the size of the registry (the floor
 * every key change pays).
 */
import { mkdtemp, open, rename, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { mintToken } from '../companion/auth/tokens.ts';
import { DATA_FILE } from '../companion/registry.ts';
import { emptyData, type Data } from '../companion/storage/data.ts';
import { DurableJSONFile } from '../companion/storage/durable-json-file.ts';
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

/**
 * Writes the registry file of ACCOUNTS accounts, each with an admin and a token, in one go (through the
 * storage it would be one whole-file write per record); returns the tokens.
 */
async function seed(dataDir: string): Promise<string[]> {
  const data: Data = emptyData();
  const at = new Date().toISOString();
  data.regions.push({ id: REGION, name: 'Bench', endpoint: 'http://127.0.0.1:1', backend: { type: 'none' } });
  const tokens = Array.from({ length: ACCOUNTS }, (_, i) => {
    const account = { id: `acc_bench${i}`, name: `Account ${i}`, createdAt: at };
    const user = {
      id: `usr_bench${i}`,
      accountId: account.id,
      name: `Admin ${i}`,
      email: `admin${i}@bench.example`,
      role: 'admin' as const,
      createdAt: at,
    };
    const { token, record } = mintToken(user.id, 'bench', at);
    data.accounts.push(account);
    data.users.push(user);
    data.services.push({ accountId: account.id, regionId: REGION, available: true });
    data.tokens.push(record);
    return token;
  });
  await new DurableJSONFile<Data>(join(dataDir, DATA_FILE)).write(data);
  return tokens;
}

/** What the registry pays per change: write a temp file, fsync, rename. */
async function durableWrite(file: string, bytes: Buffer) {
  const handle = await open(`${file}.tmp`, 'w');
  await handle.writeFile(bytes);
  await handle.sync();
  await handle.close();
  await rename(`${file}.tmp`, file);
}
