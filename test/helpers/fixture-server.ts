/**
 * Serves test/fixtures/pages/ (Preact's and Vue's browser builds under /vendor/, the fixture apps
 * bundled from test/fixtures/apps/ under /bundles/) on 127.0.0.1, any Host
 * accepted, so one server answers http://127.0.0.1:PORT, http://localhost:PORT (another origin) and
 * names mapped to 127.0.0.1 by Chromium's host resolver rules.
 */
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, normalize } from 'node:path';
import { ROOT } from './companion-process.ts';
import { fixtureBundle } from './fixture-bundles.ts';

export const PAGES_DIR = join(ROOT, 'test', 'fixtures', 'pages');
const VENDOR: Record<string, string> = {
  '/vendor/preact.module.js': join(ROOT, 'node_modules', 'preact', 'dist', 'preact.module.js'),
  '/vendor/hooks.module.js': join(ROOT, 'node_modules', 'preact', 'hooks', 'dist', 'hooks.module.js'),
  '/vendor/vue.global.prod.js': join(ROOT, 'node_modules', 'vue', 'dist', 'vue.global.prod.js'),
};
const TYPES: Record<string, string> = {
  html: 'text/html; charset=utf-8',
  js: 'text/javascript; charset=utf-8',
};
/** Pages served with extra headers. */
const HEADERS: Record<string, Record<string, string>> = {
  '/sandboxed-top.html': { 'Content-Security-Policy': 'sandbox allow-scripts' },
};

export interface FixtureServer {
  port: number;
  /** `http://127.0.0.1:PORT` */
  url: string;
  close(): Promise<void>;
}

export async function startFixtureServer(): Promise<FixtureServer> {
  const server = createServer(async (request, response) => {
    const path = new URL(request.url ?? '/', 'http://x').pathname;
    const file = VENDOR[path] ?? join(PAGES_DIR, normalize(path).replace(/^(\.\.[/\\])+/, ''));
    const bundle = path.match(/^\/bundles\/([^/]+)\.js$/)?.[1];
    try {
      const body = bundle ? await fixtureBundle(bundle) : await readFile(file);
      if (!body) throw new Error('no such bundle');
      response.writeHead(200, {
        'Content-Type': (bundle ? TYPES.js : TYPES[file.split('.').pop()!]) ?? 'application/octet-stream',
        'Cache-Control': 'no-store',
        ...HEADERS[path],
      });
      response.end(body);
    } catch {
      response.writeHead(404).end('not found');
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    port,
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
