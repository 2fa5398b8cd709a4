/**
 * `npm run start:team`: S3 Keys as a team runs it, on this machine. PostgreSQL (the registry), the
 * local Ceph regions, the demo seeded into PostgreSQL, two companions on loopback sharing the database
 * and the master key, and nginx in front of them terminating TLS with a certificate from a throw-away
 * CA. Prints the HTTPS URL, how to reach and trust it, and the demo tokens. Ctrl-C stops everything.
 * Everything lives under `<data>/team/` (default `.data/team/`).
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';
import { DEMO_TOKENS_FILE } from '../companion/cli/commands/demo.ts';
import { resolveDataDir } from '../companion/config.ts';
import { onStopSignal } from '../companion/cli/on-stop-signal.ts';
import { StartupError } from '../companion/startup-error.ts';
import { startLocalRegions, type LocalRegions } from './local-regions.ts';
import { startLoadBalancer, type LoadBalancer } from './team/nginx.ts';

/** The name the team reaches the companions by; map it to 127.0.0.1 to use it here. */
const PUBLIC_NAME = 'keys.team.test';
const HTTPS_PORT = Number(process.env.S3KEYS_TEAM_PORT ?? 8443);
const COMPANION_PORTS = [8791, 8792];
const POSTGRES_PORT = 55490;
/** Not the ports of `npm start`'s regions, so both can run at once. */
const FIRST_GATEWAY_PORT = 7491;

const ROOT = resolve(import.meta.dirname, '..');
const TEAM_DIR = join(resolveDataDir(undefined), 'team');
const TLS_DIR = join(TEAM_DIR, 'tls');
const CLI = [process.execPath, '--import', 'tsx', join(ROOT, 'companion/cli/main.ts')];

/** How to stop each part started so far, in the order they started. */
const stops: (() => Promise<void> | void)[] = [];
/** Set once stopping began: no step starts after it. */
let stopping: Promise<void> | undefined;

async function main() {
  // From the start, not once all is up: a Ctrl-C while Ceph or the extension builds stops what runs.
  onStopSignal(async (signal) => {
    console.log(`\n${signal}: stopping what started (nginx, the companions, Ceph, PostgreSQL)…`);
    await stopAll();
    process.exit(0);
  });
  if (!Number.isInteger(HTTPS_PORT) || HTTPS_PORT < 1 || HTTPS_PORT > 65535)
    throw new StartupError(
      `S3KEYS_TEAM_PORT must be a port number from 1 to 65535, not "${process.env.S3KEYS_TEAM_PORT}".`,
    );
  await mkdir(TEAM_DIR, { recursive: true, mode: 0o700 });
  await step(
    'Checking for PostgreSQL and nginx (the first run installs them from Debian, under 2 min)',
    () => {
      script('scripts/postgres/ensure-installed.sh', [], 'PostgreSQL is not installed');
      script('scripts/team/ensure-nginx.sh', [], 'nginx is not installed');
    },
  );

  const databaseUrl = await step('Starting PostgreSQL', startPostgres);
  const regions = await step(
    'Ceph regions (the first run installs Ceph from Debian, about a minute)',
    startRegions,
  );
  const env = { S3KEYS_MASTER_KEY: await sharedMasterKey(), S3KEYS_DATABASE_URL: databaseUrl };
  await step('Seeding the demo into PostgreSQL', () => cli(['demo', '--data', TEAM_DIR], env));
  const config = join(TEAM_DIR, 'companion.json');
  await writeFile(
    config,
    `${JSON.stringify(
      {
        regions: regions.regions,
        // nginx on this machine forwards the client's address; only it is believed.
        trustedProxies: ['127.0.0.1'],
        // nginx passes the Host the browser used, without the port.
        allowedHosts: [PUBLIC_NAME],
      },
      null,
      2,
    )}\n`,
  );
  const upstreams = await step('Starting two companions', () =>
    Promise.all(
      COMPANION_PORTS.map((port, i) => startCompanionProcess(`companion-${i + 1}`, port, config, env)),
    ),
  );
  const certs = await step('Making a certificate from a throw-away CA', makeCertificates);
  const balancer: LoadBalancer = await step('Starting nginx (TLS, load balancer)', () =>
    startLoadBalancer({
      stateDir: join(TEAM_DIR, 'nginx'),
      port: HTTPS_PORT,
      cert: certs.cert,
      key: certs.key,
      upstreams,
    }).catch((error: Error) => {
      if (!/already in use/.test(error.message)) throw error;
      throw new StartupError(
        `${error.message.trim()}\nS3KEYS_TEAM_PORT=N npm run start:team serves on port N.`,
      );
    }),
  );
  stops.push(() => balancer.stop());
  await step('Building the extension', buildExtension);

  const tokens = JSON.parse(await readFile(join(TEAM_DIR, DEMO_TOKENS_FILE), 'utf8')) as Record<
    string,
    { role: string; token: string }
  >;
  printWelcome({ upstreams, tokens, ca: certs.ca, regions });
}

