/**
 * Starts the companion: opens the registry, applies the config's regions, reconciles the S3 services
 * with the registry (then again periodically), and serves the app on the configured address
 * (127.0.0.1 unless told otherwise), over HTTPS when given a certificate and key; on a data directory
 * it also takes the CLI's registry changes on its control socket. `close()` stops taking requests, lets the
 * one in flight finish its write, and releases the data lock.
 * @module
 */
import type { AddressInfo } from 'node:net';
import { createApp } from './app.ts';
import { createNodeServer } from './http/node-server.ts';
import type { CompanionConfig } from './config.ts';
import type { Logger } from './logger.ts';
import { openRegistry } from './registry.ts';
import { createServices } from './services.ts';
import { putRegion } from './directory/directory.ts';
import { loadTlsFiles } from './tls.ts';
import { serveControlSocket } from './control/control-socket.ts';

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
    await keys.reconcile();
    const reconciling = setInterval(
      () => void keys.reconcile(),
      config.reconcileIntervalSeconds * 1000,
    ).unref();
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
      server.once('error', reject);
      server.listen(config.port, config.host, () => resolve());
    });
    port = (server.address() as AddressInfo).port;
    // PostgreSQL takes the CLI's changes directly; a data directory has one writer, this companion.
    const control = config.databaseUrl
      ? null
      : await serveControlSocket(config.dataDir, registry.storage, logger);
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
          .then(() => registry.close()),
    };
  } catch (error) {
    await registry.close();
    throw error;
  }
}
