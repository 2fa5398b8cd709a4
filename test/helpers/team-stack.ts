/**
 * The team set-up for tests and benchmarks, from the project's own scripts: one PostgreSQL, one local
 * Ceph cluster (optional), N companion processes sharing the database and the master key, and nginx in
 * front with a test CA's certificate. Requests go to nginx over HTTPS as `keys.team.test`, trusting that
 * CA only in this client.
 */
import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { request as httpRequest } from 'node:http';
import { Agent, request } from 'node:https';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startLoadBalancer, type LoadBalancer } from '../../scripts/team/nginx.ts';
import { runCli, startCompanion, type CompanionProcess } from './companion-process.ts';
import { companionConfig, startLocalCeph, type LocalCeph } from './local-ceph.ts';
import { startLocalPostgres } from './local-postgres.ts';
import { makeTestCertificates } from './test-ca.ts';

export const TEAM_HOST = 'keys.team.test';

export interface TeamResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  json(): any;
}

export interface TeamStack {
  /** `https://keys.team.test:PORT`, nginx's address (mapped to 127.0.0.1 by `request`). */
  url: string;
  ceph: LocalCeph | undefined;
  companions: CompanionProcess[];
  /** The demo's tokens, seeded into PostgreSQL. */
  tokens: Record<string, { token: string }>;
  /** Through nginx (HTTPS, the test CA trusted, Host keys.team.test), or to `base` (another nginx of
   * this stack, or a companion's own http://127.0.0.1:PORT) when given. */
  request(
    method: string,
    path: string,
    options?: { headers?: Record<string, string>; body?: unknown; base?: string },
  ): Promise<TeamResponse>;
  /** One more nginx, in front of the given companions only; resolves to its URL. */
  loadBalancer(companions: CompanionProcess[]): Promise<string>;
  stop(): Promise<void>;
}

export interface TeamStackOptions {
  instances: number;
  /** Ceph regions to run (ids of the demo's); none: the demo's regions stay registry-only. */
  cephRegions?: string[];
  /** More companion config (e.g. reconcileIntervalSeconds). */
  config?: Record<string, unknown>;
}

/** Brings the whole stack up; `stop()` takes it down and removes its files. */
export async function startTeamStack(options: TeamStackOptions): Promise<TeamStack> {
  const dir = await mkdtemp(join(tmpdir(), 's3keys-team-'));
  const cleanups: (() => Promise<unknown>)[] = [() => rm(dir, { recursive: true, force: true })];
  const stop = async () => {
    for (const cleanup of cleanups.reverse()) await cleanup().catch(() => undefined);
  };
  try {
    const [postgres, ceph, certificates] = await Promise.all([
      startLocalPostgres(),
      options.cephRegions ? startLocalCeph(options.cephRegions) : undefined,
      makeTestCertificates([TEAM_HOST]),
    ]);
    cleanups.push(() => postgres.stop());
    if (ceph) cleanups.push(() => ceph.stop());
    cleanups.push(() => certificates.remove());

    const env = { S3KEYS_DATABASE_URL: postgres.url, S3KEYS_MASTER_KEY: randomBytes(32).toString('base64') };
    const demo = await runCli(['demo', '--data', dir], env);
    if (demo.code !== 0) throw new Error(`demo failed:\n${demo.stdout}${demo.stderr}`);
    const tokens = JSON.parse(await readFile(join(dir, 'demo-tokens.json'), 'utf8'));

    const configFile = join(dir, 'companion.json');
    const teamConfig = { trustedProxies: ['127.0.0.1'], allowedHosts: [TEAM_HOST], ...options.config };
    await writeFile(configFile, ceph ? companionConfig(ceph, teamConfig) : JSON.stringify(teamConfig));
    const companions: CompanionProcess[] = [];
    // Started together, as a deployment's instances are: migrations and reconciliation must cope.
    await Promise.all(
      Array.from({ length: options.instances }, async (_, i) => {
        const companion = await startCompanion(
          join(dir, `companion-${i + 1}`),
          ['--config', configFile],
          env,
        );
        companions[i] = companion;
        cleanups.push(() => companion.stop('SIGKILL'));
      }),
    );

    let balancers = 0;
    const loadBalancer = async (behind: CompanionProcess[]) => {
      const balancer: LoadBalancer = await startLoadBalancer({
        stateDir: join(dir, `nginx-${++balancers}`),
        port: await freePort(),
        cert: certificates.certFile,
        key: certificates.keyFile,
        upstreams: behind.map((c) => `127.0.0.1:${c.port}`),
      });
      cleanups.push(() => balancer.stop());
      return `https://${TEAM_HOST}:${balancer.port}`;
    };
    const url = await loadBalancer(companions);
    const agent = new Agent({ ca: certificates.caCert, keepAlive: true, maxSockets: 64 });
    cleanups.push(async () => agent.destroy());
    return {
      url,
      ceph,
      companions,
      tokens,
      request: (method, path, { headers = {}, body, base } = {}) =>
        send(base ?? url, method, path, headers, body, agent),
      loadBalancer,
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** One request; to nginx's `https://keys.team.test:PORT` it connects to 127.0.0.1 and checks the name. */
function send(
  base: string,
  method: string,
  path: string,
  headers: Record<string, string>,
  body: unknown,
  tlsAgent: Agent,
): Promise<TeamResponse> {
  const target = new URL(path, base);
  const team = target.hostname === TEAM_HOST;
  const payload = body === undefined ? undefined : JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const req = (team ? request : httpRequest)(
      {
        host: team ? '127.0.0.1' : target.hostname,
        servername: team ? TEAM_HOST : undefined,
        port: target.port,
        path: target.pathname + target.search,
        method,
        agent: team ? tlsAgent : undefined,
        headers: {
          Host: target.host,
          ...(payload === undefined ? {} : { 'Content-Type': 'application/json' }),
          ...headers,
        },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (text += chunk));
        res.on('end', () =>
          resolve({ status: res.statusCode!, headers: res.headers, json: () => JSON.parse(text) }),
        );
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(payload);
  });
}

/** A port nobody listens on right now (the kernel's pick). */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}
