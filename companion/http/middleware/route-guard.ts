/**
 * Answers unknown paths with 404 and known paths with a method they do not serve with 405 and an
 * `Allow` header, before authentication, from the routes the app itself registered. (Hono's own
 * `method-not-allowed` middleware answers after `next()`, that is after authentication: too late here.)
 * @module
 */
import type { Hono } from 'hono';
import { createMiddleware } from 'hono/factory';
import { AppError } from '../../app-error.ts';

interface Route {
  pattern: RegExp;
  methods: Set<string>;
}

/** The app whose registered routes are the table (read on first use, once they are all added). */
export function routeGuard(app: Pick<Hono, 'routes'>) {
  let table: Route[] | undefined;
  const routes = () =>
    (table ??= [...groupBy(app.routes.filter(isEndpoint))].map(([path, methods]) => ({
      pattern: new RegExp(`^${path.replace(/:[^/]+/g, '[^/]+')}/?$`),
      methods: methods.has('GET') ? new Set([...methods, 'HEAD']) : methods,
    })));

  return createMiddleware(function routeGuard(c, next) {
    const route = routes().find((r) => r.pattern.test(c.req.path));
    if (!route) throw notFound(c.req.path);
    if (!route.methods.has(c.req.method)) {
      const allow = [...route.methods].join(', ');
      throw new AppError(
        'method_not_allowed',
        `${c.req.path} does not serve ${c.req.method}; it serves ${allow}.`,
        { headers: { Allow: allow } },
      );
    }
    return next();
  });
}

/** The 404 of a path nothing serves; the app's `notFound` says the same. */
export function notFound(path: string): AppError {
  return new AppError(
    'not_found',
    `There is no ${path} here; the API lives under /api/v1 (GET /api/v1/openapi.json describes it).`,
  );
}

/** A route that answers, not a middleware mount (`use`, or `on` with a wildcard path). */
function isEndpoint(route: { path: string; method: string }): boolean {
  return route.method !== 'ALL' && !route.path.endsWith('*');
}

function groupBy(routes: { path: string; method: string }[]): Map<string, Set<string>> {
  const byPath = new Map<string, Set<string>>();
  for (const { path, method } of routes) byPath.set(path, (byPath.get(path) ?? new Set()).add(method));
  return byPath;
}
