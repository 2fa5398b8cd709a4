// The failed-authentication limit against the real companion process: X-Forwarded-For names the client
// only when the socket's peer is a configured trusted proxy (here the test itself, on 127.0.0.1).
import { request } from 'node:http';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli, startCompanion, type CompanionProcess } from '../helpers/companion-process.ts';

const LIMIT = { maxFailures: 3, windowSeconds: 60 };

let dataDir: string;
let aliceToken: string;
let companion: CompanionProcess | undefined;

beforeEach(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 's3keys-proxies-'));
  expect((await runCli(['demo', '--data', dataDir])).code).toBe(0);
  aliceToken = JSON.parse(await readFile(join(dataDir, 'demo-tokens.json'), 'utf8')).alice.token;
});

afterEach(async () => {
  await companion?.stop();
  companion = undefined;
});

async function serveWith(config: Record<string, unknown>) {
  const file = join(dataDir, 'config.json');
  await writeFile(file, JSON.stringify({ authFailureLimit: LIMIT, ...config }));
  companion = await startCompanion(dataDir, ['--config', file]);
}

/** GET /api/v1/me with the given token and X-Forwarded-For; the status code. */
async function me(token: string, forwardedFor?: string): Promise<number> {
  const response = await fetch(`${companion!.url}/api/v1/me`, {
    headers: {
      Authorization: `Bearer ${token}`,
      ...(forwardedFor === undefined ? {} : { 'X-Forwarded-For': forwardedFor }),
    },
  });
  await response.arrayBuffer();
  return response.status;
}

// Requests without a well-formed token are what is counted per client address (a valid token always works).
describe('X-Forwarded-For from a peer that is not a trusted proxy', () => {
  it('a fresh forged address on every guess does not reset the count: the peer is locked out', async () => {
    // Another proxy is trusted, so the header is ignored because of who sent it, not for lack of a setting.
    await serveWith({ trustedProxies: ['192.0.2.1'] });
    for (let i = 0; i < LIMIT.maxFailures; i++) expect(await me('wrong-token', `203.0.113.${i}`)).toBe(401);
    expect(await me('wrong-token', '203.0.113.99')).toBe(429);
    expect(await me('wrong-token')).toBe(429);
  });
});

describe('behind a trusted proxy', () => {
  it('two clients are counted apart, and prepended addresses do not help the locked-out one', async () => {
    await serveWith({ trustedProxies: ['127.0.0.1', '192.0.2.1'] });
    for (let i = 0; i < LIMIT.maxFailures; i++) expect(await me('wrong-token', '203.0.113.10')).toBe(401);
    expect(await me('wrong-token', '203.0.113.10')).toBe(429);
    expect(await me('wrong-token', '203.0.113.20')).toBe(401);
    expect(await me(aliceToken, '203.0.113.20')).toBe(200);
    // The right-most address that is not a trusted proxy is the client; whatever is left of it is not believed.
    expect(await me('wrong-token', '10.9.9.1, 203.0.113.10')).toBe(429);
    expect(await me('wrong-token', '203.0.113.10, 192.0.2.1')).toBe(429);
    expect(await me('wrong-token', '203.0.113.10, 203.0.113.30, 192.0.2.1')).toBe(401);
  });
});

/** GET /api/v1/me from the local address `from` (any of 127.0.0.0/8 is this machine); the status code. */
function meFrom(from: string, token?: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const { port } = new URL(companion!.url);
    const req = request(
      {
        host: '127.0.0.1',
        port,
        path: '/api/v1/me',
        localAddress: from,
        headers: token ? { Authorization: `Bearer ${token}` } : {},
      },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode!));
      },
    );
    req.on('error', reject);
    req.end();
  });
}

describe('from this machine', () => {
  it('every loopback source address is one client: rotating 127.x addresses do not dodge the limit, and a valid token still works', async () => {
    await serveWith({});
    for (let i = 0; i < LIMIT.maxFailures; i++) expect(await meFrom(`127.0.${i}.${i + 2}`)).toBe(401);
    expect(await meFrom('127.0.200.7')).toBe(429);
    expect(await meFrom('127.1.2.3')).toBe(429);
    expect(await meFrom('127.1.2.3', aliceToken)).toBe(200);
  });
});

it('a trusted proxy that is not an IP address stops the start with a message naming the setting', async () => {
  const file = join(dataDir, 'config.json');
  await writeFile(file, JSON.stringify({ trustedProxies: ['proxy.example'] }));
  const result = await runCli(['serve', '--data', dataDir, '--port', '0', '--config', file]);
  expect(result.code).not.toBe(0);
  expect(result.stderr).toContain('trustedProxies.0');
  expect(result.stderr).toContain('must be an IP address');
});
