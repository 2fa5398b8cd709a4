// Fuzzing the real companion process over a real socket with fast-check: ≥ 10,000 requests over methods,
// paths, headers (Host, Origin, Content-Type, Authorization, Idempotency-Key) and bodies. Whatever comes
// in: never a 5xx, never an error body outside the contract, never a key changed by a refused request,
// never a secret or token in an answer but the create or reset that made it. A failure is shrunk and
// printed with its seed; `S3KEYS_FUZZ_SEED=<seed>` replays that run.
import { Agent, request } from 'node:http';
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { ErrorBody, STATUS_BY_ERROR_CODE } from '#shared/api';
import { runCli, startCompanion, type CompanionProcess } from '../helpers/companion-process.ts';

const RUNS = Number(process.env.S3KEYS_FUZZ_RUNS ?? 10_000);
const REGIONS = ['demo-north-1', 'demo-south-1', 'demo-east-1'];

let companion: CompanionProcess;
let tokens: Record<'alice' | 'bob' | 'carol', string>;
const agent = new Agent({ keepAlive: true, maxSockets: 4 });
/** Secrets handed out so far (by successful creates and resets) and the current key per region, as answered. */
const secrets = new Set<string>();
const currentKeys = new Map<string, string>();

beforeAll(async () => {
  const dataDir = await mkdtemp(join(tmpdir(), 's3keys-fuzz-'));
  await runCli(['demo', '--data', dataDir]);
  const issued = JSON.parse(await readFile(join(dataDir, 'demo-tokens.json'), 'utf8'));
  tokens = { alice: issued.alice.token, bob: issued.bob.token, carol: issued.carol.token };
  companion = await startCompanion(dataDir);
}, 60_000);

afterAll(async () => {
  agent.destroy();
  await companion?.stop();
});

interface Fuzzed {
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: string;
}

/** One request on the fuzzer's kept-alive sockets, or, with `fresh`, on a connection of its own. */
function send(
  { method, path, headers, body }: Fuzzed,
  fresh = false,
): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    // A body is always framed: Node's client sends one of an OPTIONS or DELETE without a length, and on a
    // kept-alive socket its bytes would open the next request (the server rightly refuses that line).
    const framed =
      body === undefined ? headers : { ...headers, 'Content-Length': String(Buffer.byteLength(body)) };
    const req = request(
      {
        host: '127.0.0.1',
        port: companion.port,
        method,
        path,
        headers: framed,
        agent: fresh ? false : agent,
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (text += chunk));
        res.on('end', () => resolve({ status: res.statusCode!, text }));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

// Printable ASCII: what an HTTP header may carry.
const ascii = (maxLength: number) =>
  fc.string({ unit: fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c)), maxLength });
const region = fc.oneof(
  fc.constantFrom(...REGIONS),
  ascii(40).map(encodeURIComponent),
  fc.constantFrom('..', '%2e%2e', 'a'.repeat(300), '__proto__'),
);
const path = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.constantFrom(
      '/api/v1/me',
      '/api/v1/regions',
      '/api/v1/status',
      '/api/v1/audit',
      '/api/v1/audit?limit=2',
      '/healthz',
      '/api/v1/openapi.json',
    ),
  },
  { weight: 8, arbitrary: region.map((r) => `/api/v1/regions/${r}/key`) },
  { weight: 8, arbitrary: region.map((r) => `/api/v1/regions/${r}/key/reset`) },
  {
    weight: 2,
    arbitrary: fc
      .tuple(fc.constantFrom('/api/v1/audit?limit=', '/api/v1/regions?'), ascii(12).map(encodeURIComponent))
      .map(([a, b]) => a + b),
  },
  { weight: 2, arbitrary: ascii(60).map((p) => `/${encodeURI(p)}`) },
);
const host = fc.oneof(
  { weight: 10, arbitrary: fc.constant('valid') },
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      'evil.example',
      '[::ffff:127.0.0.1]',
      'user@127.0.0.1',
      '127.0.0.1',
      'localhost:1',
      '',
      '[::1]',
    ),
  },
  { weight: 1, arbitrary: ascii(30) },
);
const token = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.constantFrom('alice', 'bob', 'carol').map((who) => `Bearer ${tokens[who as 'alice']}`),
  },
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      'Bearer ',
      'Basic YWxpY2U6cHc=',
      'Bearer s3k_0000000000000000_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA',
    ),
  },
  { weight: 1, arbitrary: ascii(80).map((t) => `Bearer ${t}`) },
);
const body = fc.oneof(
  { weight: 4, arbitrary: fc.constant('{}') },
  { weight: 3, arbitrary: fc.constantFrom(...REGIONS).map(() => 'RESET') },
  { weight: 2, arbitrary: fc.jsonValue({ maxDepth: 3 }).map((v) => JSON.stringify(v)) },
  { weight: 1, arbitrary: ascii(40) },
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      'x'.repeat(17 * 1024),
      '{"__proto__":{"admin":true}}',
      '{"accessKeyId":"' + 'A'.repeat(200) + '"}',
    ),
  },
);

