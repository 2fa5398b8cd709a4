/**
 * Holds processes to a CPU budget each, with a Linux cgroup per process (the `cpu` controller's quota,
 * v1 or v2), as a container's CPU limit does. A process's threads all move with it. Needs root; where
 * the cgroup file system is not writable, `limitCpu` says why instead.
 */
import { constants } from 'node:fs';
import { access, mkdir, readFile, rmdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

const PERIOD_US = 100_000;

/** Where cgroups with a CPU quota can be made here, and how to write the quota; null when nowhere. */
async function cpuHierarchy(): Promise<{ root: string; quota: (us: number) => [string, string][] } | null> {
  const v1 = '/sys/fs/cgroup/cpu';
  if (await writable(join(v1, 'cpu.cfs_quota_us')))
    return {
      root: v1,
      quota: (us) => [
        ['cpu.cfs_period_us', String(PERIOD_US)],
        ['cpu.cfs_quota_us', String(us)],
      ],
    };
  const v2 = '/sys/fs/cgroup';
  const controllers = await readFile(join(v2, 'cgroup.subtree_control'), 'utf8').catch(() => '');
  if (controllers.split(/\s+/).includes('cpu'))
    return { root: v2, quota: (us) => [['cpu.max', `${us} ${PERIOD_US}`]] };
  return null;
}

async function writable(file: string): Promise<boolean> {
  return access(file, constants.W_OK).then(
    () => true,
    () => false,
  );
}

/**
 * Gives each of `pids` its own budget of `cores` (0.4 = 40 % of one core). Resolves with the function
 * that lifts the budgets, or with the reason it cannot set them.
 */
export async function limitCpu(
  pids: number[],
  cores: number,
): Promise<{ lift: () => Promise<void> } | { unavailable: string }> {
  const hierarchy = await cpuHierarchy();
  if (!hierarchy) return { unavailable: 'no writable cgroup with the cpu controller (needs root)' };
  const groups: string[] = [];
  const lift = async () => {
    for (const pid of pids)
      await writeFile(join(hierarchy.root, 'cgroup.procs'), String(pid)).catch(() => undefined);
    for (const group of groups) await rmdir(group).catch(() => undefined);
  };
  try {
    for (const pid of pids) {
      const group = join(hierarchy.root, `s3keys-bench-${pid}`);
      await mkdir(group, { recursive: true });
      groups.push(group);
      for (const [file, value] of hierarchy.quota(Math.round(cores * PERIOD_US)))
        await writeFile(join(group, file), value);
      await writeFile(join(group, 'cgroup.procs'), String(pid));
    }
  } catch (error) {
    await lift();
    return { unavailable: (error as Error).message };
  }
  return { lift };
}
