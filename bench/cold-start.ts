/**
 * Start-up at scale: the companion on a registry of 10,000 accounts × 3 regions, every pair current,
 * the regions on a local Ceph cluster whose gateways (kept in memory) hold none of them yet — as after
 * a reboot — so the start-up reconciliation has every pair to add back. The registry is seeded through
 * the files directly (scale-registry.ts), not over HTTP. Measures the time from spawning the process to
 * the first answered `GET /api/v1/regions` (`companion.cold_start_ms`), the resident memory then and
 * at the end (`companion.rss_mb`), and how far reconciliation got within the budget.
 */
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { startCompanion } from '../test/helpers/companion-process.ts';
import { companionConfig, startLocalCeph } from '../test/helpers/local-ceph.ts';
import { buildScaleRegistry, writeLowdbRegistry } from './scale-registry.ts';

const ACCOUNTS = 10_000;
const REGION_IDS = ['demo-north-1', 'demo-south-1', 'demo-east-1'];
/** How long reconciliation may run before the benchmark stops it (it goes on in the background in real use). */
const RECONCILE_BUDGET_MS = 15_000;

export async function coldStart() {
  const ceph = await startLocalCeph(REGION_IDS);
  try {
    // Every region but the first holds a pair per account (see scale-registry.ts): 20,000 pairs to add back.
    const registry = buildScaleRegistry(ACCOUNTS, REGION_IDS.length, REGION_IDS);
    const dataDir = await mkdtemp(join(tmpdir(), 's3keys-bench-start-'));
    await writeLowdbRegistry(dataDir, registry);
    const configFile = join(dataDir, 'config.json');
    await writeFile(configFile, companionConfig(ceph));

    const spawned = performance.now();
    const companion = await startCompanion(dataDir, ['--config', configFile]);
    try {
      const listeningMs = Math.round(performance.now() - spawned);
      const read = await fetch(`${companion.url}/api/v1/regions`, {
        headers: { Authorization: `Bearer ${registry.tokens[ACCOUNTS - 1]}` },
      });
      if (read.status !== 200) throw new Error(`the first read answered ${read.status}`);
      await read.arrayBuffer();
      const coldStartMs = Math.round(performance.now() - spawned);
      const rssAtFirstRead = await rssMb(companion.child.pid!);

      const budgetEnds = performance.now() + RECONCILE_BUDGET_MS;
      let reconciledMs: number | null = null;
      while (performance.now() < budgetEnds) {
        const done = /reconcile: start-up check done in (\d+) ms/.exec(companion.output());
        if (done) {
          reconciledMs = Number(done[1]);
          break;
        }
        await sleep(250);
      }
      const added = (companion.output().match(/reconcile: added key/g) ?? []).length;
      const figures = {
        'companion.cold_start_ms': coldStartMs,
        'companion.listening_ms': listeningMs,
        'companion.rss_mb': Math.max(rssAtFirstRead, await rssMb(companion.child.pid!)),
        'companion.reconcile_ms': reconciledMs,
        'companion.reconcile_pairs_added': added,
      };
      console.log(
        `\ncold start at ${ACCOUNTS} accounts × ${REGION_IDS.length} regions on local Ceph (gateways empty: ${2 * ACCOUNTS} pairs to add back); reconciliation budget ${RECONCILE_BUDGET_MS / 1000} s`,
      );
      console.table(figures);
      return { name: 'cold-start', accounts: ACCOUNTS, regions: REGION_IDS.length, figures };
    } finally {
      await companion.stop('SIGKILL');
    }
  } finally {
    await ceph.stop();
  }
}

/** Resident memory of a process, in MiB. */
async function rssMb(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  return Math.round(Number(/VmRSS:\s+(\d+) kB/.exec(status)![1]) / 1024);
}
