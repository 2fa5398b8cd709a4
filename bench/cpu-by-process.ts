/**
 * CPU time spent by each part of a set-up while something ran, from /proc/PID/stat: where a request's
 * CPU goes (companions, PostgreSQL, nginx, the load generator) when they all share one machine.
 */
import { readdir, readFile } from 'node:fs/promises';

/** The part a process belongs to, or null for one that is not counted. */
export type PartOf = (process: { pid: number; name: string }) => string | null;

const TICKS_PER_SECOND = 100;

/** Starts watching; the function returned gives the CPU seconds each part used since. */
export async function watchParts(partOf: PartOf): Promise<() => Promise<Record<string, number>>> {
  const before = await cpuByProcess(partOf);
  return async () => {
    const used: Record<string, number> = {};
    for (const [pid, { part, seconds }] of await cpuByProcess(partOf))
      used[part] = (used[part] ?? 0) + seconds - (before.get(pid)?.seconds ?? 0);
    return used;
  };
}

async function cpuByProcess(partOf: PartOf): Promise<Map<number, { part: string; seconds: number }>> {
  const found = new Map<number, { part: string; seconds: number }>();
  for (const entry of await readdir('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    // "pid (name) state ppid … utime stime …": the name may hold spaces, so fields count from its ")".
    const stat = await readFile(`/proc/${entry}/stat`, 'utf8').catch(() => null);
    if (!stat) continue;
    const pid = Number(entry);
    const part = partOf({ pid, name: stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')')) });
    if (!part) continue;
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    found.set(pid, { part, seconds: (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND });
  }
  return found;
}
