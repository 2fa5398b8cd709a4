/** The generated API reference files (name → text), from an app built like the server's. */
import { createApp } from '../../companion/app.ts';
import { createOpenApiDocument } from '../../companion/http/openapi/document.ts';
import { silentLogger } from '../../companion/logger.ts';
import { renderApiReference } from './render-api.ts';

export async function apiDocuments(): Promise<Record<string, string>> {
  // Documentation comes from the routes alone: the services behind them are never called.
  const unused: never = new Proxy(() => undefined, {
    get: () => unused,
    apply: () => {
      throw new Error('docs: no service is called');
    },
  }) as never;
  const app = createApp({
    storage: unused,
    sealer: unused,
    keys: unused,
    status: unused,
    vault: unused,
    logger: silentLogger,
    port: () => 8787,
  });
  const document = await createOpenApiDocument(app);
  return {
    'openapi.json': `${JSON.stringify(document, null, 2)}\n`,
    'api.md': renderApiReference(document),
  };
}
