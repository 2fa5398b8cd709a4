/** The companion's services over an open registry, built once for the server and the CLI alike. */
import { createBackends } from './backends/index.ts';
import { faultPointsFromEnv } from './keys/fault-points.ts';
import { createKeyService } from './keys/key-service.ts';
import { createStatusService } from './keys/status-service.ts';
import type { Logger } from './logger.ts';
import type { Registry } from './registry.ts';

export function createServices({ store, sealer }: Registry, logger: Logger, env: NodeJS.ProcessEnv = process.env) {
  const backendFor = createBackends(env);
  return {
    keys: createKeyService({ store, sealer, backendFor, logger, faults: faultPointsFromEnv(env) }),
    status: createStatusService({ store, sealer, backendFor }),
  };
}
