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

/** The API's endpoints: methods by exact path, and patterns for the paths with parameters. */
interface RouteTable {
  exact: Map<string, Set<string>>;
  patterns: Route[];
}

/** The app whose registered routes are the table (read on first use, once they are all added). */
export function routeGuard(app: Pick<Hono, 'routes'>) {
  let table: RouteTable | undefined;
  const routes = () => (table ??= routeTable(app.routes.filter(isEndpoint)));
  /** The methods served at `path` (a trailing slash allowed): a path without parameters is one lookup. */
  const methodsAt = (path: string) => {
    const { exact, patterns } = routes();
    const exactly = exact.get(path) ?? exact.get(path.replace(/\/$/, ''));
    return exactly ?? patterns.find((r) => r.pattern.test(path))?.methods;
  };

  return createMiddleware(function routeGuard(c, next) {
    const methods = methodsAt(c.req.path);
    if (!methods) throw notFound(c.req.path);
    if (!methods.has(c.req.method)) {
      const allow = [...methods].join(', ');
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

function routeTable(endpoints: { path: string; method: string }[]): RouteTable {
  const table: RouteTable = { exact: new Map(), patterns: [] };
  for (const [path, listed] of groupBy(endpoints)) {
    const methods = listed.has('GET') ? new Set([...listed, 'HEAD']) : listed;
    if (!path.includes(':')) table.exact.set(path, methods);
    else table.patterns.push({ pattern: new RegExp(`^${path.replace(/:[^/]+/g, '[^/]+')}/?$`), methods });
  }
  return table;
}

function groupBy(routes: { path: string; method: string }[]): Map<string, Set<string>> {
  const byPath = new Map<string, Set<string>>();
  for (const { path, method } of routes) byPath.set(path, (byPath.get(path) ?? new Set()).add(method));
  return byPath;
}