/** Runs one start-up step, saying what it does and how long it took. */
async function step<T>(what: string, work: () => Promise<T> | T): Promise<T> {
  // A turn of the event loop first, so that a signal sent during the last step is handled before this one.
  await new Promise((next) => setImmediate(next));
  if (stopping) throw new StartupError('Stopped before the start finished.');
  console.log(`${what}…`);
  const started = performance.now();
  const result = await work();
  console.log(`  done in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  return result;
}

function startPostgres(): string {
  const stateDir = postgresStateDir();
  console.log(`  PostgreSQL's files: ${stateDir}`);
  script(
    'scripts/postgres/start.sh',
    [stateDir, String(POSTGRES_PORT)],
    `PostgreSQL did not start (is port ${POSTGRES_PORT} taken by another server?)`,
  );
  stops.push(() => void script('scripts/postgres/stop.sh', [stateDir], 'PostgreSQL did not stop'));
  return `postgres://postgres@127.0.0.1:${POSTGRES_PORT}/s3keys`;
}

function startRegions(): LocalRegions {
  const regions = startLocalRegions(TEAM_DIR, FIRST_GATEWAY_PORT);
  stops.push(() => regions.stop());
  return regions;
}

/**
 * PostgreSQL refuses to run as root, and its own user cannot enter the data directory (0700, root's):
 * as root its files go under the postgres user's home, one directory per data directory.
 */
function postgresStateDir(): string {
  if (process.getuid?.() !== 0) return join(TEAM_DIR, 'postgres');
  const passwd = spawnSync('getent', ['passwd', 'postgres'], { encoding: 'utf8' }).stdout;
  const home = passwd.split(':')[5]?.trim() || '/var/lib/postgresql';
  return join(home, `s3keys-team-${createHash('sha256').update(TEAM_DIR).digest('hex').slice(0, 8)}`);
}

/** Every instance must seal and open secrets with the same key: one, kept 0600 beside the team's data. */
async function sharedMasterKey(): Promise<string> {
  const file = join(TEAM_DIR, 'master.key');
  if (!existsSync(file)) await writeFile(file, `${randomBytes(32).toString('base64')}\n`, { mode: 0o600 });
  return (await readFile(file, 'utf8')).trim();
}

/** A fresh certificate when there is none or it expires within the hour (they last 2 days). */
function makeCertificates() {
  const cert = join(TLS_DIR, 'server.crt');
  const fresh =
    existsSync(cert) &&
    spawnSync('openssl', ['x509', '-checkend', '3600', '-noout', '-in', cert], { stdio: 'ignore' }).status ===
      0;
  if (!fresh)
    script('scripts/team/make-certs.sh', [TLS_DIR, PUBLIC_NAME], 'the certificates could not be made');
  return { cert, key: join(TLS_DIR, 'server.key'), ca: join(TLS_DIR, 'ca.crt') };
}

function buildExtension() {
  const build = spawnSync('npx', ['wxt', 'build'], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
    encoding: 'utf8',
  });
  if (build.status !== 0)
    throw new StartupError(
      `The extension build failed; fix it and run again.\n${build.stdout}${build.stderr}`,
    );
}

