/**
 * Starts the companion: opens the registry, applies the config's regions, serves the app on the
 * configured address (127.0.0.1 unless told otherwise, over HTTPS when given a certificate and key),
 * then reconciles the S3 services with the registry (and again periodically); on a data directory it
 * also takes the CLI's registry changes on its control socket. Reconciling after listening lets reads be
 * answered at once whatever the registry's size; a key change meanwhile waits only for its own (account,
 * region), which reconciliation holds while it checks it. `close()` stops taking requests, lets the one in
 * flight and a running reconciliation finish, and releases the data lock.
 * @module
 */
import type { AddressInfo } from 'node:net';
import { createApp } from './app.ts';
import { createNodeServer } from './http/node-server.ts';
import type { CompanionConfig } from './config.ts';
import type { Logger } from './logger.ts';
import { openRegistry } from './registry.ts';
import { createServices } from './services.ts';
import type { KeyService } from './keys/key-service.ts';
import { putRegion } from './directory/directory.ts';
import { loadTlsFiles } from './tls.ts';
import { serveControlSocket } from './control/control-socket.ts';
import { StartupError } from './startup-error.ts';

export interface RunningCompanion {
  url: string;
  port: number;
  close(): Promise<void>;
}

export async function startCompanion(config: CompanionConfig, logger: Logger): Promise<RunningCompanion> {
  // Before the registry: a wrong certificate file must not leave a half-started companion behind.
  const tls = config.tlsCert && config.tlsKey ? loadTlsFiles(config.tlsCert, config.tlsKey) : undefined;
  const registry = await openRegistry({ dataDir: config.dataDir, databaseUrl: config.databaseUrl });
  try {
    for (const region of config.regions) await putRegion(registry.storage, region);
    const { keys, status, vault } = createServices(registry, {
      logger,
      statusCacheSeconds: config.statusCacheSeconds,
    });
    let port = config.port;
    const app = createApp({
      storage: registry.storage,
      sealer: registry.sealer,
      keys,
      status,
      vault,
      logger,
      port: () => port,
      allowedHosts: config.allowedHosts,
      allowedOrigins: config.allowedOrigins,
      authFailureLimit: config.authFailureLimit,
      trustedProxies: config.trustedProxies,
    });
    const server = createNodeServer({ fetch: app.fetch, hostname: config.host, tls });
    await new Promise<void>((resolve, reject) => {
      server.once('error', (error: NodeJS.ErrnoException) =>
        reject(
          error.code === 'EADDRINUSE'
            ? new StartupError(
                `Port ${config.port} on ${config.host} is already in use (another companion?); stop what uses it, or choose another port: S3KEYS_PORT=N, or serve --port N.`,
              )
            : error,
        ),
      );
      server.listen(config.port, config.host, () => resolve());
    });
    port = (server.address() as AddressInfo).port;
    // PostgreSQL takes the CLI's changes directly; a data directory has one writer, this companion.
    const control = config.databaseUrl
      ? null
      : await serveControlSocket(config.dataDir, registry.storage, logger);
    let reconciliation = reconcileAtStart(keys, logger);
    const reconciling = setInterval(() => {
      reconciliation = reconciliation
        .then(() => keys.reconcile())
        .then(
          () => undefined,
          () => undefined,
        );
    }, config.reconcileIntervalSeconds * 1000).unref();
    const host = config.host.includes(':') ? `[${config.host}]` : config.host;
    return {
      url: `${tls ? 'https' : 'http'}://${host}:${port}`,
      port,
      close: () =>
        new Promise<void>((resolve) => {
          clearInterval(reconciling);
          server.close(() => resolve());
          if ('closeIdleConnections' in server) server.closeIdleConnections();
        })
          .then(() => control?.close())
          .then(() => reconciliation)
          .then(() => registry.close()),
    };
  } catch (error) {
    await registry.close();
    throw error;
  }
}

/** The first reconciliation, in the background; says when it is done (tests and operators wait for it). */
async function reconcileAtStart(keys: KeyService, logger: Logger): Promise<void> {
  const started = performance.now();
  try {
    const report = await keys.reconcile();
    logger.info(
      `reconcile: start-up check done in ${Math.round(performance.now() - started)} ms (${report.changes.length} changes, ${report.failures.length} failures)`,
    );
  } catch (error) {
    logger.error(`reconcile: start-up check failed: ${(error as Error).message}`);
  }
}
