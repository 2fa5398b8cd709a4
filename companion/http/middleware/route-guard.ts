/**
 * Answers unknown paths with 404 and known paths with a method they do not serve with 405 and an
 * `Allow` header, before authentication, from the routes the app itself registered.
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
    (table ??= [...groupBy(app.routes.filter((r) => r.method !== 'ALL'))].map(([path, methods]) => ({
      pattern: new RegExp(`^${path.replace(/:[^/]+/g, '[^/]+')}/?$`),
      methods: methods.has('GET') ? new Set([...methods, 'HEAD']) : methods,
    })));

  return createMiddleware(async function routeGuard(c, next) {
    const route = routes().find((r) => r.pattern.test(c.req.path));
    if (!route)
      throw new AppError(
        'not_found',
        `There is no ${c.req.path} here; the API lives under /api/v1 (see API.md).`,
      );
    if (!route.methods.has(c.req.method)) {
      const allow = [...route.methods].join(', ');
      throw new AppError(
        'method_not_allowed',
        `${c.req.path} does not serve ${c.req.method}; it serves ${allow}.`,
        { headers: { Allow: allow } },
      );
    }
    await next();
  });
}

function groupBy(routes: { path: string; method: string }[]): Map<string, Set<string>> {
  const byPath = new Map<string, Set<string>>();
  for (const { path, method } of routes) byPath.set(path, (byPath.get(path) ?? new Set()).add(method));
  return byPath;
}
