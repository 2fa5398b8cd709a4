// @vitest-environment node
// The project's own API reference: the OpenAPI document the companion serves is valid OpenAPI 3.1, names
// exactly the routes the app serves (both ways), keeps every row of contract v1 (docs/contract-v1.md), and the
// rendered reference in docs/ is not stale.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Validator } from '@seriousme/openapi-schema-validator';
import type { OpenAPIV3_1 } from 'openapi-types';
import { beforeAll, describe, expect, it } from 'vitest';
import { ERROR_CODES, STATUS_BY_ERROR_CODE } from '#shared/api';
import { apiDocuments } from '../../scripts/docs/api-documents.ts';
import { ROOT } from '../helpers/companion-process.ts';
import { ORIGIN, startInProcess } from '../helpers/in-process.ts';

type Document = OpenAPIV3_1.Document;
const METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;

let served: {
  app: Awaited<ReturnType<typeof startInProcess>>['app'];
  response: Response;
  document: Document;
  tokens: string[];
};

beforeAll(async () => {
  const { app, tokens } = await startInProcess();
  // No Authorization header: the document is public.
  const response = await app.request(`${ORIGIN}/api/v1/openapi.json`, {
    headers: { Host: new URL(ORIGIN).host },
  });
  served = {
    app,
    response,
    document: (await response.clone().json()) as Document,
    tokens: Object.values(tokens).map((t) => t.token),
  };
});

const operations = (document: Document) =>
  Object.entries(document.paths ?? {}).flatMap(([path, item]) =>
    METHODS.flatMap((method) =>
      item?.[method] ? [{ key: `${method.toUpperCase()} ${path}`, op: item[method]! }] : [],
    ),
  );

describe('GET /api/v1/openapi.json', () => {
  it('is served without a token, as JSON', () => {
    expect(served.response.status).toBe(200);
    expect(served.response.headers.get('content-type')).toMatch(/^application\/json/);
  });

  it('validates as an OpenAPI 3.1 document', async () => {
    const validator = new Validator();
    const result = await validator.validate(served.document as never);
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
    expect(validator.version).toBe('3.1');
  });

  it('names exactly the routes the app serves, both ways', () => {
    const routes = new Set(
      served.app.routes
        // Middleware mounts (`use`, or `on` with a wildcard path) answer nothing themselves.
        .filter((r) => r.method !== 'ALL' && !r.path.endsWith('*'))
        .map((r) => `${r.method} ${r.path.replace(/:(\w+)/g, '{$1}')}`),
    );
    expect(
      operations(served.document)
        .map((o) => o.key)
        .sort(),
    ).toEqual([...routes].sort());
  });

  it('gives every answer an example, and uses every error code of the contract', () => {
    const text = JSON.stringify(served.document);
    for (const code of ERROR_CODES) expect(text, code).toContain(`"code":"${code}"`);
    for (const { key, op } of operations(served.document)) {
      for (const [status, response] of Object.entries(op.responses ?? {})) {
        const media = (response as OpenAPIV3_1.ResponseObject).content?.['application/json'];
        expect(media?.example ?? media?.examples, `${key} ${status}`).toBeDefined();
      }
    }
  });

  it('holds no token and no secret of the running companion', () => {
    const text = JSON.stringify(served.document);
    for (const token of served.tokens) expect(text).not.toContain(token);
  });
});

describe('contract v1 (docs/contract-v1.md) is kept', () => {
  let contract: string;
  beforeAll(async () => {
    contract = await readFile(join(ROOT, 'docs', 'contract-v1.md'), 'utf8');
  });

  /** Each `### \`METHOD path\`` section of the contract, with the statuses and error codes it names. */
  const endpoints = () =>
    [...contract.matchAll(/^### `(GET|POST|DELETE) ([^` ?]+)[^\n]*\n([\s\S]*?)(?=^### |^## )/gm)].map(
      ([, method, path, text]) => ({
        key: `${method} ${path}`,
        statuses: [...text!.matchAll(/\b([1-5]\d\d)\b/g)].map(([, s]) => s!),
        codes: ERROR_CODES.filter((code) => text!.includes(`\`${code}\``)),
      }),
    );

  it('documents every endpoint of the contract, with every status and error code it names', () => {
    const documented = new Map(operations(served.document).map((o) => [o.key, o.op]));
    const listed = endpoints();
    expect(listed.length).toBeGreaterThanOrEqual(8);
    for (const { key, statuses, codes } of [
      ...listed,
      { key: 'GET /healthz', statuses: ['200'], codes: [] },
    ]) {
      const op = documented.get(key);
      expect(op, key).toBeDefined();
      for (const status of statuses)
        expect(Object.keys(op!.responses ?? {}), `${key} ${status}`).toContain(status);
      for (const code of codes) {
        const response = op!.responses?.[String(STATUS_BY_ERROR_CODE[code])] as
          | OpenAPIV3_1.ResponseObject
          | undefined;
        expect(
          Object.keys(response?.content?.['application/json']?.examples ?? {}),
          `${key} ${code}`,
        ).toContain(code);
      }
    }
  });

  it('documents the request hygiene of every route, as the contract lists it', () => {
    const hygiene = ERROR_CODES.filter((code) =>
      /^## Request hygiene[\s\S]*?^## /m.exec(contract)![0].includes(`\`${code}\``),
    );
    expect(hygiene).toContain('host_not_allowed');
    const perRoute = (key: string) =>
      key.startsWith('POST') ? hygiene : ['host_not_allowed', 'internal_error'];
    for (const { key, op } of operations(served.document)) {
      const text = JSON.stringify(op.responses);
      for (const code of perRoute(key).filter((c) => c !== 'not_found' && c !== 'method_not_allowed')) {
        expect(text, `${key} ${code}`).toContain(`"${code}"`);
      }
    }
    const shared = JSON.stringify(served.document.components?.responses);
    expect(shared).toContain('"not_found"');
    expect(shared).toContain('"method_not_allowed"');
  });
});

describe('the rendered reference in docs/', () => {
  it('is what `npm run docs:api` writes from the code today (run it after changing a route)', async () => {
    for (const [name, text] of Object.entries(await apiDocuments())) {
      expect(await readFile(join(ROOT, 'docs', name), 'utf8'), `docs/${name} is stale`).toBe(text);
    }
  });
});
