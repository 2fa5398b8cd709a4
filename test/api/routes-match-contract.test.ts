// A meta-test: every endpoint API.md names is served by the app, and the app serves nothing else.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { ROOT } from '../helpers/companion-process.ts';
import { startInProcess } from '../helpers/in-process.ts';

it('the routes of the app are exactly the endpoints of API.md', async () => {
  const contract = await readFile(join(ROOT, '..', 'shared', 'API.md'), 'utf8');
  const documented = [
    ...contract.matchAll(/^### `(GET|POST|DELETE|PUT|PATCH) ([^` ?]+)/gm),
    ...contract.matchAll(/^- `(GET) (\/healthz)`/gm),
  ]
    .map(([, method, path]) => `${method} ${path!.replace(/\{(\w+)\}/g, ':$1')}`)
    .sort();
  const { app } = await startInProcess();
  const served = [
    ...new Set(app.routes.filter((r) => r.method !== 'ALL').map((r) => `${r.method} ${r.path}`)),
  ].sort();
  expect(documented.length).toBeGreaterThanOrEqual(9);
  expect(served).toEqual(documented);
});
