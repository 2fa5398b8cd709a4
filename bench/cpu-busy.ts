/**
 * How busy the whole machine's CPUs were while something ran, from /proc/stat: a throughput figure
 * means little without knowing whether the machine had any CPU left.
 */
import { readFile } from 'node:fs/promises';

/** Starts watching; the function returned gives the percentage of all CPU time that was busy since. */
export async function watchCpu(): Promise<() => Promise<number>> {
  const before = await cpuTimes();
  return async () => {
    const after = await cpuTimes();
    const total = after.total - before.total;
    return total === 0 ? 0 : Math.round((100 * (total - (after.idle - before.idle))) / total);
  };
}

async function cpuTimes(): Promise<{ total: number; idle: number }> {
  // "cpu  user nice system idle iowait irq softirq steal …", in clock ticks, over all CPUs.
  const fields = (await readFile('/proc/stat', 'utf8'))
    .split('\n')[0]!
    .trim()
    .split(/\s+/)
    .slice(1, 9)
    .map(Number);
  return { total: fields.reduce((sum, n) => sum + n, 0), idle: fields[3]! + fields[4]! };
}
