/**
 * Picks and builds the backend for a region from its settings, once per settings: the admin secret is
 * read when the backend is first needed, from the environment or a 0600 file, never from the registry.
 * @module
 */
import { readFileSync, statSync } from 'node:fs';
import type { RegionRecord } from '../storage/data.ts';
import { createCephRgwBackend } from './ceph-rgw.ts';
import { createNoneBackend } from './none-backend.ts';
import { BackendUnavailableError, type S3Backend } from './s3-backend.ts';

export type { S3Backend } from './s3-backend.ts';
export { BackendUnavailableError } from './s3-backend.ts';

export type BackendFor = (region: RegionRecord) => S3Backend;

/** `backendFor(region)`, reusing one backend per region while its settings stay the same. */
export function createBackends(env: NodeJS.ProcessEnv = process.env): BackendFor {
  const built = new Map<string, { settings: string; backend: S3Backend }>();
  return function backendFor(region) {
    const settings = JSON.stringify([region.endpoint, region.backend]);
    const cached = built.get(region.id);
    if (cached?.settings === settings) return cached.backend;
    const backend = createBackend(region, env);
    built.set(region.id, { settings, backend });
    return backend;
  };
}

function createBackend(region: RegionRecord, env: NodeJS.ProcessEnv): S3Backend {
  const settings = region.backend;
  if (settings.type === 'none') return createNoneBackend();
  let secret: string;
  try {
    secret = settings.adminSecretEnv
      ? readEnvSecret(env, settings.adminSecretEnv)
      : readFileSecret(settings.adminSecretFile!);
  } catch (error) {
    return createUnconfiguredBackend(`Region ${region.id}: ${(error as Error).message}`);
  }
  return createCephRgwBackend({
    regionId: region.id,
    endpoint: settings.adminEndpoint ?? region.endpoint,
    adminAccessKeyId: settings.adminAccessKeyId,
    adminSecretAccessKey: secret,
  });
}

function readEnvSecret(env: NodeJS.ProcessEnv, name: string): string {
  const value = env[name]?.trim();
  if (!value) throw new Error(`the admin secret variable ${name} is not set`);
  return value;
}

function readFileSecret(path: string): string {
  const mode = statSync(path).mode & 0o777;
  if (mode & 0o077)
    throw new Error(
      `the admin secret file ${path} is readable by others (mode ${mode.toString(8)}); chmod 600 it`,
    );
  const value = readFileSync(path, 'utf8').trim();
  if (!value) throw new Error(`the admin secret file ${path} is empty`);
  return value;
}

/** A region whose admin secret cannot be read: every change is refused with the reason, status says it. */
function createUnconfiguredBackend(reason: string): S3Backend {
  const refuse = async (): Promise<never> => {
    throw new BackendUnavailableError(reason);
  };
  return {
    ensureUser: refuse,
    addKey: refuse,
    removeKey: refuse,
    listKeys: refuse,
    listAccountIds: refuse,
    async check() {
      return { endpointReachable: false, latencyMs: null, keyVerified: null, detail: reason };
    },
    async lastUsed() {
      return { known: false, detail: reason };
    },
  };
}
