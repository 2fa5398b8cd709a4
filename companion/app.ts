/**
 * createApp: the companion's HTTP app. Request hygiene first (host, known route, origin, size, JSON),
 * then authentication, then the routers. Errors are rendered in one place.
 * @module
 */
import { Hono } from 'hono';
import type { KeyService } from './keys/key-service.ts';
import type { StatusService } from './keys/status-service.ts';
import type { Logger } from './logger.ts';
import type { RegistryStorage } from './storage/registry-storage.ts';
import type { Sealer } from './storage/seal.ts';
import type { VaultService } from './vault/vault-service.ts';
import type { AppEnv } from './http/env.ts';
import { createErrorHandler, renderError } from './http/errors.ts';
import { bearerAuth, type FailureLimit } from './http/middleware/bearer-auth.ts';
import { bodyLimit } from './http/middleware/body-limit.ts';
import { hostGuard } from './http/middleware/host-guard.ts';
import { JSON_WRITE_METHODS, jsonBody } from './http/middleware/json-body.ts';
import { originGuard } from './http/middleware/origin-guard.ts';
import { notFound, routeGuard } from './http/middleware/route-guard.ts';
import { accountRoutes } from './http/routes/account.ts';
import { auditRoutes } from './http/routes/audit.ts';
import { changesRoutes } from './http/routes/changes.ts';
import { healthRoutes } from './http/routes/health.ts';
import { keyUsageRoutes } from './http/routes/key-usage.ts';
import { meRoutes } from './http/routes/me.ts';
import { openApiRoutes } from './http/routes/openapi.ts';
import { regionRoutes } from './http/routes/regions.ts';
import { statusRoutes } from './http/routes/status.ts';
import { vaultRoutes } from './http/routes/vault.ts';
import { VAULT_MAX_BYTES } from '#shared/vault';
import { tooLarge } from './vault/vault-service.ts';

const METHODS_WITH_BODY = ['POST', 'PUT', 'PATCH', 'DELETE'];

export interface AppOptions {
  storage: RegistryStorage;
  sealer: Sealer;
  keys: KeyService;
  status: StatusService;
  vault: VaultService;
  logger: Logger;
  port: () => number;
  allowedHosts?: readonly string[];
  allowedOrigins?: readonly string[];
  authFailureLimit?: FailureLimit;
  /** Reverse proxies whose `X-Forwarded-For` is believed. */
  trustedProxies?: readonly string[];
}

export function createApp({
  storage,
  sealer,
  keys,
  status,
  vault,
  logger,
  port,
  allowedHosts,
  allowedOrigins,
  authFailureLimit,
  trustedProxies,
}: AppOptions) {
  const app = new Hono<AppEnv>();
  app.onError(createErrorHandler(logger));
  app.notFound((c) => renderError(c, notFound(c.req.path)));

  // Not async: awaiting next() would cost every request one more promise and a suspension (7 % of the
  // read throughput, measured).
  app.use(function accessLog(c, next) {
    const started = performance.now();
    return next().then(() =>
      logger.info(
        `${c.req.method} ${c.req.path} ${c.res.status} ${(performance.now() - started).toFixed(1)}ms`,
      ),
    );
  });
  // The checks that need not wait are plain functions: an async step costs every request a promise.
  app.use(hostGuard({ port, allowedHosts }));
  app.use(routeGuard(app));
  app.use(originGuard({ allowedOrigins }));
  // Only the methods that may carry a body pass through the body checks (reads, most requests, skip two
  // steps); the route guard has already refused any method no route serves.
  // The vault is the one body that may be large: up to the per-user limit, past which it gets its own 413.
  app.on(
    METHODS_WITH_BODY,
    '*',
    bodyLimit([{ path: '/api/v1/vault', maxBytes: VAULT_MAX_BYTES, refuse: () => tooLarge() }]),
  );
  app.on(JSON_WRITE_METHODS, '*', jsonBody());
  // Before authentication: the API's description is public (it holds no secret).
  app.route(
    '/api/v1',
    openApiRoutes(() => app),
  );
  app.use('/api/*', bearerAuth({ storage, limit: authFailureLimit, trustedProxies }));

  return app
    .route('/', healthRoutes)
    .route('/api/v1/me', meRoutes(storage))
    .route('/api/v1/account', accountRoutes(storage, keys))
    .route('/api/v1/regions', regionRoutes(keys, { answers: storage.idempotency, sealer }))
    .route('/api/v1/regions', keyUsageRoutes(status))
    .route('/api/v1/changes', changesRoutes(storage))
    .route('/api/v1/status', statusRoutes(status))
    .route('/api/v1/audit', auditRoutes(storage))
    .route('/api/v1/vault', vaultRoutes(vault));
}

export type AppType = ReturnType<typeof createApp>;