const request$ = fc.record({
  method: fc.oneof(
    { weight: 5, arbitrary: fc.constantFrom('GET', 'POST') },
    { weight: 1, arbitrary: fc.constantFrom('DELETE', 'PUT', 'PATCH', 'HEAD', 'OPTIONS') },
  ),
  path,
  host,
  origin: fc.option(
    fc.oneof(
      fc.constant('chrome-extension://abcdefghijklmnopabcdefghijklmnop'),
      fc.constantFrom('https://evil.example', 'null', 'moz-extension://x'),
      ascii(30),
    ),
    { nil: undefined },
  ),
  contentType: fc.option(
    fc.oneof(
      { weight: 5, arbitrary: fc.constant('application/json') },
      {
        weight: 1,
        arbitrary: fc.constantFrom(
          'text/plain',
          'application/json; charset=utf-8',
          'multipart/form-data; boundary=x',
        ),
      },
      { weight: 1, arbitrary: ascii(30) },
    ),
    { nil: undefined },
  ),
  authorization: fc.option(token, { nil: undefined, freq: 8 }),
  idempotencyKey: fc.option(fc.oneof(fc.uuid(), ascii(10), fc.constant('k'.repeat(300))), { nil: undefined }),
  body: fc.option(body, { nil: undefined, freq: 6 }),
});

type Generated = typeof request$ extends fc.Arbitrary<infer T> ? T : never;

function build(r: Generated): Fuzzed {
  const headers: Record<string, string> = {
    Host: r.host === 'valid' ? `127.0.0.1:${companion.port}` : r.host,
  };
  if (r.origin !== undefined) headers.Origin = r.origin;
  if (r.contentType !== undefined) headers['Content-Type'] = r.contentType;
  if (r.authorization !== undefined) headers.Authorization = r.authorization;
  if (r.idempotencyKey !== undefined) headers['Idempotency-Key'] = r.idempotencyKey;
  let text = r.body as string | undefined;
  // A reset body naming the key the region really has now, so resets can get through.
  if (text === 'RESET') {
    const id = /regions\/([^/]+)\/key/.exec(r.path)?.[1];
    text = JSON.stringify({ accessKeyId: (id && currentKeys.get(id)) ?? 'S3KNOTAKEY' });
  }
  return {
    method: r.method,
    path: r.path,
    headers,
    body: r.method === 'GET' || r.method === 'HEAD' ? undefined : text,
  };
}

async function keysNow(): Promise<Map<string, string>> {
  const answer = await send(
    {
      method: 'GET',
      path: '/api/v1/regions',
      headers: { Host: `127.0.0.1:${companion.port}`, Authorization: `Bearer ${tokens.alice}` },
    },
    // Its own connection: a fuzzed request may leave a kept-alive socket out of step with the server.
    true,
  );
  if (answer.status !== 200)
    throw new Error(`GET /api/v1/regions as alice answered ${answer.status} ${answer.text}`);
  const { regions } = JSON.parse(answer.text) as {
    regions: { id: string; key: { accessKeyId: string } | null }[];
  };
  return new Map(regions.flatMap((r) => (r.key ? [[r.id, r.key.accessKeyId] as const] : [])));
}

it(`survives ${RUNS} fuzzed requests within the contract`, async () => {
  let reached = 0;
  await fc.assert(
    fc.asyncProperty(request$, async (generated) => {
      const req = build(generated);
      const before = req.method === 'GET' || req.method === 'HEAD' ? null : await keysNow();
      const { status, text } = await send(req);
      expect(status, 'never a 5xx').toBeLessThan(500);
      const isKeyWrite = req.method === 'POST' && /^\/api\/v1\/regions\/[^/]+\/key(\/reset)?$/.test(req.path);
      if (status >= 400 && req.method !== 'HEAD') {
        const error = ErrorBody.safeParse(JSON.parse(text));
        expect(error.success, `an error body in the contract's shape: ${text.slice(0, 200)}`).toBe(true);
        expect(STATUS_BY_ERROR_CODE[error.data!.error.code], 'the code goes with the status').toBe(status);
      }
      if (isKeyWrite && (status === 200 || status === 201)) {
        reached++;
        const secret = JSON.parse(text) as { region: string; accessKeyId: string; secretAccessKey: string };
        secrets.add(secret.secretAccessKey);
        currentKeys.set(secret.region, secret.accessKeyId);
      } else {
        for (const s of secrets)
          expect(text.includes(s), 'no secret outside its own create or reset').toBe(false);
        for (const t of Object.values(tokens)) expect(text.includes(t), 'no token in any answer').toBe(false);
      }
      if (before && status >= 400)
        expect(await keysNow(), 'a refused request changes no key').toEqual(before);
    }),
    {
      numRuns: RUNS,
      endOnFailure: true,
      ...(process.env.S3KEYS_FUZZ_SEED ? { seed: Number(process.env.S3KEYS_FUZZ_SEED) } : {}),
    },
  );
  // The fuzzer reached the real work too, not only the refusals.
  expect(reached).toBeGreaterThan(0);
  expect(await keysNow()).toEqual(currentKeys);
}, 900_000);
