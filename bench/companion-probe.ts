/**
 * The benchmarks' side of loop-probe.mjs: the environment that preloads it into a companion, and the
 * report it writes when asked.
 */
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { setTimeout as sleep } from 'node:timers/promises';
import type { CompanionProcess } from '../test/helpers/companion-process.ts';

const PROBE = fileURLToPath(new URL('./loop-probe.mjs', import.meta.url));

export interface ProbeReport {
  /** The longest event-loop stall (ms). */
  maxMs: number;
  /** The garbage collector's pauses: how many, the longest and their sum (ms). */
  gc: { count: number; maxMs: number; totalMs: number };
}

/** The companion's environment that loads the probe, reporting into `file`. */
export function probeEnv(file: string): NodeJS.ProcessEnv {
  return {
    NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --import ${PROBE}`.trim(),
    S3KEYS_LOOP_PROBE_FILE: file,
  };
}

/** What the companion's probe saw since the previous call (the first call only starts the count). */
export async function readProbe(companion: CompanionProcess, file: string): Promise<ProbeReport> {
  const sent = Date.now();
  companion.child.kill('SIGUSR2');
  for (let i = 0; i < 100; i++) {
    const report = await readFile(file, 'utf8').then(JSON.parse, () => null);
    if (report && report.at >= sent) return report as ProbeReport;
    await sleep(20);
  }
  throw new Error('the loop probe did not answer');
}
