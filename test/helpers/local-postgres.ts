/**
 * A real PostgreSQL server for tests, started by the project's own scripts (scripts/postgres/) in a
 * temporary state directory on a free loopback port, and helpers to give each test a fresh schema.
 */
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import postgres from 'postgres';
import { ROOT } from './companion-process.ts';

const run = promisify(execFile);

export interface LocalPostgres {
  /** postgres://postgres@127.0.0.1:PORT/s3keys */
  url: string;
  stop(): Promise<void>;
}

/** Starts a server (about 1–7 s on this machine, initdb included). */
export async function startLocalPostgres(): Promise<LocalPostgres> {
  const state = await mkdtemp(join(tmpdir(), 's3keys-pg-'));
  const port = await freePort();
  await run('bash', [join(ROOT, 'scripts/postgres/start.sh'), state, String(port)], { cwd: ROOT });
  return {
    url: `postgres://postgres@127.0.0.1:${port}/s3keys`,
    async stop() {
      await run('bash', [join(ROOT, 'scripts/postgres/stop.sh'), state], { cwd: ROOT });
      await rm(state, { recursive: true, force: true });
    },
  };
}

/** A new empty schema on `url`'s database; the URL returned makes it the connection's search path. */
export async function freshSchema(url: string): Promise<string> {
  const schema = `t_${randomBytes(6).toString('hex')}`;
  const sql = postgres(url, { max: 1, onnotice: () => undefined });
  try {
    await sql.unsafe(`CREATE SCHEMA ${schema}`);
  } finally {
    await sql.end();
  }
  const scoped = new URL(url);
  scoped.searchParams.set('search_path', schema);
  return scoped.toString();
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}
