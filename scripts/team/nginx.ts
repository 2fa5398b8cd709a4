/**
 * scripts/team/nginx.sh from TypeScript: nginx as the TLS load balancer in front of companions, run
 * from a state directory of its own. Used by `npm run start:team`, the two-instance tests and the
 * benchmarks, so all three run the same nginx set-up.
 * @module
 */
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { StartupError } from '../../companion/startup-error.ts';

const run = promisify(execFile);
const SCRIPT = join(import.meta.dirname, 'nginx.sh');

export interface LoadBalancer {
  /** The port nginx listens on (HTTPS). */
  port: number;
  stop(): Promise<void>;
}

export interface LoadBalancerOptions {
  stateDir: string;
  port: number;
  /** PEM files of the certificate nginx presents and its key. */
  cert: string;
  key: string;
  /** The companions, as `HOST:PORT` (plain HTTP). */
  upstreams: string[];
}

/** Starts nginx (installing Debian's when missing) and resolves once it accepts connections. */
export async function startLoadBalancer(options: LoadBalancerOptions): Promise<LoadBalancer> {
  const { stateDir, port, cert, key, upstreams } = options;
  await nginx('start', stateDir, String(port), cert, key, ...upstreams);
  return { port, stop: () => nginx('stop', stateDir) };
}

async function nginx(...args: string[]): Promise<void> {
  try {
    const { stderr } = await run('bash', [SCRIPT, ...args], { timeout: 300_000 });
    if (stderr) process.stderr.write(stderr);
  } catch (error) {
    const { stderr, code } = error as { stderr?: string; code?: unknown };
    // What nginx.sh says is the message: a start-up failure, not a fault of this code.
    throw new StartupError(`nginx.sh ${args[0]} failed (exit ${String(code)}):\n${stderr ?? ''}`);
  }
}
