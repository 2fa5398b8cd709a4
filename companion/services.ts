/** The companion's services over an open registry, built once for the server and the CLI alike. */
import { createBackends } from './backends/index.ts';
import { faultPointsFromEnv } from './keys/fault-points.ts';
import { createKeyService } from './keys/key-service.ts';
import { createStatusService } from './keys/status-service.ts';
import type { Logger } from './logger.ts';
import type { Registry } from './registry.ts';
import { createVaultService } from './vault/vault-service.ts';

export interface ServicesOptions {
  logger: Logger;
  statusCacheSeconds?: number;
  env?: NodeJS.ProcessEnv;
}

export function createServices(
  { storage, sealer, vaults }: Registry,
  { logger, statusCacheSeconds = 10, env = process.env }: ServicesOptions,
) {
  const backendFor = createBackends(env);
  return {
    keys: createKeyService({ storage, sealer, backendFor, logger, faults: faultPointsFromEnv(env) }),
    status: createStatusService({ storage, sealer, backendFor, cacheMs: statusCacheSeconds * 1000 }),
    vault: createVaultService({ vaults, storage }),
  };
}
