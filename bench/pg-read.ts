/**
 * Read throughput on PostgreSQL: `GET /api/v1/regions` (what every popup open asks) through nginx with
 * TLS, in front of one companion and in front of two, the same load from autocannon for both, in the
 * same run on the same database. Rounds alternate (one, two, one, two) so neither set-up gets the
 * warmer machine; the figure is the mean over its rounds.
 *
 * Then the same again with each companion held to BUDGET_CORES of CPU (a cgroup quota, as a container's
 * limit): on this machine the load generator, nginx and PostgreSQL share the companions' two cores, so
 * the first comparison cannot show whether a second instance adds capacity; this one can.
 *
 * Under each set-up, the CPU each part of it spends per answered read (companions, PostgreSQL, nginx,
 * the load generator, from /proc): on a machine they all share, two instances are slower than one
 * exactly when a read costs more CPU in all when split across two companions.
 */
import autocannon from 'autocannon';
import { startTeamStack, TEAM_HOST } from '../test/helpers/team-stack.ts';
import { limitCpu } from './cpu-budget.ts';
import { watchParts } from './cpu-by-process.ts';
import { watchCpu } from './cpu-busy.ts';

const CONNECTIONS = 32;
const SECONDS = 8;
const ROUNDS = 4;
const BUDGET_CORES = 0.4;
const BUDGET_ROUNDS = 3;

/** The parts of the set-up whose CPU is counted per request (this process is the load generator). */
const PARTS = ['companions', 'PostgreSQL', 'nginx', 'load generator'] as const;

/** One round's autocannon result, with how busy the machine's CPUs were and each part's CPU seconds. */
type Round = autocannon.Result & { cpuBusy: number; cpuByPart: Record<string, number> };

export async function pgRead() {
  const stack = await startTeamStack({ instances: 2 });
  try {
    const urls = { one: await stack.loadBalancer(stack.companions.slice(0, 1)), two: stack.url };
    const token = stack.tokens.alice!.token;
    const companionPids = new Set(stack.companions.map((c) => c.child.pid));
    const partOf = ({ pid, name }: { pid: number; name: string }) => {
      if (pid === process.pid) return 'load generator';
      if (companionPids.has(pid)) return 'companions';
      if (name.startsWith('postgres')) return 'PostgreSQL';
      return name === 'nginx' ? 'nginx' : null;
    };
    const load = async (base: string, duration: number): Promise<Round> => {
      const busy = await watchCpu();
      const parts = await watchParts(partOf);
      const result = await autocannon({
        url: `https://127.0.0.1:${new URL(base).port}/api/v1/regions`,
        servername: TEAM_HOST,
        headers: { host: TEAM_HOST, authorization: `Bearer ${token}` },
        connections: CONNECTIONS,
        duration,
      });
      // A rate of error answers would measure nothing worth reporting.
      if (result.non2xx > 0 || result.errors > 0)
        throw new Error(`${base}: ${result.non2xx} non-2xx answers and ${result.errors} errors under load`);
      return { ...result, cpuBusy: await busy(), cpuByPart: await parts() };
    };
    const compare = async (rounds: number) => {
      const results: Record<'one' | 'two', Round[]> = { one: [], two: [] };
      for (let round = 0; round < rounds; round++) {
        for (const setup of ['one', 'two'] as const) results[setup].push(await load(urls[setup], SECONDS));
      }
      return results;
    };
    const summary = (results: Round[]) => {
      const requests = results.reduce((sum, r) => sum + r.requests.total, 0);
      // Microseconds of CPU per answered request, per part: what a second companion changes in each.
      const perRequest = (part: string) =>
        Math.round((results.reduce((sum, r) => sum + (r.cpuByPart[part] ?? 0), 0) * 1e6) / requests);
      const cpu = Object.fromEntries(PARTS.map((part) => [`${part} µs/req`, perRequest(part)])) as Record<
        `${(typeof PARTS)[number]} µs/req`,
        number
      >;
      return {
        rps: Math.round(results.reduce((sum, r) => sum + r.requests.average, 0) / results.length),
        p99_ms: Math.max(...results.map((r) => r.latency.p99)),
        requests,
        // Load generator, nginx, companions and PostgreSQL share the machine: at 100 % a second
        // companion has no CPU to add, only processes to schedule.
        machine_cpu_busy_pct: Math.round(results.reduce((sum, r) => sum + r.cpuBusy, 0) / results.length),
        ...cpu,
        'all parts µs/req': PARTS.reduce((sum, part) => sum + cpu[`${part} µs/req`], 0),
      };
    };
    await load(urls.one, 2);
    await load(urls.two, 2);
    const rounds = await compare(ROUNDS);
    const [one, two] = [summary(rounds.one), summary(rounds.two)];
    const rows: Record<string, typeof one> = {
      'one instance behind nginx': one,
      'two instances behind nginx': two,
    };
    const figures: Record<string, number> = {
      'pg.read.rps (one instance)': one.rps,
      'pg.read.rps (two instances)': two.rps,
      'pg.read.machine_cpu_busy_pct (one instance)': one.machine_cpu_busy_pct,
      'pg.read.machine_cpu_busy_pct (two instances)': two.machine_cpu_busy_pct,
      'pg.read.cpu_us_per_request (one instance)': one['all parts µs/req'],
      'pg.read.cpu_us_per_request (two instances)': two['all parts µs/req'],
      'pg.read.companions_cpu_us_per_request (one instance)': one['companions µs/req'],
      'pg.read.companions_cpu_us_per_request (two instances)': two['companions µs/req'],
    };
    const budget = await limitCpu(
      stack.companions.map((c) => c.child.pid!),
      BUDGET_CORES,
    );
    if ('lift' in budget) {
      try {
        const held = await compare(BUDGET_ROUNDS);
        const [heldOne, heldTwo] = [summary(held.one), summary(held.two)];
        rows[`one instance, held to ${BUDGET_CORES} core`] = heldOne;
        rows[`two instances, each held to ${BUDGET_CORES} core`] = heldTwo;
        figures['pg.read.rps (one instance, CPU budget)'] = heldOne.rps;
        figures['pg.read.rps (two instances, CPU budget)'] = heldTwo.rps;
      } finally {
        await budget.lift();
      }
    } else console.log(`Not measured with a CPU budget per companion: ${budget.unavailable}`);
    console.log(
      `\nGET /api/v1/regions through nginx (TLS) on PostgreSQL: autocannon, ${CONNECTIONS} connections, ${ROUNDS} × ${SECONDS} s each, alternating (with a CPU budget: ${BUDGET_ROUNDS} × ${SECONDS} s)`,
    );
    console.table(rows);
    return {
      name: 'pg-read',
      connections: CONNECTIONS,
      seconds: SECONDS,
      rounds: ROUNDS,
      budget: { cores: BUDGET_CORES, rounds: BUDGET_ROUNDS },
      figures,
      rows,
    };
  } finally {
    await stack.stop();
  }
}