/** One `s3keys-companion serve` on 127.0.0.1:PORT, its output prefixed with its name; resolves to HOST:PORT. */
function startCompanionProcess(
  name: string,
  port: number,
  config: string,
  env: NodeJS.ProcessEnv,
): Promise<string> {
  const dataDir = join(TEAM_DIR, name);
  const child = spawn(
    CLI[0]!,
    [...CLI.slice(1), 'serve', '--data', dataDir, '--port', String(port), '--config', config],
    { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  stops.push(() => stopChild(child));
  return new Promise((resolvePort, reject) => {
    let seen = '';
    const onData = (chunk: Buffer) => {
      const text = chunk.toString();
      for (const line of text.split('\n').filter(Boolean)) console.log(`  [${name}] ${line}`);
      seen += text;
      if (/listening on /.test(seen)) resolvePort(`127.0.0.1:${port}`);
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', (code) =>
      reject(new StartupError(`${name} exited with ${code}; see its lines above.`)),
    );
  });
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((done) => {
    const force = setTimeout(() => child.kill('SIGKILL'), 10_000);
    child.once('exit', () => {
      clearTimeout(force);
      done();
    });
    child.kill('SIGTERM');
  });
}

/** Runs a companion CLI command to completion; its output is shown. */
function cli(args: string[], env: NodeJS.ProcessEnv) {
  const result = spawnSync(CLI[0]!, [...CLI.slice(1), ...args], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: 'inherit',
  });
  if (result.status !== 0) throw new StartupError(`s3keys-companion ${args[0]} failed (see above).`);
}

/** Runs one of the project's shell scripts; progress goes to the terminal. */
function script(path: string, args: string[], failure: string) {
  const result = spawnSync('bash', [join(ROOT, path), ...args], { stdio: ['ignore', 'inherit', 'inherit'] });
  if (result.signal) throw new StartupError(`Stopped (${result.signal}) before the start finished.`);
  if (result.status !== 0) throw new StartupError(`${failure} (${path} exited with ${result.status}).`);
}

/** Stops every part started, last started first; once, whether a signal or a failed step asks first. */
function stopAll(): Promise<void> {
  stopping ??= (async () => {
    // Popped one at a time, so a part whose start was under way when stopping began is stopped too.
    for (let stop = stops.pop(); stop; stop = stops.pop()) {
      try {
        await stop();
      } catch (error) {
        console.error((error as Error).message);
      }
    }
  })();
  return stopping;
}

function printWelcome({
  upstreams,
  tokens,
  ca,
  regions,
}: {
  upstreams: string[];
  tokens: Record<string, { role: string; token: string }>;
  ca: string;
  regions: LocalRegions;
}) {
  const url = `https://${PUBLIC_NAME}:${HTTPS_PORT}`;
  const caPath = relative(process.cwd(), ca);
  console.log(`
S3 Keys for a team: ${url}
  nginx (TLS) on 127.0.0.1:${HTTPS_PORT} → companions on ${upstreams.join(' and ')}
  registry: PostgreSQL on 127.0.0.1:${POSTGRES_PORT}; data under ${TEAM_DIR}
  ${regions.registryOnlyBecause ? `REGISTRY-ONLY MODE (no Ceph): ${regions.registryOnlyBecause}` : `regions on local Ceph RGW: ${regions.regions.map((r) => `${r.id} ${r.endpoint}`).join(', ')}`}

To use that URL on this machine:
  1. map the name to loopback:  echo '127.0.0.1 ${PUBLIC_NAME}' >> /etc/hosts
  2. trust the throw-away CA ${caPath} in the browser you test with, and only there
     (Chrome: Settings → Privacy and security → Security → Manage certificates → Authorities → Import;
      Firefox: Settings → Privacy & Security → Certificates → View Certificates → Authorities → Import).
  3. load the extension (chrome://extensions → Load unpacked → ${resolve(ROOT, 'dist/chrome-mv3')}),
     enter ${url} as the companion URL and a token below; Connect asks for access to that origin.

Demo tokens (also in ${join(TEAM_DIR, DEMO_TOKENS_FILE)}):
${Object.entries(tokens)
  .map(([name, t]) => `  ${name.padEnd(6)} ${t.role.padEnd(8)} ${t.token}`)
  .join('\n')}

Try it:
  curl --cacert ${caPath} --resolve ${PUBLIC_NAME}:${HTTPS_PORT}:127.0.0.1 ${url}/api/v1/me -H "Authorization: Bearer ${tokens.alice?.token ?? '<token>'}"

Press Ctrl-C to stop.
`);
}

main().catch(async (error: Error) => {
  console.error(error instanceof StartupError ? error.message : error);
  await stopAll();
  process.exit(1);
});
