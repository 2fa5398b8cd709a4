// Requests Node or the Hono adapter cannot turn into a Request get the contract's JSON error, not a bare
// 400 (issue 14: malformed Host values, a body the parser refuses).
import { mkdtemp, readFile } from 'node:fs/promises';
import { connect, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ErrorBody } from '#shared/api';
import { runCli, startCompanion, type CompanionProcess } from '../helpers/companion-process.ts';

let companion: CompanionProcess;
let aliceToken: string;

beforeAll(async () => {
  const dataDir = await mkdtemp(join(tmpdir(), 's3keys-malformed-'));
  await runCli(['demo', '--data', dataDir]);
  aliceToken = JSON.parse(await readFile(join(dataDir, 'demo-tokens.json'), 'utf8')).alice.token;
  companion = await startCompanion(dataDir);
}, 60_000);

afterAll(() => companion?.stop());

/** Writes `text` on a fresh socket and resolves with the status and the parsed error body. */
function raw(text: string): Promise<{ status: number; body: ErrorBody }> {
  return new Promise((resolve, reject) => {
    const socket = connect(companion.port, '127.0.0.1', () => socket.write(text));
    let answer = '';
    socket.on('data', (chunk) => (answer += chunk.toString()));
    socket.on('end', () => {
      const [head = '', body = ''] = answer.split('\r\n\r\n');
      resolve({ status: Number(head.split(' ')[1]), body: ErrorBody.parse(JSON.parse(body)) });
    });
    socket.on('error', reject);
    setTimeout(() => socket.end(), 2000);
  });
}

describe('malformed requests', () => {
  it.each(['[::ffff:127.0.0.1]', 'user@127.0.0.1', 'user:pw@localhost'])(
    'a Host of %s gets 403 host_not_allowed as JSON',
    async (host) => {
      const { status, body } = await raw(
        `GET /api/v1/me HTTP/1.1\r\nHost: ${host}:${companion.port}\r\nConnection: close\r\n\r\n`,
      );
      expect(status).toBe(403);
      expect(body.error.code).toBe('host_not_allowed');
    },
  );

  it('a body the HTTP parser refuses gets 400 invalid_request as JSON', async () => {
    const { status, body } = await raw(
      `GET /api/v1/me HTTP/1.1\r\nHost: 127.0.0.1:${companion.port}\r\nContent-Length: 2\r\nTransfer-Encoding: chunked\r\n\r\n`,
    );
    expect(status).toBe(400);
    expect(body.error.code).toBe('invalid_request');
  });

  it('a HEAD the HTTP parser refuses gets 400 with headers only, which an HTTP client can read', async () => {
    const answer = await new Promise<string>((resolve, reject) => {
      const socket = connect(companion.port, '127.0.0.1', () =>
        socket.write(
          `HEAD /api/v1/me HTTP/1.1\r\nHost: 127.0.0.1:${companion.port}\r\nContent-Length: 2\r\nTransfer-Encoding: chunked\r\n\r\n`,
        ),
      );
      let text = '';
      socket.on('data', (chunk) => (text += chunk.toString()));
      socket.on('end', () => resolve(text));
      socket.on('error', reject);
    });
    const [head, body] = answer.split('\r\n\r\n');
    expect(head).toMatch(/^HTTP\/1\.1 400 /);
    expect(head).toMatch(/content-type: application\/json/i);
    expect(body).toBe('');
  });

  it('with 200 requests sending their bodies slowly, a valid request is still answered at once', async () => {
    const slow: Socket[] = [];
    try {
      for (let i = 0; i < 200; i++) {
        const socket = connect(companion.port, '127.0.0.1', () =>
          socket.write(
            `POST /api/v1/regions/demo-north-1/key HTTP/1.1\r\nHost: 127.0.0.1:${companion.port}\r\n` +
              'Content-Type: application/json\r\nContent-Length: 1000\r\n\r\n{',
          ),
        );
        socket.on('error', () => undefined);
        slow.push(socket);
      }
      const started = performance.now();
      const me = await fetch(`http://127.0.0.1:${companion.port}/api/v1/me`, {
        headers: { Authorization: `Bearer ${aliceToken}` },
      });
      expect(me.status).toBe(200);
      expect(performance.now() - started).toBeLessThan(2000);
    } finally {
      for (const socket of slow) socket.destroy();
    }
  });
});
