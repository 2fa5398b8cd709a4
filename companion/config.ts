/**
 * The companion's settings: defaults, then the config file, then S3KEYS_* environment variables, then
 * flags. Checked once; a bad setting stops the start with a message naming it.
 * @module
 */
import { readFileSync } from 'node:fs';
import { isIP } from 'node:net';
import { resolve } from 'node:path';
import * as z from 'zod';
import { RegionRecord } from './storage/data.ts';
import { StartupError } from './startup-error.ts';

export const DEFAULT_HOST = '127.0.0.1';
export const DEFAULT_PORT = 8787;
export const DEFAULT_DATA_DIR = '.data';

const ConfigFile = z.strictObject({
  host: z.string().optional(),
  port: z.number().int().min(0).max(65535).optional(),
  /** Host names besides the loopback ones that requests may be addressed to. */
  allowedHosts: z.array(z.string()).default([]),
  /** Web origins besides extensions that may write. */
  allowedOrigins: z.array(z.string()).default([]),
  /** Reverse proxies (IP addresses) whose `X-Forwarded-For` header names the client. */
  trustedProxies: z
    .array(z.string().refine((a) => isIP(a) !== 0, 'must be an IP address (no host names or ranges)'))
    .default([]),
  /** A PostgreSQL database for the registry (postgres://…); without it, the data directory's files. */
  databaseUrl: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL')
    .optional(),
  /** Regions to create or update in the registry at start. */
  regions: z.array(RegionRecord).default([]),
  authFailureLimit: z
    .strictObject({
      maxFailures: z.number().int().min(1),
      windowSeconds: z.number().int().min(1),
      globalMaxFailures: z.number().int().min(1).optional(),
    })
    .optional(),
  /** How often the S3 services are reconciled with the registry (besides at start). */
  reconcileIntervalSeconds: z.number().int().min(5).default(300),
  /** How long a region's quick status is reused, so opening the popup does not hit the S3 service each time. */
  statusCacheSeconds: z.number().min(0).default(10),
  /** PEM certificate chain and private key files: given both, the companion serves HTTPS. */
  tlsCert: z.string().min(1).optional(),
  tlsKey: z.string().min(1).optional(),
});
export type ConfigFile = z.infer<typeof ConfigFile>;

export interface CompanionConfig extends ConfigFile {
  host: string;
  port: number;
  dataDir: string;
}

export interface ConfigFlags {
  data?: string;
  'database-url'?: string;
  host?: string;
  port?: string;
  config?: string;
  'tls-cert'?: string;
  'tls-key'?: string;
}

export function resolveConfig(flags: ConfigFlags, env: NodeJS.ProcessEnv = process.env): CompanionConfig {
  const file = flags.config ? readConfigFile(flags.config) : ConfigFile.parse({});
  const port = flags.port ?? env.S3KEYS_PORT;
  const tlsCert = flags['tls-cert'] ?? env.S3KEYS_TLS_CERT ?? file.tlsCert;
  const tlsKey = flags['tls-key'] ?? env.S3KEYS_TLS_KEY ?? file.tlsKey;
  if ((tlsCert === undefined) !== (tlsKey === undefined))
    throw new StartupError(
      'HTTPS needs both a certificate and its key: give --tls-cert and --tls-key together.',
    );
  return {
    ...file,
    tlsCert: tlsCert && resolve(tlsCert),
    tlsKey: tlsKey && resolve(tlsKey),
    host: flags.host ?? env.S3KEYS_HOST ?? file.host ?? DEFAULT_HOST,
    port: port === undefined ? (file.port ?? DEFAULT_PORT) : parsePort(port),
    dataDir: resolveDataDir(flags.data, env),
    databaseUrl: resolveDatabaseUrl(flags['database-url'], env) ?? file.databaseUrl,
  };
}

/** The PostgreSQL URL from the flag or S3KEYS_DATABASE_URL, checked; undefined when neither is set. */
export function resolveDatabaseUrl(
  flag: string | undefined,
  env: NodeJS.ProcessEnv = process.env,
): string | undefined {
  const url = flag ?? (env.S3KEYS_DATABASE_URL || undefined);
  if (url !== undefined && !/^postgres(ql)?:\/\//.test(url))
    throw new StartupError(`The database URL must start with postgres:// (got "${url.split(':')[0]}:…").`);
  return url;
}

export function resolveDataDir(flag: string | undefined, env: NodeJS.ProcessEnv = process.env): string {
  return resolve(flag ?? env.S3KEYS_DATA ?? DEFAULT_DATA_DIR);
}

function readConfigFile(path: string): ConfigFile {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new StartupError(`Cannot read the config file ${path}: ${(error as Error).message}`);
  }
  const parsed = ConfigFile.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new StartupError(
      `The config file ${path} is not valid at "${issue.path.join('.')}": ${issue.message}`,
    );
  }
  return parsed.data;
}

function parsePort(text: string): number {
  const port = Number(text);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new StartupError(`The port must be a number from 0 to 65535, not "${text}".`);
  return port;
}
