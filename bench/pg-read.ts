/**
 * Read throughput on PostgreSQL: `GET /api/v1/regions` (what every popup open asks) through nginx with
 * TLS, in front of one companion and in front of two, the same load from autocannon for both, in the
 * same run on the same database. Rounds alternate (one, two, one, two) so neither set-up gets the
 * warmer machine; the figure is the mean over its rounds.
 */
import autocannon from 'autocannon';
import { startTeamStack, TEAM_HOST } from '../test/helpers/team-stack.ts';
import { watchCpu } from './cpu-busy.ts';

const CONNECTIONS = 32;
const SECONDS = 8;
const ROUNDS = 4;

/** One round's autocannon result, with how busy the machine's CPUs were during it. */
type Round = autocannon.Result & { cpuBusy: number };

export async function pgRead() {
  const stack = await startTeamStack({ instances: 2 });
  try {
    const urls = { one: await stack.loadBalancer(stack.companions.slice(0, 1)), two: stack.url };
    const token = stack.tokens.alice!.token;
    const load = async (base: string, duration: number): Promise<Round> => {
      const busy = await watchCpu();
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
      return { ...result, cpuBusy: await busy() };
    };
    await load(urls.one, 2);
    await load(urls.two, 2);
    const rounds: Record<'one' | 'two', Round[]> = { one: [], two: [] };
    for (let round = 0; round < ROUNDS; round++) {
      for (const setup of ['one', 'two'] as const) rounds[setup].push(await load(urls[setup], SECONDS));
    }
    const summary = (results: Round[]) => ({
      rps: Math.round(results.reduce((sum, r) => sum + r.requests.average, 0) / results.length),
      p99_ms: Math.max(...results.map((r) => r.latency.p99)),
      requests: results.reduce((sum, r) => sum + r.requests.total, 0),
      // Load generator, nginx, companions and PostgreSQL share the machine: at 100 % a second
      // companion has no CPU to add, only processes to schedule.
      machine_cpu_busy_pct: Math.round(results.reduce((sum, r) => sum + r.cpuBusy, 0) / results.length),
    });
    const rows = {
      'one instance behind nginx': summary(rounds.one),
      'two instances behind nginx': summary(rounds.two),
    };
    const figures = {
      'pg.read.rps (one instance)': rows['one instance behind nginx'].rps,
      'pg.read.rps (two instances)': rows['two instances behind nginx'].rps,
      'pg.read.machine_cpu_busy_pct (one instance)': rows['one instance behind nginx'].machine_cpu_busy_pct,
      'pg.read.machine_cpu_busy_pct (two instances)': rows['two instances behind nginx'].machine_cpu_busy_pct,
    };
    console.log(
      `\nGET /api/v1/regions through nginx (TLS) on PostgreSQL: autocannon, ${CONNECTIONS} connections, ${ROUNDS} × ${SECONDS} s each, alternating`,
    );
    console.table(rows);
    return { name: 'pg-read', connections: CONNECTIONS, seconds: SECONDS, rounds: ROUNDS, figures, rows };
  } finally {
    await stack.stop();
  }
}
