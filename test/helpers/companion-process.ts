/**
 * The real companion as a child process (`s3keys-companion` through tsx), with its output captured so
 * tests can read the URL it prints and grep its logs.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const CLI = ['--import', 'tsx', 'companion/cli/main.ts'];

/**
 * Resolves once what the companion has logged so far can be read from its output: it writes its log lines
 * at most 10 ms late (see companion/logger.ts), then they cross a pipe. For checks that nothing was logged.
 */
export const logWritten = () => new Promise((resolve) => setTimeout(resolve, 100));

export interface CompanionProcess {
  url: string;
  dataDir: string;
  port: number;
  child: ChildProcess;
  /** Everything it printed so far, stdout and stderr. */
  output(): string;
  /** Sends `signal` and resolves with the exit code. */
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

/**
 * Starts `serve --port 0` on `dataDir` and waits for its "listening on" line; from the sources through
 * tsx, or from `bundle` (see companion-bundle.ts) where a test restarts it many times.
 */
export function startCompanion(
  dataDir: string,
  args: string[] = [],
  env: NodeJS.ProcessEnv = {},
  { bundle }: { bundle?: string } = {},
): Promise<CompanionProcess> {
  const cli = bundle ? [bundle] : CLI;
  const child = spawn(process.execPath, [...cli, 'serve', '--data', dataDir, '--port', '0', ...args], {
    cwd: ROOT,
    env: { ...process.env, ...env },
  });
  let output = '';
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    let listening = false;
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      // Only until it listens: matching all the output on every chunk would cost the caller more
      // with each request the companion logs (and load benchmarks run in the caller).
      const match = listening ? null : /listening on (https?:\/\/\S+)/.exec(output);
      if (match) {
        listening = true;
        const url = match[1]!;
        resolve({
          url,
          dataDir,
          port: Number(new URL(url).port),
          child,
          output: () => output,
          stop: async (signal = 'SIGTERM') => {
            if (child.exitCode === null) child.kill(signal);
            return exited;
          },
        });
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    void exited.then((code) =>
      reject(new Error(`companion exited with ${code} before listening:\n${output}`)),
    );
  });
}

/** Runs a CLI command to completion. */
export function runCli(
  args: string[],
  env: NodeJS.ProcessEnv = {},
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, [...CLI, ...args], { cwd: ROOT, env: { ...process.env, ...env } });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
  child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
  return new Promise((resolve) => child.once('exit', (code) => resolve({ code, stdout, stderr })));
}

/**
 * `count` companions sharing one PostgreSQL registry, each with its own data directory and all with the
 * same master key (as a deployment must), started at the same moment.
 */
export async function startCompanionsOnDatabase(
  count: number,
  {
    databaseUrl,
    masterKey,
    args = [],
    env = {},
  }: { databaseUrl: string; masterKey: string; args?: string[]; env?: NodeJS.ProcessEnv },
): Promise<CompanionProcess[]> {
  const dataDirs = await Promise.all(
    Array.from({ length: count }, () => mkdtemp(join(tmpdir(), 's3keys-instance-'))),
  );
  return Promise.all(
    dataDirs.map((dataDir) =>
      startCompanion(dataDir, ['--database-url', databaseUrl, ...args], {
        ...env,
        S3KEYS_MASTER_KEY: masterKey,
      }),
    ),
  );
}
