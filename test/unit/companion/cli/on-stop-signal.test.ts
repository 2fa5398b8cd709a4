import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../../../..');
const FIXTURE = join(ROOT, 'test/fixtures/stopping-process/main.ts');

/** The fixture as a real process, once it says it is ready; `record` is where its stop reports. */
async function startStoppingProcess() {
  const record = join(await mkdtemp(join(tmpdir(), 's3keys-stop-')), 'record');
  const child = spawn(process.execPath, ['--import', 'tsx', FIXTURE, record], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = once(child, 'exit') as Promise<[number | null, NodeJS.Signals | null]>;
  // Read on (not `for await`, whose break would close the pipe) so the output stays open until a test closes it.
  await new Promise<void>((ready) => {
    let seen = '';
    child.stdout.on('data', (chunk: Buffer) => {
      seen += chunk.toString();
      if (seen.includes('ready')) ready();
    });
  });
  const stopRecord = () => readFile(record, 'utf8').catch(() => '(no record: the stop never finished)');
  return { child, exited, stopRecord };
}

describe('serve, npm start and npm run start:team end by stopping what they started', () => {
  it('on Ctrl-C, even when the pipe it prints to has lost its reader (npm start | tee log)', async () => {
    const { child, exited, stopRecord } = await startStoppingProcess();
    // tee dies with the same Ctrl-C: nothing reads the process's output any more.
    child.stdout.destroy();
    // npm forwards Ctrl-C to the process that also got it from the terminal: it arrives twice.
    child.kill('SIGINT');
    child.kill('SIGINT');
    expect(await exited).toEqual([0, null]);
    expect(await stopRecord()).toBe('stopped after SIGINT\n');
  });

  it('when its terminal is closed (SIGHUP), with both of its outputs gone', async () => {
    const { child, exited, stopRecord } = await startStoppingProcess();
    child.stdout.destroy();
    child.stderr.destroy();
    child.kill('SIGHUP');
    expect(await exited).toEqual([0, null]);
    expect(await stopRecord()).toBe('stopped after SIGHUP\n');
  });

  it('on SIGTERM, as a service manager stops it', async () => {
    const { child, exited, stopRecord } = await startStoppingProcess();
    child.kill('SIGTERM');
    expect(await exited).toEqual([0, null]);
    expect(await stopRecord()).toBe('stopped after SIGTERM\n');
  });
});
